//===- DlmInterfaces.td - Interfaces of the dlm dialect ------------------===//

#ifndef DLM_DIALECT_DLM_DLMINTERFACES_TD
#define DLM_DIALECT_DLM_DLMINTERFACES_TD

include "mlir/IR/OpBase.td"

def DifferentiableOpInterface : OpInterface<"DifferentiableOpInterface"> {
  let cppNamespace = "::mlir::dlm";
  let description = [{
    An op that knows its own vector-Jacobian product. Given the adjoint of
    its (single) result, it builds the adjoint of each operand, or a null
    value for operands through which no gradient flows (integer labels, the
    condition of a select, a random key). Adjoints may come back in the
    result's broadcast shape: `dlm-autodiff` reduces them to the operand's
    shape once, generically, so rules never deal with broadcasting.
  }];
  let methods = [
    InterfaceMethod<
      "Builds the adjoints of the operands from `resultAdjoint`.",
      "::llvm::SmallVector<::mlir::Value>", "buildAdjoints",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::Value":$resultAdjoint)>,
  ];
}

#endif // DLM_DIALECT_DLM_DLMINTERFACES_TD
