//===- ShapeOpsToTensor.cpp - dlm shape ops to tensor and linalg ----------===//
//
// Reshapes become collapse/expand pairs (which canonicalization folds),
// transposes and broadcasts become copies through a permuted or broadcast
// map (so they fuse with their neighbours), and slicing, concatenation and
// padding become the tensor dialect's subset ops.
//
//===----------------------------------------------------------------------===//

#include "LinalgBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::dlm;
using namespace mlir::dlm::lowering;

namespace {

struct ReshapeToTensor : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op, PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, reshape(rewriter, op.getLoc(), op.getInput(), tensorTypeOf(op.getResult())));
    return success();
  }
};

/// Result dimension i reads input dimension permutation[i].
struct TransposeToGeneric : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op, PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, permuted(rewriter, op.getLoc(), op.getInput(), op.getPermutation()));
    return success();
  }
};

struct BroadcastToGeneric : OpRewritePattern<BroadcastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BroadcastOp op, PatternRewriter &rewriter) const override {
    Value copy = elementwise(rewriter, op.getLoc(), tensorTypeOf(op.getResult()), op.getInput(),
                             [](OpBuilder &, Location, ValueRange x) { return x[0]; });
    rewriter.replaceOp(op, copy);
    return success();
  }
};

struct SliceToExtract : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op, PatternRewriter &rewriter) const override {
    auto result = tensorTypeOf(op.getResult());
    auto slice = tensor::ExtractSliceOp::create(rewriter, op.getLoc(), result, op.getInput(), ValueRange{}, ValueRange{},
                                                ValueRange{}, op.getStart(), result.getShape(), op.getStride());
    rewriter.replaceOp(op, slice.getResult());
    return success();
  }
};

/// Each input is inserted at its offset along the axis into one empty tensor.
struct ConcatToInsertSlices : OpRewritePattern<ConcatOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConcatOp op, PatternRewriter &rewriter) const override {
    auto result = tensorTypeOf(op.getResult());
    Value accumulated = tensor::EmptyOp::create(rewriter, op.getLoc(), result.getShape(), result.getElementType());
    int64_t axis = normalizedAxis(op.getAxis(), result.getRank()), offset = 0;
    for (Value input : op.getInputs()) {
      auto type = tensorTypeOf(input);
      llvm::SmallVector<int64_t> offsets(result.getRank(), 0), strides(result.getRank(), 1);
      offsets[axis] = offset;
      accumulated = tensor::InsertSliceOp::create(rewriter, op.getLoc(), input, accumulated, ValueRange{}, ValueRange{},
                                                  ValueRange{}, offsets, type.getShape(), strides);
      offset += type.getDimSize(axis);
    }
    rewriter.replaceOp(op, accumulated);
    return success();
  }
};

struct PadToTensor : OpRewritePattern<PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PadOp op, PatternRewriter &rewriter) const override {
    Type element = tensorTypeOf(op.getInput()).getElementType();
    Value value = llvm::isa<FloatType>(element)
                      ? floatConstant(rewriter, op.getLoc(), element, op.getValue().convertToDouble())
                      : Value(arith::ConstantOp::create(
                            rewriter, op.getLoc(),
                            rewriter.getIntegerAttr(element, static_cast<int64_t>(op.getValue().convertToDouble()))));
    rewriter.replaceOp(op, padTrailing(rewriter, op.getLoc(), op.getInput(), 0, op.getLow(), op.getHigh(), value));
    return success();
  }
};

} // namespace

void mlir::dlm::lowering::populateShapePatterns(RewritePatternSet &patterns) {
  patterns.add<ReshapeToTensor, TransposeToGeneric, BroadcastToGeneric, SliceToExtract, ConcatToInsertSlices,
               PadToTensor>(patterns.getContext());
}
