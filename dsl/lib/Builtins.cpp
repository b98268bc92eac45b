//===- Builtins.cpp - Built-in functions of .dlm and their shape rules ----===//
//
// Each built-in states its parameters and one rule that checks its arguments
// and computes its result type. Messages follow "expected X, got Y".
//
//===----------------------------------------------------------------------===//

#include "Evaluator.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <numeric>

using namespace dlm;
using namespace dlm::sema;

//===----------------------------------------------------------------------===//
// Argument accessors
//===----------------------------------------------------------------------===//

Node *CallArguments::tensor(const std::string &name) {
  const Argument *argument = get(name);
  if (!argument || argument->value.isError())
    return nullptr;
  if (argument->value.kind == Value::Kind::Tensor)
    return argument->value.tensor;
  if (argument->value.isNumber())
    return evaluator.makeConstant(argument->value.asDouble(), ElementType::F32, argument->loc);
  evaluator.error(argument->loc, "argument '" + name + "' of " + callee + ": expected a tensor, got " +
                                     describe(argument->value));
  return nullptr;
}

std::optional<int64_t> CallArguments::integer(const std::string &name, std::optional<int64_t> fallback) {
  const Argument *argument = get(name);
  if (!argument)
    return fallback;
  if (argument->value.kind == Value::Kind::Int)
    return argument->value.integer;
  if (!argument->value.isError())
    evaluator.error(argument->loc, "argument '" + name + "' of " + callee + ": expected an int, got " +
                                       describe(argument->value));
  return std::nullopt;
}

std::optional<double> CallArguments::number(const std::string &name, std::optional<double> fallback) {
  const Argument *argument = get(name);
  if (!argument)
    return fallback;
  if (argument->value.isNumber())
    return argument->value.asDouble();
  if (!argument->value.isError())
    evaluator.error(argument->loc, "argument '" + name + "' of " + callee + ": expected a number, got " +
                                       describe(argument->value));
  return std::nullopt;
}

std::optional<bool> CallArguments::boolean(const std::string &name, std::optional<bool> fallback) {
  const Argument *argument = get(name);
  if (!argument)
    return fallback;
  if (argument->value.kind == Value::Kind::Bool)
    return argument->value.boolean;
  if (!argument->value.isError())
    evaluator.error(argument->loc, "argument '" + name + "' of " + callee + ": expected a bool, got " +
                                       describe(argument->value));
  return std::nullopt;
}

std::optional<std::vector<int64_t>> CallArguments::integers(const std::string &name, size_t count,
                                                            std::optional<int64_t> fallback) {
  const Argument *argument = get(name);
  if (!argument) {
    if (!fallback)
      return std::nullopt;
    return std::vector<int64_t>(count, *fallback);
  }
  const Value &value = argument->value;
  if (value.kind == Value::Kind::Int)
    return std::vector<int64_t>(count, value.integer);
  if (value.kind == Value::Kind::List || value.kind == Value::Kind::Tuple) {
    std::vector<int64_t> result;
    for (const Value &element : value.elements) {
      if (element.kind != Value::Kind::Int) {
        evaluator.error(argument->loc, "argument '" + name + "' of " + callee +
                                           ": expected a list of ints, got an element that is " +
                                           describe(element));
        return std::nullopt;
      }
      result.push_back(element.integer);
    }
    if (result.size() != count) {
      evaluator.error(argument->loc, "argument '" + name + "' of " + callee + ": expected " +
                                         std::to_string(count) + " values (one per spatial dimension), got " +
                                         std::to_string(result.size()));
      return std::nullopt;
    }
    return result;
  }
  if (!value.isError())
    evaluator.error(argument->loc, "argument '" + name + "' of " + callee +
                                       ": expected an int or a list of ints, got " + describe(value));
  return std::nullopt;
}

std::optional<std::vector<int64_t>> CallArguments::integerList(const std::string &name) {
  const Argument *argument = get(name);
  if (!argument)
    return std::nullopt;
  const Value &value = argument->value;
  if (value.kind == Value::Kind::Int)
    return std::vector<int64_t>{value.integer};
  if (value.kind != Value::Kind::List && value.kind != Value::Kind::Tuple) {
    if (!value.isError())
      evaluator.error(argument->loc, "argument '" + name + "' of " + callee + ": expected a list of ints like [1, 0], got " +
                                         describe(value));
    return std::nullopt;
  }
  std::vector<int64_t> integers;
  for (const Value &element : value.elements) {
    if (element.kind != Value::Kind::Int) {
      evaluator.error(argument->loc, "argument '" + name + "' of " + callee +
                                         ": expected a list of ints, got an element that is " + describe(element));
      return std::nullopt;
    }
    integers.push_back(element.integer);
  }
  return integers;
}

std::optional<Shape> CallArguments::shape(const std::string &name, bool allowInferred) {
  auto extents = integerList(name);
  if (!extents)
    return std::nullopt;
  for (int64_t extent : *extents) {
    if (extent <= 0 && !(allowInferred && extent == -1)) {
      evaluator.error(locOf(name), "argument '" + name + "' of " + callee + ": expected positive extents, got " +
                                       std::to_string(extent));
      return std::nullopt;
    }
  }
  return *extents;
}

//===----------------------------------------------------------------------===//
// Rule helpers
//===----------------------------------------------------------------------===//

namespace {

Value tensorResult(CallArguments &args, llvm::StringRef op, std::vector<Node *> operands, TensorType type) {
  return Value::ofTensor(args.evaluator.makeNode(op, std::move(operands), std::move(type), args.loc));
}

void setAttribute(Node *node, const std::string &name, int64_t value) {
  Attribute attribute;
  attribute.kind = Attribute::Kind::Integer;
  attribute.integer = value;
  node->attributes.push_back({name, attribute});
}

void setAttribute(Node *node, const std::string &name, double value) {
  Attribute attribute;
  attribute.kind = Attribute::Kind::Float;
  attribute.real = value;
  node->attributes.push_back({name, attribute});
}

void setAttribute(Node *node, const std::string &name, std::vector<int64_t> values) {
  Attribute attribute;
  attribute.kind = Attribute::Kind::Integers;
  attribute.integers = std::move(values);
  node->attributes.push_back({name, attribute});
}

/// Requires a floating-point tensor, for math that is meaningless on ints.
bool requireFloat(CallArguments &args, const std::string &name, Node *node) {
  if (isFloat(node->type.element))
    return true;
  args.evaluator.error(args.locOf(name), "argument '" + name + "' of " + args.callee +
                                             ": expected a floating-point tensor, got " + node->type.str());
  return false;
}

/// Requires a tensor of exactly `rank` (or at least `rank` when `atLeast`).
bool requireRank(CallArguments &args, const std::string &name, Node *node, int64_t rank, const char *layout,
                 bool atLeast = false) {
  if (node->type.rank() == rank || (atLeast && node->type.rank() >= rank))
    return true;
  args.evaluator.error(args.locOf(name), "argument '" + name + "' of " + args.callee + ": expected rank " +
                                             (atLeast ? "at least " : "") + std::to_string(rank) + " (" + layout +
                                             "), got " + node->type.str());
  return false;
}

/// The axes named by an `axis` argument (an int or a list), normalized; all
/// axes when absent.
std::optional<std::vector<int64_t>> reductionAxes(CallArguments &args, int64_t rank) {
  std::vector<int64_t> axes;
  const Argument *argument = args.get("axis");
  if (!argument || argument->value.kind == Value::Kind::None) {
    axes.resize(rank);
    std::iota(axes.begin(), axes.end(), 0);
    return axes;
  }
  std::vector<Value> values = argument->value.kind == Value::Kind::List ||
                                      argument->value.kind == Value::Kind::Tuple
                                  ? argument->value.elements
                                  : std::vector<Value>{argument->value};
  for (const Value &value : values) {
    if (value.kind != Value::Kind::Int) {
      args.evaluator.error(argument->loc, "argument 'axis' of " + args.callee +
                                              ": expected an int or a list of ints, got " + describe(value));
      return std::nullopt;
    }
    auto axis = normalizeAxis(value.integer, rank);
    if (!axis) {
      args.evaluator.error(argument->loc, "argument 'axis' of " + args.callee + ": expected an axis in [" +
                                              std::to_string(-rank) + ", " + std::to_string(rank) + "), got " +
                                              std::to_string(value.integer));
      return std::nullopt;
    }
    axes.push_back(*axis);
  }
  std::sort(axes.begin(), axes.end());
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  return axes;
}

Shape reducedShape(const Shape &shape, const std::vector<int64_t> &axes, bool keepDims) {
  Shape result;
  for (int64_t i = 0; i < static_cast<int64_t>(shape.size()); ++i) {
    bool reduced = std::find(axes.begin(), axes.end(), i) != axes.end();
    if (!reduced)
      result.push_back(shape[i]);
    else if (keepDims)
      result.push_back(1);
  }
  return result;
}

/// A single-axis argument, normalized.
std::optional<int64_t> singleAxis(CallArguments &args, int64_t rank, int64_t fallback) {
  auto axis = args.integer("axis", fallback);
  if (!axis)
    return std::nullopt;
  auto normalized = normalizeAxis(*axis, rank);
  if (!normalized)
    args.evaluator.error(args.locOf("axis"), "argument 'axis' of " + args.callee + ": expected an axis in [" +
                                                 std::to_string(-rank) + ", " + std::to_string(rank) + "), got " +
                                                 std::to_string(*axis));
  return normalized;
}

/// Compile-time math on numbers, so `sqrt(2.0)` works in const expressions.
std::optional<double> foldUnary(llvm::StringRef name, double x) {
  if (name == "exp") return std::exp(x);
  if (name == "log") return std::log(x);
  if (name == "sqrt") return std::sqrt(x);
  if (name == "rsqrt") return 1.0 / std::sqrt(x);
  if (name == "abs") return std::fabs(x);
  if (name == "tanh") return std::tanh(x);
  if (name == "sin") return std::sin(x);
  if (name == "cos") return std::cos(x);
  if (name == "floor") return std::floor(x);
  if (name == "sigmoid") return 1.0 / (1.0 + std::exp(-x));
  return std::nullopt;
}

Builtin unaryMath(const std::string &name, bool differentiable = true) {
  Builtin builtin;
  builtin.name = name;
  builtin.parameters = {{"x", true}};
  builtin.differentiable = differentiable;
  builtin.apply = [name](CallArguments &args) -> Value {
    const Argument *x = args.get("x");
    if (x->value.isNumber()) {
      if (auto folded = foldUnary(name, x->value.asDouble()))
        return Value::ofFloat(*folded);
    }
    Node *input = args.tensor("x");
    if (!input || !requireFloat(args, "x", input))
      return Value::error();
    return tensorResult(args, name, {input}, input->type);
  };
  return builtin;
}

/// An activation with one float hyperparameter: leaky_relu(x, slope), elu(x, alpha).
Builtin parametricActivation(const std::string &name, const std::string &parameter, double fallback) {
  Builtin builtin;
  builtin.name = name;
  builtin.parameters = {{"x", true}, {parameter, false}};
  builtin.apply = [name, parameter, fallback](CallArguments &args) -> Value {
    Node *input = args.tensor("x");
    auto value = args.number(parameter, fallback);
    if (!input || !value || !requireFloat(args, "x", input))
      return Value::error();
    Value result = tensorResult(args, name, {input}, input->type);
    setAttribute(result.tensor, parameter, *value);
    return result;
  };
  return builtin;
}

Builtin reduction(const std::string &name) {
  Builtin builtin;
  builtin.name = name;
  builtin.parameters = {{"x", true}, {"axis", false}, {"keepdims", false}};
  builtin.apply = [name](CallArguments &args) -> Value {
    const Argument *x = args.get("x");
    if (x->value.kind == Value::Kind::Instance) {
      args.evaluator.error(x->loc, "argument 'x' of " + name + ": expected a tensor, got " + describe(x->value));
      return Value::error();
    }
    Node *input = args.tensor("x");
    if (!input)
      return Value::error();
    if (input->type.element == ElementType::Bool && name != "max" && name != "min") {
      args.evaluator.error(args.locOf("x"), "argument 'x' of " + name +
                                                ": expected a numeric tensor, got " + input->type.str() +
                                                "; convert it first, e.g. f32(...)");
      return Value::error();
    }
    auto axes = reductionAxes(args, input->type.rank());
    auto keepDims = args.boolean("keepdims", false);
    if (!axes || !keepDims)
      return Value::error();
    ElementType element = input->type.element;
    if (name == "mean" || name == "var" || name == "logsumexp") {
      if (!requireFloat(args, "x", input))
        return Value::error();
    }
    Value result = tensorResult(args, name, {input}, {element, reducedShape(input->type.shape, *axes, *keepDims)});
    setAttribute(result.tensor, "axes", *axes);
    setAttribute(result.tensor, "keepdims", static_cast<int64_t>(*keepDims));
    return result;
  };
  return builtin;
}

Builtin argReduction(const std::string &name) {
  Builtin builtin;
  builtin.name = name;
  builtin.parameters = {{"x", true}, {"axis", false}, {"keepdims", false}};
  builtin.differentiable = false;
  builtin.apply = [name](CallArguments &args) -> Value {
    Node *input = args.tensor("x");
    if (!input || !requireRank(args, "x", input, 1, "at least one axis", true))
      return Value::error();
    auto axis = singleAxis(args, input->type.rank(), -1);
    auto keepDims = args.boolean("keepdims", false);
    if (!axis || !keepDims)
      return Value::error();
    Value result =
        tensorResult(args, name, {input}, {ElementType::I32, reducedShape(input->type.shape, {*axis}, *keepDims)});
    setAttribute(result.tensor, "axis", *axis);
    return result;
  };
  return builtin;
}

Builtin cast(ElementType element) {
  Builtin builtin;
  builtin.name = elementTypeName(element);
  builtin.parameters = {{"x", true}};
  builtin.apply = [element](CallArguments &args) -> Value {
    const Argument *x = args.get("x");
    if (x->value.isNumber()) {
      if (isFloat(element))
        return Value::ofFloat(x->value.asDouble());
      if (element == ElementType::Bool)
        return Value::ofBool(x->value.asDouble() != 0);
      return Value::ofInt(static_cast<int64_t>(x->value.asDouble()));
    }
    Node *input = args.tensor("x");
    if (!input)
      return Value::error();
    return tensorResult(args, "cast", {input}, {element, input->type.shape});
  };
  return builtin;
}

/// conv / conv1d / conv2d / conv3d: x [N, C, spatial...], w [O, C/groups, kernel...].
Builtin convolution(const std::string &name, int64_t fixedSpatialRank) {
  Builtin builtin;
  builtin.name = name;
  builtin.parameters = {{"x", true},       {"w", true},        {"stride", false},
                        {"pad", false},    {"dilation", false}, {"groups", false}};
  builtin.apply = [name, fixedSpatialRank](CallArguments &args) -> Value {
    Node *x = args.tensor("x");
    Node *w = args.tensor("w");
    if (!x || !w || !requireFloat(args, "x", x) || !requireFloat(args, "w", w))
      return Value::error();
    if (fixedSpatialRank && !requireRank(args, "x", x, fixedSpatialRank + 2, "batch, channels, spatial"))
      return Value::error();
    if (!requireRank(args, "x", x, 3, "batch, channels, spatial", true))
      return Value::error();
    int64_t spatial = x->type.rank() - 2;
    if (w->type.rank() != x->type.rank()) {
      args.evaluator.error(args.locOf("w"), "argument 'w' of " + name + ": expected rank " +
                                                std::to_string(x->type.rank()) +
                                                " (out channels, in channels / groups, kernel...), got " +
                                                w->type.str());
      return Value::error();
    }
    auto stride = args.integers("stride", spatial, 1);
    auto pad = args.integers("pad", spatial, 0);
    auto dilation = args.integers("dilation", spatial, 1);
    auto groups = args.integer("groups", 1);
    if (!stride || !pad || !dilation || !groups)
      return Value::error();
    int64_t channels = x->type.shape[1];
    if (*groups <= 0 || channels % *groups || w->type.shape[0] % *groups) {
      args.evaluator.error(args.locOf("groups"), "argument 'groups' of " + name + ": expected a divisor of " +
                                                     std::to_string(channels) + " input and " +
                                                     std::to_string(w->type.shape[0]) + " output channels, got " +
                                                     std::to_string(*groups));
      return Value::error();
    }
    if (w->type.shape[1] != channels / *groups) {
      args.evaluator.error(args.loc, name + ": the input has " + std::to_string(channels) +
                                         " channels, so the weight's dimension 1 must be " +
                                         std::to_string(channels / *groups) + " (channels / groups); expected " +
                                         std::to_string(channels / *groups) + ", got " +
                                         std::to_string(w->type.shape[1]) + " (weight " + w->type.str() + ")");
      return Value::error();
    }
    Shape out = {x->type.shape[0], w->type.shape[0]};
    for (int64_t d = 0; d < spatial; ++d) {
      if ((*stride)[d] <= 0 || (*dilation)[d] <= 0 || (*pad)[d] < 0) {
        args.evaluator.error(args.loc, name + ": expected positive strides and dilations and non-negative padding");
        return Value::error();
      }
      int64_t extent = windowOutputExtent(x->type.shape[2 + d], w->type.shape[2 + d], (*stride)[d], (*pad)[d],
                                          (*dilation)[d]);
      if (extent <= 0) {
        int64_t dilatedKernel = (*dilation)[d] * (w->type.shape[2 + d] - 1) + 1;
        args.evaluator.error(args.loc, name + ": kernel extent " + std::to_string(dilatedKernel) +
                                           ((*dilation)[d] > 1 ? " (dilated)" : "") +
                                           " is larger than the padded input extent " +
                                           std::to_string(x->type.shape[2 + d] + 2 * (*pad)[d]) +
                                           " in spatial dimension " + std::to_string(d));
        return Value::error();
      }
      out.push_back(extent);
    }
    Value result = tensorResult(args, "conv", {x, w}, {x->type.element, out});
    setAttribute(result.tensor, "stride", *stride);
    setAttribute(result.tensor, "pad", *pad);
    setAttribute(result.tensor, "dilation", *dilation);
    setAttribute(result.tensor, "groups", *groups);
    return result;
  };
  return builtin;
}

/// maxpool / avgpool: x [N, C, spatial...], a window per spatial dimension.
Builtin pooling(const std::string &name, const std::string &op, int64_t fixedSpatialRank) {
  Builtin builtin;
  builtin.name = name;
  builtin.parameters = {{"x", true}, {"kernel", true}, {"stride", false}, {"pad", false}};
  builtin.apply = [name, op, fixedSpatialRank](CallArguments &args) -> Value {
    Node *x = args.tensor("x");
    if (!x || !requireRank(args, "x", x, fixedSpatialRank ? fixedSpatialRank + 2 : 3, "batch, channels, spatial",
                           fixedSpatialRank == 0))
      return Value::error();
    int64_t spatial = x->type.rank() - 2;
    auto kernel = args.integers("kernel", spatial);
    if (!kernel)
      return Value::error();
    auto stride = args.has("stride") ? args.integers("stride", spatial) : kernel;
    auto pad = args.integers("pad", spatial, 0);
    if (!stride || !pad)
      return Value::error();
    Shape out = {x->type.shape[0], x->type.shape[1]};
    for (int64_t d = 0; d < spatial; ++d) {
      if ((*kernel)[d] <= 0 || (*stride)[d] <= 0 || (*pad)[d] < 0) {
        args.evaluator.error(args.loc, name + ": expected positive windows and strides and non-negative padding, got "
                                              "window " + std::to_string((*kernel)[d]) + ", stride " +
                                              std::to_string((*stride)[d]) + ", padding " + std::to_string((*pad)[d]));
        return Value::error();
      }
      int64_t extent = windowOutputExtent(x->type.shape[2 + d], (*kernel)[d], (*stride)[d], (*pad)[d], 1);
      if (extent <= 0 || (*kernel)[d] <= 0) {
        args.evaluator.error(args.locOf("kernel"), name + ": expected a window no larger than the input, got " +
                                                       std::to_string((*kernel)[d]) + " for extent " +
                                                       std::to_string(x->type.shape[2 + d]));
        return Value::error();
      }
      out.push_back(extent);
    }
    Value result = tensorResult(args, op, {x}, {x->type.element, out});
    setAttribute(result.tensor, "kernel", *kernel);
    setAttribute(result.tensor, "stride", *stride);
    setAttribute(result.tensor, "pad", *pad);
    return result;
  };
  return builtin;
}

Builtin softmaxLike(const std::string &name) {
  Builtin builtin;
  builtin.name = name;
  builtin.parameters = {{"x", true}, {"axis", false}};
  builtin.apply = [name](CallArguments &args) -> Value {
    Node *x = args.tensor("x");
    if (!x || !requireFloat(args, "x", x) || !requireRank(args, "x", x, 1, "at least one axis", true))
      return Value::error();
    auto axis = singleAxis(args, x->type.rank(), -1);
    if (!axis)
      return Value::error();
    Value result = tensorResult(args, name, {x}, x->type);
    setAttribute(result.tensor, "axis", *axis);
    return result;
  };
  return builtin;
}

/// A random tensor of a given shape, drawn per step from the counter-based generator.
Builtin randomTensor(const std::string &name, std::vector<std::pair<std::string, double>> parameters) {
  Builtin builtin;
  builtin.name = name;
  builtin.parameters = {{"shape", true}};
  for (auto &[parameter, fallback] : parameters)
    builtin.parameters.push_back({parameter, false});
  builtin.differentiable = false;
  builtin.apply = [name, parameters](CallArguments &args) -> Value {
    auto shape = args.shape("shape");
    if (!shape)
      return Value::error();
    Value result = tensorResult(args, "random", {}, {ElementType::F32, *shape});
    result.tensor->label = name;
    for (auto &[parameter, fallback] : parameters) {
      auto value = args.number(parameter, fallback);
      if (!value)
        return Value::error();
      setAttribute(result.tensor, parameter, *value);
    }
    return result;
  };
  return builtin;
}

Builtin filledTensor(const std::string &name, std::optional<double> value) {
  Builtin builtin;
  builtin.name = name;
  builtin.parameters = {{"shape", true}};
  if (!value)
    builtin.parameters.push_back({"value", true});
  builtin.differentiable = false;
  builtin.apply = [value](CallArguments &args) -> Value {
    auto shape = args.shape("shape");
    auto fill = value ? value : args.number("value");
    if (!shape || !fill)
      return Value::error();
    Value result = tensorResult(args, "constant", {}, {ElementType::F32, *shape});
    setAttribute(result.tensor, "value", *fill);
    return result;
  };
  return builtin;
}

/// A configuration builtin (initializer, optimizer, schedule, data source):
/// checks argument kinds and records them in a Spec.
Builtin specBuiltin(const std::string &name, Builtin::Context context, std::vector<ParameterSpec> parameters,
                    std::vector<std::string> stringParameters = {}) {
  Builtin builtin;
  builtin.name = name;
  builtin.context = context;
  builtin.parameters = parameters;
  builtin.differentiable = false;
  builtin.apply = [name, stringParameters](CallArguments &args) -> Value {
    auto spec = std::make_shared<Spec>();
    spec->name = name;
    spec->loc = args.loc;
    bool ok = true;
    for (auto &[parameter, argument] : args.bound) {
      bool wantsString =
          std::find(stringParameters.begin(), stringParameters.end(), parameter) != stringParameters.end();
      const Value &value = argument.value;
      if (value.isError())
        return Value::error();
      if (wantsString && value.kind == Value::Kind::String) {
        spec->strings[parameter] = value.text;
      } else if (!wantsString && value.isNumber() && parameter != "nesterov") {
        spec->numbers[parameter] = value.asDouble();
      } else if (!wantsString && value.kind == Value::Kind::Bool && parameter == "nesterov") {
        spec->numbers[parameter] = value.boolean ? 1 : 0;
      } else if (!wantsString && value.kind == Value::Kind::Spec) {
        spec->nested[parameter] = value.spec;
      } else {
        args.evaluator.error(argument.loc, "argument '" + parameter + "' of " + name + ": expected " +
                                               (wantsString ? "a string" : parameter == "nesterov" ? "a bool" : "a number") +
                                               ", got " + describe(value));
        ok = false;
      }
    }
    return ok ? Value::ofSpec(spec) : Value::error();
  };
  return builtin;
}

} // namespace

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

static std::vector<Builtin> makeBuiltins() {
  std::vector<Builtin> table;
  auto add = [&](Builtin builtin) { table.push_back(std::move(builtin)); };

  for (const char *name : {"exp", "log", "sqrt", "rsqrt", "abs", "tanh", "sigmoid", "relu", "gelu", "softplus",
                           "sin", "cos", "erf"})
    add(unaryMath(name));
  for (const char *name : {"sign", "floor"})
    add(unaryMath(name, /*differentiable=*/false));
  add(parametricActivation("leaky_relu", "slope", 0.01));
  add(parametricActivation("elu", "alpha", 1.0));

  for (const char *name : {"maximum", "minimum"}) {
    Builtin builtin;
    builtin.name = name;
    builtin.parameters = {{"a", true}, {"b", true}};
    std::string op = std::string(name) == "maximum" ? "max" : "min";
    builtin.apply = [op](CallArguments &args) {
      return args.evaluator.binary(op, args.get("a")->value, args.get("b")->value, args.loc);
    };
    add(builtin);
  }
  {
    Builtin builtin;
    builtin.name = "select";
    builtin.parameters = {{"condition", true}, {"a", true}, {"b", true}};
    builtin.apply = [](CallArguments &args) -> Value {
      Node *condition = args.tensor("condition");
      if (!condition)
        return Value::error();
      if (condition->type.element != ElementType::Bool) {
        args.evaluator.error(args.locOf("condition"), "argument 'condition' of select: expected a bool tensor, got " +
                                                          condition->type.str());
        return Value::error();
      }
      // The branches broadcast against each other first, then against the condition.
      Value branches = args.evaluator.binary("select_branches", args.get("a")->value, args.get("b")->value, args.loc);
      if (branches.isError())
        return branches;
      Node *merged = branches.tensor;
      BroadcastMismatch mismatch{};
      auto shape = broadcastShapes(condition->type.shape, merged->type.shape, &mismatch);
      if (!shape) {
        args.evaluator.error(args.loc, "select: condition " + condition->type.str() +
                                           " does not broadcast with the branches " + merged->type.str());
        return Value::error();
      }
      merged->op = "select";
      merged->operands.insert(merged->operands.begin(), condition);
      merged->type.shape = *shape;
      return Value::ofTensor(merged);
    };
    add(builtin);
  }

  for (ElementType element : {ElementType::F16, ElementType::BF16, ElementType::F32, ElementType::F64,
                              ElementType::I8, ElementType::I32, ElementType::I64, ElementType::U8, ElementType::Bool})
    add(cast(element));

  for (const char *name : {"sum", "mean", "max", "min", "prod", "logsumexp", "var"})
    add(reduction(name));
  add(argReduction("argmax"));
  add(argReduction("argmin"));

  {
    Builtin builtin;
    builtin.name = "reshape";
    builtin.parameters = {{"x", true}, {"shape", true}};
    builtin.apply = [](CallArguments &args) -> Value {
      Node *x = args.tensor("x");
      auto shape = args.shape("shape", /*allowInferred=*/true);
      if (!x || !shape)
        return Value::error();
      int64_t known = 1, inferred = -1;
      for (size_t i = 0; i < shape->size(); ++i) {
        if ((*shape)[i] == -1 && inferred < 0) {
          inferred = static_cast<int64_t>(i);
        } else if ((*shape)[i] <= 0) {
          args.evaluator.error(args.locOf("shape"), "argument 'shape' of reshape: expected positive extents and at "
                                                    "most one -1, got " + shapeString(*shape));
          return Value::error();
        } else {
          known *= (*shape)[i];
        }
      }
      int64_t total = x->type.numElements();
      if (inferred >= 0) {
        if (total % known) {
          args.evaluator.error(args.locOf("shape"), "reshape: " + x->type.str() + " has " + std::to_string(total) +
                                                        " elements, which is not a multiple of " + std::to_string(known));
          return Value::error();
        }
        (*shape)[inferred] = total / known;
        known = total;
      }
      if (known != total) {
        args.evaluator.error(args.locOf("shape"), "reshape: expected a shape with " + std::to_string(total) +
                                                      " elements (like " + x->type.str() + "), got " +
                                                      shapeString(*shape) + " with " + std::to_string(known));
        return Value::error();
      }
      return tensorResult(args, "reshape", {x}, {x->type.element, *shape});
    };
    add(builtin);
  }
  {
    Builtin builtin;
    builtin.name = "flatten";
    builtin.parameters = {{"x", true}};
    builtin.apply = [](CallArguments &args) -> Value {
      Node *x = args.tensor("x");
      if (!x || !requireRank(args, "x", x, 1, "batch first", true))
        return Value::error();
      return tensorResult(args, "reshape", {x},
                          {x->type.element, {x->type.shape[0], x->type.numElements() / std::max<int64_t>(1, x->type.shape[0])}});
    };
    add(builtin);
  }
  {
    Builtin builtin;
    builtin.name = "transpose";
    builtin.parameters = {{"x", true}, {"perm", false}};
    builtin.apply = [](CallArguments &args) -> Value {
      Node *x = args.tensor("x");
      if (!x)
        return Value::error();
      int64_t rank = x->type.rank();
      std::vector<int64_t> permutation(rank);
      std::iota(permutation.rbegin(), permutation.rend(), 0);
      if (args.has("perm")) {
        auto given = args.integerList("perm");
        if (!given)
          return Value::error();
        std::vector<int64_t> sorted = *given;
        std::sort(sorted.begin(), sorted.end());
        std::vector<int64_t> identity(rank);
        std::iota(identity.begin(), identity.end(), 0);
        if (sorted != identity) {
          args.evaluator.error(args.locOf("perm"), "argument 'perm' of transpose: expected a permutation of 0.." +
                                                       std::to_string(rank - 1) + ", got " + shapeString(*given));
          return Value::error();
        }
        permutation = *given;
      }
      Shape shape;
      for (int64_t axis : permutation)
        shape.push_back(x->type.shape[axis]);
      Value result = tensorResult(args, "transpose", {x}, {x->type.element, shape});
      setAttribute(result.tensor, "perm", permutation);
      return result;
    };
    add(builtin);
  }
  {
    Builtin builtin;
    builtin.name = "broadcast_to";
    builtin.parameters = {{"x", true}, {"shape", true}};
    builtin.apply = [](CallArguments &args) -> Value {
      Node *x = args.tensor("x");
      auto shape = args.shape("shape");
      if (!x || !shape)
        return Value::error();
      auto result = broadcastShapes(x->type.shape, *shape);
      if (!result || *result != *shape) {
        args.evaluator.error(args.loc, "broadcast_to: " + x->type.str() + " does not broadcast to " + shapeString(*shape));
        return Value::error();
      }
      return tensorResult(args, "broadcast", {x}, {x->type.element, *shape});
    };
    add(builtin);
  }
  for (const char *name : {"concat", "stack"}) {
    Builtin builtin;
    builtin.name = name;
    builtin.parameters = {{"tensors", true}, {"axis", false}};
    bool stacking = std::string(name) == "stack";
    builtin.apply = [name = std::string(name), stacking](CallArguments &args) -> Value {
      const Argument *list = args.get("tensors");
      if (list->value.kind != Value::Kind::List && list->value.kind != Value::Kind::Tuple) {
        if (!list->value.isError())
          args.evaluator.error(list->loc, "argument 'tensors' of " + name + ": expected a list of tensors like [a, b], got " +
                                              describe(list->value));
        return Value::error();
      }
      std::vector<Node *> inputs;
      for (const Value &element : list->value.elements) {
        if (element.isError())
          return Value::error();
        if (element.kind != Value::Kind::Tensor) {
          args.evaluator.error(list->loc, "argument 'tensors' of " + name + ": expected tensors, got " + describe(element));
          return Value::error();
        }
        inputs.push_back(element.tensor);
      }
      if (inputs.empty()) {
        args.evaluator.error(list->loc, name + ": expected at least one tensor");
        return Value::error();
      }
      TensorType first = inputs.front()->type;
      auto axis = singleAxis(args, first.rank() + (stacking ? 1 : 0), 0);
      if (!axis)
        return Value::error();
      Shape shape = first.shape;
      if (stacking)
        shape.insert(shape.begin() + *axis, static_cast<int64_t>(inputs.size()));
      for (size_t i = 1; i < inputs.size(); ++i) {
        const TensorType &type = inputs[i]->type;
        bool compatible = type.element == first.element && type.rank() == first.rank();
        for (int64_t d = 0; compatible && d < first.rank(); ++d)
          compatible = type.shape[d] == first.shape[d] || (!stacking && d == *axis);
        if (!compatible) {
          args.evaluator.error(list->loc, name + ": tensor " + std::to_string(i) + " is " + type.str() +
                                              ", expected " + (stacking ? "the same type as" : "the same type except along the axis as") +
                                              " tensor 0, " + first.str());
          return Value::error();
        }
        if (!stacking)
          shape[*axis] += type.shape[*axis];
      }
      Value result = tensorResult(args, name, inputs, {first.element, shape});
      setAttribute(result.tensor, "axis", *axis);
      return result;
    };
    add(builtin);
  }
  {
    Builtin builtin;
    builtin.name = "pad";
    builtin.parameters = {{"x", true}, {"pads", true}, {"value", false}};
    builtin.apply = [](CallArguments &args) -> Value {
      Node *x = args.tensor("x");
      auto pads = args.integerList("pads");
      auto value = args.number("value", 0.0);
      if (!x || !pads || !value)
        return Value::error();
      if (static_cast<int64_t>(pads->size()) != 2 * x->type.rank()) {
        args.evaluator.error(args.locOf("pads"), "argument 'pads' of pad: expected " +
                                                     std::to_string(2 * x->type.rank()) +
                                                     " values (before and after for each dimension of " +
                                                     x->type.str() + "), got " + std::to_string(pads->size()));
        return Value::error();
      }
      Shape shape = x->type.shape;
      for (int64_t d = 0; d < x->type.rank(); ++d)
        shape[d] += (*pads)[2 * d] + (*pads)[2 * d + 1];
      Value result = tensorResult(args, "pad", {x}, {x->type.element, shape});
      setAttribute(result.tensor, "pads", *pads);
      setAttribute(result.tensor, "value", *value);
      return result;
    };
    add(builtin);
  }
  for (const char *name : {"unsqueeze", "squeeze"}) {
    Builtin builtin;
    builtin.name = name;
    builtin.parameters = {{"x", true}, {"axis", true}};
    bool inserting = std::string(name) == "unsqueeze";
    builtin.apply = [inserting](CallArguments &args) -> Value {
      Node *x = args.tensor("x");
      if (!x)
        return Value::error();
      auto axis = singleAxis(args, x->type.rank() + (inserting ? 1 : 0), 0);
      if (!axis)
        return Value::error();
      Shape shape = x->type.shape;
      if (inserting) {
        shape.insert(shape.begin() + *axis, 1);
      } else {
        if (shape[*axis] != 1) {
          args.evaluator.error(args.locOf("axis"), "squeeze: expected extent 1 at axis " + std::to_string(*axis) +
                                                       ", got " + std::to_string(shape[*axis]) + " in " + x->type.str());
          return Value::error();
        }
        shape.erase(shape.begin() + *axis);
      }
      return tensorResult(args, "reshape", {x}, {x->type.element, shape});
    };
    add(builtin);
  }
  {
    Builtin builtin;
    builtin.name = "dim";
    builtin.parameters = {{"x", true}, {"axis", true}};
    builtin.differentiable = false;
    builtin.apply = [](CallArguments &args) -> Value {
      Node *x = args.tensor("x");
      if (!x)
        return Value::error();
      auto axis = singleAxis(args, x->type.rank(), 0);
      if (!axis)
        return Value::error();
      return Value::ofInt(x->type.shape[*axis]);
    };
    add(builtin);
  }
  {
    Builtin builtin;
    builtin.name = "matmul";
    builtin.parameters = {{"a", true}, {"b", true}};
    builtin.apply = [](CallArguments &args) {
      return args.evaluator.binary("@", args.get("a")->value, args.get("b")->value, args.loc);
    };
    add(builtin);
  }

  add(convolution("conv", 0));
  add(convolution("conv1d", 1));
  add(convolution("conv2d", 2));
  add(convolution("conv3d", 3));
  {
    Builtin builtin;
    builtin.name = "conv_transpose";
    builtin.parameters = {{"x", true},         {"w", true},        {"stride", false}, {"pad", false},
                          {"output_pad", false}, {"dilation", false}, {"groups", false}};
    builtin.apply = [](CallArguments &args) -> Value {
      Node *x = args.tensor("x");
      Node *w = args.tensor("w");
      if (!x || !w || !requireRank(args, "x", x, 3, "batch, channels, spatial", true))
        return Value::error();
      int64_t spatial = x->type.rank() - 2;
      if (!requireRank(args, "w", w, x->type.rank(), "in channels, out channels / groups, kernel..."))
        return Value::error();
      auto stride = args.integers("stride", spatial, 1);
      auto pad = args.integers("pad", spatial, 0);
      auto outputPad = args.integers("output_pad", spatial, 0);
      auto dilation = args.integers("dilation", spatial, 1);
      auto groups = args.integer("groups", 1);
      if (!stride || !pad || !outputPad || !dilation || !groups)
        return Value::error();
      if (!requireFloat(args, "x", x) || !requireFloat(args, "w", w))
        return Value::error();
      if (*groups <= 0 || x->type.shape[1] % *groups) {
        args.evaluator.error(args.locOf("groups"), "argument 'groups' of conv_transpose: expected a divisor of " +
                                                       std::to_string(x->type.shape[1]) + " input channels, got " +
                                                       std::to_string(*groups));
        return Value::error();
      }
      if (w->type.shape[0] != x->type.shape[1]) {
        args.evaluator.error(args.locOf("w"), "conv_transpose: the weight's dimension 0 must equal the input's " +
                                                  std::to_string(x->type.shape[1]) + " channels; expected " +
                                                  std::to_string(x->type.shape[1]) + ", got " +
                                                  std::to_string(w->type.shape[0]));
        return Value::error();
      }
      Shape out = {x->type.shape[0], w->type.shape[1] * *groups};
      for (int64_t d = 0; d < spatial; ++d) {
        int64_t extent = (x->type.shape[2 + d] - 1) * (*stride)[d] - 2 * (*pad)[d] +
                         (*dilation)[d] * (w->type.shape[2 + d] - 1) + (*outputPad)[d] + 1;
        if ((*stride)[d] <= 0 || (*dilation)[d] <= 0 || (*pad)[d] < 0 || extent <= 0) {
          args.evaluator.error(args.loc, "conv_transpose: spatial dimension " + std::to_string(d) + " would have extent " +
                                             std::to_string(extent) + "; expected positive strides and dilations, "
                                             "non-negative padding and a positive output");
          return Value::error();
        }
        out.push_back(extent);
      }
      Value result = tensorResult(args, "conv_transpose", {x, w}, {x->type.element, out});
      setAttribute(result.tensor, "stride", *stride);
      setAttribute(result.tensor, "pad", *pad);
      setAttribute(result.tensor, "output_pad", *outputPad);
      setAttribute(result.tensor, "dilation", *dilation);
      setAttribute(result.tensor, "groups", *groups);
      return result;
    };
    add(builtin);
  }
  add(pooling("maxpool", "maxpool", 0));
  add(pooling("maxpool1d", "maxpool", 1));
  add(pooling("maxpool2d", "maxpool", 2));
  add(pooling("maxpool3d", "maxpool", 3));
  add(pooling("avgpool", "avgpool", 0));
  add(pooling("avgpool1d", "avgpool", 1));
  add(pooling("avgpool2d", "avgpool", 2));
  add(pooling("avgpool3d", "avgpool", 3));
  {
    Builtin builtin;
    builtin.name = "global_avgpool";
    builtin.parameters = {{"x", true}};
    builtin.apply = [](CallArguments &args) -> Value {
      Node *x = args.tensor("x");
      if (!x || !requireFloat(args, "x", x) || !requireRank(args, "x", x, 3, "batch, channels, spatial", true))
        return Value::error();
      std::vector<int64_t> axes;
      for (int64_t d = 2; d < x->type.rank(); ++d)
        axes.push_back(d);
      Value result = tensorResult(args, "mean", {x}, {x->type.element, {x->type.shape[0], x->type.shape[1]}});
      setAttribute(result.tensor, "axes", axes);
      return result;
    };
    add(builtin);
  }
  add(softmaxLike("softmax"));
  add(softmaxLike("log_softmax"));
  {
    Builtin builtin;
    builtin.name = "cross_entropy";
    builtin.parameters = {{"logits", true}, {"labels", true}};
    builtin.apply = [](CallArguments &args) -> Value {
      Node *logits = args.tensor("logits");
      Node *labels = args.tensor("labels");
      if (!logits || !labels || !requireFloat(args, "logits", logits) ||
          !requireRank(args, "logits", logits, 2, "batch, classes"))
        return Value::error();
      bool hard = isInteger(labels->type.element);
      Shape expected = hard ? Shape{logits->type.shape[0]} : logits->type.shape;
      if (labels->type.shape != expected || labels->type.element == ElementType::Bool) {
        args.evaluator.error(args.locOf("labels"),
                             "argument 'labels' of cross_entropy: expected class indices i32" + shapeString({logits->type.shape[0]}) +
                                 " or probabilities " + TensorType{logits->type.element, logits->type.shape}.str() +
                                 " for logits " + logits->type.str() + ", got " + labels->type.str());
        return Value::error();
      }
      return tensorResult(args, "cross_entropy", {logits, labels}, {logits->type.element, {}});
    };
    add(builtin);
  }
  {
    Builtin builtin;
    builtin.name = "bce_logits";
    builtin.parameters = {{"logits", true}, {"targets", true}};
    builtin.apply = [](CallArguments &args) -> Value {
      Node *logits = args.tensor("logits");
      if (!logits || !requireFloat(args, "logits", logits))
        return Value::error();
      Node *targets = args.evaluator.asTensor(args.get("targets")->value, logits->type.element, args.locOf("targets"));
      if (!targets)
        return Value::error();
      auto shape = broadcastShapes(logits->type.shape, targets->type.shape);
      if (!shape || *shape != logits->type.shape || !isFloat(targets->type.element)) {
        args.evaluator.error(args.locOf("targets"), "argument 'targets' of bce_logits: expected floats broadcastable to " +
                                                        logits->type.str() + ", got " + targets->type.str());
        return Value::error();
      }
      return tensorResult(args, "bce_logits", {logits, targets}, {logits->type.element, {}});
    };
    add(builtin);
  }
  {
    Builtin builtin;
    builtin.name = "one_hot";
    builtin.parameters = {{"labels", true}, {"classes", true}};
    builtin.differentiable = false;
    builtin.apply = [](CallArguments &args) -> Value {
      Node *labels = args.tensor("labels");
      auto classes = args.integer("classes");
      if (!labels || !classes)
        return Value::error();
      if (*classes <= 0) {
        args.evaluator.error(args.locOf("classes"), "argument 'classes' of one_hot: expected a positive int, got " +
                                                        std::to_string(*classes));
        return Value::error();
      }
      if (!isInteger(labels->type.element)) {
        args.evaluator.error(args.locOf("labels"), "argument 'labels' of one_hot: expected an integer tensor, got " +
                                                       labels->type.str());
        return Value::error();
      }
      Shape shape = labels->type.shape;
      shape.push_back(*classes);
      return tensorResult(args, "one_hot", {labels}, {ElementType::F32, shape});
    };
    add(builtin);
  }
  {
    Builtin builtin;
    builtin.name = "dropout";
    builtin.parameters = {{"x", true}, {"p", true}};
    builtin.apply = [](CallArguments &args) -> Value {
      Node *x = args.tensor("x");
      auto p = args.number("p");
      if (!x || !p)
        return Value::error();
      if (*p < 0 || *p >= 1) {
        args.evaluator.error(args.locOf("p"), "argument 'p' of dropout: expected a probability in [0, 1), got " +
                                                  std::to_string(*p));
        return Value::error();
      }
      if (!args.evaluator.training)
        return Value::ofTensor(x);
      Value result = tensorResult(args, "dropout", {x}, x->type);
      setAttribute(result.tensor, "p", *p);
      return result;
    };
    add(builtin);
  }
  for (const char *name : {"l1", "l2"}) {
    Builtin builtin;
    builtin.name = name;
    builtin.parameters = {{"x", true}};
    std::string op = name;
    builtin.apply = [op](CallArguments &args) -> Value {
      const Argument *x = args.get("x");
      std::vector<Node *> tensors;
      if (x->value.kind == Value::Kind::Instance) {
        for (const ParameterInfo *parameter : x->value.instance->parameters)
          if (parameter->trainable)
            tensors.push_back(args.evaluator.parameterLeaves.at(parameter));
      } else if (Node *tensor = args.tensor("x")) {
        tensors.push_back(tensor);
      } else {
        return Value::error();
      }
      return tensorResult(args, op + "_norm", tensors, {ElementType::F32, {}});
    };
    add(builtin);
  }
  {
    Builtin builtin;
    builtin.name = "stopgrad";
    builtin.parameters = {{"x", true}};
    builtin.differentiable = false;
    builtin.apply = [](CallArguments &args) -> Value {
      Node *x = args.tensor("x");
      return x ? tensorResult(args, "stopgrad", {x}, x->type) : Value::error();
    };
    add(builtin);
  }
  add(randomTensor("normal", {{"mean", 0.0}, {"std", 1.0}}));
  add(randomTensor("uniform", {{"low", 0.0}, {"high", 1.0}}));
  add(randomTensor("bernoulli", {{"p", 0.5}}));
  add(filledTensor("zeros", 0.0));
  add(filledTensor("ones", 1.0));
  add(filledTensor("full", std::nullopt));
  {
    Builtin builtin;
    builtin.name = "arange";
    builtin.parameters = {{"n", true}};
    builtin.differentiable = false;
    builtin.apply = [](CallArguments &args) -> Value {
      auto n = args.integer("n");
      if (!n)
        return Value::error();
      if (*n <= 0) {
        args.evaluator.error(args.locOf("n"), "argument 'n' of arange: expected a positive int, got " + std::to_string(*n));
        return Value::error();
      }
      return tensorResult(args, "arange", {}, {ElementType::I32, {*n}});
    };
    add(builtin);
  }

  // Parameter initializers.
  using C = Builtin::Context;
  add(specBuiltin("zeros", C::Initializer, {}));
  add(specBuiltin("ones", C::Initializer, {}));
  add(specBuiltin("constant", C::Initializer, {{"value", true}}));
  add(specBuiltin("normal", C::Initializer, {{"mean", false}, {"std", false}}));
  add(specBuiltin("uniform", C::Initializer, {{"low", false}, {"high", false}}));
  add(specBuiltin("kaiming_uniform", C::Initializer, {{"a", false}}));
  add(specBuiltin("kaiming_normal", C::Initializer, {{"a", false}}));
  add(specBuiltin("xavier_uniform", C::Initializer, {{"gain", false}}));
  add(specBuiltin("xavier_normal", C::Initializer, {{"gain", false}}));

  // Optimizers.
  std::vector<ParameterSpec> common = {{"weight_decay", false}, {"clip_norm", false}};
  auto with = [&](std::vector<ParameterSpec> own) {
    own.insert(own.end(), common.begin(), common.end());
    return own;
  };
  add(specBuiltin("sgd", C::Optimizer, with({{"lr", true}, {"momentum", false}, {"nesterov", false}})));
  add(specBuiltin("adagrad", C::Optimizer, with({{"lr", true}, {"eps", false}})));
  add(specBuiltin("rmsprop", C::Optimizer, with({{"lr", true}, {"alpha", false}, {"eps", false}, {"momentum", false}})));
  add(specBuiltin("adam", C::Optimizer, with({{"lr", false}, {"beta1", false}, {"beta2", false}, {"eps", false}})));
  add(specBuiltin("adamw", C::Optimizer, with({{"lr", false}, {"beta1", false}, {"beta2", false}, {"eps", false}})));

  // Learning-rate schedules.
  add(specBuiltin("constant", C::Schedule, {{"lr", true}}));
  add(specBuiltin("cosine", C::Schedule, {{"lr", true}, {"min", false}}));
  add(specBuiltin("step_decay", C::Schedule, {{"lr", true}, {"every", true}, {"gamma", false}}));
  add(specBuiltin("linear", C::Schedule, {{"lr", true}, {"end", false}}));
  add(specBuiltin("exponential", C::Schedule, {{"lr", true}, {"gamma", true}}));
  add(specBuiltin("inverse_sqrt", C::Schedule, {{"lr", true}, {"warmup", false}}));
  add(specBuiltin("warmup", C::Schedule, {{"steps", true}, {"schedule", true}}));

  // Data sources.
  add(specBuiltin("idx", C::Source, {{"images", true}, {"labels", true}}, {"images", "labels"}));
  add(specBuiltin("csv", C::Source, {{"path", true}, {"label", false}}, {"path", "label"}));
  add(specBuiltin("npy", C::Source, {{"features", true}, {"labels", true}}, {"features", "labels"}));
  return table;
}

static const std::vector<Builtin> &builtinTable() {
  static const std::vector<Builtin> table = makeBuiltins();
  return table;
}

const Builtin *dlm::sema::findBuiltin(llvm::StringRef name, Builtin::Context context) {
  for (const Builtin &builtin : builtinTable())
    if (builtin.context == context && builtin.name == name)
      return &builtin;
  return nullptr;
}

std::vector<const Builtin *> dlm::sema::builtinsOf(Builtin::Context context) {
  std::vector<const Builtin *> result;
  for (const Builtin &builtin : builtinTable())
    if (builtin.context == context)
      result.push_back(&builtin);
  return result;
}
