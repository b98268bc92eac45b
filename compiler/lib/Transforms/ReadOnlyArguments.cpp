//===- ReadOnlyArguments.cpp - Entry arguments are never written ----------===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_READONLYARGUMENTS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

class ReadOnlyArgumentsPass : public mlir::dlm::impl::ReadOnlyArgumentsBase<ReadOnlyArgumentsPass> {
public:
  void runOnOperation() override {
    BoolAttr readOnly = BoolAttr::get(&getContext(), false);
    for (auto function : getOperation().getOps<func::FuncOp>()) {
      if (!function.isPublic() || function.isExternal())
        continue;
      for (unsigned i = 0; i < function.getNumArguments(); ++i)
        if (llvm::isa<TensorType>(function.getArgumentTypes()[i]))
          function.setArgAttr(i, bufferization::BufferizationDialect::kWritableAttrName, readOnly);
    }
  }
};

} // namespace
