//===- LinalgBuilders.h - Helpers shared by the dlm-to-linalg patterns ----===//
//
// Small builders for linalg.generic on static tensors, and the entry points
// of the pattern groups that make up dlm-convert-to-linalg.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_LIB_CONVERSION_LINALGBUILDERS_H
#define DLM_LIB_CONVERSION_LINALGBUILDERS_H

#include "dlm/Dialect/Dlm/DlmOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::dlm::lowering {

inline RankedTensorType tensorTypeOf(Value value) { return llvm::cast<RankedTensorType>(value.getType()); }

/// The scalar body of a generic: the operands' scalars (inputs, then the
/// current output values) in, the yielded values out.
using BodyBuilder = llvm::function_ref<llvm::SmallVector<Value>(OpBuilder &, Location, ValueRange)>;

/// The map reading an operand of `operandType` at each point of a result of
/// `resultType` under numpy broadcasting.
AffineMap broadcastMap(RankedTensorType operandType, RankedTensorType resultType, MLIRContext *context);

/// An elementwise linalg.generic over `result`'s shape (operands broadcast),
/// with `body` computing one element from the operands' scalars.
Value elementwise(OpBuilder &b, Location loc, RankedTensorType result, ValueRange operands,
                  llvm::function_ref<Value(OpBuilder &, Location, ValueRange)> body);

/// A linalg.generic with explicit maps: `maps` holds one map per input, then
/// one per output; `inits` are the outputs' initial values.
linalg::GenericOp generic(OpBuilder &b, Location loc, ValueRange inputs, ValueRange inits,
                          llvm::ArrayRef<AffineMap> maps, llvm::ArrayRef<utils::IteratorType> iterators,
                          BodyBuilder body);

/// The sum-of-products body `accumulator + a * b` of the scalars (a, b, accumulator).
llvm::SmallVector<Value> multiplyAccumulate(OpBuilder &b, Location loc, ValueRange scalars);

/// sum(a * c) into a zeroed tensor of `shape`: `maps` read a, c and write the result, and the
/// last `reductions` loops are summed over.
Value contract(OpBuilder &b, Location loc, Value a, Value c, llvm::ArrayRef<AffineMap> maps,
               llvm::ArrayRef<int64_t> shape, unsigned reductions);

/// An axis attribute counted from the front. ODS returns I64Attr as uint64_t, so a negative axis
/// (counted from the back) must be reinterpreted before comparing it with zero.
inline int64_t normalizedAxis(uint64_t attribute, int64_t rank) {
  int64_t axis = static_cast<int64_t>(attribute);
  return axis < 0 ? axis + rank : axis;
}

Value floatConstant(OpBuilder &b, Location loc, Type type, double value);
Value indexConstant(OpBuilder &b, Location loc, int64_t value);

/// A tensor of `shape` and `elementType` filled with `value`.
Value filled(OpBuilder &b, Location loc, llvm::ArrayRef<int64_t> shape, Value value);

/// The identity of `kind` and the combination of an accumulator with a term.
Value identityOf(OpBuilder &b, Location loc, ReductionKind kind, Type type);
Value combine(OpBuilder &b, Location loc, ReductionKind kind, Value accumulator, Value term);

/// Reduces `input` over `axes` with `kind` (mean divides by the count); the
/// reduced axes stay with extent 1 when `keepDims`.
Value reduce(OpBuilder &b, Location loc, Value input, llvm::ArrayRef<int64_t> axes, ReductionKind kind, bool keepDims);

/// `tensor` divided elementwise by `count`.
Value scaleDown(OpBuilder &b, Location loc, Value tensor, double count);

/// Pads the trailing (spatial) dimensions of `input` with `value`; the first
/// `leading` dimensions are not padded.
Value padTrailing(OpBuilder &b, Location loc, Value input, unsigned leading, llvm::ArrayRef<int64_t> low,
                  llvm::ArrayRef<int64_t> high, Value value);

/// A copy of `input` whose dimension i is the input's dimension permutation[i].
Value permuted(OpBuilder &b, Location loc, Value input, llvm::ArrayRef<int64_t> permutation);

/// The same copy as a named `linalg.transpose`, which elementwise fusion leaves alone (it would
/// fold a generic copy into the reduction that reads or writes it) and dlm-vectorize-transposes
/// turns into register transposes.
Value transposed(OpBuilder &b, Location loc, Value input, llvm::ArrayRef<int64_t> permutation);

/// Row-major reinterpretation of `input` as `type` (same element count).
Value reshape(OpBuilder &b, Location loc, Value input, RankedTensorType type);

/// `d0 .. d(n-1)` of an `n`-dimensional iteration space.
llvm::SmallVector<AffineExpr> dims(unsigned count, MLIRContext *context);

/// The pattern groups of dlm-convert-to-linalg.
void populateElementwisePatterns(RewritePatternSet &patterns);
void populateShapePatterns(RewritePatternSet &patterns);
void populateNetworkPatterns(RewritePatternSet &patterns);
void populateRandomPatterns(RewritePatternSet &patterns);

} // namespace mlir::dlm::lowering

#endif // DLM_LIB_CONVERSION_LINALGBUILDERS_H
