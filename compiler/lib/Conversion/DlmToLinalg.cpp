//===- DlmToLinalg.cpp - dlm ops to linalg on tensors ---------------------===//
//
// The first step down from the dlm dialect. Elementwise ops become
// linalg.generic with broadcasting expressed in the indexing maps, index
// notation (dlm.contract) becomes the linalg.generic it already is in
// spirit, reductions become generics with reduction iterators; the shape,
// network and random ops have their own pattern groups beside this file.
// After the pass no dlm op is left, or it fails at the op it cannot lower.
//
//===----------------------------------------------------------------------===//

#include "dlm/Transforms/Passes.h"

#include "LinalgBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

namespace mlir::dlm {
#define GEN_PASS_DEF_CONVERTTOLINALG
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;
using namespace mlir::dlm;
using namespace mlir::dlm::lowering;

namespace {

/// One element converted to `to`: floats truncate toward zero when they become
/// integers, and bools become 0 or 1.
Value convertScalar(OpBuilder &b, Location loc, Value x, Type to) {
  Type from = x.getType();
  if (from == to)
    return x;
  auto fromFloat = llvm::dyn_cast<FloatType>(from), toFloat = llvm::dyn_cast<FloatType>(to);
  bool fromBool = from.isInteger(1);
  if (fromFloat && toFloat)
    return fromFloat.getWidth() < toFloat.getWidth() ? Value(arith::ExtFOp::create(b, loc, to, x))
                                                     : Value(arith::TruncFOp::create(b, loc, to, x));
  if (toFloat)
    return fromBool ? Value(arith::UIToFPOp::create(b, loc, to, x)) : Value(arith::SIToFPOp::create(b, loc, to, x));
  if (to.isInteger(1))
    return fromFloat ? Value(arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x, floatConstant(b, loc, from, 0)))
                     : Value(arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x,
                                                   arith::ConstantOp::create(b, loc, b.getIntegerAttr(from, 0))));
  if (fromFloat)
    return arith::FPToSIOp::create(b, loc, to, x);
  unsigned fromWidth = from.getIntOrFloatBitWidth(), toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth > toWidth)
    return arith::TruncIOp::create(b, loc, to, x);
  return fromBool ? Value(arith::ExtUIOp::create(b, loc, to, x)) : Value(arith::ExtSIOp::create(b, loc, to, x));
}

/// Scalar bodies of the elementwise dlm ops, on floats (integers where the op allows them).
Value scalarBody(Operation *op, OpBuilder &b, Location loc, ValueRange x) {
  Type type = x.empty() ? Type() : x[0].getType();
  bool isFloat = type && llvm::isa<FloatType>(type);
  // Transcendental and float-shaped activations have no integer body: "no lowering".
  if (!isFloat && llvm::isa<PowOp, ExpOp, LogOp, SqrtOp, RsqrtOp, TanhOp, SinOp, CosOp, ErfOp, FloorOp, SigmoidOp,
                           GeluOp, SoftplusOp, LeakyReluOp, EluOp>(op))
    return Value();
  auto zero = [&]() {
    return isFloat ? floatConstant(b, loc, type, 0) : Value(arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, 0)));
  };
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
      .Case([&](MaxOp) -> Value {
        return isFloat ? Value(arith::MaximumFOp::create(b, loc, x[0], x[1])) : Value(arith::MaxSIOp::create(b, loc, x[0], x[1]));
      })
      .Case([&](MinOp) -> Value {
        return isFloat ? Value(arith::MinimumFOp::create(b, loc, x[0], x[1])) : Value(arith::MinSIOp::create(b, loc, x[0], x[1]));
      })
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
      .Case([&](NegOp) -> Value {
        return isFloat ? Value(arith::NegFOp::create(b, loc, x[0])) : Value(arith::SubIOp::create(b, loc, zero(), x[0]));
      })
      .Case([&](ExpOp) -> Value { return math::ExpOp::create(b, loc, x[0]); })
      .Case([&](LogOp) -> Value { return math::LogOp::create(b, loc, x[0]); })
      .Case([&](SqrtOp) -> Value { return math::SqrtOp::create(b, loc, x[0]); })
      .Case([&](RsqrtOp) -> Value { return math::RsqrtOp::create(b, loc, x[0]); })
      .Case([&](AbsOp) -> Value {
        return isFloat ? Value(math::AbsFOp::create(b, loc, x[0])) : Value(math::AbsIOp::create(b, loc, x[0]));
      })
      .Case([&](TanhOp) -> Value { return math::TanhOp::create(b, loc, x[0]); })
      .Case([&](SinOp) -> Value { return math::SinOp::create(b, loc, x[0]); })
      .Case([&](CosOp) -> Value { return math::CosOp::create(b, loc, x[0]); })
      .Case([&](ErfOp) -> Value { return math::ErfOp::create(b, loc, x[0]); })
      .Case([&](FloorOp) -> Value { return math::FloorOp::create(b, loc, x[0]); })
      .Case([&](ReluOp) -> Value {
        // maxnumf, not maximumf: relu need not propagate NaN, and it lowers to one instruction.
        return isFloat ? Value(arith::MaxNumFOp::create(b, loc, x[0], zero())) : Value(arith::MaxSIOp::create(b, loc, x[0], zero()));
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
      .Case([&](EluOp elu) -> Value {
        Value positive = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x[0], floatConstant(b, loc, type, 0));
        Value negative = arith::MulFOp::create(
            b, loc, floatConstant(b, loc, type, elu.getAlpha().convertToDouble()),
            arith::SubFOp::create(b, loc, math::ExpOp::create(b, loc, x[0]), floatConstant(b, loc, type, 1)));
        return arith::SelectOp::create(b, loc, positive, x[0], negative);
      })
      .Case([&](GeluOp) -> Value {
        Value scaled = arith::MulFOp::create(b, loc, x[0], floatConstant(b, loc, type, M_SQRT1_2));
        Value phi = arith::MulFOp::create(
            b, loc, floatConstant(b, loc, type, 0.5),
            arith::AddFOp::create(b, loc, floatConstant(b, loc, type, 1), math::ErfOp::create(b, loc, scaled)));
        return arith::MulFOp::create(b, loc, x[0], phi);
      })
      .Case([&](SoftplusOp) -> Value {
        // max(x, 0) + log1p(exp(-|x|)): no overflow for large |x|.
        Value positive = arith::MaxNumFOp::create(b, loc, x[0], floatConstant(b, loc, type, 0));
        Value tail = math::Log1pOp::create(
            b, loc, math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, math::AbsFOp::create(b, loc, x[0]))));
        return arith::AddFOp::create(b, loc, positive, tail);
      })
      .Case([&](SignOp) -> Value {
        if (!isFloat) {
          Value positive = arith::ExtUIOp::create(b, loc, type, arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, x[0], zero()));
          Value negative = arith::ExtUIOp::create(b, loc, type, arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x[0], zero()));
          return arith::SubIOp::create(b, loc, positive, negative);
        }
        Value positive = arith::UIToFPOp::create(
            b, loc, type, arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x[0], zero()));
        Value negative = arith::UIToFPOp::create(
            b, loc, type, arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x[0], zero()));
        return arith::SubFOp::create(b, loc, positive, negative);
      })
      .Case([&](RemOp) -> Value {
        return isFloat ? Value(arith::RemFOp::create(b, loc, x[0], x[1])) : Value(arith::RemSIOp::create(b, loc, x[0], x[1]));
      })
      .Case([&](NotOp) -> Value {
        return arith::XOrIOp::create(b, loc, x[0], arith::ConstantOp::create(b, loc, b.getBoolAttr(true)));
      })
      .Case([&](ConvertOp convert) -> Value { return convertScalar(b, loc, x[0], getElementTypeOrSelf(convert.getType())); })
      .Default([](Operation *) { return Value(); });
}

/// Rewrites an elementwise dlm op (any arity) into a linalg.generic.
struct ElementwiseToGeneric : RewritePattern {
  ElementwiseToGeneric(MLIRContext *context) : RewritePattern(MatchAnyOpTypeTag(), 1, context) {}

  LogicalResult matchAndRewrite(Operation *op, PatternRewriter &rewriter) const override {
    if (!llvm::isa<AddOp, SubOp, MulOp, DivOp, RemOp, MaxOp, MinOp, PowOp, AndOp, OrOp, CompareOp, SelectOp, NegOp,
                   ExpOp, LogOp, SqrtOp, RsqrtOp, AbsOp, SignOp, TanhOp, SinOp, CosOp, ErfOp, FloorOp, NotOp, ReluOp,
                   SigmoidOp, GeluOp, SoftplusOp, LeakyReluOp, EluOp, ConvertOp>(op))
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
    Value init = filled(rewriter, loc, result.getShape(), identityOf(rewriter, loc, kind, result.getElementType()));
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

/// dlm.reduce: a generic whose output map drops the reduced dimensions (or
/// keeps them with extent 1).
struct ReduceToGeneric : OpRewritePattern<ReduceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReduceOp op, PatternRewriter &rewriter) const override {
    if (!llvm::isa<FloatType>(tensorTypeOf(op.getInput()).getElementType()))
      return rewriter.notifyMatchFailure(op, "integer reductions are not lowered");
    rewriter.replaceOp(op, reduce(rewriter, op.getLoc(), op.getInput(), op.getAxes(), op.getKind(), op.getKeepdims()));
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

} // namespace

void mlir::dlm::lowering::populateElementwisePatterns(RewritePatternSet &patterns) {
  patterns.add<ElementwiseToGeneric, ContractToGeneric, ReduceToGeneric, ConstantToArith, StopGradientToIdentity>(
      patterns.getContext());
}

namespace {

class ConvertToLinalgPass : public mlir::dlm::impl::ConvertToLinalgBase<ConvertToLinalgPass> {
public:
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateElementwisePatterns(patterns);
    populateShapePatterns(patterns);
    populateNetworkPatterns(patterns);
    populateRandomPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    // Whatever is left has no lowering: name it at its .dlm line.
    WalkResult leftover = getOperation()->walk([](Operation *op) {
      if (!llvm::isa<DlmDialect>(op->getDialect()))
        return WalkResult::advance();
      op->emitError("no lowering of '") << op->getName() << "' to linalg for these operand types";
      return WalkResult::interrupt();
    });
    if (leftover.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
