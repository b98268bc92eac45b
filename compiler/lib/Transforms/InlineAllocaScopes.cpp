//===- InlineAllocaScopes.cpp - memref.alloca_scope as a stack save and restore ===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_INLINEALLOCASCOPES
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

class InlineAllocaScopesPass : public mlir::dlm::impl::InlineAllocaScopesBase<InlineAllocaScopesPass> {
public:
  void runOnOperation() override {
    SmallVector<memref::AllocaScopeOp> scopes;
    getOperation()->walk([&](memref::AllocaScopeOp scope) { scopes.push_back(scope); });
    for (memref::AllocaScopeOp scope : scopes) {
      if (scope->getNumResults() != 0) {
        scope.emitError("an alloca scope with results cannot be inlined here");
        return signalPassFailure();
      }
      OpBuilder builder(scope);
      Location loc = scope.getLoc();
      Value stack = LLVM::StackSaveOp::create(builder, loc, LLVM::LLVMPointerType::get(builder.getContext()));
      Block &body = scope.getBodyRegion().front();
      Operation *end = body.getTerminator();
      builder.setInsertionPoint(end);
      LLVM::StackRestoreOp::create(builder, loc, stack);
      end->erase();
      scope->getBlock()->getOperations().splice(scope->getIterator(), body.getOperations());
      scope.erase();
    }
  }
};

} // namespace
