//===- DlmToLinalg.cpp - dlm ops to linalg on tensors ---------------------===//
//
// The first step down from the dlm dialect: elementwise ops become
// linalg.generic with broadcasting expressed in the indexing maps, index
// notation (dlm.contract) becomes the linalg.generic it already is in
// spirit, and reductions become linalg.generic with reduction iterators.
// Ops without a pattern yet stay as they are, so the pass can grow and be
// tested op by op.
//
//===----------------------------------------------------------------------===//

#include "dlm/Transforms/Passes.h"

#include "dlm/Dialect/Dlm/DlmOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <limits>

namespace mlir::dlm {
#define GEN_PASS_DEF_CONVERTTOLINALG
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;
using namespace mlir::dlm;

namespace {

RankedTensorType tensorTypeOf(Value value) { return llvm::cast<RankedTensorType>(value.getType()); }

/// The map reading an operand of `operandType` at each point of a result of
/// rank `rank` under numpy broadcasting: trailing dimensions align, and a
/// dimension of extent 1 that the result stretches is read at index 0.
AffineMap broadcastMap(RankedTensorType operandType, RankedTensorType resultType, MLIRContext *context) {
  int64_t rank = resultType.getRank(), offset = rank - operandType.getRank();
  llvm::SmallVector<AffineExpr> results;
  for (int64_t d = 0; d < operandType.getRank(); ++d) {
    bool stretched = operandType.getDimSize(d) == 1 && resultType.getDimSize(d + offset) != 1;
    results.push_back(stretched ? getAffineConstantExpr(0, context) : getAffineDimExpr(d + offset, context));
  }
  return AffineMap::get(rank, 0, results, context);
}

/// An elementwise linalg.generic over `result`'s shape, with `body` computing
/// one element from the operands' scalars.
Value elementwise(OpBuilder &b, Location loc, RankedTensorType result, ValueRange operands,
                  llvm::function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  MLIRContext *context = b.getContext();
  llvm::SmallVector<AffineMap> maps;
  for (Value operand : operands)
    maps.push_back(broadcastMap(tensorTypeOf(operand), result, context));
  maps.push_back(AffineMap::getMultiDimIdentityMap(result.getRank(), context));
  llvm::SmallVector<utils::IteratorType> iterators(result.getRank(), utils::IteratorType::parallel);
  Value init = tensor::EmptyOp::create(b, loc, result.getShape(), result.getElementType());
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{result}, operands, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange scalars) {
        Value value = body(nested, nestedLoc, scalars.drop_back());
        linalg::YieldOp::create(nested, nestedLoc, value);
      });
  return generic.getResult(0);
}

Value floatConstant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
}

/// Scalar bodies of the elementwise dlm ops, on floats (integers where the op allows them).
Value scalarBody(Operation *op, OpBuilder &b, Location loc, ValueRange x) {
  Type type = x.empty() ? Type() : x[0].getType();
  bool isFloat = type && llvm::isa<FloatType>(type);
  return llvm::TypeSwitch<Operation *, Value>(op)
      .Case([&](AddOp) -> Value {
        return isFloat ? Value(arith::AddFOp::create(b, loc, x[0], x[1])) : Value(arith::AddIOp::create(b, loc, x[0], x[1]));
      })
      .Case([&](SubOp) -> Value {
        return isFloat ? Value(arith::SubFOp::create(b, loc, x[0], x[1])) : Value(arith::SubIOp::create(b, loc, x[0], x[1]));
      })
      .Case([&](MulOp) -> Value {
        return isFloat ? Value(arith::MulFOp::create(b, loc, x[0], x[1])) : Value(arith::MulIOp::create(b, loc, x[0], x[1]));
      })
      .Case([&](DivOp) -> Value {
        return isFloat ? Value(arith::DivFOp::create(b, loc, x[0], x[1])) : Value(arith::DivSIOp::create(b, loc, x[0], x[1]));
      })
      .Case([&](MaxOp) -> Value { return arith::MaximumFOp::create(b, loc, x[0], x[1]); })
      .Case([&](MinOp) -> Value { return arith::MinimumFOp::create(b, loc, x[0], x[1]); })
      .Case([&](PowOp) -> Value { return math::PowFOp::create(b, loc, x[0], x[1]); })
      .Case([&](AndOp) -> Value { return arith::AndIOp::create(b, loc, x[0], x[1]); })
      .Case([&](OrOp) -> Value { return arith::OrIOp::create(b, loc, x[0], x[1]); })
      .Case([&](CompareOp compare) -> Value {
        static const arith::CmpFPredicate floats[] = {arith::CmpFPredicate::OEQ, arith::CmpFPredicate::UNE,
                                                      arith::CmpFPredicate::OLT, arith::CmpFPredicate::OLE,
                                                      arith::CmpFPredicate::OGT, arith::CmpFPredicate::OGE};
        static const arith::CmpIPredicate integers[] = {arith::CmpIPredicate::eq,  arith::CmpIPredicate::ne,
                                                        arith::CmpIPredicate::slt, arith::CmpIPredicate::sle,
                                                        arith::CmpIPredicate::sgt, arith::CmpIPredicate::sge};
        unsigned index = static_cast<unsigned>(compare.getPredicate());
        return isFloat ? Value(arith::CmpFOp::create(b, loc, floats[index], x[0], x[1]))
                       : Value(arith::CmpIOp::create(b, loc, integers[index], x[0], x[1]));
      })
      .Case([&](SelectOp) -> Value { return arith::SelectOp::create(b, loc, x[0], x[1], x[2]); })
      .Case([&](NegOp) -> Value { return arith::NegFOp::create(b, loc, x[0]); })
      .Case([&](ExpOp) -> Value { return math::ExpOp::create(b, loc, x[0]); })
      .Case([&](LogOp) -> Value { return math::LogOp::create(b, loc, x[0]); })
      .Case([&](SqrtOp) -> Value { return math::SqrtOp::create(b, loc, x[0]); })
      .Case([&](RsqrtOp) -> Value { return math::RsqrtOp::create(b, loc, x[0]); })
      .Case([&](AbsOp) -> Value { return math::AbsFOp::create(b, loc, x[0]); })
      .Case([&](TanhOp) -> Value { return math::TanhOp::create(b, loc, x[0]); })
      .Case([&](SinOp) -> Value { return math::SinOp::create(b, loc, x[0]); })
      .Case([&](CosOp) -> Value { return math::CosOp::create(b, loc, x[0]); })
      .Case([&](ErfOp) -> Value { return math::ErfOp::create(b, loc, x[0]); })
      .Case([&](FloorOp) -> Value { return math::FloorOp::create(b, loc, x[0]); })
      .Case([&](ReluOp) -> Value {
        // maxnumf, not maximumf: relu need not propagate NaN, and it lowers to one instruction.
        return arith::MaxNumFOp::create(b, loc, x[0], floatConstant(b, loc, type, 0));
      })
      .Case([&](SigmoidOp) -> Value {
        Value one = floatConstant(b, loc, type, 1);
        Value exponential = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x[0]));
        return arith::DivFOp::create(b, loc, one, arith::AddFOp::create(b, loc, one, exponential));
      })
      .Case([&](LeakyReluOp leaky) -> Value {
        Value positive = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x[0], floatConstant(b, loc, type, 0));
        Value scaled = arith::MulFOp::create(b, loc, x[0], floatConstant(b, loc, type, leaky.getSlope().convertToDouble()));
        return arith::SelectOp::create(b, loc, positive, x[0], scaled);
      })
      .Default([](Operation *) { return Value(); });
}

/// Rewrites an elementwise dlm op (any arity) into a linalg.generic.
struct ElementwiseToGeneric : RewritePattern {
  ElementwiseToGeneric(MLIRContext *context) : RewritePattern(MatchAnyOpTypeTag(), 1, context) {}

  LogicalResult matchAndRewrite(Operation *op, PatternRewriter &rewriter) const override {
    if (!llvm::isa<AddOp, SubOp, MulOp, DivOp, MaxOp, MinOp, PowOp, AndOp, OrOp, CompareOp, SelectOp, NegOp, ExpOp,
                   LogOp, SqrtOp, RsqrtOp, AbsOp, TanhOp, SinOp, CosOp, ErfOp, FloorOp, ReluOp, SigmoidOp,
                   LeakyReluOp>(op))
      return failure();
    auto result = tensorTypeOf(op->getResult(0));
    bool failedBody = false;
    Value value = elementwise(rewriter, op->getLoc(), result, op->getOperands(),
                              [&](OpBuilder &b, Location loc, ValueRange scalars) {
                                Value scalar = scalarBody(op, b, loc, scalars);
                                failedBody |= !scalar;
                                return scalar;
                              });
    if (failedBody)
      return failure();
    rewriter.replaceOp(op, value);
    return success();
  }
};

/// The identity element of a reduction kind, for the initial accumulator.
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

/// Combines an accumulator with a term.
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

/// A filled accumulator of `type` for `kind`.
Value accumulator(OpBuilder &b, Location loc, RankedTensorType type, ReductionKind kind) {
  Value empty = tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
  return linalg::FillOp::create(b, loc, identityOf(b, loc, kind, type.getElementType()), empty).getResult(0);
}

/// Divides every element by `count` (the last step of a mean).
Value scaleDown(OpBuilder &b, Location loc, Value tensor, double count) {
  auto type = tensorTypeOf(tensor);
  return elementwise(b, loc, type, ValueRange{tensor}, [&](OpBuilder &nested, Location nestedLoc, ValueRange x) {
    return arith::DivFOp::create(nested, nestedLoc, x[0], floatConstant(nested, nestedLoc, type.getElementType(), count));
  });
}

/// dlm.contract is already a generic in disguise: same maps, its body, then
/// the combination with the accumulator.
struct ContractToGeneric : OpRewritePattern<ContractOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ContractOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto result = tensorTypeOf(op.getResult());
    llvm::SmallVector<AffineMap> maps(op.getIndexingMaps().getAsValueRange<AffineMapAttr>());
    unsigned rank = maps.empty() ? result.getRank() : maps.front().getNumDims();
    // The output's dimensions are the first ones of the iteration space.
    maps.push_back(AffineMap::getMultiDimIdentityMap(rank, getContext()).getMajorSubMap(result.getRank()));
    llvm::SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::reduction);
    for (int64_t d = 0; d < result.getRank(); ++d)
      iterators[d] = utils::IteratorType::parallel;
    ReductionKind kind = op.getKind();
    Value init = accumulator(rewriter, loc, result, kind);
    Block &body = op.getBody().front();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{result}, op.getInputs(), ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location nestedLoc, ValueRange scalars) {
          IRMapping mapping;
          for (auto [argument, scalar] : llvm::zip(body.getArguments(), scalars.drop_back()))
            mapping.map(argument, scalar);
          for (Operation &inner : body.without_terminator())
            b.clone(inner, mapping);
          Value term = mapping.lookupOrDefault(body.getTerminator()->getOperand(0));
          Value total = rank == static_cast<unsigned>(result.getRank()) ? term : combine(b, nestedLoc, kind, scalars.back(), term);
          linalg::YieldOp::create(b, nestedLoc, total);
        });
    Value value = generic.getResult(0);
    if (kind == ReductionKind::mean && rank > static_cast<unsigned>(result.getRank()))
      value = scaleDown(rewriter, loc, value, static_cast<double>(op.getReducedCount()));
    rewriter.replaceOp(op, value);
    return success();
  }
};

/// dlm.reduce: a generic whose output map drops the reduced dimensions (kept
/// as extent 1 with keepdims, in the accumulator's shape).
struct ReduceToGeneric : OpRewritePattern<ReduceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReduceOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto input = tensorTypeOf(op.getInput()), result = tensorTypeOf(op.getResult());
    if (!llvm::isa<FloatType>(input.getElementType()))
      return failure();
    llvm::ArrayRef<int64_t> axes = op.getAxes();
    llvm::SmallVector<AffineExpr> outputDims;
    llvm::SmallVector<utils::IteratorType> iterators;
    for (int64_t d = 0; d < input.getRank(); ++d) {
      bool reduced = llvm::is_contained(axes, d);
      iterators.push_back(reduced ? utils::IteratorType::reduction : utils::IteratorType::parallel);
      if (!reduced)
        outputDims.push_back(getAffineDimExpr(d, getContext()));
      else if (op.getKeepdims())
        outputDims.push_back(getAffineConstantExpr(0, getContext()));
    }
    llvm::SmallVector<AffineMap> maps = {AffineMap::getMultiDimIdentityMap(input.getRank(), getContext()),
                                         AffineMap::get(input.getRank(), 0, outputDims, getContext())};
    ReductionKind kind = op.getKind();
    Value init = accumulator(rewriter, loc, result, kind);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{result}, ValueRange{op.getInput()}, ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location nestedLoc, ValueRange scalars) {
          linalg::YieldOp::create(b, nestedLoc, combine(b, nestedLoc, kind, scalars[1], scalars[0]));
        });
    Value value = generic.getResult(0);
    if (kind == ReductionKind::mean) {
      double count = 1;
      for (int64_t axis : axes)
        count *= static_cast<double>(input.getDimSize(axis));
      value = scaleDown(rewriter, loc, value, count);
    }
    rewriter.replaceOp(op, value);
    return success();
  }
};

struct ConstantToArith : OpRewritePattern<ConstantOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConstantOp op, PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, llvm::cast<TypedAttr>(op.getValue()));
    return success();
  }
};

struct StopGradientToIdentity : OpRewritePattern<StopGradientOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(StopGradientOp op, PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, op.getInput());
    return success();
  }
};

class ConvertToLinalgPass : public mlir::dlm::impl::ConvertToLinalgBase<ConvertToLinalgPass> {
public:
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ElementwiseToGeneric, ContractToGeneric, ReduceToGeneric, ConstantToArith, StopGradientToIdentity>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
