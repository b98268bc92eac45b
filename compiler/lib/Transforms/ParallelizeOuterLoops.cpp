//===- ParallelizeOuterLoops.cpp - Which scf.parallel loops stay parallel -===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

#include "llvm/ADT/TypeSwitch.h"

#include <numeric>

namespace mlir::dlm {
#define GEN_PASS_DEF_PARALLELIZEOUTERLOOPS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

/// The static trip count of a loop dimension, or a large guess if dynamic.
int64_t tripCount(Value lower, Value upper, Value step) {
  auto l = getConstantIntValue(lower), u = getConstantIntValue(upper), s = getConstantIntValue(step);
  if (!l || !u || !s || *s <= 0)
    return 1 << 20;
  return (*u - *l + *s - 1) / *s;
}

/// The work in the nest rooted at `op`: its iterations times the operations in one, counting
/// the deepest path, through ops with regions that are not loops (a memref.alloca_scope). A
/// vector kernel's iteration does far more than a scalar loop's.
int64_t nestWork(Operation *op) {
  int64_t own = 1;
  if (auto parallel = llvm::dyn_cast<scf::ParallelOp>(op))
    for (auto [l, u, s] : llvm::zip(parallel.getLowerBound(), parallel.getUpperBound(), parallel.getStep()))
      own *= tripCount(l, u, s);
  else if (auto loop = llvm::dyn_cast<scf::ForOp>(op))
    own = tripCount(loop.getLowerBound(), loop.getUpperBound(), loop.getStep());
  int64_t inner = 1, operations = 0;
  for (Region &region : op->getRegions())
    for (Operation &nested : region.getOps()) {
      ++operations;
      if (nested.getNumRegions() > 0)
        inner = std::max(inner, nestWork(&nested));
    }
  return std::min<int64_t>(own * std::max(inner, operations), int64_t(1) << 40);
}

/// Replaces a reduction-free scf.parallel by the equivalent scf.for nest.
void serialize(scf::ParallelOp op) {
  OpBuilder builder(op);
  scf::buildLoopNest(builder, op.getLoc(), op.getLowerBound(), op.getUpperBound(), op.getStep(),
                     [&](OpBuilder &nested, Location, ValueRange inductionVariables) {
                       IRMapping mapping;
                       mapping.map(op.getInductionVars(), inductionVariables);
                       for (Operation &inner : op.getBody()->without_terminator())
                         nested.clone(inner, mapping);
                     });
  op.erase();
}

/// The memref an access reads or writes and its indices; null for other operations.
std::pair<Value, ValueRange> accessedMemory(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::pair<Value, ValueRange>>(op)
      .Case([](memref::LoadOp load) { return std::pair{load.getMemRef(), load.getIndices()}; })
      .Case([](memref::StoreOp store) { return std::pair{store.getMemRef(), store.getIndices()}; })
      .Case([](vector::LoadOp load) { return std::pair{load.getBase(), load.getIndices()}; })
      .Case([](vector::StoreOp store) { return std::pair{store.getBase(), store.getIndices()}; })
      .Case([](vector::MaskedLoadOp load) { return std::pair{load.getBase(), load.getIndices()}; })
      .Case([](vector::MaskedStoreOp store) { return std::pair{store.getBase(), store.getIndices()}; })
      .Default([](Operation *) { return std::pair{Value(), ValueRange()}; });
}

/// The dimension of `op` whose induction variable `index` moves along, through offsets,
/// constant strides and one-variable affine maps; none if it depends on no single one.
std::optional<unsigned> inductionDimension(scf::ParallelOp op, Value index) {
  while (Operation *definition = index.getDefiningOp()) {
    if (llvm::isa<arith::AddIOp, arith::MulIOp>(definition)) {
      Value lhs = definition->getOperand(0), rhs = definition->getOperand(1);
      if (getConstantIntValue(rhs))
        index = lhs;
      else if (getConstantIntValue(lhs))
        index = rhs;
      else
        return std::nullopt;
    } else if (auto apply = llvm::dyn_cast<affine::AffineApplyOp>(definition)) {
      if (apply.getMapOperands().size() != 1)
        return std::nullopt;
      index = apply.getMapOperands().front();
    } else {
      return std::nullopt;
    }
  }
  auto argument = llvm::dyn_cast<BlockArgument>(index);
  if (!argument || argument.getOwner() != op.getBody())
    return std::nullopt;
  return argument.getArgNumber();
}

/// The dimension of `op` that walks the outermost dimension of the largest buffer it touches.
/// Splitting the threads' work along it gives each thread its own part of that buffer, the
/// same part in every loop that touches it; any other split has each thread read all of it,
/// half of it last written by the other core, which on this machine costs twice as much.
std::optional<unsigned> ownerDimension(scf::ParallelOp op) {
  int64_t largestBytes = 0;
  std::optional<unsigned> owner;
  op.getBody()->walk([&](Operation *access) {
    auto [memory, indices] = accessedMemory(access);
    if (!memory || indices.empty())
      return;
    auto type = llvm::cast<MemRefType>(memory.getType());
    if (!type.hasStaticShape())
      return;
    int64_t bytes = type.getNumElements() * type.getElementTypeBitWidth() / 8;
    if (bytes <= largestBytes)
      return;
    largestBytes = bytes;
    owner = inductionDimension(op, indices.front());
  });
  return owner;
}

/// Keeps the outermost dimensions of `op` parallel, as few as give `minChunks` iterations, and
/// runs the others as an scf.for nest inside: OpenMP collapses every parallel dimension into
/// one index and recovers each with a division per iteration, which also keeps the innermost
/// loop from being vectorized. The owner dimension (see above) goes first.
void keepOuterDimensionsParallel(scf::ParallelOp op, int64_t minChunks) {
  llvm::SmallVector<unsigned> order(op.getNumLoops());
  std::iota(order.begin(), order.end(), 0);
  if (std::optional<unsigned> owner = ownerDimension(op))
    std::rotate(order.begin(), order.begin() + *owner, order.begin() + *owner + 1);
  unsigned kept = 0;
  int64_t chunks = 1;
  while (kept < op.getNumLoops() && chunks < minChunks) {
    unsigned dimension = order[kept];
    chunks *= tripCount(op.getLowerBound()[dimension], op.getUpperBound()[dimension], op.getStep()[dimension]);
    ++kept;
  }
  bool reordered = !llvm::is_sorted(order);
  if (kept == op.getNumLoops() && !reordered)
    return;
  auto permuted = [&](ValueRange values) {
    return llvm::map_to_vector(order, [&](unsigned dimension) { return values[dimension]; });
  };
  llvm::SmallVector<Value> lower = permuted(op.getLowerBound()), upper = permuted(op.getUpperBound()),
                           step = permuted(op.getStep()), variables = permuted(op.getInductionVars());
  OpBuilder builder(op);
  scf::ParallelOp::create(
      builder, op.getLoc(), llvm::ArrayRef(lower).take_front(kept), llvm::ArrayRef(upper).take_front(kept),
      llvm::ArrayRef(step).take_front(kept), [&](OpBuilder &nested, Location loc, ValueRange outerVariables) {
        scf::buildLoopNest(nested, loc, llvm::ArrayRef(lower).drop_front(kept), llvm::ArrayRef(upper).drop_front(kept),
                           llvm::ArrayRef(step).drop_front(kept),
                           [&](OpBuilder &innermost, Location, ValueRange innerVariables) {
                             IRMapping mapping;
                             mapping.map(llvm::ArrayRef(variables).take_front(kept), outerVariables);
                             mapping.map(llvm::ArrayRef(variables).drop_front(kept), innerVariables);
                             for (Operation &inner : op.getBody()->without_terminator())
                               innermost.clone(inner, mapping);
                           });
      });
  op.erase();
}

class ParallelizeOuterLoopsPass : public mlir::dlm::impl::ParallelizeOuterLoopsBase<ParallelizeOuterLoopsPass> {
public:
  using ParallelizeOuterLoopsBase::ParallelizeOuterLoopsBase;

  void runOnOperation() override {
    llvm::SmallVector<scf::ParallelOp> sequential, parallel;
    getOperation()->walk([&](scf::ParallelOp op) {
      bool nested = op->getParentOfType<scf::ParallelOp>() != nullptr;
      if (nested || nestWork(op) < minWork)
        sequential.push_back(op);
      else
        parallel.push_back(op);
    });
    // The walk is post-order, innermost first: serializing an outer loop clones
    // its body, which must no longer hold loops still to be serialized.
    for (scf::ParallelOp op : sequential) {
      if (!op.getInitVals().empty()) {
        op.emitError("a parallel loop with reductions cannot be serialized here");
        return signalPassFailure();
      }
      serialize(op);
    }
    for (scf::ParallelOp op : parallel)
      if (op.getInitVals().empty())
        keepOuterDimensionsParallel(op, minChunks);
  }
};

} // namespace
