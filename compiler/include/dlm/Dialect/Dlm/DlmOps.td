//===- DlmOps.td - Operations of the dlm dialect -------------------------===//
//
// Every op states its shape rule once, in a shape function (DlmOps.cpp) that
// serves both result-type inference and verification through
// InferTypeOpInterface; `hasVerifier` is used only for rules about attributes.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_DIALECT_DLM_DLMOPS_TD
#define DLM_DIALECT_DLM_DLMOPS_TD

include "dlm/Dialect/Dlm/DlmDialect.td"
include "dlm/Dialect/Dlm/DlmInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributes.td"

def Dlm_Tensor : RankedTensorOf<[AnyFloat, AnySignlessInteger, I1]>;
def Dlm_FloatTensor : RankedTensorOf<[AnyFloat]>;

class Dlm_InferredOp<string mnemonic, list<Trait> traits = []>
    : Dlm_Op<mnemonic, !listconcat(traits, [Pure, InferTypeOpAdaptor])>;

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def Dlm_ConstantOp : Dlm_Op<"constant", [Pure, ConstantLike, AllTypesMatch<["value", "result"]>]> {
  let summary = "a constant tensor";
  let description = [{
    A tensor whose elements are known at compile time (splat or dense).

    ```mlir
    %zero = dlm.constant dense<0.0> : tensor<64x10xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise operations (numpy broadcasting)
//===----------------------------------------------------------------------===//

class Dlm_BroadcastingBinaryOp<string mnemonic, string what, list<Trait> traits = []>
    : Dlm_InferredOp<mnemonic, !listconcat(traits, [DeclareOpInterfaceMethods<DifferentiableOpInterface>])> {
  let summary = "elementwise " # what # " with broadcasting";
  let description = [{
    Applies the operation elementwise after broadcasting both operands to a
    common shape: trailing dimensions are aligned and an extent of 1
    stretches. Both operands have the same element type.

    ```mlir
    %y = dlm.}] # mnemonic # [{ %a, %b : (tensor<64x10xf32>, tensor<10xf32>) -> tensor<64x10xf32>
    ```
  }];
  let arguments = (ins Dlm_Tensor:$lhs, Dlm_Tensor:$rhs);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

let hasFolder = 1 in {
def Dlm_AddOp : Dlm_BroadcastingBinaryOp<"add", "addition", [Commutative]>;
def Dlm_SubOp : Dlm_BroadcastingBinaryOp<"sub", "subtraction">;
def Dlm_MulOp : Dlm_BroadcastingBinaryOp<"mul", "multiplication", [Commutative]>;
def Dlm_DivOp : Dlm_BroadcastingBinaryOp<"div", "division">;
}
def Dlm_RemOp : Dlm_BroadcastingBinaryOp<"rem", "remainder">;
def Dlm_PowOp : Dlm_BroadcastingBinaryOp<"pow", "power">;
def Dlm_MaxOp : Dlm_BroadcastingBinaryOp<"max", "maximum", [Commutative]>;
def Dlm_MinOp : Dlm_BroadcastingBinaryOp<"min", "minimum", [Commutative]>;
def Dlm_AndOp : Dlm_BroadcastingBinaryOp<"and", "logical and of bools", [Commutative]>;
def Dlm_OrOp : Dlm_BroadcastingBinaryOp<"or", "logical or of bools", [Commutative]>;

def Dlm_CompareOp : Dlm_InferredOp<"compare"> {
  let summary = "elementwise comparison with broadcasting";
  let description = [{
    Compares two tensors elementwise after broadcasting; the result is `i1`.

    ```mlir
    %hit = dlm.compare eq, %predicted, %labels : (tensor<64xi32>, tensor<64xi32>) -> tensor<64xi1>
    ```
  }];
  let arguments = (ins Dlm_ComparisonPredicate:$predicate, Dlm_Tensor:$lhs, Dlm_Tensor:$rhs);
  let results = (outs TensorOf<[I1]>:$result);
  let assemblyFormat = "$predicate `,` $lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def Dlm_SelectOp : Dlm_InferredOp<"select", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "elementwise choice between two tensors";
  let description = [{
    `condition ? on_true : on_false`, elementwise, with all three operands
    broadcast to a common shape.

    ```mlir
    %y = dlm.select %mask, %x, %zero : (tensor<64x10xi1>, tensor<64x10xf32>, tensor<f32>) -> tensor<64x10xf32>
    ```
  }];
  let arguments = (ins TensorOf<[I1]>:$condition, Dlm_Tensor:$on_true, Dlm_Tensor:$on_false);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "$condition `,` $on_true `,` $on_false attr-dict `:` functional-type(operands, results)";
}

class Dlm_UnaryOp<string mnemonic, string what, list<Trait> traits = []>
    : Dlm_InferredOp<mnemonic, !listconcat(traits, [DeclareOpInterfaceMethods<DifferentiableOpInterface>])> {
  let summary = what # ", elementwise";
  let description = [{
    Applies the function to every element; the result has the operand's type.

    ```mlir
    %y = dlm.}] # mnemonic # [{ %x : (tensor<64x256xf32>) -> tensor<64x256xf32>
    ```
  }];
  let arguments = (ins Dlm_Tensor:$input);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Dlm_NegOp : Dlm_UnaryOp<"neg", "negation">;
def Dlm_ExpOp : Dlm_UnaryOp<"exp", "the exponential">;
def Dlm_LogOp : Dlm_UnaryOp<"log", "the natural logarithm">;
def Dlm_SqrtOp : Dlm_UnaryOp<"sqrt", "the square root">;
def Dlm_RsqrtOp : Dlm_UnaryOp<"rsqrt", "the reciprocal square root">;
def Dlm_AbsOp : Dlm_UnaryOp<"abs", "the absolute value">;
def Dlm_SignOp : Dlm_UnaryOp<"sign", "the sign (-1, 0 or 1)">;
def Dlm_TanhOp : Dlm_UnaryOp<"tanh", "the hyperbolic tangent">;
def Dlm_SigmoidOp : Dlm_UnaryOp<"sigmoid", "the logistic function 1 / (1 + exp(-x))">;
def Dlm_ReluOp : Dlm_UnaryOp<"relu", "max(x, 0)">;
def Dlm_GeluOp : Dlm_UnaryOp<"gelu", "the exact GELU, x * Phi(x)">;
def Dlm_SoftplusOp : Dlm_UnaryOp<"softplus", "log(1 + exp(x)), computed stably">;
def Dlm_SinOp : Dlm_UnaryOp<"sin", "the sine">;
def Dlm_CosOp : Dlm_UnaryOp<"cos", "the cosine">;
def Dlm_ErfOp : Dlm_UnaryOp<"erf", "the error function">;
def Dlm_FloorOp : Dlm_UnaryOp<"floor", "rounding down">;
def Dlm_NotOp : Dlm_UnaryOp<"not", "logical negation of bools">;
def Dlm_StopGradientOp : Dlm_UnaryOp<"stopgrad", "the identity, through which no gradient flows">;

def Dlm_LeakyReluOp : Dlm_InferredOp<"leaky_relu", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "x if x > 0 else slope * x, elementwise";
  let description = [{
    ```mlir
    %y = dlm.leaky_relu %x {slope = 0.01 : f64} : (tensor<64x256xf32>) -> tensor<64x256xf32>
    ```
  }];
  let arguments = (ins Dlm_FloatTensor:$input, F64Attr:$slope);
  let results = (outs Dlm_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Dlm_EluOp : Dlm_InferredOp<"elu", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "x if x > 0 else alpha * (exp(x) - 1), elementwise";
  let description = [{
    ```mlir
    %y = dlm.elu %x {alpha = 1.0 : f64} : (tensor<64x256xf32>) -> tensor<64x256xf32>
    ```
  }];
  let arguments = (ins Dlm_FloatTensor:$input, F64Attr:$alpha);
  let results = (outs Dlm_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Dlm_ConvertOp : Dlm_Op<"convert", [Pure, DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "element type conversion";
  let description = [{
    Converts every element to the result's element type (floats truncate
    toward zero when converted to integers; bools become 0 or 1).

    ```mlir
    %f = dlm.convert %labels : (tensor<64xi32>) -> tensor<64xf32>
    ```
  }];
  let arguments = (ins Dlm_Tensor:$input);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

def Dlm_ReduceOp : Dlm_InferredOp<"reduce", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "reduction over a set of axes";
  let description = [{
    Combines the elements along `axes` with `kind` (sum, mean, max, min or
    prod). With `keepdims` the reduced axes stay, with extent 1.

    ```mlir
    %m = dlm.reduce mean %x {axes = array<i64: 0, 2, 3>, keepdims = false}
        : (tensor<64x32x28x28xf32>) -> tensor<32xf32>
    ```
  }];
  let arguments = (ins Dlm_ReductionKind:$kind, Dlm_Tensor:$input, DenseI64ArrayAttr:$axes,
                       DefaultValuedAttr<BoolAttr, "false">:$keepdims);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "$kind $input attr-dict `:` functional-type(operands, results)";
}

def Dlm_ArgMaxOp : Dlm_InferredOp<"argmax"> {
  let summary = "index of the largest element along an axis";
  let description = [{
    The first index of the maximum along `axis`, as `i32`.

    ```mlir
    %predicted = dlm.argmax %logits {axis = 1 : i64} : (tensor<64x10xf32>) -> tensor<64xi32>
    ```
  }];
  let arguments = (ins Dlm_Tensor:$input, I64Attr:$axis);
  let results = (outs TensorOf<[I32]>:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def Dlm_MatMulOp : Dlm_InferredOp<"matmul", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "matrix product with batch broadcasting";
  let description = [{
    `[..., M, K] x [..., K, N] -> [..., M, N]`; leading batch dimensions
    broadcast.

    ```mlir
    %y = dlm.matmul %x, %w : (tensor<64x784xf32>, tensor<784x256xf32>) -> tensor<64x256xf32>
    ```
  }];
  let arguments = (ins Dlm_FloatTensor:$lhs, Dlm_FloatTensor:$rhs);
  let results = (outs Dlm_FloatTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def Dlm_ContractOp : Dlm_Op<"contract", [Pure, SingleBlock, DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "index notation: a generalized contraction or reduction";
  let description = [{
    The target of `.dlm` index notation. Each input is read through an affine
    map from the iteration space (the output's indices first, then the
    reduced ones); the body computes one term from the scalars read, and the
    terms are combined over the reduced indices with `kind`.
    `y[n, o] = sum(i) x[n, i] * w[o, i]` becomes:

    ```mlir
    %y = dlm.contract sum (%x, %w) {
           indexing_maps = [affine_map<(n, o, i) -> (n, i)>, affine_map<(n, o, i) -> (o, i)>],
           output_rank = 2 : i64}
         : (tensor<64x784xf32>, tensor<256x784xf32>) -> tensor<64x256xf32> {
    ^bb0(%a: f32, %b: f32):
      %p = arith.mulf %a, %b : f32
      dlm.yield %p : f32
    }
    ```
    Dimensions with no reduction (`output_rank` equal to the iteration rank)
    make it an elementwise map.
  }];
  let arguments = (ins Dlm_ReductionKind:$kind, Variadic<Dlm_Tensor>:$inputs, AffineMapArrayAttr:$indexing_maps,
                       I64Attr:$output_rank);
  let results = (outs Dlm_Tensor:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$kind ` ` `(` $inputs `)` attr-dict `:` functional-type($inputs, results) $body";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The extent of every iteration dimension (output first, then reduced),
    /// read off the result and the inputs; -1 where no plain use fixes it.
    ::llvm::SmallVector<int64_t> getIterationExtents();
    /// How many points each output element reduces over.
    int64_t getReducedCount();
  }];
}

def Dlm_YieldOp : Dlm_Op<"yield", [Pure, Terminator, HasParent<"ContractOp">]> {
  let summary = "the term computed by a dlm.contract body";
  let description = [{
    ```mlir
    dlm.yield %p : f32
    ```
  }];
  let arguments = (ins AnyType:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

def Dlm_ReshapeOp : Dlm_Op<"reshape", [Pure, DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "the same elements in a different shape";
  let description = [{
    Row-major reinterpretation; the element counts must match.

    ```mlir
    %flat = dlm.reshape %h : (tensor<64x16x5x5xf32>) -> tensor<64x400xf32>
    ```
  }];
  let arguments = (ins Dlm_Tensor:$input);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Dlm_TransposeOp : Dlm_InferredOp<"transpose", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "a permutation of the dimensions";
  let description = [{
    Result dimension `i` is input dimension `permutation[i]`.

    ```mlir
    %t = dlm.transpose %w {permutation = array<i64: 1, 0>} : (tensor<256x784xf32>) -> tensor<784x256xf32>
    ```
  }];
  let arguments = (ins Dlm_Tensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Dlm_BroadcastOp : Dlm_Op<"broadcast", [Pure, DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "numpy broadcasting to an explicit shape";
  let description = [{
    ```mlir
    %b = dlm.broadcast %bias : (tensor<10xf32>) -> tensor<64x10xf32>
    ```
  }];
  let arguments = (ins Dlm_Tensor:$input);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Dlm_SliceOp : Dlm_InferredOp<"slice", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "a strided box of a tensor";
  let description = [{
    Takes `[start, limit)` with `stride` along every dimension.

    ```mlir
    %s = dlm.slice %x {start = array<i64: 0, 0>, limit = array<i64: 64, 5>, stride = array<i64: 1, 1>}
        : (tensor<64x10xf32>) -> tensor<64x5xf32>
    ```
  }];
  let arguments = (ins Dlm_Tensor:$input, DenseI64ArrayAttr:$start, DenseI64ArrayAttr:$limit,
                       DenseI64ArrayAttr:$stride);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Dlm_ConcatOp : Dlm_InferredOp<"concat", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "joining tensors along an axis";
  let description = [{
    ```mlir
    %c = dlm.concat %a, %b {axis = 1 : i64} : (tensor<64x32x7x7xf32>, tensor<64x16x7x7xf32>) -> tensor<64x48x7x7xf32>
    ```
  }];
  let arguments = (ins Variadic<Dlm_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
}

def Dlm_PadOp : Dlm_InferredOp<"pad", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "constant padding before and after each dimension";
  let description = [{
    ```mlir
    %p = dlm.pad %x {low = array<i64: 0, 0, 1, 1>, high = array<i64: 0, 0, 1, 1>, value = 0.0 : f64}
        : (tensor<64x3x8x8xf32>) -> tensor<64x3x10x10xf32>
    ```
  }];
  let arguments = (ins Dlm_Tensor:$input, DenseI64ArrayAttr:$low, DenseI64ArrayAttr:$high, F64Attr:$value);
  let results = (outs Dlm_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Convolution and pooling
//===----------------------------------------------------------------------===//

def Dlm_ConvOp : Dlm_InferredOp<"conv", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "N-d convolution with stride, padding, dilation and groups";
  let description = [{
    Input `[N, C, spatial...]`, filter `[O, C / groups, kernel...]`, result
    `[N, O, out...]` with `out = (in + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1`.

    ```mlir
    %y = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 2, 2>,
                          dilation = array<i64: 1, 1>, groups = 1 : i64}
        : (tensor<64x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<64x6x28x28xf32>
    ```
  }];
  let arguments = (ins Dlm_FloatTensor:$input, Dlm_FloatTensor:$filter, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation, I64Attr:$groups);
  let results = (outs Dlm_FloatTensor:$result);
  let assemblyFormat = "$input `,` $filter attr-dict `:` functional-type(operands, results)";
}

class Dlm_PoolOp<string mnemonic, string what>
    : Dlm_InferredOp<mnemonic, [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = what # " pooling over N-d windows";
  let description = [{
    Input `[N, C, spatial...]`; one window extent, stride and padding per
    spatial dimension.

    ```mlir
    %p = dlm.}] # mnemonic # [{ %x {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>}
        : (tensor<64x6x28x28xf32>) -> tensor<64x6x14x14xf32>
    ```
  }];
  let arguments = (ins Dlm_FloatTensor:$input, DenseI64ArrayAttr:$window, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding);
  let results = (outs Dlm_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Dlm_MaxPoolOp : Dlm_PoolOp<"maxpool", "maximum">;
def Dlm_AvgPoolOp : Dlm_PoolOp<"avgpool", "average">;

class Dlm_ConvBackwardOp<string mnemonic, string what, string operands> : Dlm_Op<mnemonic, [Pure]> {
  let summary = "the adjoint of a convolution's " # what;
  let description = [{
    Produced by `dlm-autodiff` from `dlm.conv` (same attributes). The result
    has the shape of the convolution's }] # what # [{; the verifier checks it
    against the convolution that the operands imply.

    ```mlir
    %g = dlm.}] # mnemonic # [{ }] # operands # [{ {stride = array<i64: 1, 1>, padding = array<i64: 2, 2>,
                                 dilation = array<i64: 1, 1>, groups = 1 : i64} : ...
    ```
  }];
  let results = (outs Dlm_FloatTensor:$result);
  let hasVerifier = 1;
}

def Dlm_ConvBackwardInputOp : Dlm_ConvBackwardOp<"conv_backward_input", "input", "%grad_out, %filter"> {
  let arguments = (ins Dlm_FloatTensor:$grad_output, Dlm_FloatTensor:$filter, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation, I64Attr:$groups);
  let assemblyFormat = "$grad_output `,` $filter attr-dict `:` functional-type(operands, results)";
}

def Dlm_ConvBackwardFilterOp : Dlm_ConvBackwardOp<"conv_backward_filter", "filter", "%input, %grad_out"> {
  let arguments = (ins Dlm_FloatTensor:$input, Dlm_FloatTensor:$grad_output, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation, I64Attr:$groups);
  let assemblyFormat = "$input `,` $grad_output attr-dict `:` functional-type(operands, results)";
}

def Dlm_PoolBackwardOp : Dlm_Op<"pool_backward", [Pure]> {
  let summary = "the adjoint of max or average pooling";
  let description = [{
    Produced by `dlm-autodiff`. For `max`, each window's gradient goes to
    the first position that attains the window's maximum in `input`; for
    `mean`, it is spread evenly (padding counts as part of the window).

    ```mlir
    %g = dlm.pool_backward max %x, %grad_out {window = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                                              padding = array<i64: 0, 0>}
        : (tensor<64x6x28x28xf32>, tensor<64x6x14x14xf32>) -> tensor<64x6x28x28xf32>
    ```
  }];
  let arguments = (ins Dlm_ReductionKind:$kind, Dlm_FloatTensor:$input, Dlm_FloatTensor:$grad_output,
                       DenseI64ArrayAttr:$window, DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding);
  let results = (outs Dlm_FloatTensor:$result);
  let assemblyFormat = "$kind $input `,` $grad_output attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Normalized exponentials and losses
//===----------------------------------------------------------------------===//

class Dlm_SoftmaxLikeOp<string mnemonic, string what> : Dlm_InferredOp<mnemonic, [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = what # " along an axis, computed stably";
  let description = [{
    ```mlir
    %p = dlm.}] # mnemonic # [{ %logits {axis = 1 : i64} : (tensor<64x10xf32>) -> tensor<64x10xf32>
    ```
  }];
  let arguments = (ins Dlm_FloatTensor:$input, I64Attr:$axis);
  let results = (outs Dlm_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Dlm_SoftmaxOp : Dlm_SoftmaxLikeOp<"softmax", "softmax">;
def Dlm_LogSoftmaxOp : Dlm_SoftmaxLikeOp<"log_softmax", "log-softmax">;

def Dlm_CrossEntropyOp : Dlm_InferredOp<"cross_entropy", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "mean softmax cross-entropy, fused and numerically stable";
  let description = [{
    `mean_n(logsumexp(logits[n]) - logits[n, labels[n]])` for integer class
    labels `[N]`, or `mean_n(-sum_c labels[n, c] * log_softmax(logits)[n, c])`
    for probabilities `[N, C]`.

    ```mlir
    %loss = dlm.cross_entropy %logits, %labels : (tensor<64x10xf32>, tensor<64xi32>) -> tensor<f32>
    ```
  }];
  let arguments = (ins Dlm_FloatTensor:$logits, Dlm_Tensor:$labels);
  let results = (outs 0DTensorOf<[AnyFloat]>:$result);
  let assemblyFormat = "$logits `,` $labels attr-dict `:` functional-type(operands, results)";
}

def Dlm_BceWithLogitsOp : Dlm_InferredOp<"bce_logits", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "mean binary cross-entropy on logits, numerically stable";
  let description = [{
    `mean(max(x, 0) - x * t + log(1 + exp(-|x|)))`, with the targets
    broadcast to the logits' shape.

    ```mlir
    %loss = dlm.bce_logits %scores, %ones : (tensor<64x1xf32>, tensor<f32>) -> tensor<f32>
    ```
  }];
  let arguments = (ins Dlm_FloatTensor:$logits, Dlm_FloatTensor:$targets);
  let results = (outs 0DTensorOf<[AnyFloat]>:$result);
  let assemblyFormat = "$logits `,` $targets attr-dict `:` functional-type(operands, results)";
}

def Dlm_OneHotOp : Dlm_Op<"one_hot", [Pure]> {
  let summary = "one-hot encoding of integer labels";
  let description = [{
    Appends a dimension of extent `classes` (the result's last extent).

    ```mlir
    %t = dlm.one_hot %labels : (tensor<64xi32>) -> tensor<64x10xf32>
    ```
  }];
  let arguments = (ins TensorOf<[AnySignlessInteger]>:$labels);
  let results = (outs Dlm_FloatTensor:$result);
  let assemblyFormat = "$labels attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Gradients in expressions
//===----------------------------------------------------------------------===//

def Dlm_GradOp : Dlm_Op<"grad", [Pure, AllTypesMatch<["wrt", "result"]>]> {
  let summary = "the gradient of a scalar with respect to an earlier value";
  let description = [{
    `grad(f, x)` of the language: d value / d wrt, for a scalar `value`
    computed from `wrt` in the same function. `dlm-autodiff` replaces it by
    the adjoint ops, in place, before differentiating the step — so the
    result can itself lie on a gradient path (adversarial training, gradient
    penalties).

    ```mlir
    %g = dlm.grad %loss, %x : (tensor<f32>, tensor<64x784xf32>) -> tensor<64x784xf32>
    ```
  }];
  let arguments = (ins 0DTensorOf<[AnyFloat]>:$value, Dlm_FloatTensor:$wrt);
  let results = (outs Dlm_FloatTensor:$result);
  let assemblyFormat = "$value `,` $wrt attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Randomness
//===----------------------------------------------------------------------===//

def Dlm_RandomOp : Dlm_Op<"random", [Pure]> {
  let summary = "random numbers from a counter-based generator";
  let description = [{
    Draws a tensor from `distribution` (with `a`, `b` = mean and std, low and
    high, or p and unused). The stream is keyed by the step's key (an `i64`
    tensor the runtime derives from the seed and the step counter) and `id`,
    unique per op, so results are reproducible and independent of execution order.

    ```mlir
    %z = dlm.random normal %key {id = 3 : i64, a = 0.0 : f64, b = 1.0 : f64} : (tensor<i64>) -> tensor<64x64xf32>
    ```
  }];
  let arguments = (ins Dlm_Distribution:$distribution, 0DTensorOf<[I64]>:$key, I64Attr:$id, F64Attr:$a, F64Attr:$b);
  let results = (outs Dlm_FloatTensor:$result);
  let assemblyFormat = "$distribution $key attr-dict `:` functional-type(operands, results)";
}

def Dlm_DropoutOp : Dlm_InferredOp<"dropout", [DeclareOpInterfaceMethods<DifferentiableOpInterface>]> {
  let summary = "inverted dropout (training only)";
  let description = [{
    Zeroes each element with probability `p` and scales the rest by
    `1 / (1 - p)`, with a mask drawn like `dlm.random` from `key` and `id`.

    ```mlir
    %y = dlm.dropout %x, %key {p = 0.5 : f64, id = 7 : i64} : (tensor<64x256xf32>, tensor<i64>) -> tensor<64x256xf32>
    ```
  }];
  let arguments = (ins Dlm_FloatTensor:$input, 0DTensorOf<[I64]>:$key, F64Attr:$p, I64Attr:$id);
  let results = (outs Dlm_FloatTensor:$result);
  let assemblyFormat = "$input `,` $key attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

#endif // DLM_DIALECT_DLM_DLMOPS_TD
