//===- DlmOps.cpp - Shape functions, verifiers and folds of dlm ops -------===//
//
// Each shape function below is the single statement of an op's typing rule:
// InferTypeOpAdaptor calls it both to infer result types when building ops
// and to verify parsed ones. Broadcasting and window arithmetic come from
// dlm/Language/Types.h, the same code the front end checks programs with.
//
//===----------------------------------------------------------------------===//

#include "dlm/Dialect/Dlm/DlmOps.h"

#include "dlm/Language/Types.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeUtilities.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::dlm;

namespace {

using Extents = llvm::SmallVector<int64_t>;

RankedTensorType tensorType(Value value) { return llvm::cast<RankedTensorType>(value.getType()); }

std::string shapeText(llvm::ArrayRef<int64_t> shape) { return ::dlm::shapeString(::dlm::Shape(shape.begin(), shape.end())); }

/// The numpy broadcast of several shapes, or an error naming the first pair that disagrees.
FailureOr<Extents> broadcastAll(std::optional<Location> location, llvm::ArrayRef<RankedTensorType> types) {
  ::dlm::Shape shape;
  for (RankedTensorType type : types) {
    ::dlm::BroadcastMismatch mismatch{};
    auto merged = ::dlm::broadcastShapes(shape, ::dlm::Shape(type.getShape().begin(), type.getShape().end()), &mismatch);
    if (!merged)
      return emitOptionalError(location, "operands do not broadcast: dimension ", mismatch.dimension, " is ",
                               mismatch.lhsExtent, " and ", mismatch.rhsExtent, " (expected equal extents or 1)");
    shape = *merged;
  }
  return Extents(shape.begin(), shape.end());
}

LogicalResult sameElementType(std::optional<Location> location, Type lhs, Type rhs) {
  if (getElementTypeOrSelf(lhs) == getElementTypeOrSelf(rhs))
    return success();
  return emitOptionalError(location, "expected operands of the same element type, got ", lhs, " and ", rhs);
}

/// Broadcasting binary ops: same element type, broadcast shape.
LogicalResult inferBroadcastingBinary(std::optional<Location> location, Value lhs, Value rhs, Type resultElement,
                                      SmallVectorImpl<Type> &inferred) {
  if (failed(sameElementType(location, lhs.getType(), rhs.getType())))
    return failure();
  auto shape = broadcastAll(location, {tensorType(lhs), tensorType(rhs)});
  if (failed(shape))
    return failure();
  inferred.push_back(RankedTensorType::get(*shape, resultElement ? resultElement : tensorType(lhs).getElementType()));
  return success();
}

LogicalResult inferUnary(std::optional<Location> location, Value input, SmallVectorImpl<Type> &inferred) {
  inferred.push_back(input.getType());
  return success();
}

/// Normalizes `axis` against `rank`.
FailureOr<int64_t> normalizedAxis(std::optional<Location> location, int64_t axis, int64_t rank) {
  auto normalized = ::dlm::normalizeAxis(axis, rank);
  if (!normalized)
    return emitOptionalError(location, "expected an axis in [", -rank, ", ", rank, "), got ", axis);
  return *normalized;
}

/// Checks one attribute array per spatial dimension.
LogicalResult checkPerSpatialDimension(std::optional<Location> location, llvm::StringRef name,
                                       llvm::ArrayRef<int64_t> values, int64_t spatial, int64_t minimum) {
  if (static_cast<int64_t>(values.size()) != spatial)
    return emitOptionalError(location, "expected ", spatial, " values in '", name, "' (one per spatial dimension), got ",
                             values.size());
  for (int64_t value : values)
    if (value < minimum)
      return emitOptionalError(location, "expected '", name, "' values >= ", minimum, ", got ", value);
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

/// Folds a float operation on two splat constants (the scalars autodiff and
/// the optimizer update create, like 1 / N), keeping the result's type.
template <typename Combine>
static OpFoldResult foldSplats(Type resultType, llvm::ArrayRef<Attribute> operands, Combine combine) {
  auto lhs = llvm::dyn_cast_or_null<SplatElementsAttr>(operands[0]);
  auto rhs = llvm::dyn_cast_or_null<SplatElementsAttr>(operands[1]);
  auto type = llvm::dyn_cast<RankedTensorType>(resultType);
  if (!lhs || !rhs || !type || !llvm::isa<FloatType>(type.getElementType()))
    return {};
  APFloat value = combine(lhs.getSplatValue<APFloat>(), rhs.getSplatValue<APFloat>());
  return DenseElementsAttr::get(type, value);
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  return foldSplats(getType(), adaptor.getOperands(), [](APFloat a, const APFloat &b) { return a + b; });
}
OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  return foldSplats(getType(), adaptor.getOperands(), [](APFloat a, const APFloat &b) { return a - b; });
}
OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  return foldSplats(getType(), adaptor.getOperands(), [](APFloat a, const APFloat &b) { return a * b; });
}
OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  return foldSplats(getType(), adaptor.getOperands(), [](APFloat a, const APFloat &b) { return a / b; });
}

#define DLM_BROADCASTING_BINARY(Op)                                                                                    \
  LogicalResult Op::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,                 \
                                     SmallVectorImpl<Type> &inferred) {                                                \
    return inferBroadcastingBinary(location, adaptor.getLhs(), adaptor.getRhs(), Type(), inferred);                    \
  }
DLM_BROADCASTING_BINARY(AddOp)
DLM_BROADCASTING_BINARY(SubOp)
DLM_BROADCASTING_BINARY(MulOp)
DLM_BROADCASTING_BINARY(DivOp)
DLM_BROADCASTING_BINARY(RemOp)
DLM_BROADCASTING_BINARY(PowOp)
DLM_BROADCASTING_BINARY(MaxOp)
DLM_BROADCASTING_BINARY(MinOp)
DLM_BROADCASTING_BINARY(AndOp)
DLM_BROADCASTING_BINARY(OrOp)
#undef DLM_BROADCASTING_BINARY

LogicalResult CompareOp::inferReturnTypes(MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  return inferBroadcastingBinary(location, adaptor.getLhs(), adaptor.getRhs(), IntegerType::get(context, 1), inferred);
}

LogicalResult SelectOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  if (failed(sameElementType(location, adaptor.getOnTrue().getType(), adaptor.getOnFalse().getType())))
    return failure();
  auto shape = broadcastAll(location, {tensorType(adaptor.getCondition()), tensorType(adaptor.getOnTrue()),
                                       tensorType(adaptor.getOnFalse())});
  if (failed(shape))
    return failure();
  inferred.push_back(RankedTensorType::get(*shape, tensorType(adaptor.getOnTrue()).getElementType()));
  return success();
}

#define DLM_UNARY(Op)                                                                                                  \
  LogicalResult Op::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,                 \
                                     SmallVectorImpl<Type> &inferred) {                                                \
    return inferUnary(location, adaptor.getInput(), inferred);                                                         \
  }
DLM_UNARY(NegOp)
DLM_UNARY(ExpOp)
DLM_UNARY(LogOp)
DLM_UNARY(SqrtOp)
DLM_UNARY(RsqrtOp)
DLM_UNARY(AbsOp)
DLM_UNARY(SignOp)
DLM_UNARY(TanhOp)
DLM_UNARY(SigmoidOp)
DLM_UNARY(ReluOp)
DLM_UNARY(GeluOp)
DLM_UNARY(SoftplusOp)
DLM_UNARY(SinOp)
DLM_UNARY(CosOp)
DLM_UNARY(ErfOp)
DLM_UNARY(FloorOp)
DLM_UNARY(NotOp)
DLM_UNARY(StopGradientOp)
DLM_UNARY(LeakyReluOp)
DLM_UNARY(EluOp)
#undef DLM_UNARY

LogicalResult ConvertOp::verify() {
  if (tensorType(getInput()).getShape() != tensorType(getResult()).getShape())
    return emitOpError("expected the result to keep the operand's shape ")
           << shapeText(tensorType(getInput()).getShape()) << ", got "
           << shapeText(tensorType(getResult()).getShape());
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

LogicalResult ReduceOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  RankedTensorType input = tensorType(adaptor.getInput());
  llvm::SmallVector<bool> reduced(input.getRank(), false);
  int64_t previous = -1;
  for (int64_t axis : adaptor.getAxes()) {
    if (axis < 0 || axis >= input.getRank() || axis <= previous)
      return emitOptionalError(location, "expected strictly increasing axes in [0, ", input.getRank(), "), got ", axis,
                               " after ", previous);
    reduced[axis] = true;
    previous = axis;
  }
  Extents shape;
  for (int64_t d = 0; d < input.getRank(); ++d) {
    if (!reduced[d])
      shape.push_back(input.getDimSize(d));
    else if (adaptor.getKeepdims())
      shape.push_back(1);
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult ArgMaxOp::inferReturnTypes(MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  RankedTensorType input = tensorType(adaptor.getInput());
  auto axis = normalizedAxis(location, adaptor.getAxis(), input.getRank());
  if (failed(axis))
    return failure();
  Extents shape(input.getShape());
  shape.erase(shape.begin() + *axis);
  inferred.push_back(RankedTensorType::get(shape, IntegerType::get(context, 32)));
  return success();
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  RankedTensorType lhs = tensorType(adaptor.getLhs()), rhs = tensorType(adaptor.getRhs());
  if (failed(sameElementType(location, lhs, rhs)))
    return failure();
  if (lhs.getRank() < 2 || rhs.getRank() < 2)
    return emitOptionalError(location, "expected operands of rank >= 2, got ", lhs, " and ", rhs);
  int64_t contractedLhs = lhs.getShape().back(), contractedRhs = rhs.getDimSize(rhs.getRank() - 2);
  if (contractedLhs != contractedRhs)
    return emitOptionalError(location, "expected the contracted extents to agree: ", contractedLhs,
                             " (last of the left operand) and ", contractedRhs, " (second to last of the right)");
  ::dlm::Shape batchLhs(lhs.getShape().begin(), lhs.getShape().end() - 2);
  ::dlm::Shape batchRhs(rhs.getShape().begin(), rhs.getShape().end() - 2);
  auto batch = ::dlm::broadcastShapes(batchLhs, batchRhs);
  if (!batch)
    return emitOptionalError(location, "batch dimensions ", shapeText(batchLhs), " and ", shapeText(batchRhs),
                             " do not broadcast");
  Extents shape(batch->begin(), batch->end());
  shape.push_back(lhs.getDimSize(lhs.getRank() - 2));
  shape.push_back(rhs.getShape().back());
  inferred.push_back(RankedTensorType::get(shape, lhs.getElementType()));
  return success();
}

LogicalResult ContractOp::verify() {
  auto maps = getIndexingMaps().getAsValueRange<AffineMapAttr>();
  if (static_cast<size_t>(llvm::size(maps)) != getInputs().size())
    return emitOpError("expected one indexing map per input, got ") << llvm::size(maps) << " for "
                                                                     << getInputs().size() << " inputs";
  RankedTensorType result = tensorType(getResult());
  if (getOutputRank() != result.getRank())
    return emitOpError("expected output_rank to equal the result's rank ") << result.getRank() << ", got "
                                                                            << getOutputRank();
  Block &body = getBody().front();
  if (body.getNumArguments() != getInputs().size())
    return emitOpError("expected the body to take one scalar per input, got ") << body.getNumArguments();
  std::optional<unsigned> iterationRank;
  for (auto [index, map, input, argument] :
       llvm::enumerate(maps, getInputs(), body.getArguments())) {
    RankedTensorType type = tensorType(input);
    if (iterationRank && map.getNumDims() != *iterationRank)
      return emitOpError("expected every indexing map to have ") << *iterationRank << " dimensions, map " << index
                                                                  << " has " << map.getNumDims();
    iterationRank = map.getNumDims();
    if (map.getNumResults() != type.getRank())
      return emitOpError("indexing map ") << index << " has " << map.getNumResults() << " results, but input "
                                           << index << " has rank " << type.getRank();
    if (argument.getType() != type.getElementType())
      return emitOpError("body argument ") << index << " has type " << argument.getType() << ", expected "
                                            << type.getElementType();
  }
  if (iterationRank && *iterationRank < result.getRank())
    return emitOpError("the iteration space (") << *iterationRank << " indices) is smaller than the output rank "
                                                << result.getRank();
  auto yield = llvm::dyn_cast<YieldOp>(body.getTerminator());
  if (!yield || yield.getValue().getType() != result.getElementType())
    return emitOpError("expected the body to yield one ") << result.getElementType();
  return success();
}

llvm::SmallVector<int64_t> ContractOp::getIterationExtents() {
  auto maps = llvm::to_vector(getIndexingMaps().getAsValueRange<AffineMapAttr>());
  RankedTensorType result = tensorType(getResult());
  unsigned rank = maps.empty() ? result.getRank() : maps.front().getNumDims();
  llvm::SmallVector<int64_t> extents(rank, -1);
  for (int64_t d = 0; d < result.getRank(); ++d)
    extents[d] = result.getDimSize(d);
  for (auto [map, input] : llvm::zip(maps, getInputs()))
    for (unsigned r = 0; r < map.getNumResults(); ++r)
      if (auto dim = llvm::dyn_cast<AffineDimExpr>(map.getResult(r)))
        extents[dim.getPosition()] = tensorType(input).getDimSize(r);
  return extents;
}

int64_t ContractOp::getReducedCount() {
  llvm::SmallVector<int64_t> extents = getIterationExtents();
  int64_t count = 1;
  for (size_t d = getOutputRank(); d < extents.size(); ++d)
    count *= std::max<int64_t>(extents[d], 1);
  return count;
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  RankedTensorType input = tensorType(getInput()), result = tensorType(getResult());
  if (input.getElementType() != result.getElementType())
    return emitOpError("expected the element type to stay ") << input.getElementType();
  if (input.getNumElements() != result.getNumElements())
    return emitOpError("expected ") << input.getNumElements() << " elements in the result, like "
                                    << shapeText(input.getShape()) << ", got " << result.getNumElements();
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getResult().getType())
    return getInput();
  return {};
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  RankedTensorType input = tensorType(adaptor.getInput());
  llvm::ArrayRef<int64_t> permutation = adaptor.getPermutation();
  Extents sorted(permutation);
  llvm::sort(sorted);
  for (int64_t i = 0; i < static_cast<int64_t>(sorted.size()); ++i)
    if (sorted[i] != i || static_cast<int64_t>(sorted.size()) != input.getRank())
      return emitOptionalError(location, "expected a permutation of 0..", input.getRank() - 1, ", got ",
                               shapeText(permutation));
  Extents shape;
  for (int64_t axis : permutation)
    shape.push_back(input.getDimSize(axis));
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult BroadcastOp::verify() {
  RankedTensorType input = tensorType(getInput()), result = tensorType(getResult());
  auto shape = ::dlm::broadcastShapes(::dlm::Shape(input.getShape().begin(), input.getShape().end()),
                                      ::dlm::Shape(result.getShape().begin(), result.getShape().end()));
  if (!shape || !llvm::equal(*shape, result.getShape()) || input.getElementType() != result.getElementType())
    return emitOpError("expected ") << input << " to broadcast to " << result;
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  RankedTensorType input = tensorType(adaptor.getInput());
  int64_t rank = input.getRank();
  if (static_cast<int64_t>(adaptor.getStart().size()) != rank || static_cast<int64_t>(adaptor.getLimit().size()) != rank ||
      static_cast<int64_t>(adaptor.getStride().size()) != rank)
    return emitOptionalError(location, "expected start, limit and stride with ", rank, " values each");
  Extents shape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t start = adaptor.getStart()[d], limit = adaptor.getLimit()[d], stride = adaptor.getStride()[d];
    if (start < 0 || limit > input.getDimSize(d) || start >= limit || stride <= 0)
      return emitOptionalError(location, "dimension ", d, ": expected 0 <= start < limit <= ", input.getDimSize(d),
                               " and a positive stride, got [", start, ", ", limit, ") step ", stride);
    shape.push_back((limit - start + stride - 1) / stride);
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  if (adaptor.getInputs().empty())
    return emitOptionalError(location, "expected at least one input");
  RankedTensorType first = tensorType(adaptor.getInputs().front());
  auto axis = normalizedAxis(location, adaptor.getAxis(), first.getRank());
  if (failed(axis))
    return failure();
  Extents shape(first.getShape());
  for (auto [index, input] : llvm::enumerate(adaptor.getInputs().drop_front())) {
    RankedTensorType type = tensorType(input);
    bool compatible = type.getElementType() == first.getElementType() && type.getRank() == first.getRank();
    for (int64_t d = 0; compatible && d < first.getRank(); ++d)
      compatible = d == *axis || type.getDimSize(d) == first.getDimSize(d);
    if (!compatible)
      return emitOptionalError(location, "input ", index + 1, " is ", type, ", expected ", first,
                               " except along axis ", *axis);
    shape[*axis] += type.getDimSize(*axis);
  }
  inferred.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  RankedTensorType input = tensorType(adaptor.getInput());
  if (static_cast<int64_t>(adaptor.getLow().size()) != input.getRank() ||
      static_cast<int64_t>(adaptor.getHigh().size()) != input.getRank())
    return emitOptionalError(location, "expected low and high with ", input.getRank(), " values each");
  Extents shape(input.getShape());
  for (int64_t d = 0; d < input.getRank(); ++d) {
    if (adaptor.getLow()[d] < 0 || adaptor.getHigh()[d] < 0)
      return emitOptionalError(location, "expected non-negative padding, got ", adaptor.getLow()[d], " and ",
                               adaptor.getHigh()[d], " in dimension ", d);
    shape[d] += adaptor.getLow()[d] + adaptor.getHigh()[d];
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Convolution and pooling
//===----------------------------------------------------------------------===//

LogicalResult ConvOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  RankedTensorType input = tensorType(adaptor.getInput()), filter = tensorType(adaptor.getFilter());
  if (failed(sameElementType(location, input, filter)))
    return failure();
  if (input.getRank() < 3 || filter.getRank() != input.getRank())
    return emitOptionalError(location, "expected an input [N, C, spatial...] and a filter of the same rank, got ",
                             input, " and ", filter);
  int64_t spatial = input.getRank() - 2, groups = adaptor.getGroups();
  if (failed(checkPerSpatialDimension(location, "stride", adaptor.getStride(), spatial, 1)) ||
      failed(checkPerSpatialDimension(location, "padding", adaptor.getPadding(), spatial, 0)) ||
      failed(checkPerSpatialDimension(location, "dilation", adaptor.getDilation(), spatial, 1)))
    return failure();
  int64_t channels = input.getDimSize(1), outputs = filter.getDimSize(0);
  if (groups <= 0 || channels % groups || outputs % groups)
    return emitOptionalError(location, "expected groups to divide ", channels, " input and ", outputs,
                             " output channels, got ", groups);
  if (filter.getDimSize(1) != channels / groups)
    return emitOptionalError(location, "expected the filter's dimension 1 to be ", channels / groups,
                             " (input channels / groups), got ", filter.getDimSize(1));
  Extents shape = {input.getDimSize(0), outputs};
  for (int64_t d = 0; d < spatial; ++d) {
    int64_t extent = ::dlm::windowOutputExtent(input.getDimSize(2 + d), filter.getDimSize(2 + d),
                                               adaptor.getStride()[d], adaptor.getPadding()[d], adaptor.getDilation()[d]);
    if (extent <= 0)
      return emitOptionalError(location, "the filter is larger than the padded input in spatial dimension ", d);
    shape.push_back(extent);
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

/// Shared by maxpool and avgpool.
static LogicalResult inferPool(std::optional<Location> location, Value inputValue, llvm::ArrayRef<int64_t> window,
                               llvm::ArrayRef<int64_t> stride, llvm::ArrayRef<int64_t> padding,
                               SmallVectorImpl<Type> &inferred) {
  RankedTensorType input = tensorType(inputValue);
  if (input.getRank() < 3)
    return emitOptionalError(location, "expected an input [N, C, spatial...], got ", input);
  int64_t spatial = input.getRank() - 2;
  if (failed(checkPerSpatialDimension(location, "window", window, spatial, 1)) ||
      failed(checkPerSpatialDimension(location, "stride", stride, spatial, 1)) ||
      failed(checkPerSpatialDimension(location, "padding", padding, spatial, 0)))
    return failure();
  Extents shape = {input.getDimSize(0), input.getDimSize(1)};
  for (int64_t d = 0; d < spatial; ++d) {
    int64_t extent = ::dlm::windowOutputExtent(input.getDimSize(2 + d), window[d], stride[d], padding[d], 1);
    if (extent <= 0)
      return emitOptionalError(location, "the window is larger than the padded input in spatial dimension ", d);
    shape.push_back(extent);
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  return inferPool(location, adaptor.getInput(), adaptor.getWindow(), adaptor.getStride(), adaptor.getPadding(),
                   inferred);
}

LogicalResult AvgPoolOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  return inferPool(location, adaptor.getInput(), adaptor.getWindow(), adaptor.getStride(), adaptor.getPadding(),
                   inferred);
}

/// The backward ops check their result against the forward op they undo.
static LogicalResult verifyConvolutionTriple(Operation *op, Value input, Value filter, Value output,
                                             llvm::ArrayRef<int64_t> stride, llvm::ArrayRef<int64_t> padding,
                                             llvm::ArrayRef<int64_t> dilation, int64_t groups) {
  SmallVector<Type> inferred;
  MLIRContext *context = op->getContext();
  OperationState state(op->getLoc(), ConvOp::getOperationName());
  Builder builder(context);
  ConvOp::Properties properties;
  properties.stride = builder.getDenseI64ArrayAttr(stride);
  properties.padding = builder.getDenseI64ArrayAttr(padding);
  properties.dilation = builder.getDenseI64ArrayAttr(dilation);
  properties.groups = builder.getI64IntegerAttr(groups);
  ConvOp::Adaptor adaptor(ValueRange{input, filter}, nullptr, properties, {});
  if (failed(ConvOp::inferReturnTypes(context, op->getLoc(), adaptor, inferred)))
    return failure();
  if (inferred.front() != output.getType())
    return op->emitOpError("the convolution of ") << input.getType() << " by " << filter.getType() << " gives "
                                                  << inferred.front() << ", not the gradient's " << output.getType();
  return success();
}

LogicalResult ConvBackwardInputOp::verify() {
  return verifyConvolutionTriple(*this, getResult(), getFilter(), getGradOutput(), getStride(), getPadding(),
                                 getDilation(), getGroups());
}

LogicalResult ConvBackwardFilterOp::verify() {
  return verifyConvolutionTriple(*this, getInput(), getResult(), getGradOutput(), getStride(), getPadding(),
                                 getDilation(), getGroups());
}

LogicalResult PoolBackwardOp::verify() {
  if (getKind() != ReductionKind::max && getKind() != ReductionKind::mean)
    return emitOpError("expected max or mean pooling");
  if (getResult().getType() != getInput().getType())
    return emitOpError("expected the result to have the input's type ") << getInput().getType();
  SmallVector<Type> inferred;
  if (failed(inferPool(getLoc(), getInput(), getWindow(), getStride(), getPadding(), inferred)))
    return failure();
  if (inferred.front() != getGradOutput().getType())
    return emitOpError("expected the output gradient to be ") << inferred.front() << ", got "
                                                              << getGradOutput().getType();
  return success();
}

//===----------------------------------------------------------------------===//
// Normalized exponentials and losses
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  if (failed(normalizedAxis(location, adaptor.getAxis(), tensorType(adaptor.getInput()).getRank())))
    return failure();
  inferred.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult LogSoftmaxOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                             SmallVectorImpl<Type> &inferred) {
  if (failed(normalizedAxis(location, adaptor.getAxis(), tensorType(adaptor.getInput()).getRank())))
    return failure();
  inferred.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult CrossEntropyOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                               SmallVectorImpl<Type> &inferred) {
  RankedTensorType logits = tensorType(adaptor.getLogits()), labels = tensorType(adaptor.getLabels());
  if (logits.getRank() != 2)
    return emitOptionalError(location, "expected logits [N, C], got ", logits);
  bool hard = llvm::isa<IntegerType>(labels.getElementType());
  bool ok = hard ? labels.getRank() == 1 && labels.getDimSize(0) == logits.getDimSize(0) : labels == logits;
  if (!ok)
    return emitOptionalError(location, "expected integer labels [", logits.getDimSize(0), "] or probabilities ",
                             logits, ", got ", labels);
  inferred.push_back(RankedTensorType::get({}, logits.getElementType()));
  return success();
}

LogicalResult BceWithLogitsOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                                SmallVectorImpl<Type> &inferred) {
  RankedTensorType logits = tensorType(adaptor.getLogits()), targets = tensorType(adaptor.getTargets());
  if (failed(sameElementType(location, logits, targets)))
    return failure();
  auto shape = broadcastAll(location, {logits, targets});
  if (failed(shape))
    return failure();
  if (!llvm::equal(*shape, logits.getShape()))
    return emitOptionalError(location, "expected targets that broadcast to the logits' shape ",
                             shapeText(logits.getShape()), ", got ", targets);
  inferred.push_back(RankedTensorType::get({}, logits.getElementType()));
  return success();
}

LogicalResult OneHotOp::verify() {
  RankedTensorType labels = tensorType(getLabels()), result = tensorType(getResult());
  if (result.getRank() != labels.getRank() + 1 || result.getShape().drop_back() != labels.getShape())
    return emitOpError("expected the result to be the labels' shape ") << shapeText(labels.getShape())
                                                                       << " plus a class dimension, got " << result;
  return success();
}

//===----------------------------------------------------------------------===//
// Randomness
//===----------------------------------------------------------------------===//

LogicalResult DropoutOp::inferReturnTypes(MLIRContext *, std::optional<Location> location, Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult DropoutOp::verify() {
  double p = getP().convertToDouble();
  if (p < 0 || p >= 1)
    return emitOpError("expected a drop probability in [0, 1), got ") << p;
  return success();
}

#define GET_OP_CLASSES
#include "dlm/Dialect/Dlm/DlmOps.cpp.inc"
