//===- ExportEntryPoints.cpp - The runtime's packed calling convention ----===//
//
// The runtime calls every entry the same way, `void f(void **buffers)`, so
// it needs no knowledge of arities or types beyond the manifest. This pass
// writes those wrappers in the LLVM dialect, after the memref arguments
// have become bare pointers, and embeds the manifest as a global string.
//
//===----------------------------------------------------------------------===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_EXPORTENTRYPOINTS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

class ExportEntryPointsPass : public mlir::dlm::impl::ExportEntryPointsBase<ExportEntryPointsPass> {
public:
  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::SmallVector<LLVM::LLVMFuncOp> entries;
    module.walk([&](LLVM::LLVMFuncOp function) {
      // Only the wrappers are called from outside; the rest may be inlined, specialized or
      // dropped (convert-func-to-llvm does not carry private visibility over).
      if (!function.isExternal())
        function.setLinkage(LLVM::Linkage::Internal);
      if (function->hasAttr("dlm.entry_symbol"))
        entries.push_back(function);
    });
    for (LLVM::LLVMFuncOp function : entries)
      if (failed(wrap(function)))
        return signalPassFailure();
    if (auto manifest = module->getAttrOfType<StringAttr>("dlm.manifest")) {
      embedManifest(module, manifest.getValue());
      module->removeAttr("dlm.manifest");
    }
  }

private:
  LogicalResult wrap(LLVM::LLVMFuncOp function) {
    MLIRContext *context = &getContext();
    auto symbol = function->getAttrOfType<StringAttr>("dlm.entry_symbol");
    function->removeAttr("dlm.entry_symbol");
    LLVM::LLVMFunctionType type = function.getFunctionType();
    if (!llvm::isa<LLVM::LLVMVoidType>(type.getReturnType()))
      return function.emitError("entry '") << symbol.getValue() << "' still returns a value; results must be out-parameters";
    for (Type parameter : type.getParams())
      if (!llvm::isa<LLVM::LLVMPointerType>(parameter))
        return function.emitError("entry '") << symbol.getValue() << "' takes a non-pointer argument " << parameter;
    // The roles the argument attributes carried are in the manifest now.
    function.setArgAttrsAttr(nullptr);

    OpBuilder builder(context);
    builder.setInsertionPointAfter(function);
    Location loc = function.getLoc();
    auto pointer = LLVM::LLVMPointerType::get(context);
    auto wrapperType = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(context), {pointer});
    auto wrapper = LLVM::LLVMFuncOp::create(builder, loc, symbol.getValue(), wrapperType);
    Block *body = wrapper.addEntryBlock(builder);
    builder.setInsertionPointToStart(body);
    llvm::SmallVector<Value> buffers;
    for (unsigned i = 0; i < type.getNumParams(); ++i) {
      Value slot = LLVM::GEPOp::create(builder, loc, pointer, pointer, body->getArgument(0),
                                       llvm::ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(i)});
      buffers.push_back(LLVM::LoadOp::create(builder, loc, pointer, slot));
    }
    LLVM::CallOp::create(builder, loc, function, buffers);
    LLVM::ReturnOp::create(builder, loc, ValueRange{});
    return success();
  }

  void embedManifest(ModuleOp module, llvm::StringRef manifest) {
    OpBuilder builder(module.getBodyRegion());
    std::string text = manifest.str();
    text.push_back('\0');
    auto type = LLVM::LLVMArrayType::get(IntegerType::get(&getContext(), 8), text.size());
    LLVM::GlobalOp::create(builder, module.getLoc(), type, /*isConstant=*/true, LLVM::Linkage::External,
                           "dlm_manifest", builder.getStringAttr(text));
  }
};

} // namespace
