//===- ParallelizeOuterLoops.cpp - Which scf.parallel loops stay parallel -===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/IR/IRMapping.h"

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
/// the deepest path. A vector kernel's iteration does far more than a scalar loop's.
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
      if (llvm::isa<scf::ParallelOp, scf::ForOp>(nested))
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

/// Keeps the outermost dimensions of `op` parallel, as few as give `minChunks` iterations, and
/// runs the others as an scf.for nest inside: OpenMP collapses every parallel dimension into
/// one index and recovers each with a division per iteration, which also keeps the innermost
/// loop from being vectorized.
void keepOuterDimensionsParallel(scf::ParallelOp op, int64_t minChunks) {
  unsigned kept = 0;
  int64_t chunks = 1;
  while (kept < op.getNumLoops() && chunks < minChunks) {
    chunks *= tripCount(op.getLowerBound()[kept], op.getUpperBound()[kept], op.getStep()[kept]);
    ++kept;
  }
  if (kept == op.getNumLoops())
    return;
  OpBuilder builder(op);
  scf::ParallelOp::create(
      builder, op.getLoc(), op.getLowerBound().take_front(kept), op.getUpperBound().take_front(kept),
      op.getStep().take_front(kept), [&](OpBuilder &nested, Location loc, ValueRange outerVariables) {
        scf::buildLoopNest(nested, loc, op.getLowerBound().drop_front(kept), op.getUpperBound().drop_front(kept),
                           op.getStep().drop_front(kept),
                           [&](OpBuilder &innermost, Location, ValueRange innerVariables) {
                             IRMapping mapping;
                             mapping.map(ValueRange(op.getInductionVars()).take_front(kept), outerVariables);
                             mapping.map(ValueRange(op.getInductionVars()).drop_front(kept), innerVariables);
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
