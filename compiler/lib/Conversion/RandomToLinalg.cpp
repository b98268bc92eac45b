//===- RandomToLinalg.cpp - dlm.random and dlm.dropout to linalg ----------===//
//
// Random numbers are a pure function of (key, op id, element index): each
// element hashes its own counter with SplitMix64, exactly as the reference
// evaluator's counterUniform does, so compiled code and the evaluator draw
// the same numbers, in any order and on any number of threads.
//
//===----------------------------------------------------------------------===//

#include "LinalgBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace mlir::dlm;
using namespace mlir::dlm::lowering;

namespace {

Value i64Constant(OpBuilder &b, Location loc, uint64_t value) {
  return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(static_cast<int64_t>(value)));
}

/// The row-major element index of the current point of a generic over `shape`.
Value linearIndex(OpBuilder &b, Location loc, llvm::ArrayRef<int64_t> shape) {
  Value index = i64Constant(b, loc, 0);
  for (size_t d = 0; d < shape.size(); ++d) {
    Value position = arith::IndexCastOp::create(b, loc, b.getI64Type(), linalg::IndexOp::create(b, loc, d));
    index = arith::AddIOp::create(b, loc, arith::MulIOp::create(b, loc, index, i64Constant(b, loc, shape[d])), position);
  }
  return index;
}

/// counterUniform(key, id, index) of the reference evaluator, as f64 in [0, 1).
Value counterUniform(OpBuilder &b, Location loc, Value key, int64_t id, Value index) {
  auto mul = [&](Value x, uint64_t c) { return arith::MulIOp::create(b, loc, x, i64Constant(b, loc, c)).getResult(); };
  auto add = [&](Value x, uint64_t c) { return arith::AddIOp::create(b, loc, x, i64Constant(b, loc, c)).getResult(); };
  auto shiftXor = [&](Value x, uint64_t bits) {
    return arith::XOrIOp::create(b, loc, x, arith::ShRUIOp::create(b, loc, x, i64Constant(b, loc, bits))).getResult();
  };
  Value keyTerm = mul(key, 0x9E3779B97F4A7C15ull);
  Value idTerm = i64Constant(b, loc, (static_cast<uint64_t>(id) + 0x632BE59BD9B4E019ull) * 0xBF58476D1CE4E5B9ull);
  Value indexTerm = mul(add(index, 1), 0x94D049BB133111EBull);
  Value z = arith::XOrIOp::create(b, loc, arith::XOrIOp::create(b, loc, keyTerm, idTerm), indexTerm);
  for (int round = 0; round < 2; ++round) {
    z = add(z, 0x9E3779B97F4A7C15ull);
    z = mul(shiftXor(z, 30), 0xBF58476D1CE4E5B9ull);
    z = mul(shiftXor(z, 27), 0x94D049BB133111EBull);
    z = shiftXor(z, 31);
  }
  Value mantissa = arith::UIToFPOp::create(b, loc, b.getF64Type(),
                                           arith::ShRUIOp::create(b, loc, z, i64Constant(b, loc, 11)));
  return arith::MulFOp::create(b, loc, mantissa, floatConstant(b, loc, b.getF64Type(), 0x1.0p-53));
}

/// A generic over `result`'s shape reading the key (and `extra` elementwise
/// inputs); `body` gets the key, the element's linear index and the extras.
Value keyedGeneric(OpBuilder &b, Location loc, RankedTensorType result, Value key, ValueRange extra,
                   llvm::function_ref<Value(OpBuilder &, Location, Value, Value, ValueRange)> body) {
  MLIRContext *context = b.getContext();
  unsigned rank = result.getRank();
  llvm::SmallVector<Value> inputs = {key};
  llvm::SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, {}, context)};
  for (Value value : extra) {
    inputs.push_back(value);
    maps.push_back(AffineMap::getMultiDimIdentityMap(rank, context));
  }
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, context));
  Value init = tensor::EmptyOp::create(b, loc, result.getShape(), result.getElementType());
  llvm::SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  return generic(b, loc, inputs, init, maps, iterators,
                 [&](OpBuilder &nested, Location nestedLoc, ValueRange x) -> llvm::SmallVector<Value> {
                   Value index = linearIndex(nested, nestedLoc, result.getShape());
                   return {body(nested, nestedLoc, x[0], index, x.drop_front().drop_back())};
                 })
      .getResult(0);
}

struct RandomToGeneric : OpRewritePattern<RandomOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RandomOp op, PatternRewriter &rewriter) const override {
    auto result = tensorTypeOf(op.getResult());
    double a = op.getA().convertToDouble(), bound = op.getB().convertToDouble();
    int64_t id = op.getId();
    Distribution distribution = op.getDistribution();
    Value value = keyedGeneric(
        rewriter, op.getLoc(), result, op.getKey(), {},
        [&](OpBuilder &b, Location loc, Value key, Value index, ValueRange) -> Value {
          Type f64 = b.getF64Type();
          Value even = arith::MulIOp::create(b, loc, index, i64Constant(b, loc, 2));
          Value u = counterUniform(b, loc, key, id, even);
          Value draw;
          switch (distribution) {
          case Distribution::uniform:
            draw = arith::AddFOp::create(b, loc, floatConstant(b, loc, f64, a),
                                         arith::MulFOp::create(b, loc, floatConstant(b, loc, f64, bound - a), u));
            break;
          case Distribution::bernoulli:
            draw = arith::UIToFPOp::create(
                b, loc, f64, arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, u, floatConstant(b, loc, f64, a)));
            break;
          case Distribution::normal: {
            // Box-Muller on the pair (u, v) at counters 2i and 2i + 1.
            Value v = counterUniform(b, loc, key, id, arith::AddIOp::create(b, loc, even, i64Constant(b, loc, 1)));
            Value radius = math::SqrtOp::create(
                b, loc,
                arith::MulFOp::create(b, loc, floatConstant(b, loc, f64, -2),
                                      math::Log1pOp::create(b, loc, arith::NegFOp::create(b, loc, u))));
            Value angle = math::CosOp::create(
                b, loc, arith::MulFOp::create(b, loc, floatConstant(b, loc, f64, 2 * M_PI), v));
            draw = arith::AddFOp::create(
                b, loc, floatConstant(b, loc, f64, a),
                arith::MulFOp::create(b, loc, floatConstant(b, loc, f64, bound),
                                      arith::MulFOp::create(b, loc, radius, angle)));
            break;
          }
          }
          Type element = result.getElementType();
          return element == f64 ? draw : Value(arith::TruncFOp::create(b, loc, element, draw));
        });
    rewriter.replaceOp(op, value);
    return success();
  }
};

/// Inverted dropout: zero where u < p, else x / (1 - p).
struct DropoutToGeneric : OpRewritePattern<DropoutOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DropoutOp op, PatternRewriter &rewriter) const override {
    auto result = tensorTypeOf(op.getResult());
    double p = op.getP().convertToDouble();
    int64_t id = op.getId();
    Value value = keyedGeneric(
        rewriter, op.getLoc(), result, op.getKey(), op.getInput(),
        [&](OpBuilder &b, Location loc, Value key, Value index, ValueRange x) -> Value {
          Value even = arith::MulIOp::create(b, loc, index, i64Constant(b, loc, 2));
          Value u = counterUniform(b, loc, key, id, even);
          Value dropped = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, u,
                                                floatConstant(b, loc, b.getF64Type(), p));
          Type element = result.getElementType();
          Value kept = arith::MulFOp::create(b, loc, x[0], floatConstant(b, loc, element, 1 / (1 - p)));
          return arith::SelectOp::create(b, loc, dropped, floatConstant(b, loc, element, 0), kept);
        });
    rewriter.replaceOp(op, value);
    return success();
  }
};

} // namespace

void mlir::dlm::lowering::populateRandomPatterns(RewritePatternSet &patterns) {
  patterns.add<RandomToGeneric, DropoutToGeneric>(patterns.getContext());
}
