//===- InterchangeForLocality.cpp - Loop order of each linalg.generic -----===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_INTERCHANGEFORLOCALITY
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

/// How many operands read loop `loop` as their last, unit-stride subscript.
unsigned unitStrideReads(linalg::GenericOp op, unsigned loop) {
  unsigned count = 0;
  for (AffineMap map : op.getIndexingMapsArray())
    if (map.getNumResults() > 0)
      if (auto dim = llvm::dyn_cast<AffineDimExpr>(map.getResults().back()))
        count += dim.getPosition() == loop;
  return count;
}

/// The new order: parallel loops, then reductions, then the innermost.
llvm::SmallVector<unsigned> localOrder(linalg::GenericOp op) {
  auto iterators = op.getIteratorTypesArray();
  unsigned loops = iterators.size();
  auto isParallel = [&](unsigned loop) { return iterators[loop] == utils::IteratorType::parallel; };
  unsigned innermost = loops - 1;
  auto better = [&](unsigned a, unsigned b) {
    unsigned readsA = unitStrideReads(op, a), readsB = unitStrideReads(op, b);
    if (readsA != readsB)
      return readsA > readsB;
    return isParallel(a) && !isParallel(b);
  };
  for (unsigned loop = 0; loop < loops; ++loop)
    if (better(loop, innermost))
      innermost = loop;
  llvm::SmallVector<unsigned> order;
  for (bool parallel : {true, false})
    for (unsigned loop = 0; loop < loops; ++loop)
      if (loop != innermost && isParallel(loop) == parallel)
        order.push_back(loop);
  order.push_back(innermost);
  return order;
}

class InterchangeForLocalityPass : public mlir::dlm::impl::InterchangeForLocalityBase<InterchangeForLocalityPass> {
public:
  void runOnOperation() override {
    llvm::SmallVector<linalg::GenericOp> generics;
    getOperation()->walk([&](linalg::GenericOp op) { generics.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : generics) {
      if (op.getNumLoops() < 2)
        continue;
      llvm::SmallVector<unsigned> order = localOrder(op);
      if (llvm::equal(order, llvm::seq<unsigned>(0, order.size())))
        continue;
      rewriter.setInsertionPoint(op);
      if (failed(linalg::interchangeGenericOp(rewriter, op, order))) {
        op.emitError("cannot reorder the loops of this generic");
        return signalPassFailure();
      }
    }
  }
};

} // namespace
