//===- CollapseShortRows.cpp - One loop for a reduction's short contiguous output rows ===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_COLLAPSESHORTROWS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

/// The most parallel loops, at least two, that index the output's trailing dimensions in order
/// and that every operand reads as one contiguous run (or not at all), when the last is shorter
/// than `minRow` and every operand's subscripts are plain loops.
std::optional<ReassociationIndices> shortContiguousRows(linalg::GenericOp op, int64_t minRow) {
  if (op.getNumDpsInits() != 1 || op.getNumReductionLoops() == 0 || op.hasIndexSemantics() ||
      op.hasDynamicShape())
    return std::nullopt;
  ArrayRef<AffineExpr> results = op.getMatchingIndexingMap(op.getDpsInitOperand(0)).getResults();
  auto iterators = op.getIteratorTypesArray();
  ReassociationIndices run;
  for (AffineExpr expr : llvm::reverse(results)) {
    auto dim = llvm::dyn_cast<AffineDimExpr>(expr);
    if (!dim || iterators[dim.getPosition()] != utils::IteratorType::parallel ||
        (!run.empty() && dim.getPosition() + 1 != run.front()))
      break;
    run.insert(run.begin(), dim.getPosition());
  }
  if (run.empty() || op.getStaticLoopRanges()[run.back()] >= minRow)
    return std::nullopt;
  // areDimSequencesPreserved looks at plain subscripts only, and collapseOpIterationDims expects
  // nothing else: a window read (y + i) or a kept unit dimension (0) rules the op out.
  if (!llvm::all_of(op.getIndexingMapsArray(), [](AffineMap map) { return map.isProjectedPermutation(); }))
    return std::nullopt;
  for (; run.size() >= 2; run.erase(run.begin()))
    if (linalg::areDimSequencesPreserved(op.getIndexingMapsArray(), {run}))
      return run;
  return std::nullopt;
}

class CollapseShortRowsPass : public mlir::dlm::impl::CollapseShortRowsBase<CollapseShortRowsPass> {
public:
  using CollapseShortRowsBase::CollapseShortRowsBase;

  void runOnOperation() override {
    SmallVector<std::pair<linalg::GenericOp, ReassociationIndices>> candidates;
    getOperation()->walk([&](linalg::GenericOp op) {
      if (std::optional<ReassociationIndices> run = shortContiguousRows(op, minRow))
        candidates.push_back({op, *run});
    });
    IRRewriter rewriter(&getContext());
    for (auto &[op, run] : candidates) {
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::CollapseResult> collapsed = linalg::collapseOpIterationDims(op, {run}, rewriter);
      if (failed(collapsed)) {
        op.emitError("cannot collapse the loops of this generic");
        return signalPassFailure();
      }
      rewriter.replaceOp(op, collapsed->results);
    }
  }
};

} // namespace
