//===- DlmDialect.td - The dlm tensor dialect ----------------------------===//
//
// The dialect sema's elaborated programs are translated into: value-semantic
// operations on statically shaped builtin tensors, one per deep-learning
// primitive, each carrying the .dlm location it came from.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_DIALECT_DLM_DLMDIALECT_TD
#define DLM_DIALECT_DLM_DLMDIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/EnumAttr.td"

def Dlm_Dialect : Dialect {
  let name = "dlm";
  let cppNamespace = "::mlir::dlm";
  let summary = "Tensor operations of deep-learning models, with their derivatives";
  let description = [{
    The `dlm` dialect holds a model's forward computation, its adjoints (after
    `dlm-autodiff`) and its optimizer update, on ranked, statically shaped
    tensors. Elementwise operations broadcast like numpy; contractions and
    reductions written in index notation become `dlm.contract`.
  }];
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::math::MathDialect"];
}

class Dlm_Op<string mnemonic, list<Trait> traits = []> : Op<Dlm_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Dlm_ComparisonPredicate : I32EnumAttr<"ComparisonPredicate", "an elementwise comparison", [
  I32EnumAttrCase<"eq", 0>, I32EnumAttrCase<"ne", 1>, I32EnumAttrCase<"lt", 2>,
  I32EnumAttrCase<"le", 3>, I32EnumAttrCase<"gt", 4>, I32EnumAttrCase<"ge", 5>]> {
  let cppNamespace = "::mlir::dlm";
}

def Dlm_ReductionKind : I32EnumAttr<"ReductionKind", "how a reduction combines values", [
  I32EnumAttrCase<"sum", 0>, I32EnumAttrCase<"mean", 1>, I32EnumAttrCase<"max", 2>,
  I32EnumAttrCase<"min", 3>, I32EnumAttrCase<"prod", 4>]> {
  let cppNamespace = "::mlir::dlm";
}

def Dlm_Distribution : I32EnumAttr<"Distribution", "a distribution of random numbers", [
  I32EnumAttrCase<"normal", 0>, I32EnumAttrCase<"uniform", 1>, I32EnumAttrCase<"bernoulli", 2>]> {
  let cppNamespace = "::mlir::dlm";
}

#endif // DLM_DIALECT_DLM_DLMDIALECT_TD
