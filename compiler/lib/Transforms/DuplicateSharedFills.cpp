//===- DuplicateSharedFills.cpp - One linalg.fill per accumulator it initializes ===//

#include "dlm/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_DUPLICATESHAREDFILLS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

class DuplicateSharedFillsPass : public mlir::dlm::impl::DuplicateSharedFillsBase<DuplicateSharedFillsPass> {
public:
  void runOnOperation() override {
    SmallVector<linalg::FillOp> shared;
    getOperation()->walk([&](linalg::FillOp fill) {
      if (fill.hasPureTensorSemantics() && !fill->getResult(0).hasOneUse())
        shared.push_back(fill);
    });
    for (linalg::FillOp fill : shared) {
      auto empty = fill.getOutputs()[0].getDefiningOp<tensor::EmptyOp>();
      // Each op that writes into the filled tensor (its init) gets its own fill (into its own
      // empty tensor) just before it, so the fill is adjacent to the op that accumulates into
      // it. Other uses, such as the slices that write a padded copy's interior in place, keep
      // the original.
      for (OpOperand &use : llvm::make_early_inc_range(fill->getResult(0).getUses())) {
        auto writer = llvm::dyn_cast<DestinationStyleOpInterface>(use.getOwner());
        if (!writer || !writer.isDpsInit(&use) || llvm::isa<tensor::InsertSliceOp>(use.getOwner()))
          continue;
        OpBuilder builder(use.getOwner());
        IRMapping mapping;
        if (empty)
          mapping.map(empty.getResult(), builder.clone(*empty)->getResult(0));
        use.set(builder.clone(*fill, mapping)->getResult(0));
      }
      if (fill->use_empty())
        fill.erase();
      if (empty && empty->use_empty())
        empty.erase();
    }
  }
};

} // namespace
