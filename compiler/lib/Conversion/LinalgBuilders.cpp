//===- LinalgBuilders.cpp - Helpers shared by the dlm-to-linalg patterns --===//

#include "LinalgBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"

#include <limits>

namespace mlir::dlm::lowering {

AffineMap broadcastMap(RankedTensorType operandType, RankedTensorType resultType, MLIRContext *context) {
  int64_t rank = resultType.getRank(), offset = rank - operandType.getRank();
  llvm::SmallVector<AffineExpr> results;
  for (int64_t d = 0; d < operandType.getRank(); ++d) {
    bool stretched = operandType.getDimSize(d) == 1 && resultType.getDimSize(d + offset) != 1;
    results.push_back(stretched ? getAffineConstantExpr(0, context) : getAffineDimExpr(d + offset, context));
  }
  return AffineMap::get(rank, 0, results, context);
}

linalg::GenericOp generic(OpBuilder &b, Location loc, ValueRange inputs, ValueRange inits,
                          llvm::ArrayRef<AffineMap> maps, llvm::ArrayRef<utils::IteratorType> iterators,
                          BodyBuilder body) {
  return linalg::GenericOp::create(b, loc, ValueRange(inits).getTypes(), inputs, inits, maps, iterators,
                                   [&](OpBuilder &nested, Location nestedLoc, ValueRange scalars) {
                                     linalg::YieldOp::create(nested, nestedLoc, body(nested, nestedLoc, scalars));
                                   });
}

llvm::SmallVector<Value> multiplyAccumulate(OpBuilder &b, Location loc, ValueRange scalars) {
  return {arith::AddFOp::create(b, loc, scalars[2], arith::MulFOp::create(b, loc, scalars[0], scalars[1]))};
}

Value contract(OpBuilder &b, Location loc, Value a, Value c, llvm::ArrayRef<AffineMap> maps,
               llvm::ArrayRef<int64_t> shape, unsigned reductions) {
  Type element = tensorTypeOf(a).getElementType();
  Value init = filled(b, loc, shape, floatConstant(b, loc, element, 0));
  unsigned loops = maps.front().getNumDims();
  llvm::SmallVector<utils::IteratorType> iterators(loops - reductions, utils::IteratorType::parallel);
  iterators.append(reductions, utils::IteratorType::reduction);
  return generic(b, loc, ValueRange{a, c}, init, maps, iterators, multiplyAccumulate).getResult(0);
}

Value elementwise(OpBuilder &b, Location loc, RankedTensorType result, ValueRange operands,
                  llvm::function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  MLIRContext *context = b.getContext();
  llvm::SmallVector<AffineMap> maps;
  for (Value operand : operands)
    maps.push_back(broadcastMap(tensorTypeOf(operand), result, context));
  maps.push_back(AffineMap::getMultiDimIdentityMap(result.getRank(), context));
  llvm::SmallVector<utils::IteratorType> iterators(result.getRank(), utils::IteratorType::parallel);
  Value init = tensor::EmptyOp::create(b, loc, result.getShape(), result.getElementType());
  return generic(b, loc, operands, init, maps, iterators,
                 [&](OpBuilder &nested, Location nestedLoc, ValueRange scalars) -> llvm::SmallVector<Value> {
                   Value value = body(nested, nestedLoc, scalars.drop_back());
                   if (!value)
                     return {};
                   return {value};
                 })
      .getResult(0);
}

Value floatConstant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
}

Value indexConstant(OpBuilder &b, Location loc, int64_t value) { return arith::ConstantIndexOp::create(b, loc, value); }

Value filled(OpBuilder &b, Location loc, llvm::ArrayRef<int64_t> shape, Value value) {
  Value empty = tensor::EmptyOp::create(b, loc, shape, value.getType());
  return linalg::FillOp::create(b, loc, value, empty).getResult(0);
}

Value identityOf(OpBuilder &b, Location loc, ReductionKind kind, Type type) {
  switch (kind) {
  case ReductionKind::sum:
  case ReductionKind::mean: return floatConstant(b, loc, type, 0);
  case ReductionKind::prod: return floatConstant(b, loc, type, 1);
  case ReductionKind::max: return floatConstant(b, loc, type, -std::numeric_limits<double>::infinity());
  case ReductionKind::min: return floatConstant(b, loc, type, std::numeric_limits<double>::infinity());
  }
  return {};
}

Value combine(OpBuilder &b, Location loc, ReductionKind kind, Value accumulator, Value term) {
  switch (kind) {
  case ReductionKind::sum:
  case ReductionKind::mean: return arith::AddFOp::create(b, loc, accumulator, term);
  case ReductionKind::prod: return arith::MulFOp::create(b, loc, accumulator, term);
  case ReductionKind::max: return arith::MaximumFOp::create(b, loc, accumulator, term);
  case ReductionKind::min: return arith::MinimumFOp::create(b, loc, accumulator, term);
  }
  return {};
}

Value reduce(OpBuilder &b, Location loc, Value input, llvm::ArrayRef<int64_t> axes, ReductionKind kind, bool keepDims) {
  MLIRContext *context = b.getContext();
  auto inputType = tensorTypeOf(input);
  llvm::SmallVector<AffineExpr> outputDims;
  llvm::SmallVector<int64_t> outputShape;
  llvm::SmallVector<utils::IteratorType> iterators;
  double count = 1;
  for (int64_t d = 0; d < inputType.getRank(); ++d) {
    bool reduced = llvm::is_contained(axes, d);
    iterators.push_back(reduced ? utils::IteratorType::reduction : utils::IteratorType::parallel);
    if (reduced)
      count *= static_cast<double>(inputType.getDimSize(d));
    if (!reduced || keepDims) {
      outputDims.push_back(reduced ? getAffineConstantExpr(0, context) : getAffineDimExpr(d, context));
      outputShape.push_back(reduced ? 1 : inputType.getDimSize(d));
    }
  }
  Type element = inputType.getElementType();
  Value init = filled(b, loc, outputShape, identityOf(b, loc, kind, element));
  AffineMap maps[] = {AffineMap::getMultiDimIdentityMap(inputType.getRank(), context),
                      AffineMap::get(inputType.getRank(), 0, outputDims, context)};
  Value value = generic(b, loc, input, init, maps, iterators,
                        [&](OpBuilder &nested, Location nestedLoc, ValueRange x) -> llvm::SmallVector<Value> {
                          return {combine(nested, nestedLoc, kind, x[1], x[0])};
                        })
                    .getResult(0);
  return kind == ReductionKind::mean ? scaleDown(b, loc, value, count) : value;
}

Value scaleDown(OpBuilder &b, Location loc, Value tensor, double count) {
  auto type = tensorTypeOf(tensor);
  return elementwise(b, loc, type, ValueRange{tensor}, [&](OpBuilder &nested, Location nestedLoc, ValueRange x) {
    return arith::MulFOp::create(nested, nestedLoc, x[0],
                                 floatConstant(nested, nestedLoc, type.getElementType(), 1 / count));
  });
}

Value padTrailing(OpBuilder &b, Location loc, Value input, unsigned leading, llvm::ArrayRef<int64_t> low,
                  llvm::ArrayRef<int64_t> high, Value value) {
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) && llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return input;
  auto type = tensorTypeOf(input);
  llvm::SmallVector<int64_t> lows(leading, 0), highs(leading, 0), shape(type.getShape());
  lows.append(low.begin(), low.end());
  highs.append(high.begin(), high.end());
  for (size_t d = leading; d < shape.size(); ++d)
    shape[d] += lows[d] + highs[d];
  auto result = RankedTensorType::get(shape, type.getElementType());
  llvm::SmallVector<OpFoldResult> lowSizes = getAsIndexOpFoldResult(b.getContext(), lows),
                                  highSizes = getAsIndexOpFoldResult(b.getContext(), highs);
  return tensor::PadOp::create(b, loc, result, input, lowSizes, highSizes, value).getResult();
}

Value transposed(OpBuilder &b, Location loc, Value input, llvm::ArrayRef<int64_t> permutation) {
  auto type = tensorTypeOf(input);
  Value init = tensor::EmptyOp::create(b, loc, applyPermutation(type.getShape(), permutation), type.getElementType());
  return linalg::TransposeOp::create(b, loc, input, init, permutation).getResult()[0];
}

Value permuted(OpBuilder &b, Location loc, Value input, llvm::ArrayRef<int64_t> permutation) {
  MLIRContext *context = b.getContext();
  auto inputType = tensorTypeOf(input);
  unsigned rank = permutation.size();
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<AffineExpr> inputDims(rank);
  for (auto [resultDim, inputDim] : llvm::enumerate(permutation)) {
    shape.push_back(inputType.getDimSize(inputDim));
    inputDims[inputDim] = getAffineDimExpr(resultDim, context);
  }
  AffineMap maps[] = {AffineMap::get(rank, 0, inputDims, context), AffineMap::getMultiDimIdentityMap(rank, context)};
  Value init = tensor::EmptyOp::create(b, loc, shape, inputType.getElementType());
  llvm::SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  return generic(b, loc, input, init, maps, iterators,
                 [](OpBuilder &, Location, ValueRange x) -> llvm::SmallVector<Value> { return {x[0]}; })
      .getResult(0);
}

Value reshape(OpBuilder &b, Location loc, Value input, RankedTensorType type) {
  auto inputType = tensorTypeOf(input);
  if (inputType == type)
    return input;
  // Through one dimension: collapse everything, then expand to the target.
  auto flatType = RankedTensorType::get({inputType.getNumElements()}, type.getElementType());
  auto all = [](int64_t rank) {
    ReassociationIndices indices;
    for (int64_t d = 0; d < rank; ++d)
      indices.push_back(d);
    return indices;
  };
  Value flat = input;
  if (inputType.getRank() == 0)
    flat = tensor::ExpandShapeOp::create(b, loc, flatType, input, llvm::SmallVector<ReassociationIndices>{});
  else if (inputType.getRank() != 1)
    flat = tensor::CollapseShapeOp::create(b, loc, flatType, input,
                                           llvm::SmallVector<ReassociationIndices>{all(inputType.getRank())});
  if (type.getRank() == 1)
    return flat;
  if (type.getRank() == 0)
    return tensor::CollapseShapeOp::create(b, loc, type, flat, llvm::SmallVector<ReassociationIndices>{});
  return tensor::ExpandShapeOp::create(b, loc, type, flat, llvm::SmallVector<ReassociationIndices>{all(type.getRank())});
}

llvm::SmallVector<AffineExpr> dims(unsigned count, MLIRContext *context) {
  llvm::SmallVector<AffineExpr> result;
  for (unsigned d = 0; d < count; ++d)
    result.push_back(getAffineDimExpr(d, context));
  return result;
}

} // namespace mlir::dlm::lowering
