//===- ApplyOptimizers.cpp - Optimizer updates as dlm ops -----------------===//
//
// Turns a differentiated step (loss, state updates, gradients) into the pure
// training step that returns updated parameters and optimizer state. The
// update rules follow PyTorch's torch.optim, so a dlm run and a PyTorch run
// of the same recipe take the same steps.
//
//===----------------------------------------------------------------------===//

#include "dlm/Transforms/Passes.h"

#include "dlm/Dialect/Dlm/DlmOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

#include <numeric>

namespace mlir::dlm {
#define GEN_PASS_DEF_APPLYOPTIMIZERS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;
using namespace mlir::dlm;

namespace {

/// Builds elementwise arithmetic with scalar constants, in one place.
class Arithmetic {
public:
  Arithmetic(OpBuilder &builder, Location loc) : b(builder), loc(loc) {}

  Value constant(double value, Value like) {
    auto type = RankedTensorType::get({}, llvm::cast<RankedTensorType>(like.getType()).getElementType());
    return ConstantOp::create(b, loc, DenseElementsAttr::get(type, b.getFloatAttr(type.getElementType(), value)));
  }
  Value add(Value x, Value y) { return AddOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return SubOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return MulOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return DivOp::create(b, loc, x, y); }
  Value scale(double factor, Value x) { return mul(constant(factor, x), x); }
  Value sqrt(Value x) { return SqrtOp::create(b, loc, x); }
  Value sumAll(Value x) {
    auto type = llvm::cast<RankedTensorType>(x.getType());
    llvm::SmallVector<int64_t> axes(type.getRank());
    std::iota(axes.begin(), axes.end(), 0);
    return ReduceOp::create(b, loc, ReductionKind::sum, x, axes, false);
  }
  /// `scalar` converted to `like`'s element type when it differs (a learning
  /// rate or step count meeting f64 parameters).
  Value as(Value scalar, Value like) {
    Type element = llvm::cast<RankedTensorType>(like.getType()).getElementType();
    auto type = llvm::cast<RankedTensorType>(scalar.getType());
    if (type.getElementType() == element)
      return scalar;
    return ConvertOp::create(b, loc, RankedTensorType::get(type.getShape(), element), scalar);
  }
  /// a * x + (1 - a) * y: the exponential moving averages of Adam and RMSProp.
  Value blend(double a, Value x, Value y) { return add(scale(a, x), scale(1 - a, y)); }

  OpBuilder &b;
  Location loc;
};

/// One optimizer state tensor of one parameter, e.g. `net.fc1.weight.exp_avg`.
struct StateSlot {
  std::string name;
  Value value;
};

class ApplyOptimizersPass : public mlir::dlm::impl::ApplyOptimizersBase<ApplyOptimizersPass> {
public:
  void runOnOperation() override {
    for (auto function : llvm::to_vector(getOperation().getOps<func::FuncOp>()))
      if (function->hasAttr("dlm.optimizers") && function->hasAttr("dlm.gradients") && failed(apply(function)))
        return signalPassFailure();
  }

private:
  LogicalResult apply(func::FuncOp function);
};

double number(DictionaryAttr optimizer, llvm::StringRef key, double fallback) {
  auto value = optimizer.getAs<FloatAttr>(key);
  return value ? value.getValueAsDouble() : fallback;
}

LogicalResult ApplyOptimizersPass::apply(func::FuncOp function) {
  Block &body = function.getBody().front();
  auto returnOp = llvm::cast<func::ReturnOp>(body.getTerminator());
  auto gradientNames = function->getAttrOfType<ArrayAttr>("dlm.gradients");
  auto optimizers = function->getAttrOfType<ArrayAttr>("dlm.optimizers");
  unsigned firstGradient = returnOp.getNumOperands() - gradientNames.size();
  OpBuilder builder(returnOp);
  Arithmetic math(builder, function.getLoc());

  llvm::StringMap<Value> gradients, parameters;
  for (auto [index, name] : llvm::enumerate(gradientNames))
    gradients[llvm::cast<StringAttr>(name).getValue()] = returnOp.getOperand(firstGradient + index);
  for (unsigned i = 0; i < function.getNumArguments(); ++i)
    if (auto path = function.getArgAttrOfType<StringAttr>(i, "dlm.param"))
      parameters[path.getValue()] = body.getArgument(i);

  // New arguments: one learning rate per group, the step count, then the
  // optimizer state; each carries the attribute the runtime binds it by.
  auto scalarType = RankedTensorType::get({}, builder.getF32Type());
  auto addArgument = [&](Type type, llvm::StringRef attribute, Attribute value) -> Value {
    unsigned index = function.getNumArguments();
    if (failed(function.insertArgument(index, type, builder.getDictionaryAttr(builder.getNamedAttr(attribute, value)),
                                       function.getLoc())))
      return {};
    return body.getArgument(index);
  };
  llvm::SmallVector<Value> rates;
  for (unsigned group = 0; group < optimizers.size(); ++group)
    rates.push_back(addArgument(scalarType, "dlm.learning_rate", builder.getI64IntegerAttr(group)));
  Value stepCount = addArgument(scalarType, "dlm.step_count", builder.getUnitAttr());

  llvm::SmallVector<Value> newParameters;
  llvm::SmallVector<Attribute> newParameterNames;
  std::vector<StateSlot> oldState, newState;
  auto state = [&](const std::string &name, Value like) {
    Value slot = addArgument(like.getType(), "dlm.optimizer_state", builder.getStringAttr(name));
    oldState.push_back({name, slot});
    return slot;
  };

  for (auto [group, entry] : llvm::enumerate(optimizers)) {
    auto optimizer = llvm::cast<DictionaryAttr>(entry);
    llvm::StringRef kind = optimizer.getAs<StringAttr>("name").getValue();
    double weightDecay = number(optimizer, "weight_decay", kind == "adamw" ? 0.01 : 0);
    double clipNorm = number(optimizer, "clip_norm", 0);
    auto names = optimizer.getAs<ArrayAttr>("params");

    // Gradient clipping by the group's global norm: g *= min(1, clip / (norm + 1e-6)).
    Value clipScale;
    if (clipNorm > 0) {
      Value total;
      for (Attribute name : names) {
        Value g = gradients.lookup(llvm::cast<StringAttr>(name).getValue());
        Value squares = math.sumAll(math.mul(g, g));
        total = total ? math.add(total, squares) : squares;
      }
      Value norm = math.add(math.sqrt(total), math.constant(1e-6, total));
      clipScale = MinOp::create(builder, function.getLoc(), math.constant(1, norm),
                                math.div(math.constant(clipNorm, norm), norm));
    }

    for (Attribute nameAttribute : names) {
      std::string name = llvm::cast<StringAttr>(nameAttribute).getValue().str();
      Value p = parameters.lookup(name), g = gradients.lookup(name);
      if (!p || !g)
        return function.emitError("no parameter or gradient for '") << name << "'";
      Value lr = math.as(rates[group], p);
      if (clipScale)
        g = math.mul(g, clipScale);
      if (weightDecay != 0 && kind != "adamw")
        g = math.add(g, math.scale(weightDecay, p));
      Value updated;
      if (kind == "sgd") {
        double momentum = number(optimizer, "momentum", 0);
        Value direction = g;
        if (momentum != 0) {
          Value buffer = state(name + ".momentum_buffer", p);
          Value next = math.add(math.scale(momentum, buffer), g);
          newState.push_back({name + ".momentum_buffer", next});
          direction = number(optimizer, "nesterov", 0) != 0 ? math.add(g, math.scale(momentum, next)) : next;
        }
        updated = math.sub(p, math.mul(lr, direction));
      } else if (kind == "adagrad") {
        Value sum = state(name + ".sum", p);
        Value next = math.add(sum, math.mul(g, g));
        newState.push_back({name + ".sum", next});
        Value denominator = math.add(math.sqrt(next), math.constant(number(optimizer, "eps", 1e-10), p));
        updated = math.sub(p, math.mul(lr, math.div(g, denominator)));
      } else if (kind == "rmsprop") {
        double alpha = number(optimizer, "alpha", 0.99), momentum = number(optimizer, "momentum", 0);
        Value average = state(name + ".square_avg", p);
        Value next = math.blend(alpha, average, math.mul(g, g));
        newState.push_back({name + ".square_avg", next});
        Value step = math.div(g, math.add(math.sqrt(next), math.constant(number(optimizer, "eps", 1e-8), p)));
        if (momentum != 0) {
          Value buffer = state(name + ".momentum_buffer", p);
          step = math.add(math.scale(momentum, buffer), step);
          newState.push_back({name + ".momentum_buffer", step});
        }
        updated = math.sub(p, math.mul(lr, step));
      } else if (kind == "adam" || kind == "adamw") {
        double beta1 = number(optimizer, "beta1", 0.9), beta2 = number(optimizer, "beta2", 0.999);
        Value m = state(name + ".exp_avg", p), v = state(name + ".exp_avg_sq", p);
        Value nextM = math.blend(beta1, m, g), nextV = math.blend(beta2, v, math.mul(g, g));
        newState.push_back({name + ".exp_avg", nextM});
        newState.push_back({name + ".exp_avg_sq", nextV});
        // Bias corrections 1 - beta^t, with t the step count.
        Value t = math.as(stepCount, p);
        auto correction = [&](double beta) {
          Value power = PowOp::create(builder, function.getLoc(), math.constant(beta, t), t);
          return math.sub(math.constant(1, t), power);
        };
        Value mHat = math.div(nextM, correction(beta1)), vHat = math.div(nextV, correction(beta2));
        Value denominator = math.add(math.sqrt(vHat), math.constant(number(optimizer, "eps", 1e-8), p));
        Value decayed = kind == "adamw" && weightDecay != 0 ? math.sub(p, math.mul(lr, math.scale(weightDecay, p))) : p;
        updated = math.sub(decayed, math.mul(lr, math.div(mHat, denominator)));
      } else {
        return function.emitError("unknown optimizer '") << kind << "'";
      }
      newParameters.push_back(updated);
      newParameterNames.push_back(builder.getStringAttr(name));
    }
  }

  // Results: what came before the gradients, then parameters and optimizer state.
  llvm::SmallVector<Value> results(returnOp.getOperands().take_front(firstGradient));
  results.append(newParameters.begin(), newParameters.end());
  llvm::SmallVector<Attribute> stateNames;
  for (const StateSlot &slot : newState) {
    results.push_back(slot.value);
    stateNames.push_back(builder.getStringAttr(slot.name));
  }
  returnOp->setOperands(results);
  function.setFunctionType(builder.getFunctionType(body.getArgumentTypes(), ValueRange(results).getTypes()));
  function->setAttr("dlm.updated_params", builder.getArrayAttr(newParameterNames));
  function->setAttr("dlm.updated_optimizer_state", builder.getArrayAttr(stateNames));
  function->removeAttr("dlm.gradients");
  return success();
}

} // namespace
