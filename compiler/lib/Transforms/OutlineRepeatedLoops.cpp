//===- OutlineRepeatedLoops.cpp - One function for loops that repeat up to their buffers ===//
//
// A network's repeated blocks (the ResNet's BasicBlocks, forward and backward, and eval and
// predict, which run the same forward) become loops that differ only in the buffers they
// read and write: the static memory plan gives each its own workspace view. Each copy would
// be optimized and compiled by LLVM on its own; more than half of the small ResNet's LLVM IR
// was such copies. Here the body of every parallel loop and every top-level serial loop is
// fingerprinted with its captured buffers and values abstracted away; each group of equal
// bodies becomes one private function, called with the views of each site.
//
//===----------------------------------------------------------------------===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

#include "llvm/ADT/MapVector.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_OUTLINEREPEATEDLOOPS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

/// A run of ops that may become a function: the body of a parallel loop (its induction
/// variables become the leading arguments), or one serial loop (its results are returned).
struct Candidate {
  SmallVector<Operation *> ops;
  SmallVector<Value> inductionVariables;
  SmallVector<Value> results;
  /// Values from outside, in order of first use: the other arguments.
  SmallVector<Value> captures;
  /// Constants from outside, in order of first use: cloned into the function.
  SmallVector<Value> constants;
  /// The structure with captures numbered: equal keys mean equal code up to the captures.
  SmallVector<uintptr_t> key;
  int64_t size = 0;
};

/// Whether `value` is a constant the function can make for itself.
bool isMaterializable(Value value) {
  Operation *definition = value.getDefiningOp();
  return definition && definition->hasTrait<OpTrait::ConstantLike>() && definition->getNumOperands() == 0 &&
         definition->getNumRegions() == 0 && definition->getNumResults() == 1;
}

/// Builds a candidate's key. Operation names, attribute dictionaries and types are uniqued in
/// the context, so their pointers compare them exactly; values defined inside are numbered in
/// order of definition, captures in order of first use.
class Fingerprint {
public:
  explicit Fingerprint(Candidate &candidate) : candidate(candidate) {}

  /// False when the ops hold what a function cannot (an OpenMP op, blocks with successors).
  bool build() {
    for (Value variable : candidate.inductionVariables)
      define(variable);
    for (Operation *op : candidate.ops)
      if (!visit(op))
        return false;
    return true;
  }

private:
  void push(const void *pointer) { candidate.key.push_back(reinterpret_cast<uintptr_t>(pointer)); }
  void push(uintptr_t number) { candidate.key.push_back(number); }

  void define(Value value) {
    locals.try_emplace(value, locals.size());
    push(value.getType().getAsOpaquePointer());
  }

  void use(Value value) {
    if (auto local = locals.find(value); local != locals.end()) {
      push(uintptr_t{1});
      push(uintptr_t(local->second));
      return;
    }
    if (isMaterializable(value)) {
      Operation *constant = value.getDefiningOp();
      push(uintptr_t{2});
      push(constant->getName().getAsOpaquePointer());
      push(constant->getAttrDictionary().getAsOpaquePointer());
      push(value.getType().getAsOpaquePointer());
      if (!llvm::is_contained(candidate.constants, value))
        candidate.constants.push_back(value);
      return;
    }
    auto [capture, added] = captureIndex.try_emplace(value, candidate.captures.size());
    if (added)
      candidate.captures.push_back(value);
    push(uintptr_t{3});
    push(uintptr_t(capture->second));
    push(value.getType().getAsOpaquePointer());
  }

  bool visit(Operation *op) {
    if (op->getNumSuccessors() != 0 || llvm::isa<omp::OpenMPDialect>(op->getDialect()))
      return false;
    ++candidate.size;
    push(op->getName().getAsOpaquePointer());
    push(op->getAttrDictionary().getAsOpaquePointer());
    push(uintptr_t(op->getNumOperands()));
    for (Value operand : op->getOperands())
      use(operand);
    push(uintptr_t(op->getNumRegions()));
    for (Region &region : op->getRegions()) {
      if (!region.hasOneBlock())
        return false;
      Block &block = region.front();
      push(uintptr_t(block.getNumArguments()));
      for (Value argument : block.getArguments())
        define(argument);
      for (Operation &nested : block)
        if (!visit(&nested))
          return false;
    }
    push(uintptr_t(op->getNumResults()));
    for (Value result : op->getResults())
      define(result);
    return true;
  }

  Candidate &candidate;
  DenseMap<Value, unsigned> locals;
  DenseMap<Value, unsigned> captureIndex;
};

/// The body of a work-sharing loop, without its terminator.
std::optional<Candidate> loopBody(omp::LoopNestOp loop) {
  if (!loop.getRegion().hasOneBlock())
    return std::nullopt;
  Block &body = loop.getRegion().front();
  if (body.getTerminator()->getNumOperands() != 0)
    return std::nullopt;
  Candidate candidate;
  for (Operation &op : body.without_terminator())
    candidate.ops.push_back(&op);
  candidate.inductionVariables.assign(body.getArguments().begin(), body.getArguments().end());
  return candidate;
}

/// A serial loop at the top of a function, with its results.
Candidate serialLoop(scf::ForOp loop) {
  Candidate candidate;
  candidate.ops.push_back(loop);
  candidate.results.assign(loop->getResults().begin(), loop->getResults().end());
  return candidate;
}

/// A private function holding `candidate`'s ops: (induction variables, captures) -> results.
func::FuncOp outline(OpBuilder &builder, SymbolTable &symbols, const Candidate &candidate) {
  Location loc = candidate.ops.front()->getLoc();
  SmallVector<Type> arguments;
  for (Value value : llvm::concat<const Value>(candidate.inductionVariables, candidate.captures))
    arguments.push_back(value.getType());
  SmallVector<Type> results(ValueRange(candidate.results).getTypes());
  auto function = func::FuncOp::create(loc, "dlm.shared_loop", builder.getFunctionType(arguments, results));
  function.setPrivate();
  symbols.insert(function); // renamed dlm.shared_loop_N where the name is taken
  Block *entry = function.addEntryBlock();
  IRMapping mapping;
  unsigned index = 0;
  for (Value value : llvm::concat<const Value>(candidate.inductionVariables, candidate.captures))
    mapping.map(value, entry->getArgument(index++));
  builder.setInsertionPointToStart(entry);
  for (Value constant : candidate.constants)
    mapping.map(constant, builder.clone(*constant.getDefiningOp())->getResult(0));
  for (Operation *op : candidate.ops)
    builder.clone(*op, mapping);
  SmallVector<Value> returned;
  for (Value result : candidate.results)
    returned.push_back(mapping.lookup(result));
  func::ReturnOp::create(builder, loc, returned);
  return function;
}

/// Replaces the candidate's ops by a call of `function`; `replaced` maps the loop's results to
/// the call's.
void replaceByCall(OpBuilder &builder, Candidate &candidate, func::FuncOp function,
                   DenseMap<Value, Value> &replaced) {
  builder.setInsertionPoint(candidate.ops.front());
  SmallVector<Value> arguments(candidate.inductionVariables);
  arguments.append(candidate.captures);
  auto call = func::CallOp::create(builder, candidate.ops.front()->getLoc(), function, arguments);
  for (auto [result, replacement] : llvm::zip_equal(candidate.results, call.getResults())) {
    result.replaceAllUsesWith(replacement);
    replaced[result] = replacement;
  }
  for (Operation *op : llvm::reverse(candidate.ops))
    op->erase();
}

class OutlineRepeatedLoopsPass : public mlir::dlm::impl::OutlineRepeatedLoopsBase<OutlineRepeatedLoopsPass> {
public:
  using OutlineRepeatedLoopsBase::OutlineRepeatedLoopsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::vector<Candidate> candidates;
    auto consider = [&](Candidate candidate) {
      if (Fingerprint(candidate).build() && candidate.size >= minOps)
        candidates.push_back(std::move(candidate));
    };
    module.walk([&](omp::LoopNestOp loop) {
      if (std::optional<Candidate> candidate = loopBody(loop))
        consider(std::move(*candidate));
    });
    for (auto function : module.getOps<func::FuncOp>())
      if (!function.isExternal())
        for (auto loop : function.getBody().front().getOps<scf::ForOp>())
          consider(serialLoop(loop));

    // Groups in order of first appearance, so that the names are deterministic.
    llvm::MapVector<ArrayRef<uintptr_t>, SmallVector<unsigned>> groups;
    for (auto [index, candidate] : llvm::enumerate(candidates))
      groups[ArrayRef<uintptr_t>(candidate.key)].push_back(index);
    OpBuilder builder(&getContext());
    SymbolTable symbols(module);
    DenseMap<Value, Value> replaced;
    for (auto &[key, members] : groups) {
      if (members.size() < 2)
        continue;
      // A capture may be the result of a loop that an earlier group replaced by a call.
      for (unsigned member : members)
        for (Value &capture : candidates[member].captures)
          capture = replaced.lookup_or(capture, capture);
      func::FuncOp function = outline(builder, symbols, candidates[members.front()]);
      for (unsigned member : members)
        replaceByCall(builder, candidates[member], function, replaced);
    }
  }
};

} // namespace
