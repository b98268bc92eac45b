//===- DlmAdjoints.cpp - Vector-Jacobian products of dlm ops --------------===//
//
// One short rule per op: given the adjoint `g` of the result, the adjoints of
// the operands. Rules may return adjoints in the result's (broadcast) shape;
// dlm-autodiff reduces them to each operand's shape. A null adjoint means no
// gradient flows to that operand.
//
//===----------------------------------------------------------------------===//

#include "dlm/Dialect/Dlm/DlmOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

#include <cmath>
#include <numeric>

using namespace mlir;
using namespace mlir::dlm;

namespace {

using Adjoints = llvm::SmallVector<Value>;

RankedTensorType typeOf(Value value) { return llvm::cast<RankedTensorType>(value.getType()); }

/// A scalar constant of `like`'s element type; broadcasting does the rest.
Value scalar(OpBuilder &b, Location loc, double value, Value like) {
  auto type = RankedTensorType::get({}, typeOf(like).getElementType());
  return ConstantOp::create(b, loc, DenseElementsAttr::get(type, b.getFloatAttr(type.getElementType(), value)));
}

Value mul(OpBuilder &b, Location loc, Value x, Value y) { return MulOp::create(b, loc, x, y); }
Value div(OpBuilder &b, Location loc, Value x, Value y) { return DivOp::create(b, loc, x, y); }
Value sub(OpBuilder &b, Location loc, Value x, Value y) { return SubOp::create(b, loc, x, y); }
Value add(OpBuilder &b, Location loc, Value x, Value y) { return AddOp::create(b, loc, x, y); }
Value neg(OpBuilder &b, Location loc, Value x) { return NegOp::create(b, loc, x); }

/// `g` where `condition` holds, 0 elsewhere.
Value mask(OpBuilder &b, Location loc, Value condition, Value g) {
  return SelectOp::create(b, loc, condition, g, scalar(b, loc, 0, g));
}

/// Brings a reduced adjoint back to the input's shape: keepdims, then broadcast.
Value unreduce(OpBuilder &b, Location loc, Value g, RankedTensorType input, llvm::ArrayRef<int64_t> axes) {
  llvm::SmallVector<int64_t> kept(input.getShape());
  for (int64_t axis : axes)
    kept[axis] = 1;
  auto keptType = RankedTensorType::get(kept, typeOf(g).getElementType());
  Value reshaped = g.getType() == keptType ? g : Value(ReshapeOp::create(b, loc, keptType, g));
  return BroadcastOp::create(b, loc, RankedTensorType::get(input.getShape(), keptType.getElementType()), reshaped);
}

/// Sum over `axis`, keeping it (for the softmax rules).
Value sumKeep(OpBuilder &b, Location loc, Value x, int64_t axis) {
  return ReduceOp::create(b, loc, ReductionKind::sum, x, llvm::ArrayRef<int64_t>{axis}, true);
}

int64_t normalized(int64_t axis, int64_t rank) { return axis < 0 ? axis + rank : axis; }

} // namespace

//===----------------------------------------------------------------------===//
// Elementwise binary
//===----------------------------------------------------------------------===//

Adjoints AddOp::buildAdjoints(OpBuilder &b, Value g) { return {g, g}; }
Adjoints SubOp::buildAdjoints(OpBuilder &b, Value g) { return {g, neg(b, getLoc(), g)}; }

Adjoints MulOp::buildAdjoints(OpBuilder &b, Value g) {
  return {mul(b, getLoc(), g, getRhs()), mul(b, getLoc(), g, getLhs())};
}

// d(a/c) = g/c, -g*a/c^2 = -(g/c) * (a/c)
Adjoints DivOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value overRhs = div(b, loc, g, getRhs());
  return {overRhs, neg(b, loc, mul(b, loc, overRhs, getResult()))};
}

// a % c = a - c * trunc(a / c) (the remainder truncates): the left adjoint is g, the right
// -g * trunc(a / c), with trunc(q) = sign(q) * floor(|q|).
Adjoints RemOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value ratio = div(b, loc, getLhs(), getRhs());
  Value quotient = mul(b, loc, SignOp::create(b, loc, ratio), FloorOp::create(b, loc, AbsOp::create(b, loc, ratio)));
  return {g, neg(b, loc, mul(b, loc, g, quotient))};
}

// d(a^c) = g * c * a^(c-1), g * a^c * log(a)
Adjoints PowOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value exponentMinusOne = sub(b, loc, getRhs(), scalar(b, loc, 1, g));
  Value lhs = mul(b, loc, g, mul(b, loc, getRhs(), PowOp::create(b, loc, getLhs(), exponentMinusOne)));
  Value rhs = mul(b, loc, g, mul(b, loc, getResult(), LogOp::create(b, loc, getLhs())));
  return {lhs, rhs};
}

// Ties send the gradient to the left operand, as PyTorch's maximum does to neither half; either is a subgradient.
Adjoints MaxOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value leftWins = CompareOp::create(b, loc, ComparisonPredicate::ge, getLhs(), getRhs());
  return {mask(b, loc, leftWins, g), mask(b, loc, NotOp::create(b, loc, leftWins), g)};
}

Adjoints MinOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value leftWins = CompareOp::create(b, loc, ComparisonPredicate::le, getLhs(), getRhs());
  return {mask(b, loc, leftWins, g), mask(b, loc, NotOp::create(b, loc, leftWins), g)};
}

Adjoints AndOp::buildAdjoints(OpBuilder &, Value) { return {Value(), Value()}; }
Adjoints OrOp::buildAdjoints(OpBuilder &, Value) { return {Value(), Value()}; }

Adjoints SelectOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value zero = scalar(b, loc, 0, g);
  return {Value(), SelectOp::create(b, loc, getCondition(), g, zero),
          SelectOp::create(b, loc, getCondition(), zero, g)};
}

//===----------------------------------------------------------------------===//
// Elementwise unary
//===----------------------------------------------------------------------===//

Adjoints NegOp::buildAdjoints(OpBuilder &b, Value g) { return {neg(b, getLoc(), g)}; }
Adjoints ExpOp::buildAdjoints(OpBuilder &b, Value g) { return {mul(b, getLoc(), g, getResult())}; }
Adjoints LogOp::buildAdjoints(OpBuilder &b, Value g) { return {div(b, getLoc(), g, getInput())}; }

// d sqrt(x) = g / (2 sqrt(x))
Adjoints SqrtOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  return {div(b, loc, g, mul(b, loc, scalar(b, loc, 2, g), getResult()))};
}

// d x^-1/2 = -1/2 x^-3/2 = -1/2 * y / x
Adjoints RsqrtOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  return {mul(b, loc, mul(b, loc, g, scalar(b, loc, -0.5, g)), div(b, loc, getResult(), getInput()))};
}

Adjoints AbsOp::buildAdjoints(OpBuilder &b, Value g) {
  return {mul(b, getLoc(), g, SignOp::create(b, getLoc(), getInput()))};
}

// Piecewise constant: the derivative is zero wherever it exists.
Adjoints SignOp::buildAdjoints(OpBuilder &, Value) { return {Value()}; }
Adjoints FloorOp::buildAdjoints(OpBuilder &, Value) { return {Value()}; }
Adjoints NotOp::buildAdjoints(OpBuilder &, Value) { return {Value()}; }
Adjoints StopGradientOp::buildAdjoints(OpBuilder &, Value) { return {Value()}; }

// d tanh = g (1 - y^2)
Adjoints TanhOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value y = getResult();
  return {mul(b, loc, g, sub(b, loc, scalar(b, loc, 1, g), mul(b, loc, y, y)))};
}

// d sigmoid = g y (1 - y)
Adjoints SigmoidOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value y = getResult();
  return {mul(b, loc, g, mul(b, loc, y, sub(b, loc, scalar(b, loc, 1, g), y)))};
}

Adjoints ReluOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  return {mask(b, loc, CompareOp::create(b, loc, ComparisonPredicate::gt, getInput(), scalar(b, loc, 0, g)), g)};
}

// gelu = x Phi(x): d = g (Phi(x) + x phi(x)), phi(x) = exp(-x^2/2) / sqrt(2 pi)
Adjoints GeluOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value x = getInput();
  Value cdf = mul(b, loc, scalar(b, loc, 0.5, g),
                  add(b, loc, scalar(b, loc, 1, g), ErfOp::create(b, loc, mul(b, loc, x, scalar(b, loc, M_SQRT1_2, g)))));
  Value pdf = mul(b, loc, scalar(b, loc, 1 / std::sqrt(2 * M_PI), g),
                  ExpOp::create(b, loc, mul(b, loc, scalar(b, loc, -0.5, g), mul(b, loc, x, x))));
  return {mul(b, loc, g, add(b, loc, cdf, mul(b, loc, x, pdf)))};
}

Adjoints SoftplusOp::buildAdjoints(OpBuilder &b, Value g) {
  return {mul(b, getLoc(), g, SigmoidOp::create(b, getLoc(), getInput()))};
}

Adjoints SinOp::buildAdjoints(OpBuilder &b, Value g) { return {mul(b, getLoc(), g, CosOp::create(b, getLoc(), getInput()))}; }
Adjoints CosOp::buildAdjoints(OpBuilder &b, Value g) {
  return {neg(b, getLoc(), mul(b, getLoc(), g, SinOp::create(b, getLoc(), getInput())))};
}

// d erf = g 2/sqrt(pi) exp(-x^2)
Adjoints ErfOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value x = getInput();
  return {mul(b, loc, mul(b, loc, g, scalar(b, loc, M_2_SQRTPI, g)), ExpOp::create(b, loc, neg(b, loc, mul(b, loc, x, x))))};
}

Adjoints LeakyReluOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value positive = CompareOp::create(b, loc, ComparisonPredicate::gt, getInput(), scalar(b, loc, 0, g));
  Value scaled = mul(b, loc, g, scalar(b, loc, getSlope().convertToDouble(), g));
  return {SelectOp::create(b, loc, positive, g, scaled)};
}

// For x <= 0, elu = alpha (e^x - 1), whose derivative alpha e^x is y + alpha.
Adjoints EluOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value positive = CompareOp::create(b, loc, ComparisonPredicate::gt, getInput(), scalar(b, loc, 0, g));
  Value negative = mul(b, loc, g, add(b, loc, getResult(), scalar(b, loc, getAlpha().convertToDouble(), g)));
  return {SelectOp::create(b, loc, positive, g, negative)};
}

Adjoints ConvertOp::buildAdjoints(OpBuilder &b, Value g) {
  if (!llvm::isa<FloatType>(typeOf(getInput()).getElementType()))
    return {Value()};
  return {ConvertOp::create(b, getLoc(), getInput().getType(), g)};
}

//===----------------------------------------------------------------------===//
// Reductions and contractions
//===----------------------------------------------------------------------===//

Adjoints ReduceOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  RankedTensorType input = typeOf(getInput());
  Value spread = unreduce(b, loc, g, input, getAxes());
  switch (getKind()) {
  case ReductionKind::sum:
    return {spread};
  case ReductionKind::mean: {
    int64_t count = 1;
    for (int64_t axis : getAxes())
      count *= input.getDimSize(axis);
    return {div(b, loc, spread, scalar(b, loc, static_cast<double>(count), g))};
  }
  case ReductionKind::max:
  case ReductionKind::min: {
    // Every position that attains the extremum receives the gradient.
    Value extremum = unreduce(b, loc, getResult(), input, getAxes());
    return {mask(b, loc, CompareOp::create(b, loc, ComparisonPredicate::eq, getInput(), extremum), spread)};
  }
  case ReductionKind::prod:
    return {mul(b, loc, spread, div(b, loc, unreduce(b, loc, getResult(), input, getAxes()), getInput()))};
  }
  return {Value()};
}

// C = A B: dA = g B^T, dB = A^T g (batch dimensions are summed by dlm-autodiff).
Adjoints MatMulOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  auto swapLast = [&](Value x) -> Value {
    int64_t rank = typeOf(x).getRank();
    llvm::SmallVector<int64_t> permutation(rank);
    std::iota(permutation.begin(), permutation.end(), 0);
    std::swap(permutation[rank - 1], permutation[rank - 2]);
    return TransposeOp::create(b, loc, x, permutation);
  };
  return {MatMulOp::create(b, loc, g, swapLast(getRhs())), MatMulOp::create(b, loc, swapLast(getLhs()), g)};
}

namespace {
/// Forward-mode derivative of a contract body's scalar arithmetic with
/// respect to one block argument. Returns null for "zero".
class BodyDerivative {
public:
  BodyDerivative(OpBuilder &b, IRMapping &mapping) : b(b), mapping(mapping) {}

  FailureOr<Value> differentiate(Block &body, BlockArgument wrt) {
    derivatives[wrt] = one(wrt.getType(), wrt.getLoc());
    for (Operation &op : body.without_terminator()) {
      Operation *clone = b.clone(op, mapping);
      if (failed(derive(op, clone)))
        return failure();
    }
    Value yielded = body.getTerminator()->getOperand(0);
    return derivatives.lookup(yielded);
  }

private:
  Value one(Type type, Location loc) { return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, 1)); }
  Value d(Value original) { return derivatives.lookup(original); }
  Value m(Value original) { return mapping.lookupOrDefault(original); }
  Value times(Location loc, Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value plus(Location loc, Value x, Value y) {
    if (!x)
      return y;
    if (!y)
      return x;
    return arith::AddFOp::create(b, loc, x, y);
  }

  LogicalResult derive(Operation &op, Operation *clone) {
    Location loc = op.getLoc();
    bool any = llvm::any_of(op.getOperands(), [&](Value v) { return d(v) != nullptr; });
    if (!any || op.getNumResults() != 1)
      return success();
    Value result = op.getResult(0);
    Value y = clone->getResult(0);
    Value out;
    if (auto add = llvm::dyn_cast<arith::AddFOp>(op)) {
      out = plus(loc, d(add.getLhs()), d(add.getRhs()));
    } else if (auto subtract = llvm::dyn_cast<arith::SubFOp>(op)) {
      Value right = d(subtract.getRhs()) ? Value(arith::NegFOp::create(b, loc, d(subtract.getRhs()))) : Value();
      out = plus(loc, d(subtract.getLhs()), right);
    } else if (auto multiply = llvm::dyn_cast<arith::MulFOp>(op)) {
      Value left = d(multiply.getLhs()) ? times(loc, d(multiply.getLhs()), m(multiply.getRhs())) : Value();
      Value right = d(multiply.getRhs()) ? times(loc, m(multiply.getLhs()), d(multiply.getRhs())) : Value();
      out = plus(loc, left, right);
    } else if (auto divide = llvm::dyn_cast<arith::DivFOp>(op)) {
      Value left = d(divide.getLhs()) ? Value(arith::DivFOp::create(b, loc, d(divide.getLhs()), m(divide.getRhs()))) : Value();
      Value right;
      if (d(divide.getRhs()))
        right = arith::NegFOp::create(b, loc, arith::DivFOp::create(b, loc, times(loc, y, d(divide.getRhs())), m(divide.getRhs())));
      out = plus(loc, left, right);
    } else if (auto negate = llvm::dyn_cast<arith::NegFOp>(op)) {
      out = arith::NegFOp::create(b, loc, d(negate.getOperand()));
    } else if (auto exp = llvm::dyn_cast<math::ExpOp>(op)) {
      out = times(loc, y, d(exp.getOperand()));
    } else if (auto log = llvm::dyn_cast<math::LogOp>(op)) {
      out = arith::DivFOp::create(b, loc, d(log.getOperand()), m(log.getOperand()));
    } else if (auto tanh = llvm::dyn_cast<math::TanhOp>(op)) {
      Value oneMinus = arith::SubFOp::create(b, loc, one(y.getType(), loc), times(loc, y, y));
      out = times(loc, oneMinus, d(tanh.getOperand()));
    } else if (auto sqrt = llvm::dyn_cast<math::SqrtOp>(op)) {
      Value twice = arith::AddFOp::create(b, loc, y, y);
      out = arith::DivFOp::create(b, loc, d(sqrt.getOperand()), twice);
    } else if (auto rsqrt = llvm::dyn_cast<math::RsqrtOp>(op)) {
      // d x^-1/2 = -y / (2x)
      Value x = m(rsqrt.getOperand());
      Value factor = arith::DivFOp::create(b, loc, y, arith::AddFOp::create(b, loc, x, x));
      out = arith::NegFOp::create(b, loc, times(loc, factor, d(rsqrt.getOperand())));
    } else if (auto select = llvm::dyn_cast<arith::SelectOp>(op)) {
      Value zero = arith::ConstantOp::create(b, loc, b.getFloatAttr(y.getType(), 0));
      Value onTrue = d(select.getTrueValue()) ? d(select.getTrueValue()) : zero;
      Value onFalse = d(select.getFalseValue()) ? d(select.getFalseValue()) : zero;
      out = arith::SelectOp::create(b, loc, m(select.getCondition()), onTrue, onFalse);
    } else if (llvm::isa<arith::MaximumFOp, arith::MinimumFOp>(op)) {
      bool isMax = llvm::isa<arith::MaximumFOp>(op);
      Value lhs = op.getOperand(0), rhs = op.getOperand(1);
      Value zero = arith::ConstantOp::create(b, loc, b.getFloatAttr(y.getType(), 0));
      Value leftWins = arith::CmpFOp::create(b, loc, isMax ? arith::CmpFPredicate::OGE : arith::CmpFPredicate::OLE,
                                             m(lhs), m(rhs));
      out = arith::SelectOp::create(b, loc, leftWins, d(lhs) ? d(lhs) : zero, d(rhs) ? d(rhs) : zero);
    } else if (llvm::isa<arith::CmpFOp>(op)) {
      return success(); // a bool: no derivative
    } else {
      return op.emitError("cannot differentiate '") << op.getName() << "' in index notation yet";
    }
    derivatives[result] = out;
    return success();
  }

  OpBuilder &b;
  IRMapping &mapping;
  llvm::DenseMap<Value, Value> derivatives;
};
} // namespace

// For input k read through a permutation of some iteration dimensions:
// adjoint_k[dims of k] = sum over the other dimensions of g[output] * d(body)/d(arg k).
Adjoints ContractOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  if (getKind() != ReductionKind::sum && getKind() != ReductionKind::mean) {
    emitError("cannot differentiate a '") << stringifyReductionKind(getKind()) << "' reduction in index notation yet";
    return Adjoints(getInputs().size(), Value());
  }
  auto maps = llvm::to_vector(getIndexingMaps().getAsValueRange<AffineMapAttr>());
  unsigned iterationRank = maps.empty() ? getOutputRank() : maps.front().getNumDims();
  double count = getKind() == ReductionKind::mean ? static_cast<double>(getReducedCount()) : 1;
  Adjoints adjoints;
  for (auto [k, input] : llvm::enumerate(getInputs())) {
    AffineMap map = maps[k];
    if (!llvm::isa<FloatType>(typeOf(input).getElementType()) || !map.isProjectedPermutation()) {
      if (llvm::isa<FloatType>(typeOf(input).getElementType()))
        emitError("cannot differentiate index notation with respect to an operand read through an affine "
                  "subscript (input ") << k << ") yet";
      adjoints.push_back(Value());
      continue;
    }
    // Iteration order of the adjoint contract: input k's dimensions first.
    llvm::SmallVector<unsigned> order;
    for (AffineExpr result : map.getResults())
      order.push_back(llvm::cast<AffineDimExpr>(result).getPosition());
    for (unsigned d = 0; d < iterationRank; ++d)
      if (!llvm::is_contained(order, d))
        order.push_back(d);
    llvm::SmallVector<unsigned> position(iterationRank);
    for (unsigned i = 0; i < iterationRank; ++i)
      position[order[i]] = i;
    auto permuted = [&](AffineMap original) {
      llvm::SmallVector<AffineExpr> replacements;
      for (unsigned d = 0; d < iterationRank; ++d)
        replacements.push_back(getAffineDimExpr(position[d], getContext()));
      return original.replaceDimsAndSymbols(replacements, {}, iterationRank, 0);
    };
    llvm::SmallVector<Value> inputs(getInputs());
    llvm::SmallVector<Attribute> newMaps;
    for (AffineMap original : maps)
      newMaps.push_back(AffineMapAttr::get(permuted(original)));
    // The result adjoint is read through the output indices.
    llvm::SmallVector<AffineExpr> outputDims;
    for (unsigned d = 0; d < getOutputRank(); ++d)
      outputDims.push_back(getAffineDimExpr(position[d], getContext()));
    inputs.push_back(g);
    newMaps.push_back(AffineMapAttr::get(AffineMap::get(iterationRank, 0, outputDims, getContext())));

    OperationState state(loc, ContractOp::getOperationName());
    ContractOp::build(b, state, input.getType(), ReductionKind::sum, inputs, b.getArrayAttr(newMaps),
                      static_cast<int64_t>(map.getNumResults()));
    Region *region = state.regions.front().get();
    Block *block = new Block();
    region->push_back(block);
    IRMapping mapping;
    Block &body = getBody().front();
    for (BlockArgument argument : body.getArguments())
      mapping.map(argument, block->addArgument(argument.getType(), loc));
    Value gradient = block->addArgument(typeOf(g).getElementType(), loc);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(block);
      BodyDerivative derivative(b, mapping);
      FailureOr<Value> partial = derivative.differentiate(body, body.getArgument(k));
      if (failed(partial)) {
        adjoints.push_back(Value());
        continue;
      }
      Value term = *partial ? arith::MulFOp::create(b, loc, gradient, *partial).getResult()
                            : arith::ConstantOp::create(b, loc, b.getFloatAttr(gradient.getType(), 0)).getResult();
      if (count != 1)
        term = arith::DivFOp::create(b, loc, term, arith::ConstantOp::create(b, loc, b.getFloatAttr(term.getType(), count)));
      YieldOp::create(b, loc, term);
    }
    adjoints.push_back(b.create(state)->getResult(0));
  }
  return adjoints;
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

Adjoints ReshapeOp::buildAdjoints(OpBuilder &b, Value g) {
  return {ReshapeOp::create(b, getLoc(), getInput().getType(), g)};
}

Adjoints TransposeOp::buildAdjoints(OpBuilder &b, Value g) {
  llvm::SmallVector<int64_t> inverse(getPermutation().size());
  for (auto [i, axis] : llvm::enumerate(getPermutation()))
    inverse[axis] = static_cast<int64_t>(i);
  return {TransposeOp::create(b, getLoc(), g, inverse)};
}

// The adjoint stays in the broadcast shape; dlm-autodiff sums it back.
Adjoints BroadcastOp::buildAdjoints(OpBuilder &, Value g) { return {g}; }

Adjoints SliceOp::buildAdjoints(OpBuilder &b, Value g) {
  RankedTensorType input = typeOf(getInput());
  if (llvm::any_of(getStride(), [](int64_t stride) { return stride != 1; })) {
    emitError("cannot differentiate a strided slice yet");
    return {Value()};
  }
  llvm::SmallVector<int64_t> high;
  for (int64_t d = 0; d < input.getRank(); ++d)
    high.push_back(input.getDimSize(d) - getLimit()[d]);
  return {PadOp::create(b, getLoc(), g, getStart(), high, llvm::APFloat(0.0))};
}

Adjoints ConcatOp::buildAdjoints(OpBuilder &b, Value g) {
  Adjoints adjoints;
  int64_t axis = normalized(getAxis(), typeOf(g).getRank()), offset = 0;
  for (Value input : getInputs()) {
    RankedTensorType type = typeOf(input);
    llvm::SmallVector<int64_t> start(type.getRank(), 0), limit(typeOf(g).getShape()), stride(type.getRank(), 1);
    start[axis] = offset;
    limit[axis] = offset + type.getDimSize(axis);
    offset += type.getDimSize(axis);
    adjoints.push_back(SliceOp::create(b, getLoc(), g, start, limit, stride));
  }
  return adjoints;
}

Adjoints PadOp::buildAdjoints(OpBuilder &b, Value g) {
  RankedTensorType input = typeOf(getInput());
  llvm::SmallVector<int64_t> limit, stride(input.getRank(), 1);
  for (int64_t d = 0; d < input.getRank(); ++d)
    limit.push_back(getLow()[d] + input.getDimSize(d));
  return {SliceOp::create(b, getLoc(), g, getLow(), limit, stride)};
}

//===----------------------------------------------------------------------===//
// Convolution and pooling
//===----------------------------------------------------------------------===//

Adjoints ConvOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value input = ConvBackwardInputOp::create(b, loc, getInput().getType(), g, getFilter(), getStrideAttr(),
                                            getPaddingAttr(), getDilationAttr(), getGroupsAttr());
  Value filter = ConvBackwardFilterOp::create(b, loc, getFilter().getType(), getInput(), g, getStrideAttr(),
                                              getPaddingAttr(), getDilationAttr(), getGroupsAttr());
  return {input, filter};
}

Adjoints MaxPoolOp::buildAdjoints(OpBuilder &b, Value g) {
  return {PoolBackwardOp::create(b, getLoc(), getInput().getType(), ReductionKind::max, getInput(), g, getWindowAttr(),
                                 getStrideAttr(), getPaddingAttr())};
}

Adjoints AvgPoolOp::buildAdjoints(OpBuilder &b, Value g) {
  return {PoolBackwardOp::create(b, getLoc(), getInput().getType(), ReductionKind::mean, getInput(), g, getWindowAttr(),
                                 getStrideAttr(), getPaddingAttr())};
}

//===----------------------------------------------------------------------===//
// Normalized exponentials, losses, dropout
//===----------------------------------------------------------------------===//

// y = softmax(x): dx = y * (g - sum(g * y))
Adjoints SoftmaxOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value y = getResult();
  int64_t axis = normalized(getAxis(), typeOf(y).getRank());
  return {mul(b, loc, y, sub(b, loc, g, sumKeep(b, loc, mul(b, loc, g, y), axis)))};
}

// y = log_softmax(x): dx = g - exp(y) * sum(g)
Adjoints LogSoftmaxOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  int64_t axis = normalized(getAxis(), typeOf(g).getRank());
  return {sub(b, loc, g, mul(b, loc, ExpOp::create(b, loc, getResult()), sumKeep(b, loc, g, axis)))};
}

// loss = mean_n(-sum_c t log softmax(x)):
//   dx = (softmax(x) * sum_c t - t) * g / N   (sum_c t = 1 for class labels and probabilities)
//   dt = -log_softmax(x) * g / N
Adjoints CrossEntropyOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  RankedTensorType logits = typeOf(getLogits());
  Value scale = div(b, loc, g, scalar(b, loc, static_cast<double>(logits.getDimSize(0)), g));
  Value probabilities = SoftmaxOp::create(b, loc, getLogits(), 1);
  if (llvm::isa<IntegerType>(typeOf(getLabels()).getElementType())) {
    Value targets = OneHotOp::create(b, loc, logits, getLabels());
    return {mul(b, loc, sub(b, loc, probabilities, targets), scale), Value()};
  }
  Value mass = sumKeep(b, loc, getLabels(), 1);
  Value logitsAdjoint = mul(b, loc, sub(b, loc, mul(b, loc, probabilities, mass), getLabels()), scale);
  return {logitsAdjoint, neg(b, loc, mul(b, loc, LogSoftmaxOp::create(b, loc, getLogits(), 1), scale))};
}

// loss = mean(softplus(x) - x t): dx = (sigmoid(x) - t) g / n, dt = -x g / n
Adjoints BceWithLogitsOp::buildAdjoints(OpBuilder &b, Value g) {
  Location loc = getLoc();
  Value scale = div(b, loc, g, scalar(b, loc, static_cast<double>(typeOf(getLogits()).getNumElements()), g));
  Value logitsAdjoint = mul(b, loc, sub(b, loc, SigmoidOp::create(b, loc, getLogits()), getTargets()), scale);
  return {logitsAdjoint, neg(b, loc, mul(b, loc, getLogits(), scale))};
}

// The same key and id draw the same mask: the adjoint is dropout of g.
Adjoints DropoutOp::buildAdjoints(OpBuilder &b, Value g) {
  return {DropoutOp::create(b, getLoc(), g, getKey(), getPAttr(), getIdAttr()), Value()};
}
