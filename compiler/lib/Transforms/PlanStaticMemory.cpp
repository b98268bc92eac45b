//===- PlanStaticMemory.cpp - Temporaries become views of one static workspace ===//
//
// Each function's temporaries (a memref.alloc in its entry block, freed by one memref.dealloc
// there) get an offset in a workspace global sized for the largest function's peak: two
// temporaries of a function share bytes when their lifetimes (first use to last use, through
// views) do not overlap, and functions share the workspace. The generated code then never calls
// malloc, and a step's pages stay mapped from one call to the next.
//
// The temporaries of one iteration of an scf.forall (allocated and freed in its body) get the
// same plan within the iteration, placed in one stack buffer of the thread that runs it: the
// iterations of a parallel loop run at the same time, so they cannot share the workspace.
//
//===----------------------------------------------------------------------===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_PLANSTATICMEMORY
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

/// Workspace offsets are multiples of a cache line, which is also an AVX-512 register.
constexpr int64_t workspaceAlignment = 64;

/// One temporary: its allocation, its release and its place in the workspace.
struct Temporary {
  memref::AllocOp allocation;
  memref::DeallocOp release;
  int64_t begin, end; // the block's ops [begin, end) that use it
  int64_t bytes;
  int64_t offset = 0;
};

/// The span of the block's ops that use `allocation` or any buffer derived from it: an op whose
/// memref results take the buffer as an operand (a view, a cast) may alias it. The release is
/// not a use. (Buffer deallocation frees every temporary at the end of its block, so the
/// releases alone would keep all of a step's temporaries live at once.)
std::pair<int64_t, int64_t> usedSpan(memref::AllocOp allocation, Block &block,
                                     const DenseMap<Operation *, int64_t> &position) {
  int64_t first = position.lookup(allocation), last = first;
  SmallVector<Value> buffers = {allocation.getResult()};
  while (!buffers.empty()) {
    Value buffer = buffers.pop_back_val();
    for (Operation *user : buffer.getUsers()) {
      if (llvm::isa<memref::DeallocOp>(user))
        continue;
      int64_t at = position.lookup(block.findAncestorOpInBlock(*user));
      first = std::min(first, at);
      last = std::max(last, at);
      for (Value result : user->getResults())
        if (llvm::isa<BaseMemRefType>(result.getType()))
          buffers.push_back(result);
    }
  }
  return {first, last + 1};
}

/// The temporaries of `block` the plan can place: static, contiguous, allocated and freed in it.
SmallVector<Temporary> collectTemporaries(Block &block) {
  DenseMap<Operation *, int64_t> position;
  for (auto [index, op] : llvm::enumerate(block))
    position[&op] = int64_t(index);
  SmallVector<Temporary> temporaries;
  for (auto allocation : block.getOps<memref::AllocOp>()) {
    MemRefType type = allocation.getType();
    if (!type.hasStaticShape() || !type.getLayout().isIdentity() || !type.getElementType().isIntOrFloat())
      continue;
    memref::DeallocOp release;
    int64_t releases = 0;
    for (Operation *user : allocation->getUsers())
      if (auto dealloc = llvm::dyn_cast<memref::DeallocOp>(user)) {
        release = dealloc;
        ++releases;
      }
    if (releases != 1 || release->getBlock() != allocation->getBlock())
      continue;
    int64_t bytes = type.getNumElements() * llvm::divideCeil(type.getElementTypeBitWidth(), 8);
    auto [begin, end] = usedSpan(allocation, block, position);
    temporaries.push_back({allocation, release, begin, end, int64_t(llvm::alignTo(bytes, workspaceAlignment))});
  }
  return temporaries;
}

/// The attribute of the `sample` entry (its data fields), which the runtime calls on several
/// threads at once: its temporaries cannot share one workspace.
constexpr llvm::StringLiteral reentrantAttribute = "dlm.fields";
/// The most bytes of temporaries such an entry keeps on the stack.
constexpr int64_t maxStackBytes = 1 << 20;

/// Allocates each temporary on the stack of the calling thread instead.
void placeOnStack(MutableArrayRef<Temporary> temporaries) {
  for (Temporary &temporary : temporaries) {
    OpBuilder builder(temporary.allocation);
    auto stack = memref::AllocaOp::create(builder, temporary.allocation.getLoc(), temporary.allocation.getType(),
                                          temporary.allocation.getAlignmentAttr());
    temporary.allocation.replaceAllUsesWith(stack.getResult());
    temporary.allocation.erase();
    temporary.release.erase();
  }
}

/// Places each temporary at the lowest offset free of every temporary live at the same time
/// (first fit in allocation order); returns the workspace size.
int64_t assignOffsets(MutableArrayRef<Temporary> temporaries) {
  int64_t size = 0;
  for (auto [index, temporary] : llvm::enumerate(temporaries)) {
    SmallVector<std::pair<int64_t, int64_t>> taken;
    for (const Temporary &placed : temporaries.take_front(index))
      if (placed.begin < temporary.end && temporary.begin < placed.end)
        taken.push_back({placed.offset, placed.offset + placed.bytes});
    llvm::sort(taken);
    int64_t offset = 0;
    for (auto [takenBegin, takenEnd] : taken) {
      if (offset + temporary.bytes <= takenBegin)
        break;
      offset = std::max(offset, takenEnd);
    }
    temporary.offset = offset;
    size = std::max(size, offset + temporary.bytes);
  }
  return size;
}

/// Replaces each temporary by a view of the byte buffer `base` at its offset.
void placeTemporaries(MutableArrayRef<Temporary> temporaries, Value base) {
  OpBuilder builder(base.getContext());
  for (Temporary &temporary : temporaries) {
    builder.setInsertionPoint(temporary.allocation);
    Value offset = arith::ConstantIndexOp::create(builder, temporary.allocation.getLoc(), temporary.offset);
    Value view = memref::ViewOp::create(builder, temporary.allocation.getLoc(), temporary.allocation.getType(), base,
                                        offset, ValueRange());
    temporary.release.erase();
    temporary.allocation.replaceAllUsesWith(view);
    temporary.allocation.erase();
  }
}

/// Plans the temporaries of one iteration of `loop` in a buffer on the stack of the thread
/// that runs it, inside a memref.alloca_scope around the body, which frees it when the
/// iteration ends. Larger plans stay on the heap.
void placeIterationTemporaries(scf::ForallOp loop) {
  Block &body = *loop.getBody();
  SmallVector<Temporary> temporaries = collectTemporaries(body);
  if (temporaries.empty())
    return;
  int64_t size = assignOffsets(temporaries);
  if (size > maxStackBytes)
    return;
  Location loc = loop.getLoc();
  OpBuilder builder = OpBuilder::atBlockBegin(&body);
  auto scope = memref::AllocaScopeOp::create(builder, loc, TypeRange());
  Block *scopeBody = builder.createBlock(&scope.getBodyRegion());
  scopeBody->getOperations().splice(scopeBody->end(), body.getOperations(), std::next(scope->getIterator()),
                                    body.getTerminator()->getIterator());
  memref::AllocaScopeReturnOp::create(builder, loc);
  builder.setInsertionPointToStart(scopeBody);
  auto bytes = MemRefType::get({size}, builder.getI8Type());
  placeTemporaries(temporaries,
                   memref::AllocaOp::create(builder, loc, bytes, builder.getI64IntegerAttr(workspaceAlignment)));
}

class PlanStaticMemoryPass : public mlir::dlm::impl::PlanStaticMemoryBase<PlanStaticMemoryPass> {
public:
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<std::pair<func::FuncOp, SmallVector<Temporary>>> plans;
    for (auto function : module.getOps<func::FuncOp>()) {
      if (function.isExternal())
        continue;
      function.walk(placeIterationTemporaries);
      SmallVector<Temporary> temporaries = collectTemporaries(function.getBody().front());
      if (temporaries.empty())
        continue;
      if (function->hasAttr(reentrantAttribute)) {
        // Larger temporaries stay on the heap: an OpenMP worker's stack is 8 MiB by default
        // (libomp 22), shared with every frame below.
        int64_t bytes = 0;
        for (const Temporary &temporary : temporaries)
          bytes += temporary.bytes;
        if (bytes <= maxStackBytes)
          placeOnStack(temporaries);
        continue;
      }
      plans.emplace_back(function, std::move(temporaries));
    }
    if (plans.empty())
      return;
    // Entries never run at the same time and never call one another, so all of them share one
    // workspace, as large as the largest plan: the pages one entry faulted in serve the next.
    // A function that others call would overwrite its callers' temporaries: each of those gets
    // a workspace of its own. (Nothing here is recursive.)
    llvm::DenseSet<StringRef> called;
    module.walk([&](func::CallOp call) { called.insert(call.getCallee()); });
    SymbolTable symbols(module);
    OpBuilder builder(module.getBodyRegion());
    auto createWorkspace = [&](llvm::StringRef name, int64_t size) {
      auto workspace = memref::GlobalOp::create(
          builder, module.getLoc(), name, builder.getStringAttr("private"), MemRefType::get({size}, builder.getI8Type()),
          builder.getUnitAttr(), /*constant=*/false, builder.getI64IntegerAttr(workspaceAlignment));
      symbols.insert(workspace);
      return workspace;
    };
    int64_t largest = 0;
    for (auto &[function, temporaries] : plans) {
      int64_t size = assignOffsets(temporaries);
      if (!called.contains(function.getName()))
        largest = std::max(largest, size);
    }
    memref::GlobalOp shared;
    for (auto &[function, temporaries] : plans) {
      memref::GlobalOp workspace = shared;
      if (called.contains(function.getName())) {
        int64_t size = 0;
        for (const Temporary &temporary : temporaries)
          size = std::max(size, temporary.offset + temporary.bytes);
        builder.setInsertionPoint(function);
        workspace = createWorkspace((function.getName() + ".workspace").str(), size);
      } else if (!shared) {
        builder.setInsertionPointToStart(module.getBody());
        workspace = shared = createWorkspace("dlm.workspace", largest);
      }
      OpBuilder entryBuilder = OpBuilder::atBlockBegin(&function.getBody().front());
      placeTemporaries(temporaries, memref::GetGlobalOp::create(entryBuilder, function.getLoc(), workspace.getType(),
                                                                workspace.getSymName()));
    }
  }
};

} // namespace
