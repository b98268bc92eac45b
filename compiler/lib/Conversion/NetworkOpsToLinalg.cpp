//===- NetworkOpsToLinalg.cpp - dlm network ops to linalg.generic ---------===//
//
// Convolutions, their two adjoints, pooling and its adjoint, softmax, the
// fused losses, one-hot, argmax and matmul, each as linalg.generic on
// tensors. Grouped convolutions split the channel dimensions into
// (group, channel in group) with expand_shape, so every map stays a plain
// affine function of the loops; window loops that only appear inside an
// affine expression get a window-shaped operand (as linalg's own pooling
// ops do), which fixes their extents.
//
//===----------------------------------------------------------------------===//

#include "LinalgBuilders.h"
#include "WinogradConvolution.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"

#include <limits>
#include <numeric>

using namespace mlir;
using namespace mlir::dlm;
using namespace mlir::dlm::lowering;

namespace {

using utils::IteratorType;

llvm::SmallVector<IteratorType> iteratorsOf(unsigned parallel, unsigned reduction) {
  llvm::SmallVector<IteratorType> iterators(parallel, IteratorType::parallel);
  iterators.append(reduction, IteratorType::reduction);
  return iterators;
}

/// Splits dimension `dim` of `value` into (groups, extent / groups).
Value splitGroups(OpBuilder &b, Location loc, Value value, int64_t dim, int64_t groups) {
  auto type = tensorTypeOf(value);
  llvm::SmallVector<int64_t> shape(type.getShape());
  shape[dim] /= groups;
  shape.insert(shape.begin() + dim, groups);
  llvm::SmallVector<ReassociationIndices> reassociation;
  for (int64_t d = 0, next = 0; d < type.getRank(); ++d) {
    if (d == dim) {
      reassociation.push_back({next, next + 1});
      next += 2;
    } else {
      reassociation.push_back({next++});
    }
  }
  return tensor::ExpandShapeOp::create(b, loc, RankedTensorType::get(shape, type.getElementType()), value,
                                       reassociation);
}

/// The inverse of splitGroups on a result.
Value joinGroups(OpBuilder &b, Location loc, Value value, int64_t dim) {
  auto type = tensorTypeOf(value);
  llvm::SmallVector<int64_t> shape(type.getShape());
  shape[dim] *= shape[dim + 1];
  shape.erase(shape.begin() + dim + 1);
  llvm::SmallVector<ReassociationIndices> reassociation;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (d == dim) {
      reassociation.push_back({d, d + 1});
      ++d;
    } else {
      reassociation.push_back({d});
    }
  }
  return tensor::CollapseShapeOp::create(b, loc, RankedTensorType::get(shape, type.getElementType()), value,
                                         reassociation);
}

Value zerosLike(OpBuilder &b, Location loc, llvm::ArrayRef<int64_t> shape, Type element) {
  return filled(b, loc, shape, floatConstant(b, loc, element, 0));
}

/// The convolution-like contraction sum(a * c) into a zeroed `resultType`.
/// With groups, it is computed with dimension `groupDim` split into
/// (group, extent / group), as the maps expect, and joined again.
Value sumOfProducts(OpBuilder &b, Location loc, Value a, Value c, llvm::ArrayRef<AffineMap> maps,
                    RankedTensorType resultType, int64_t groups, int64_t groupDim,
                    llvm::ArrayRef<utils::IteratorType> iterators) {
  llvm::SmallVector<int64_t> shape(resultType.getShape());
  if (groups > 1) {
    shape[groupDim] /= groups;
    shape.insert(shape.begin() + groupDim, groups);
  }
  unsigned reductions = llvm::count(iterators, utils::IteratorType::reduction);
  Value result = contract(b, loc, a, c, maps, shape, reductions);
  return groups > 1 ? joinGroups(b, loc, result, groupDim) : result;
}

/// Reads of a grouped operand [leading..., (G,) inner, spatial...] in an
/// iteration space: `prefix` are the expressions before the spatial ones.
AffineMap operandMap(unsigned loops, llvm::ArrayRef<AffineExpr> prefix, llvm::ArrayRef<AffineExpr> spatial,
                     MLIRContext *context) {
  llvm::SmallVector<AffineExpr> results(prefix);
  results.append(spatial.begin(), spatial.end());
  return AffineMap::get(loops, 0, results, context);
}

/// The permutation that moves an activation [n, c, q...] channels-last: [n, q..., c].
llvm::SmallVector<int64_t> activationToChannelsLast(unsigned rank) {
  llvm::SmallVector<int64_t> permutation = {0};
  for (unsigned i = 2; i < rank; ++i)
    permutation.push_back(i);
  permutation.push_back(1);
  return permutation;
}

/// The permutation that moves a filter [o, c, k...] output-channels-last: [c, k..., o].
llvm::SmallVector<int64_t> filterToChannelsLast(unsigned rank) {
  llvm::SmallVector<int64_t> permutation;
  for (unsigned i = 1; i < rank; ++i)
    permutation.push_back(i);
  permutation.push_back(0);
  return permutation;
}

/// The channels-last forward convolution's sum: yt[n, q..., o] = sum x[n, c, q * stride + k *
/// dilation] * wt[c, k..., o] over the taps (c, k...). Loops: n, q..., o, c, k...
Value channelsLastWindowSum(OpBuilder &b, Location loc, Value input, Value filter, llvm::ArrayRef<int64_t> stride,
                            llvm::ArrayRef<int64_t> dilation, RankedTensorType resultType) {
  MLIRContext *context = b.getContext();
  unsigned spatial = stride.size(), outer = 2 + spatial, loops = outer + 1 + spatial;
  llvm::SmallVector<AffineExpr> d = dims(loops, context);
  llvm::ArrayRef<AffineExpr> positions = llvm::ArrayRef(d).take_front(1 + spatial),
                             taps = llvm::ArrayRef(d).drop_front(outer);
  llvm::SmallVector<AffineExpr> inputResults = {positions[0], taps[0]};
  for (unsigned i = 1; i <= spatial; ++i)
    inputResults.push_back(positions[i] * stride[i - 1] + taps[i] * dilation[i - 1]);
  llvm::SmallVector<AffineExpr> filterResults(taps), outputResults(positions);
  filterResults.push_back(d[1 + spatial]);
  outputResults.push_back(d[1 + spatial]);
  AffineMap maps[] = {AffineMap::get(loops, 0, inputResults, context),
                      AffineMap::get(loops, 0, filterResults, context),
                      AffineMap::get(loops, 0, outputResults, context)};
  return sumOfProducts(b, loc, input, filter, maps, resultType, 1, 0, iteratorsOf(outer, 1 + spatial));
}

/// Whether a convolution of `filter` [o, c, 3, 3] with these attributes is one that F(4x4, 3x3)
/// Winograd computes: 2-D, 3x3, stride 1, undilated and ungrouped.
bool isWinogradShaped(RankedTensorType filter, llvm::ArrayRef<int64_t> stride, llvm::ArrayRef<int64_t> dilation,
                      int64_t groups) {
  auto isOne = [](int64_t value) { return value == 1; };
  return filter.getRank() == 4 && filter.getDimSize(2) == 3 && filter.getDimSize(3) == 3 && groups == 1 &&
         llvm::all_of(stride, isOne) && llvm::all_of(dilation, isOne);
}

/// dlm.conv: y[n, o, q] = sum_{c, k} x[n, c, q * stride + k * dilation - pad] * w[o, c, k].
///
/// When the output rows are short and the output channels fill whole registers, it sums into a
/// channels-last yt[n, q..., o] from a channels-last filter wt[c, k..., o], then transposes back:
/// each step multiplies a vector of output channels by one broadcast input element, where
/// vectors along rows of 10 (LeNet's conv2) leave 6 of 16 lanes idle.
struct ConvToGeneric : OpRewritePattern<ConvOp> {
  using OpRewritePattern::OpRewritePattern;

  /// Lanes of an AVX-512 register of f32.
  static constexpr int64_t lanes = 16;
  /// When channels-last pays: output channels a multiple of 16, output rows that fill less
  /// than three quarters of their vectors, and at least 8 products (input channels x taps) per
  /// output element to amortize the two copies. Measured with `bench/run.sh kernels` (2 threads,
  /// copies included): LeNet's conv2 (6 -> 16, 5x5, rows of 10) 266 -> 309 GFLOP/s, oneDNN 348.
  /// In LeNet's training it is even (54,500 against 55,000 images/s): the bias and ReLU, which
  /// ran on the accumulators of the direct kernel, now take a pass of their own after the copy.
  static constexpr double maxRowLaneUse = 0.75;
  static constexpr int64_t minChannelsLastProducts = 8;

  static bool paysChannelsLast(ConvOp op) {
    auto resultType = tensorTypeOf(op.getResult());
    auto filterType = tensorTypeOf(op.getFilter());
    int64_t channels = resultType.getDimSize(1), width = resultType.getShape().back();
    double rowLaneUse = width >= 4 * lanes ? 1.0 : double(width) / double(llvm::alignTo(width, lanes));
    return op.getGroups() == 1 && channels % lanes == 0 && rowLaneUse < maxRowLaneUse &&
           filterType.getNumElements() / channels >= minChannelsLastProducts;
  }

  LogicalResult matchAndRewrite(ConvOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = tensorTypeOf(op.getResult());
    Type element = resultType.getElementType();
    if (isWinogradShaped(tensorTypeOf(op.getFilter()), op.getStride(), op.getDilation(), op.getGroups()) &&
        paysWinograd(tensorTypeOf(op.getInput()), resultType)) {
      rewriter.replaceOp(op, winogradConvolution(rewriter, loc, op.getInput(), op.getFilter(), op.getPadding(),
                                                 /*inputGradient=*/false, resultType));
      return success();
    }
    Value input = padTrailing(rewriter, loc, op.getInput(), 2, op.getPadding(), op.getPadding(),
                              floatConstant(rewriter, loc, element, 0));
    rewriter.replaceOp(op, paysChannelsLast(op) ? channelsLast(rewriter, loc, op, input)
                                                : alongOutputRows(rewriter, loc, op, input));
    return success();
  }

  static Value alongOutputRows(OpBuilder &b, Location loc, ConvOp op, Value input) {
    MLIRContext *context = b.getContext();
    auto resultType = tensorTypeOf(op.getResult());
    int64_t groups = op.getGroups();
    bool grouped = groups > 1;
    unsigned spatial = resultType.getRank() - 2;
    Value filter = op.getFilter();
    if (grouped) {
      input = splitGroups(b, loc, input, 1, groups);
      filter = splitGroups(b, loc, filter, 0, groups);
    }
    // Loops: n, (g,) o, q..., c, k...
    unsigned outer = (grouped ? 3 : 2) + spatial, loops = outer + 1 + spatial;
    llvm::SmallVector<AffineExpr> d = dims(loops, context);
    AffineExpr n = d[0], o = d[grouped ? 2 : 1], c = d[outer];
    llvm::SmallVector<AffineExpr> inputPrefix = {n}, filterPrefix, outputPrefix = {n};
    if (grouped) {
      inputPrefix.push_back(d[1]);
      filterPrefix.push_back(d[1]);
      outputPrefix.push_back(d[1]);
    }
    inputPrefix.push_back(c);
    filterPrefix.append({o, c});
    outputPrefix.push_back(o);
    llvm::SmallVector<AffineExpr> inputSpatial, filterSpatial, outputSpatial;
    for (unsigned i = 0; i < spatial; ++i) {
      AffineExpr q = d[outer - spatial + i], k = d[outer + 1 + i];
      inputSpatial.push_back(q * op.getStride()[i] + k * op.getDilation()[i]);
      filterSpatial.push_back(k);
      outputSpatial.push_back(q);
    }
    AffineMap maps[] = {operandMap(loops, inputPrefix, inputSpatial, context),
                        operandMap(loops, filterPrefix, filterSpatial, context),
                        operandMap(loops, outputPrefix, outputSpatial, context)};
    return sumOfProducts(b, loc, input, filter, maps, resultType, groups, 1, iteratorsOf(outer, 1 + spatial));
  }

  static Value channelsLast(OpBuilder &b, Location loc, ConvOp op, Value input) {
    auto resultType = tensorTypeOf(op.getResult());
    unsigned rank = resultType.getRank();
    // wt[c, k..., o] = w[o, c, k...], and yt[n, q..., o] = y[n, o, q...].
    llvm::SmallVector<int64_t> outputToChannelsLast = activationToChannelsLast(rank);
    Value filter = transposed(b, loc, op.getFilter(), filterToChannelsLast(rank));
    auto transposedType = RankedTensorType::get(applyPermutation(resultType.getShape(), outputToChannelsLast),
                                                resultType.getElementType());
    Value result = channelsLastWindowSum(b, loc, input, filter, op.getStride(), op.getDilation(), transposedType);
    return transposed(b, loc, result, invertPermutationVector(outputToChannelsLast));
  }

};

/// dlm.conv_backward_filter: dw[o, c, k] = sum_{n, q} x[n, c, q * stride + k * dilation - pad] * g[n, o, q].
///
/// With many output channels it sums along them instead: each image's gradient is copied
/// channels-last, gt[q, o], and dwt[c, k, o] = sum_{n, q} x[n, c, ...] * gt[q, o] is transposed
/// back. Each step then multiplies a vector of output channels by one broadcast input element, as
/// a matmul does, instead of partial sums along image rows that are as wide as the image (28:
/// masked lanes, and one misaligned load of the input per filter column).
struct ConvBackwardFilterToGeneric : OpRewritePattern<ConvBackwardFilterOp> {
  using OpRewritePattern::OpRewritePattern;

  /// When the channels-last form pays: the output channels fill a vector register (16 f32 on
  /// AVX-512), and each gradient element feeds enough products (input channels x filter taps)
  /// to amortize its copy. Measured with dlm-bench-kernels (2 threads, GFLOP/s, copy included):
  /// the small ResNet's 32->32 3x3 filter gradient 215 -> 340 (288 products per element),
  /// LeNet's 6->16 5x5 one 165 -> 340 (150), the ResNet's 1->32 3x3 stem 150 -> 165 (9).
  static constexpr int64_t minChannelsLastOutputChannels = 16, minChannelsLastProducts = 8;

  static bool paysChannelsLast(ConvBackwardFilterOp op) {
    auto filterType = tensorTypeOf(op.getResult());
    return op.getGroups() == 1 && tensorTypeOf(op.getInput()).hasStaticShape() &&
           filterType.getDimSize(0) >= minChannelsLastOutputChannels &&
           filterType.getNumElements() / filterType.getDimSize(0) >= minChannelsLastProducts;
  }

  LogicalResult matchAndRewrite(ConvBackwardFilterOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = tensorTypeOf(op.getResult());
    Type element = resultType.getElementType();
    if (paysChannelsLast(op)) {
      rewriter.replaceOp(op, channelsLastImageByImage(rewriter, loc, op));
      return success();
    }
    Value input = padTrailing(rewriter, loc, op.getInput(), 2, op.getPadding(), op.getPadding(),
                              floatConstant(rewriter, loc, element, 0));
    rewriter.replaceOp(op, alongImageRows(rewriter, loc, op, input));
    return success();
  }

  static Value alongImageRows(OpBuilder &b, Location loc, ConvBackwardFilterOp op, Value input) {
    MLIRContext *context = b.getContext();
    auto resultType = tensorTypeOf(op.getResult());
    int64_t groups = op.getGroups();
    bool grouped = groups > 1;
    unsigned spatial = resultType.getRank() - 2;
    Value gradient = op.getGradOutput();
    if (grouped) {
      input = splitGroups(b, loc, input, 1, groups);
      gradient = splitGroups(b, loc, gradient, 1, groups);
    }
    // Loops: (g,) o, c, k..., n, q...
    unsigned first = grouped ? 1 : 0, outer = first + 2 + spatial, loops = outer + 1 + spatial;
    llvm::SmallVector<AffineExpr> d = dims(loops, context);
    AffineExpr o = d[first], c = d[first + 1], n = d[outer];
    llvm::SmallVector<AffineExpr> inputPrefix = {n}, gradientPrefix = {n}, outputPrefix;
    if (grouped) {
      inputPrefix.push_back(d[0]);
      gradientPrefix.push_back(d[0]);
      outputPrefix.push_back(d[0]);
    }
    inputPrefix.push_back(c);
    gradientPrefix.push_back(o);
    outputPrefix.append({o, c});
    llvm::SmallVector<AffineExpr> inputSpatial, gradientSpatial, outputSpatial;
    for (unsigned i = 0; i < spatial; ++i) {
      AffineExpr k = d[first + 2 + i], q = d[outer + 1 + i];
      inputSpatial.push_back(q * op.getStride()[i] + k * op.getDilation()[i]);
      gradientSpatial.push_back(q);
      outputSpatial.push_back(k);
    }
    AffineMap maps[] = {operandMap(loops, inputPrefix, inputSpatial, context),
                        operandMap(loops, gradientPrefix, gradientSpatial, context),
                        operandMap(loops, outputPrefix, outputSpatial, context)};
    return sumOfProducts(b, loc, input, gradient, maps, resultType, groups, 0, iteratorsOf(outer, 1 + spatial));
  }

  /// Ranges of images summed in parallel, each into its own partial gradient: four balance one,
  /// two and four threads (as dlm-vectorize-generics' `reduction-chunks`).
  static constexpr int64_t imageChunks = 4;

  /// The channels-last form, image by image: dwt[c, k..., o] = sum_n sum_q x[n, c, ...] * gt[n, q..., o].
  /// Each image is padded and its gradient copied channels-last just before its products, into
  /// buffers that stay in the core's L2 cache (for the small ResNet 115 and 100 KB), so the
  /// batch is read from memory once. Padding and transposing the whole batch first wrote both
  /// copies to memory and the sum read them back: a fifth of the 32-channel filter gradient's
  /// time and most of the 1-channel stem's.
  static Value channelsLastImageByImage(OpBuilder &b, Location loc, ConvBackwardFilterOp op) {
    MLIRContext *context = b.getContext();
    auto resultType = tensorTypeOf(op.getResult());
    auto inputType = tensorTypeOf(op.getInput());
    unsigned rank = resultType.getRank(), spatial = rank - 2;
    Type element = resultType.getElementType();
    llvm::SmallVector<int64_t> filterPermutation = filterToChannelsLast(rank);
    llvm::SmallVector<int64_t> sumShape = applyPermutation(resultType.getShape(), filterPermutation);
    int64_t images = inputType.getDimSize(0), chunks = std::gcd(images, imageChunks);
    auto index = [&](int64_t value) -> OpFoldResult { return b.getIndexAttr(value); };

    llvm::SmallVector<int64_t> partialsShape = {chunks};
    partialsShape.append(sumShape);
    Value partials = tensor::EmptyOp::create(b, loc, partialsShape, element);
    auto loop = scf::ForallOp::create(b, loc, llvm::ArrayRef<OpFoldResult>{index(0)},
                                      llvm::ArrayRef<OpFoldResult>{index(chunks)},
                                      llvm::ArrayRef<OpFoldResult>{index(1)}, ValueRange{partials}, std::nullopt);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(loop.getTerminator());
    Value chunk = loop.getInductionVars().front();
    Value imagesPerChunk = indexConstant(b, loc, images / chunks);
    Value first = arith::MulIOp::create(b, loc, chunk, imagesPerChunk);
    Value last = arith::AddIOp::create(b, loc, first, imagesPerChunk);
    Value zeros = zerosLike(b, loc, sumShape, element);
    auto imageLoop = scf::ForOp::create(
        b, loc, first, last, indexConstant(b, loc, 1), ValueRange{zeros},
        [&](OpBuilder &body, Location bodyLoc, Value image, ValueRange sums) {
          Value x = padTrailing(body, bodyLoc, imageOf(body, bodyLoc, op.getInput(), image), 1, op.getPadding(),
                                op.getPadding(), floatConstant(body, bodyLoc, element, 0));
          // gt[q..., o] = g[o, q...]: the first dimension moves last, as a filter's does.
          Value gradient = transposed(body, bodyLoc, imageOf(body, bodyLoc, op.getGradOutput(), image),
                                      filterToChannelsLast(spatial + 1));
          // Loops c, k..., o, q...
          unsigned loops = 2 + 2 * spatial;
          llvm::SmallVector<AffineExpr> d = dims(loops, context);
          llvm::SmallVector<AffineExpr> inputResults = {d[0]}, gradientResults,
                                        sumResults(d.begin(), d.begin() + 2 + spatial);
          for (unsigned i = 0; i < spatial; ++i) {
            AffineExpr k = d[1 + i], q = d[2 + spatial + i];
            inputResults.push_back(q * op.getStride()[i] + k * op.getDilation()[i]);
            gradientResults.push_back(q);
          }
          gradientResults.push_back(d[1 + spatial]);
          AffineMap maps[] = {AffineMap::get(loops, 0, inputResults, context),
                              AffineMap::get(loops, 0, gradientResults, context),
                              AffineMap::get(loops, 0, sumResults, context)};
          Value sum = generic(body, bodyLoc, ValueRange{x, gradient}, sums, maps, iteratorsOf(2 + spatial, spatial),
                              multiplyAccumulate)
                          .getResult(0);
          scf::YieldOp::create(body, bodyLoc, sum);
        });
    b.setInsertionPointToStart(loop.getTerminator().getBody());
    llvm::SmallVector<OpFoldResult> offsets = {chunk}, sizes = {index(1)}, strides(rank + 1, index(1));
    for (int64_t extent : sumShape) {
      offsets.push_back(index(0));
      sizes.push_back(index(extent));
    }
    tensor::ParallelInsertSliceOp::create(b, loc, imageLoop.getResult(0), loop.getRegionIterArgs().front(), offsets,
                                          sizes, strides);
    b.setInsertionPointAfter(loop);
    Value sum = reduce(b, loc, loop.getResult(0), {0}, ReductionKind::sum, /*keepDims=*/false);
    return permuted(b, loc, sum, invertPermutationVector(filterPermutation));
  }

  /// Image `image` of a batch [N, ...] of static shape, without its batch dimension.
  static Value imageOf(OpBuilder &b, Location loc, Value batch, Value image) {
    auto type = tensorTypeOf(batch);
    auto index = [&](int64_t value) -> OpFoldResult { return b.getIndexAttr(value); };
    llvm::SmallVector<OpFoldResult> offsets = {image}, sizes = {index(1)}, strides(type.getRank(), index(1));
    for (int64_t extent : type.getShape().drop_front()) {
      offsets.push_back(index(0));
      sizes.push_back(index(extent));
    }
    auto imageType = RankedTensorType::get(type.getShape().drop_front(), type.getElementType());
    return tensor::ExtractSliceOp::create(b, loc, imageType, batch, offsets, sizes, strides);
  }

};

/// `filter` with its spatial dimensions reversed. (A reversed read cannot sit
/// in the convolution's own maps: linalg needs them invertible.)
Value flipSpatial(OpBuilder &b, Location loc, Value filter) {
  MLIRContext *context = b.getContext();
  auto type = tensorTypeOf(filter);
  unsigned rank = type.getRank();
  llvm::SmallVector<AffineExpr> reversed = dims(rank, context);
  for (unsigned d = 2; d < rank; ++d)
    reversed[d] = getAffineConstantExpr(type.getDimSize(d) - 1, context) - reversed[d];
  AffineMap maps[] = {AffineMap::get(rank, 0, reversed, context), AffineMap::getMultiDimIdentityMap(rank, context)};
  Value init = tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
  return generic(b, loc, filter, init, maps, iteratorsOf(rank, 0),
                 [](OpBuilder &, Location, ValueRange x) -> llvm::SmallVector<Value> { return {x[0]}; })
      .getResult(0);
}

/// dlm.conv_backward_input as a correlation of the flipped filter with the
/// output gradient spread out by the stride: with G[t] = g[q] at
/// t = q * stride + (K - 1) * dilation - pad (zero elsewhere),
/// dx[n, c, i] = sum_{o, k} G[n, o, i + k * dilation] * w[o, c, K - 1 - k].
struct ConvBackwardInputToGeneric : OpRewritePattern<ConvBackwardInputOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvBackwardInputOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = getContext();
    auto resultType = tensorTypeOf(op.getResult());
    auto gradientType = tensorTypeOf(op.getGradOutput()), filterType = tensorTypeOf(op.getFilter());
    Type element = resultType.getElementType();
    int64_t groups = op.getGroups();
    bool grouped = groups > 1;
    unsigned spatial = resultType.getRank() - 2;
    llvm::ArrayRef<int64_t> stride = op.getStride(), dilation = op.getDilation(), padding = op.getPadding();
    // With stride 1, dx is the forward convolution of g with the flipped filter, its channels
    // swapped, and padding 2 - pad.
    if (isWinogradShaped(filterType, stride, dilation, groups) &&
        llvm::all_of(padding, [](int64_t p) { return p <= 2; }) && paysWinograd(gradientType, resultType)) {
      llvm::SmallVector<int64_t> gradientPadding = llvm::map_to_vector(padding, [](int64_t p) { return 2 - p; });
      rewriter.replaceOp(op, winogradConvolution(rewriter, loc, op.getGradOutput(), op.getFilter(), gradientPadding,
                                                 /*inputGradient=*/true, resultType));
      return success();
    }

    // Spread the gradient into G, keeping only the entries that reach dx.
    llvm::SmallVector<int64_t> spreadShape = {gradientType.getDimSize(0), gradientType.getDimSize(1)};
    llvm::SmallVector<int64_t> sliceOffsets = {0, 0}, sliceSizes(spreadShape), insertOffsets = {0, 0},
                                insertStrides = {1, 1};
    bool empty = false;
    for (unsigned i = 0; i < spatial; ++i) {
      int64_t kernel = filterType.getDimSize(2 + i), reach = (kernel - 1) * dilation[i];
      int64_t extent = resultType.getDimSize(2 + i) + reach, shift = reach - padding[i];
      int64_t outputs = gradientType.getDimSize(2 + i);
      int64_t first = shift >= 0 ? 0 : (-shift + stride[i] - 1) / stride[i];
      int64_t last = std::min(outputs - 1, (extent - 1 - shift) >= 0 ? (extent - 1 - shift) / stride[i] : -1);
      empty |= last < first;
      spreadShape.push_back(extent);
      sliceOffsets.push_back(first);
      sliceSizes.push_back(std::max<int64_t>(0, last - first + 1));
      insertOffsets.push_back(shift + first * stride[i]);
      insertStrides.push_back(stride[i]);
    }
    Value spread = zerosLike(rewriter, loc, spreadShape, element);
    if (!empty) {
      llvm::SmallVector<int64_t> unitStrides(sliceSizes.size(), 1);
      auto sliceType = RankedTensorType::get(sliceSizes, element);
      Value slice = tensor::ExtractSliceOp::create(rewriter, loc, sliceType, op.getGradOutput(), ValueRange{},
                                                   ValueRange{}, ValueRange{}, sliceOffsets, sliceSizes, unitStrides);
      spread = tensor::InsertSliceOp::create(rewriter, loc, slice, spread, ValueRange{}, ValueRange{}, ValueRange{},
                                             insertOffsets, sliceSizes, insertStrides);
    }
    Value filter = flipSpatial(rewriter, loc, op.getFilter());
    if (grouped) {
      spread = splitGroups(rewriter, loc, spread, 1, groups);
      filter = splitGroups(rewriter, loc, filter, 0, groups);
    }
    // Loops: n, (g,) c, i..., o, k...
    unsigned outer = (grouped ? 3 : 2) + spatial, loops = outer + 1 + spatial;
    llvm::SmallVector<AffineExpr> d = dims(loops, context);
    AffineExpr n = d[0], c = d[grouped ? 2 : 1], o = d[outer];
    llvm::SmallVector<AffineExpr> spreadPrefix = {n}, filterPrefix, outputPrefix = {n};
    if (grouped) {
      spreadPrefix.push_back(d[1]);
      filterPrefix.push_back(d[1]);
      outputPrefix.push_back(d[1]);
    }
    spreadPrefix.push_back(o);
    filterPrefix.append({o, c});
    outputPrefix.push_back(c);
    llvm::SmallVector<AffineExpr> spreadSpatial, filterSpatial, outputSpatial;
    for (unsigned i = 0; i < spatial; ++i) {
      AffineExpr position = d[outer - spatial + i], k = d[outer + 1 + i];
      spreadSpatial.push_back(position + k * dilation[i]);
      filterSpatial.push_back(k);
      outputSpatial.push_back(position);
    }
    AffineMap maps[] = {operandMap(loops, spreadPrefix, spreadSpatial, context),
                        operandMap(loops, filterPrefix, filterSpatial, context),
                        operandMap(loops, outputPrefix, outputSpatial, context)};
    rewriter.replaceOp(op, sumOfProducts(rewriter, loc, spread, filter, maps, resultType, groups, 1,
                                         iteratorsOf(outer, 1 + spatial)));
    return success();
  }
};

/// A window-shaped operand: it fixes the extents of window loops that
/// otherwise appear only inside affine expressions.
Value windowOperand(OpBuilder &b, Location loc, llvm::ArrayRef<int64_t> window, Type element) {
  return tensor::EmptyOp::create(b, loc, window, element);
}

/// Loops n, c, q..., k... reading the padded input at q * stride + k.
llvm::SmallVector<AffineMap> windowMaps(unsigned spatial, llvm::ArrayRef<int64_t> stride, MLIRContext *context) {
  unsigned loops = 2 + 2 * spatial;
  llvm::SmallVector<AffineExpr> d = dims(loops, context), input = {d[0], d[1]}, window, output = {d[0], d[1]};
  for (unsigned i = 0; i < spatial; ++i) {
    input.push_back(d[2 + i] * stride[i] + d[2 + spatial + i]);
    window.push_back(d[2 + spatial + i]);
    output.push_back(d[2 + i]);
  }
  return {AffineMap::get(loops, 0, input, context), AffineMap::get(loops, 0, window, context),
          AffineMap::get(loops, 0, output, context)};
}

/// The windows of `input` (batch and channel first, then the spatial extents) reduced by `kind`,
/// padded with its identity.
Value windowReduction(OpBuilder &b, Location loc, Value input, RankedTensorType resultType, ReductionKind kind,
                      llvm::ArrayRef<int64_t> window, llvm::ArrayRef<int64_t> stride, llvm::ArrayRef<int64_t> padding) {
  Type element = resultType.getElementType();
  unsigned spatial = resultType.getRank() - 2;
  Value identity = identityOf(b, loc, kind, element);
  Value padded = padTrailing(b, loc, input, 2, padding, padding, identity);
  Value init = filled(b, loc, resultType.getShape(), identity);
  Value windowShape = windowOperand(b, loc, window, element);
  return generic(b, loc, ValueRange{padded, windowShape}, init, windowMaps(spatial, stride, b.getContext()),
                 iteratorsOf(2 + spatial, spatial),
                 [&](OpBuilder &nested, Location nestedLoc, ValueRange x) -> llvm::SmallVector<Value> {
                   return {combine(nested, nestedLoc, kind, x[2], x[0])};
                 })
      .getResult(0);
}

/// A constant tensor of `shape` holding `values` (row-major) as `element`s.
Value constantTable(OpBuilder &b, Location loc, llvm::ArrayRef<int64_t> shape, Type element,
                    llvm::ArrayRef<double> values) {
  llvm::SmallVector<Attribute> attributes;
  for (double value : values)
    attributes.push_back(b.getFloatAttr(element, value));
  auto type = RankedTensorType::get(shape, element);
  return arith::ConstantOp::create(b, loc, type, DenseElementsAttr::get(type, attributes));
}

template <typename PoolOp>
struct PoolToGeneric : OpRewritePattern<PoolOp> {
  using OpRewritePattern<PoolOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(PoolOp op, PatternRewriter &rewriter) const override {
    constexpr bool isMax = std::is_same_v<PoolOp, MaxPoolOp>;
    Location loc = op.getLoc();
    auto resultType = tensorTypeOf(op.getResult());
    Value result = windowReduction(rewriter, loc, op.getInput(), resultType,
                                   isMax ? ReductionKind::max : ReductionKind::sum, op.getWindow(), op.getStride(),
                                   op.getPadding());
    if (!isMax) {
      double size = 1;
      for (int64_t extent : op.getWindow())
        size *= static_cast<double>(extent);
      result = scaleDown(rewriter, loc, result, size);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The offset inside its window (row-major) of each window's first maximum, as a float: the
/// smallest offset whose element equals the window's maximum (the window size if none does, for
/// a NaN). Two reductions that vectorize along the windows' rows: the maxima, which are the
/// forward pooling's and merge with it, then a minimum over a constant table of the offsets.
Value firstMaximumOffsets(OpBuilder &b, Location loc, PoolBackwardOp op) {
  auto gradientType = tensorTypeOf(op.getGradOutput());
  Type element = gradientType.getElementType();
  unsigned spatial = gradientType.getRank() - 2;
  llvm::ArrayRef<int64_t> window = op.getWindow();
  Value maxima = windowReduction(b, loc, op.getInput(), gradientType, ReductionKind::max, window, op.getStride(),
                                 op.getPadding());
  Value lowest = identityOf(b, loc, ReductionKind::max, element);
  Value input = padTrailing(b, loc, op.getInput(), 2, op.getPadding(), op.getPadding(), lowest);
  llvm::SmallVector<double> offsets;
  int64_t size = 1;
  for (int64_t extent : window)
    size *= extent;
  for (int64_t offset = 0; offset < size; ++offset)
    offsets.push_back(static_cast<double>(offset));
  Value table = constantTable(b, loc, window, element, offsets);
  auto maps = windowMaps(spatial, op.getStride(), b.getContext());
  maps.insert(maps.begin() + 1, maps.back());
  Value none = floatConstant(b, loc, element, static_cast<double>(size));
  Value init = filled(b, loc, gradientType.getShape(), none);
  return generic(b, loc, ValueRange{input, maxima, table}, init, maps,
                 iteratorsOf(2 + spatial, spatial),
                 [&](OpBuilder &nested, Location nestedLoc, ValueRange x) -> llvm::SmallVector<Value> {
                   Value isMaximum = arith::CmpFOp::create(nested, nestedLoc, arith::CmpFPredicate::OEQ, x[0], x[1]);
                   Value offset = arith::SelectOp::create(nested, nestedLoc, isMaximum, x[2], none);
                   return {arith::MinimumFOp::create(nested, nestedLoc, x[3], offset)};
                 })
      .getResult(0);
}

/// Marks an input position outside the window it would be in: far below any sum of offsets.
constexpr double outsideWindow = -double(1 << 20);

/// For one spatial dimension of a pool's input, the offset along it of each position inside its
/// j-th candidate window (see PoolBackwardToGeneric), times the window's row-major weight of
/// the dimension, or `outsideWindow` where that window does not exist or does not reach it:
/// [candidates, extent].
Value windowPositionTable(OpBuilder &b, Location loc, Type element, int64_t extent, int64_t candidates,
                          int64_t windowExtent, int64_t stride, int64_t padding, int64_t windows, int64_t weight) {
  llvm::SmallVector<double> values;
  for (int64_t j = 0; j < candidates; ++j)
    for (int64_t position = 0; position < extent; ++position) {
      int64_t shifted = position + padding, q = shifted / stride - j, k = shifted - q * stride;
      bool inside = q >= 0 && q < windows && k < windowExtent;
      values.push_back(inside ? static_cast<double>(k * weight) : outsideWindow);
    }
  return constantTable(b, loc, {candidates, extent}, element, values);
}

/// dlm.pool_backward: each input position gathers from the windows that
/// contain it. For stride s and window K these are the outputs
/// q = (i + pad) floordiv s - j with j < ceil(K / s); the gradient (and the
/// first maxima's offsets) are padded so every such read is in bounds. Constant
/// tables give the position's offset inside each candidate window, or mark it
/// outside: the body has no index arithmetic, and reads along the rows follow
/// patterns (each gradient element twice, for s = 2) that vectorize.
struct PoolBackwardToGeneric : OpRewritePattern<PoolBackwardOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PoolBackwardOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = getContext();
    bool isMax = op.getKind() == ReductionKind::max;
    if (!isMax && op.getKind() != ReductionKind::mean)
      return rewriter.notifyMatchFailure(op, "only max and mean pooling have adjoints");
    auto resultType = tensorTypeOf(op.getResult()), gradientType = tensorTypeOf(op.getGradOutput());
    Type element = resultType.getElementType();
    unsigned spatial = resultType.getRank() - 2;
    llvm::ArrayRef<int64_t> window = op.getWindow(), stride = op.getStride(), padding = op.getPadding();
    llvm::SmallVector<int64_t> candidates, low, high, weights(spatial, 1);
    double size = 1;
    for (unsigned i = 0; i < spatial; ++i) {
      candidates.push_back((window[i] + stride[i] - 1) / stride[i]);
      low.push_back(candidates.back() - 1);
      int64_t lastWindow = (resultType.getDimSize(2 + i) - 1 + padding[i]) / stride[i];
      high.push_back(std::max<int64_t>(0, lastWindow - (gradientType.getDimSize(2 + i) - 1)));
      size *= static_cast<double>(window[i]);
    }
    for (int i = int(spatial) - 2; i >= 0; --i)
      weights[i] = weights[i + 1] * window[i + 1];
    Value gradient = padTrailing(rewriter, loc, op.getGradOutput(), 2, low, high, floatConstant(rewriter, loc, element, 0));
    llvm::SmallVector<Value> inputs = {gradient};
    if (isMax)
      inputs.push_back(padTrailing(rewriter, loc, firstMaximumOffsets(rewriter, loc, op), 2, low, high,
                                   floatConstant(rewriter, loc, element, outsideWindow)));
    // When windows do not overlap (stride >= window), each position has one candidate window:
    // the j loops vanish and every output is written once, with no zero fill to add to.
    bool oneWindowEach = llvm::all_of(candidates, [](int64_t count) { return count == 1; });
    unsigned windowLoops = oneWindowEach ? 0 : spatial;
    // Loops: n, c, i..., j...
    unsigned loops = 2 + spatial + windowLoops;
    llvm::SmallVector<AffineExpr> d = dims(loops, context), read = {d[0], d[1]}, output = {d[0], d[1]};
    llvm::SmallVector<AffineMap> tableMaps;
    for (unsigned i = 0; i < spatial; ++i) {
      AffineExpr position = d[2 + i], j = oneWindowEach ? getAffineConstantExpr(0, context) : d[2 + spatial + i];
      read.push_back((position + padding[i]).floorDiv(stride[i]) - j + low[i]);
      output.push_back(position);
      tableMaps.push_back(AffineMap::get(loops, 0, {j, position}, context));
      inputs.push_back(windowPositionTable(rewriter, loc, element, resultType.getDimSize(2 + i), candidates[i],
                                           window[i], stride[i], padding[i], gradientType.getDimSize(2 + i),
                                           weights[i]));
    }
    llvm::SmallVector<AffineMap> maps = {AffineMap::get(loops, 0, read, context)};
    if (isMax)
      maps.push_back(maps.front());
    maps.append(tableMaps);
    maps.push_back(AffineMap::get(loops, 0, output, context));
    Value init = oneWindowEach ? tensor::EmptyOp::create(rewriter, loc, resultType.getShape(), element).getResult()
                               : zerosLike(rewriter, loc, resultType.getShape(), element);
    Value zero = floatConstant(rewriter, loc, element, 0);
    Value result =
        generic(rewriter, loc, inputs, init, maps, iteratorsOf(2 + spatial, windowLoops),
                [&](OpBuilder &b, Location nested, ValueRange x) -> llvm::SmallVector<Value> {
                  unsigned firstTable = isMax ? 2 : 1;
                  Value offset = x[firstTable];
                  for (unsigned i = 1; i < spatial; ++i)
                    offset = arith::AddFOp::create(b, nested, offset, x[firstTable + i]);
                  Value contribution = x[0], valid;
                  if (isMax) {
                    valid = arith::CmpFOp::create(b, nested, arith::CmpFPredicate::OEQ, offset, x[1]);
                  } else {
                    valid = arith::CmpFOp::create(b, nested, arith::CmpFPredicate::OGE, offset, zero);
                    contribution = arith::MulFOp::create(b, nested, x[0], floatConstant(b, nested, element, 1 / size));
                  }
                  Value term = arith::SelectOp::create(b, nested, valid, contribution, zero);
                  if (oneWindowEach)
                    return {term};
                  return {arith::AddFOp::create(b, nested, x.back(), term)};
                })
            .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The reduced axis of a softmax-like op, kept with extent 1.
Value rowMax(OpBuilder &b, Location loc, Value x, int64_t axis) {
  return reduce(b, loc, x, {axis}, ReductionKind::max, /*keepDims=*/true);
}

/// sum(exp(x - m)) along `axis`, kept with extent 1.
Value sumOfExponentials(OpBuilder &b, Location loc, Value x, Value maxima, int64_t axis) {
  auto type = tensorTypeOf(x);
  Value exponentials = elementwise(b, loc, type, ValueRange{x, maxima}, [](OpBuilder &nested, Location l, ValueRange v) {
    return math::ExpOp::create(nested, l, arith::SubFOp::create(nested, l, v[0], v[1]));
  });
  return reduce(b, loc, exponentials, {axis}, ReductionKind::sum, /*keepDims=*/true);
}

template <typename SoftmaxLike>
struct SoftmaxToGenerics : OpRewritePattern<SoftmaxLike> {
  using OpRewritePattern<SoftmaxLike>::OpRewritePattern;
  LogicalResult matchAndRewrite(SoftmaxLike op, PatternRewriter &rewriter) const override {
    constexpr bool isLog = std::is_same_v<SoftmaxLike, LogSoftmaxOp>;
    Location loc = op.getLoc();
    Value x = op.getInput();
    auto type = tensorTypeOf(x);
    int64_t axis = normalizedAxis(op.getAxis(), type.getRank());
    Value maxima = rowMax(rewriter, loc, x, axis);
    Value sums = sumOfExponentials(rewriter, loc, x, maxima, axis);
    Value result = elementwise(rewriter, loc, type, ValueRange{x, maxima, sums},
                               [](OpBuilder &b, Location l, ValueRange v) -> Value {
                                 Value shifted = arith::SubFOp::create(b, l, v[0], v[1]);
                                 if (isLog)
                                   return arith::SubFOp::create(b, l, shifted, math::LogOp::create(b, l, v[2]));
                                 return arith::DivFOp::create(b, l, math::ExpOp::create(b, l, shifted), v[2]);
                               });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Integer class labels: mean_n(log(sum_c exp(l - m)) + m - l[n, label[n]]);
/// probabilities: mean_n(-sum_c t * log_softmax(l)).
struct CrossEntropyToGenerics : OpRewritePattern<CrossEntropyOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CrossEntropyOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = getContext();
    Value logits = op.getLogits(), labels = op.getLabels();
    auto logitsType = tensorTypeOf(logits);
    Type element = logitsType.getElementType();
    int64_t rows = logitsType.getDimSize(0);
    Value maxima = rowMax(rewriter, loc, logits, 1);
    Value sums = sumOfExponentials(rewriter, loc, logits, maxima, 1);
    Value perRow;
    if (llvm::isa<IntegerType>(tensorTypeOf(labels).getElementType())) {
      // The picked logit: a sum over classes of the one matching the label.
      AffineMap maps[] = {AffineMap::getMultiDimIdentityMap(2, context),
                          AffineMap::get(2, 0, {getAffineDimExpr(0, context)}, context),
                          AffineMap::get(2, 0, {getAffineDimExpr(0, context)}, context)};
      Value picked =
          generic(rewriter, loc, ValueRange{logits, labels}, zerosLike(rewriter, loc, {rows}, element), maps,
                  iteratorsOf(1, 1),
                  [&](OpBuilder &b, Location l, ValueRange x) -> llvm::SmallVector<Value> {
                    Value label = arith::IndexCastOp::create(b, l, b.getIndexType(), x[1]);
                    Value match = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, linalg::IndexOp::create(b, l, 1), label);
                    return {arith::AddFOp::create(b, l, x[2],
                                                  arith::SelectOp::create(b, l, match, x[0], floatConstant(b, l, element, 0)))};
                  })
              .getResult(0);
      auto columnType = RankedTensorType::get({rows}, element);
      Value m = reshape(rewriter, loc, maxima, columnType), s = reshape(rewriter, loc, sums, columnType);
      perRow = elementwise(rewriter, loc, columnType, ValueRange{s, m, picked}, [](OpBuilder &b, Location l, ValueRange v) {
        return arith::SubFOp::create(b, l, arith::AddFOp::create(b, l, math::LogOp::create(b, l, v[0]), v[1]), v[2]);
      });
    } else {
      Value terms = elementwise(rewriter, loc, logitsType, ValueRange{logits, maxima, sums, labels},
                                [](OpBuilder &b, Location l, ValueRange v) -> Value {
                                  Value logProbability = arith::SubFOp::create(
                                      b, l, arith::SubFOp::create(b, l, v[0], v[1]), math::LogOp::create(b, l, v[2]));
                                  return arith::NegFOp::create(b, l, arith::MulFOp::create(b, l, v[3], logProbability));
                                });
      perRow = reduce(rewriter, loc, terms, {1}, ReductionKind::sum, false);
    }
    rewriter.replaceOp(op, reduce(rewriter, loc, perRow, {0}, ReductionKind::mean, false));
    return success();
  }
};

/// mean(max(x, 0) - x * t + log1p(exp(-|x|))).
struct BceWithLogitsToGenerics : OpRewritePattern<BceWithLogitsOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BceWithLogitsOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = tensorTypeOf(op.getLogits());
    Value terms = elementwise(rewriter, loc, type, ValueRange{op.getLogits(), op.getTargets()},
                              [&](OpBuilder &b, Location l, ValueRange v) -> Value {
                                Type element = type.getElementType();
                                Value positive = arith::MaxNumFOp::create(b, l, v[0], floatConstant(b, l, element, 0));
                                Value tail = math::Log1pOp::create(
                                    b, l, math::ExpOp::create(b, l, arith::NegFOp::create(b, l, math::AbsFOp::create(b, l, v[0]))));
                                return arith::AddFOp::create(
                                    b, l, arith::SubFOp::create(b, l, positive, arith::MulFOp::create(b, l, v[0], v[1])), tail);
                              });
    llvm::SmallVector<int64_t> all;
    for (int64_t d = 0; d < type.getRank(); ++d)
      all.push_back(d);
    rewriter.replaceOp(op, reduce(rewriter, loc, terms, all, ReductionKind::mean, false));
    return success();
  }
};

struct OneHotToGeneric : OpRewritePattern<OneHotOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(OneHotOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = getContext();
    auto resultType = tensorTypeOf(op.getResult());
    unsigned rank = resultType.getRank();
    Type element = resultType.getElementType();
    AffineMap maps[] = {AffineMap::getMultiDimIdentityMap(rank, context).getMajorSubMap(rank - 1),
                        AffineMap::getMultiDimIdentityMap(rank, context)};
    Value init = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(), element);
    Value result = generic(rewriter, loc, op.getLabels(), init, maps, iteratorsOf(rank, 0),
                           [&](OpBuilder &b, Location l, ValueRange x) -> llvm::SmallVector<Value> {
                             Value label = arith::IndexCastOp::create(b, l, b.getIndexType(), x[0]);
                             Value match = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                                                 linalg::IndexOp::create(b, l, rank - 1), label);
                             return {arith::UIToFPOp::create(b, l, element, match)};
                           })
                       .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The first index of the maximum: a reduction carrying (maximum, index).
struct ArgMaxToGeneric : OpRewritePattern<ArgMaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ArgMaxOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = getContext();
    auto inputType = tensorTypeOf(op.getInput()), resultType = tensorTypeOf(op.getResult());
    Type element = inputType.getElementType();
    if (!llvm::isa<FloatType>(element))
      return rewriter.notifyMatchFailure(op, "argmax of integers is not lowered");
    unsigned rank = inputType.getRank();
    int64_t axis = normalizedAxis(op.getAxis(), rank);
    // The reduced loop goes last so the iteration space is (kept..., axis).
    llvm::SmallVector<AffineExpr> inputDims(rank), outputDims;
    for (unsigned d = 0, kept = 0; d < rank; ++d) {
      if (static_cast<int64_t>(d) == axis) {
        inputDims[d] = getAffineDimExpr(rank - 1, context);
      } else {
        inputDims[d] = getAffineDimExpr(kept, context);
        outputDims.push_back(getAffineDimExpr(kept++, context));
      }
    }
    AffineMap output = AffineMap::get(rank, 0, outputDims, context);
    AffineMap maps[] = {AffineMap::get(rank, 0, inputDims, context), output, output};
    Value maxima = filled(rewriter, loc, resultType.getShape(), identityOf(rewriter, loc, ReductionKind::max, element));
    Value indices = filled(rewriter, loc, resultType.getShape(),
                           arith::ConstantOp::create(rewriter, loc, rewriter.getI32IntegerAttr(0)));
    auto argmax = generic(rewriter, loc, op.getInput(), ValueRange{maxima, indices}, maps, iteratorsOf(rank - 1, 1),
                          [&](OpBuilder &b, Location l, ValueRange x) -> llvm::SmallVector<Value> {
                            Value greater = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGT, x[0], x[1]);
                            Value index = arith::IndexCastOp::create(b, l, b.getI32Type(), linalg::IndexOp::create(b, l, rank - 1));
                            return {arith::SelectOp::create(b, l, greater, x[0], x[1]),
                                    arith::SelectOp::create(b, l, greater, index, x[2])};
                          });
    rewriter.replaceOp(op, argmax.getResult(1));
    return success();
  }
};

/// [..., M, K] x [..., K, N] with broadcast batch dimensions.
struct MatMulToGeneric : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatMulOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = getContext();
    auto resultType = tensorTypeOf(op.getResult());
    unsigned rank = resultType.getRank(), loops = rank + 1;
    llvm::SmallVector<AffineExpr> d = dims(loops, context);
    auto operandMapOf = [&](Value operand, AffineExpr rowExpr, AffineExpr columnExpr) {
      auto type = tensorTypeOf(operand);
      int64_t offset = rank - type.getRank();
      llvm::SmallVector<AffineExpr> results;
      for (int64_t b = 0; b + 2 < type.getRank(); ++b) {
        bool stretched = type.getDimSize(b) == 1 && resultType.getDimSize(b + offset) != 1;
        results.push_back(stretched ? getAffineConstantExpr(0, context) : d[b + offset]);
      }
      results.append({rowExpr, columnExpr});
      return AffineMap::get(loops, 0, results, context);
    };
    AffineMap maps[] = {operandMapOf(op.getLhs(), d[rank - 2], d[rank]),
                        operandMapOf(op.getRhs(), d[rank], d[rank - 1]),
                        AffineMap::getMultiDimIdentityMap(loops, context).getMajorSubMap(rank)};
    Value init = zerosLike(rewriter, loc, resultType.getShape(), resultType.getElementType());
    Value result = generic(rewriter, loc, ValueRange{op.getLhs(), op.getRhs()}, init, maps, iteratorsOf(rank, 1),
                           multiplyAccumulate)
                       .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::dlm::lowering::populateNetworkPatterns(RewritePatternSet &patterns) {
  patterns.add<ConvToGeneric, ConvBackwardFilterToGeneric, ConvBackwardInputToGeneric, PoolToGeneric<MaxPoolOp>,
               PoolToGeneric<AvgPoolOp>, PoolBackwardToGeneric, SoftmaxToGenerics<SoftmaxOp>,
               SoftmaxToGenerics<LogSoftmaxOp>, CrossEntropyToGenerics, BceWithLogitsToGenerics, OneHotToGeneric,
               ArgMaxToGeneric, MatMulToGeneric>(patterns.getContext());
}
