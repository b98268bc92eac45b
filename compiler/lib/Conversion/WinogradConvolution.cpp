//===- WinogradConvolution.cpp - 3x3 convolutions by Winograd's F(4x4, 3x3) ===//
//
// Lavin and Gray's minimal filtering (arXiv:1509.09308): a 4x4 output tile of a 3x3 correlation
// is A^T [(G g G^T) * (B^T d B)] A for the 6x6 input tile d around it. Over C input channels the
// elementwise products become 36 matmuls [tiles, C] x [C, O], which dlm-vectorize-generics runs
// as register-blocked kernels, and each transform is two passes of a small constant matrix along
// one tile axis. Everything is channels-last, so every pass vectorizes along channels.
//
// The transformed tiles of a whole batch would be 2.25 times the size of its input, and each
// would make a round trip through memory between the passes. So the batch is an scf.forall over
// images: one image's transforms (for the small ResNet, at most 450 KB live at once) stay in the
// L2 cache of the core that computes them, and dlm-plan-static-memory gives them a place on that
// thread's stack.
//
//===----------------------------------------------------------------------===//

#include "WinogradConvolution.h"

#include "LinalgBuilders.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "llvm/Support/FormatVariadic.h"

namespace mlir::dlm::lowering {

namespace {

/// Output tile edge, and the edge of the input tile it reads through a 3x3 filter.
constexpr int64_t outputTile = 4, inputTile = outputTile + 2;

/// B^T, G and A^T for the interpolation points 0, 1, -1, 2, -2 and infinity.
constexpr float inputTransform[inputTile * inputTile] = {4, 0,  -5, 0, 1, 0, 0, -4, -4, 1,  1, 0, 0, 4, -4, -1, 1, 0,
                                                         0, -2, -1, 2, 1, 0, 0, 2,  -1, -2, 1, 0, 0, 4, 0,  -5, 0, 1};
constexpr float filterTransform[inputTile * 3] = {1.f / 4,  0,         0,        -1.f / 6, -1.f / 6, -1.f / 6,
                                                  -1.f / 6, 1.f / 6,   -1.f / 6, 1.f / 24, 1.f / 12, 1.f / 6,
                                                  1.f / 24, -1.f / 12, 1.f / 6,  0,        0,        1};
constexpr float outputTransform[outputTile * inputTile] = {1, 1, 1, 1, 1, 0, 0, 1, -1, 2, -2, 0,
                                                           0, 1, 1, 4, 4, 0, 0, 1, -1, 8, -8, 1};

/// f32 lanes of an AVX-512 register: the channels of every pass fill whole registers.
constexpr int64_t lanes = 16;
/// The most bytes of one image's transformed input and products, the two largest temporaries
/// live at once: with the rest, they must fit a core's 1 MiB L2 cache.
constexpr int64_t maxImageBytes = 512 << 10;

Value matrix(OpBuilder &b, Location loc, llvm::ArrayRef<float> values, int64_t rows) {
  auto type = RankedTensorType::get({rows, int64_t(values.size()) / rows}, b.getF32Type());
  return arith::ConstantOp::create(b, loc, DenseElementsAttr::get(type, values));
}

/// Maps over the five loops of a filter pass, and the five or six of an image pass.
AffineMap map5(llvm::ArrayRef<AffineExpr> results) {
  return AffineMap::get(5, 0, results, results.front().getContext());
}
AffineMap map6(llvm::ArrayRef<AffineExpr> results) {
  return AffineMap::get(6, 0, results, results.front().getContext());
}

/// U[a, b, c, o] = sum_{i, j} G[a, i] taps[i, j, c, o] G[b, j], in two passes.
Value transformFilter(OpBuilder &b, Location loc, Value taps) {
  MLIRContext *context = b.getContext();
  auto type = tensorTypeOf(taps);
  int64_t channels = type.getDimSize(2), outputs = type.getDimSize(3);
  Value g = matrix(b, loc, filterTransform, inputTile);
  llvm::SmallVector<AffineExpr> d = dims(5, context);
  // Loops a, j, c, o, i.
  Value rows =
      contract(b, loc, g, taps, {map5({d[0], d[4]}), map5({d[4], d[1], d[2], d[3]}), map5({d[0], d[1], d[2], d[3]})},
               {inputTile, 3, channels, outputs}, 1);
  // Loops a, b, c, o, j.
  return contract(b, loc, g, rows, {map5({d[1], d[4]}), map5({d[0], d[4], d[2], d[3]}), map5({d[0], d[1], d[2], d[3]})},
                  {inputTile, inputTile, channels, outputs}, 1);
}

/// One image: `image` [C, H, W], padded by `pad` (and to whole tiles), and the transformed
/// filter `u` [6, 6, C, O] into `destination` [O, P, Q].
Value convolveImage(OpBuilder &b, Location loc, Value image, llvm::ArrayRef<int64_t> pad, Value u, Value destination) {
  MLIRContext *context = b.getContext();
  auto imageType = tensorTypeOf(image), destinationType = tensorTypeOf(destination);
  int64_t channels = imageType.getDimSize(0), outputs = destinationType.getDimSize(0);
  int64_t tileRows = llvm::divideCeil(destinationType.getDimSize(1), outputTile);
  int64_t tileColumns = llvm::divideCeil(destinationType.getDimSize(2), outputTile);
  int64_t height = tileRows * outputTile + 2, width = tileColumns * outputTile + 2;
  Value bt = matrix(b, loc, inputTransform, inputTile), at = matrix(b, loc, outputTransform, outputTile);
  llvm::SmallVector<AffineExpr> d = dims(6, context);
  auto index = [&](int64_t value) -> OpFoldResult { return b.getIndexAttr(value); };

  // x[h, w, c]: the image channels-last, transposed straight into the interior of its zeroed,
  // padded copy (no pass over the whole batch pads it first).
  Value x = filled(b, loc, {height, width, channels}, floatConstant(b, loc, b.getF32Type(), 0));
  llvm::SmallVector<OpFoldResult> interiorOffsets = {index(pad[0]), index(pad[1]), index(0)};
  llvm::SmallVector<OpFoldResult> interiorSizes = {index(imageType.getDimSize(1)), index(imageType.getDimSize(2)),
                                                   index(channels)};
  llvm::SmallVector<OpFoldResult> unit(3, index(1));
  Value interior = tensor::ExtractSliceOp::create(b, loc, x, interiorOffsets, interiorSizes, unit);
  Value transposedImage =
      linalg::TransposeOp::create(b, loc, image, interior, llvm::ArrayRef<int64_t>{1, 2, 0}).getResult().front();
  x = tensor::InsertSliceOp::create(b, loc, transposedImage, x, interiorOffsets, interiorSizes, unit);
  // t[a, ty, w, c] = sum_i B^T[a, i] x[4 ty + i, w, c] over loops a, ty, w, c, i.
  Value t = contract(b, loc, bt, x,
                     {map5({d[0], d[4]}), map5({d[1] * outputTile + d[4], d[2], d[3]}), map5({d[0], d[1], d[2], d[3]})},
                     {inputTile, tileRows, width, channels}, 1);
  // v[a, b, ty, tx, c] = sum_j B^T[b, j] t[a, ty, 4 tx + j, c] over loops a, b, ty, tx, c, j.
  Value v = contract(
      b, loc, bt, t,
      {map6({d[1], d[5]}), map6({d[0], d[2], d[3] * outputTile + d[5], d[4]}), map6({d[0], d[1], d[2], d[3], d[4]})},
      {inputTile, inputTile, tileRows, tileColumns, channels}, 1);
  // m[a, b, ty, tx, o] = sum_c v[a, b, ty, tx, c] u[a, b, c, o]: 36 matmuls.
  Value m = contract(
      b, loc, v, u,
      {map6({d[0], d[1], d[2], d[3], d[5]}), map6({d[0], d[1], d[5], d[4]}), map6({d[0], d[1], d[2], d[3], d[4]})},
      {inputTile, inputTile, tileRows, tileColumns, outputs}, 1);
  // r[r, b, ty, tx, o] = sum_a A^T[r, a] m[a, b, ty, tx, o].
  Value r = contract(b, loc, at, m,
                     {map6({d[0], d[5]}), map6({d[5], d[1], d[2], d[3], d[4]}), map6({d[0], d[1], d[2], d[3], d[4]})},
                     {outputTile, inputTile, tileRows, tileColumns, outputs}, 1);
  // y[ty, r, tx, s, o] = sum_b A^T[s, b] r[r, b, ty, tx, o]: the output tiles, channels-last.
  Value y = contract(b, loc, at, r,
                     {map6({d[3], d[5]}), map6({d[1], d[5], d[0], d[2], d[4]}), map6({d[0], d[1], d[2], d[3], d[4]})},
                     {tileRows, outputTile, tileColumns, outputTile, outputs}, 1);
  int64_t rows = destinationType.getDimSize(1), columns = destinationType.getDimSize(2);
  auto tiledType = RankedTensorType::get({tileRows * outputTile, tileColumns * outputTile, outputs}, b.getF32Type());
  y = tensor::CollapseShapeOp::create(b, loc, tiledType, y, llvm::ArrayRef<ReassociationIndices>{{0, 1}, {2, 3}, {4}});
  if (tiledType.getDimSize(0) != rows || tiledType.getDimSize(1) != columns)
    y = tensor::ExtractSliceOp::create(
        b, loc, y, llvm::ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(0), b.getIndexAttr(0)},
        llvm::ArrayRef<OpFoldResult>{b.getIndexAttr(rows), b.getIndexAttr(columns), b.getIndexAttr(outputs)},
        llvm::ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1), b.getIndexAttr(1)});
  return linalg::TransposeOp::create(b, loc, y, destination, llvm::ArrayRef<int64_t>{2, 0, 1}).getResult().front();
}

/// The function that convolves a batch `input` [N, C, H, W], padded by `pad`, with `taps`
/// [3, 3, C, O] into [N, O, P, Q]: it transforms the filter, then each image in one iteration
/// of an scf.forall. There is one per shape in the module, which all convolutions of that shape
/// call (the small ResNet's forward and input-gradient convolutions, in every entry, are 48
/// calls of one function), since its vector kernels are most of the code that LLVM compiles
/// for them.
func::FuncOp imageLoopFunction(OpBuilder &b, Location loc, RankedTensorType inputType, llvm::ArrayRef<int64_t> pad,
                               RankedTensorType tapsType, RankedTensorType resultType) {
  auto module = b.getInsertionBlock()->getParentOp()->getParentOfType<ModuleOp>();
  llvm::ArrayRef<int64_t> in = inputType.getShape(), out = resultType.getShape();
  std::string name = llvm::formatv("dlm.winograd_4x4_3x3.{0}x{1}x{2}x{3}.pad{4}x{5}.{6}", in[0], in[1], in[2], in[3],
                                   pad[0], pad[1], out[1]);
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(module.getBody());
  auto function = func::FuncOp::create(b, loc, name, b.getFunctionType({inputType, tapsType}, {resultType}));
  function.setPrivate();
  // Inlined, its filter transform would be compiled again at every call.
  function->setAttr("passthrough", b.getArrayAttr({b.getStringAttr("noinline")}));
  b.setInsertionPointToStart(function.addEntryBlock());
  Value input = function.getArgument(0), u = transformFilter(b, loc, function.getArgument(1));

  auto index = [&](int64_t value) -> OpFoldResult { return b.getIndexAttr(value); };
  Value empty = tensor::EmptyOp::create(b, loc, resultType.getShape(), resultType.getElementType());
  auto loop =
      scf::ForallOp::create(b, loc, llvm::ArrayRef<OpFoldResult>{index(0)}, llvm::ArrayRef<OpFoldResult>{index(in[0])},
                            llvm::ArrayRef<OpFoldResult>{index(1)}, ValueRange{empty}, std::nullopt);
  func::ReturnOp::create(b, loc, loop.getResult(0));
  b.setInsertionPoint(loop.getTerminator());
  Value n = loop.getInductionVars().front(), shared = loop.getRegionIterArgs().front();
  llvm::SmallVector<OpFoldResult> unit(4, index(1));
  llvm::SmallVector<OpFoldResult> imageOffsets = {n, index(0), index(0), index(0)};
  llvm::SmallVector<OpFoldResult> imageSizes = {index(1), index(in[1]), index(in[2]), index(in[3])};
  auto imageType = RankedTensorType::get(in.drop_front(), b.getF32Type());
  Value image = tensor::ExtractSliceOp::create(b, loc, imageType, input, imageOffsets, imageSizes, unit);
  llvm::SmallVector<OpFoldResult> resultSizes = {index(1), index(out[1]), index(out[2]), index(out[3])};
  auto resultImageType = RankedTensorType::get(out.drop_front(), b.getF32Type());
  Value destination = tensor::ExtractSliceOp::create(b, loc, resultImageType, shared, imageOffsets, resultSizes, unit);
  Value result = convolveImage(b, loc, image, pad, u, destination);
  b.setInsertionPointToStart(loop.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(b, loc, result, shared, imageOffsets, resultSizes, unit);
  return function;
}

} // namespace

bool paysWinograd(RankedTensorType input, RankedTensorType result) {
  if (!input.getElementType().isF32() || input.getRank() != 4 || !input.hasStaticShape() || !result.hasStaticShape())
    return false;
  int64_t channels = input.getDimSize(1), outputs = result.getDimSize(1);
  int64_t tiles =
      llvm::divideCeil(result.getDimSize(2), outputTile) * llvm::divideCeil(result.getDimSize(3), outputTile);
  int64_t imageBytes = inputTile * inputTile * tiles * (channels + outputs) * 4;
  return channels % lanes == 0 && outputs % lanes == 0 && result.getDimSize(2) >= 2 * outputTile &&
         result.getDimSize(3) >= 2 * outputTile && imageBytes <= maxImageBytes;
}

Value winogradConvolution(OpBuilder &b, Location loc, Value input, Value filter, llvm::ArrayRef<int64_t> pad,
                          bool inputGradient, RankedTensorType resultType) {
  // taps[i, j, c, o] = w[o, c, i, j], or for the input gradient taps[i, j, o, c] =
  // w[o, c, 2 - i, 2 - j]: one scalar copy of a small filter (a named transpose would become
  // register transposes of 3-element rows, far more code for no speed).
  MLIRContext *context = b.getContext();
  auto filterType = tensorTypeOf(filter);
  llvm::SmallVector<AffineExpr> d = dims(4, context);
  AffineExpr last = getAffineConstantExpr(2, context);
  AffineMap read = inputGradient ? AffineMap::get(4, 0, {d[2], d[3], last - d[0], last - d[1]}, context)
                                 : AffineMap::get(4, 0, {d[3], d[2], d[0], d[1]}, context);
  int64_t channels = filterType.getDimSize(inputGradient ? 0 : 1),
          outputs = filterType.getDimSize(inputGradient ? 1 : 0);
  Value init = tensor::EmptyOp::create(b, loc, llvm::ArrayRef<int64_t>{3, 3, channels, outputs}, b.getF32Type());
  Value taps = generic(b, loc, filter, init, {read, AffineMap::getMultiDimIdentityMap(4, context)},
                       llvm::SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
                       [](OpBuilder &, Location, ValueRange x) -> llvm::SmallVector<Value> { return {x[0]}; })
                   .getResult(0);
  func::FuncOp function = imageLoopFunction(b, loc, tensorTypeOf(input), pad, tensorTypeOf(taps), resultType);
  return func::CallOp::create(b, loc, function, ValueRange{input, taps}).getResult(0);
}

} // namespace mlir::dlm::lowering
