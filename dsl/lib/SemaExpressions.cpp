//===- SemaExpressions.cpp - Sema: expressions, calls and signatures -----===//

#include "Analyzer.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <limits>

using namespace dlm;
using namespace dlm::sema;

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Value Analyzer::eval(const Expr &expr, Scope &scope) {
  switch (expr.kind) {
  case ExprKind::Integer:
    return Value::ofInt(expr.integer);
  case ExprKind::Float:
    return Value::ofFloat(expr.real);
  case ExprKind::Bool:
    return Value::ofBool(expr.boolean);
  case ExprKind::String: {
    Value value;
    value.kind = Value::Kind::String;
    value.text = expr.text;
    return value;
  }
  case ExprKind::Name:
    return evalName(expr, scope);
  case ExprKind::Member:
    return evalMember(expr, scope);
  case ExprKind::Call:
    return evalCall(expr, scope);
  case ExprKind::Subscript:
    return evalSubscript(expr, scope);
  case ExprKind::Binary:
    return evalBinary(expr, scope);
  case ExprKind::Unary:
    return evalUnary(expr, scope);
  case ExprKind::Tuple:
  case ExprKind::List: {
    Value value;
    value.kind = expr.kind == ExprKind::Tuple ? Value::Kind::Tuple : Value::Kind::List;
    for (const ast::ExprPtr &element : expr.operands) {
      value.elements.push_back(eval(*element, scope));
      if (value.elements.back().isError())
        return Value::error();
    }
    return value;
  }
  case ExprKind::Reduce:
    evaluator.error(expr.loc, "a reduction '" + expr.text + "(" + (expr.indices.empty() ? "" : expr.indices[0].name) +
                                  ") ...' belongs on the right of an index definition, e.g. y[n] = sum(i) x[n, i]");
    return Value::error();
  case ExprKind::Keyword:
    evaluator.error(expr.loc, "keyword argument '" + expr.text + " = ...' outside a call");
    return Value::error();
  case ExprKind::Slice:
  case ExprKind::Ellipsis:
    evaluator.error(expr.loc, "a slice is only allowed inside a subscript");
    return Value::error();
  }
  return Value::error();
}

Value Analyzer::evalName(const Expr &expr, Scope &scope) {
  if (const Value *value = scope.lookup(expr.text)) {
    if (value->kind == Value::Kind::None && value->declaration &&
        value->declaration->kind == StmtKind::Data) {
      evaluator.error(expr.loc, "'" + expr.text + "' is a data set; it can only follow 'on' in a program");
      return Value::error();
    }
    return *value;
  }
  if (expr.text == "training")
    return Value::ofBool(evaluator.training);
  if (const Builtin *builtin = findBuiltin(expr.text, Builtin::Context::Expression)) {
    Value value;
    value.kind = Value::Kind::Builtin;
    value.builtin = builtin;
    return value;
  }
  evaluator.error(expr.loc, "unknown name '" + expr.text + "'" + suggestion(expr.text, scope));
  return Value::error();
}

Value Analyzer::evalMember(const Expr &expr, Scope &scope) {
  Value base = eval(*expr.operands[0], scope);
  if (base.isError())
    return base;
  if (base.kind != Value::Kind::Instance) {
    evaluator.error(expr.loc, "'." + expr.text + "': expected an instance of a block on the left, got " + describe(base));
    return Value::error();
  }
  Instance *instance = base.instance;
  auto member = instance->members.names.find(expr.text);
  if (member != instance->members.names.end())
    return member->second;
  auto method = instance->methods.find(expr.text);
  if (method != instance->methods.end()) {
    Value value;
    value.kind = Value::Kind::Method;
    value.declaration = method->second;
    value.instance = instance;
    return value;
  }
  std::string known;
  for (const auto &[name, value] : instance->members.names)
    known += (known.empty() ? "" : ", ") + name;
  Scope onlyMembers;
  onlyMembers.names = instance->members.names;
  std::string hint = suggestion(expr.text, onlyMembers, /*withBuiltins=*/false);
  evaluator.error(expr.loc, "block '" + instance->block->name + "' has no member '" + expr.text + "'" +
                                (hint.empty() ? "; its members are: " + (known.empty() ? "(none)" : known) : hint));
  return Value::error();
}

std::vector<Argument> Analyzer::evalArguments(const Expr &call, Scope &scope, size_t first) {
  std::vector<Argument> arguments;
  for (size_t i = first; i < call.operands.size(); ++i) {
    const Expr &operand = *call.operands[i];
    Argument argument;
    argument.loc = operand.loc;
    if (operand.kind == ExprKind::Keyword) {
      argument.keyword = operand.text;
      argument.keywordLoc = operand.loc;
      argument.expression = operand.operands[0].get();
      argument.loc = operand.operands[0]->loc;
    } else {
      argument.expression = &operand;
    }
    argument.value = eval(*argument.expression, scope);
    arguments.push_back(std::move(argument));
  }
  return arguments;
}

Value Analyzer::evalCall(const Expr &expr, Scope &scope, const std::string &instancePath) {
  const Expr &calleeExpr = *expr.operands[0];
  // Configuration built-ins (optimizers, schedules, sources, initializers)
  // live in their own namespaces; the statement that expects one sets it.
  Value callee;
  if (calleeExpr.kind == ExprKind::Name && !scope.lookup(calleeExpr.text) && calleeExpr.text == "grad") {
    std::vector<Argument> arguments = evalArguments(expr, scope, 1);
    return evalGrad(expr, arguments);
  }
  callee = eval(calleeExpr, scope);
  if (callee.isError())
    return callee;
  std::vector<Argument> arguments = evalArguments(expr, scope, 1);
  for (const Argument &argument : arguments)
    if (argument.value.isError())
      return Value::error();

  switch (callee.kind) {
  case Value::Kind::Builtin:
    return callBuiltin(*callee.builtin, expr, std::move(arguments));
  case Value::Kind::Function:
    return callFunction(*callee.declaration, expr, std::move(arguments), nullptr);
  case Value::Kind::Instance: {
    auto method = callee.instance->methods.find("forward");
    if (method == callee.instance->methods.end()) {
      evaluator.error(expr.loc, "block '" + callee.instance->block->name +
                                    "' has no 'forward' method, so its instances cannot be called");
      return Value::error();
    }
    return callFunction(*method->second, expr, std::move(arguments), callee.instance);
  }
  case Value::Kind::Method:
    return callFunction(*callee.declaration, expr, std::move(arguments), callee.instance);
  case Value::Kind::Block:
    if (instancePath.empty()) {
      evaluator.error(expr.loc, "an instance of block '" + callee.declaration->name +
                                    "' must be bound to a name before it is used: write 'layer = " +
                                    callee.declaration->name + "(...)' in a block body or program");
      return Value::error();
    }
    if (Instance *instance = instantiate(*callee.declaration, expr, std::move(arguments), instancePath))
      return Value::ofInstance(instance);
    return Value::error();
  default:
    evaluator.error(expr.loc, "expected a function, block or instance to call, got " + describe(callee));
    return Value::error();
  }
}

Value Analyzer::callBuiltin(const Builtin &builtin, const Expr &call, std::vector<Argument> arguments) {
  std::map<std::string, Argument> bound;
  if (!evaluator.bindArguments(builtin.name, call.loc, builtin.parameters, arguments, bound))
    return Value::error();
  CallArguments args(evaluator, builtin.name, call.loc, std::move(bound));
  return builtin.apply(args);
}

Value Analyzer::evalGrad(const Expr &expr, std::vector<Argument> &arguments) {
  std::map<std::string, Argument> bound;
  if (!evaluator.bindArguments("grad", expr.loc, {{"f", true}, {"wrt", true}}, arguments, bound))
    return Value::error();
  const Argument &f = bound["f"], &wrt = bound["wrt"];
  if (f.value.isError() || wrt.value.isError())
    return Value::error();
  if (f.value.kind != Value::Kind::Tensor || f.value.tensor->type.rank() != 0 ||
      !isFloat(f.value.tensor->type.element)) {
    evaluator.error(f.loc, "argument 'f' of grad: expected a scalar floating-point tensor, got " + describe(f.value));
    return Value::error();
  }
  if (wrt.value.kind != Value::Kind::Tensor || !isFloat(wrt.value.tensor->type.element)) {
    evaluator.error(wrt.loc, "argument 'wrt' of grad: expected a floating-point tensor (an input, a value or a "
                             "parameter), got " + describe(wrt.value));
    return Value::error();
  }
  if (!reaches(f.value.tensor, wrt.value.tensor)) {
    evaluator.error(wrt.loc, "grad: the expression does not depend differentiably on this tensor, so its gradient "
                             "would be zero");
    return Value::error();
  }
  return Value::ofTensor(evaluator.makeNode("grad", {f.value.tensor, wrt.value.tensor}, wrt.value.tensor->type, expr.loc));
}

std::optional<int64_t> Analyzer::evalInteger(const Expr &expr, Scope &scope, const char *what) {
  Value value = eval(expr, scope);
  if (value.isError())
    return std::nullopt;
  if (value.kind != Value::Kind::Int) {
    evaluator.error(expr.loc, std::string(what) + ": expected a compile-time int, got " + describe(value));
    return std::nullopt;
  }
  return value.integer;
}

Value Analyzer::evalSubscript(const Expr &expr, Scope &scope) {
  Value base = eval(*expr.operands[0], scope);
  if (base.isError())
    return base;
  size_t count = expr.operands.size() - 1;
  if (base.kind == Value::Kind::List || base.kind == Value::Kind::Tuple) {
    if (count != 1 || expr.operands[1]->kind == ExprKind::Slice) {
      evaluator.error(expr.loc, "a list takes one integer subscript");
      return Value::error();
    }
    auto index = evalInteger(*expr.operands[1], scope, "list subscript");
    if (!index)
      return Value::error();
    int64_t size = static_cast<int64_t>(base.elements.size());
    if (*index < -size || *index >= size) {
      evaluator.error(expr.operands[1]->loc, "list subscript out of range: expected an index in [" +
                                                 std::to_string(-size) + ", " + std::to_string(size) + "), got " +
                                                 std::to_string(*index));
      return Value::error();
    }
    return base.elements[*index < 0 ? *index + size : *index];
  }
  if (base.kind != Value::Kind::Tensor) {
    evaluator.error(expr.loc, "expected a tensor or a list to subscript, got " + describe(base));
    return Value::error();
  }
  Node *input = base.tensor;
  const Shape &shape = input->type.shape;
  // `...` stands for as many full slices as the rank leaves over.
  std::vector<const Expr *> subscripts;
  size_t ellipses = 0;
  for (size_t i = 1; i < expr.operands.size(); ++i)
    ellipses += expr.operands[i]->kind == ExprKind::Ellipsis;
  if (ellipses > 1) {
    evaluator.error(expr.loc, "a subscript may contain '...' at most once");
    return Value::error();
  }
  static const Expr fullSlice = [] {
    Expr slice(ExprKind::Slice, llvm::SMLoc());
    slice.operands = {nullptr, nullptr, nullptr};
    return slice;
  }();
  for (size_t i = 1; i < expr.operands.size(); ++i) {
    if (expr.operands[i]->kind != ExprKind::Ellipsis) {
      subscripts.push_back(expr.operands[i].get());
      continue;
    }
    int64_t fill = input->type.rank() - static_cast<int64_t>(count - 1);
    for (int64_t j = 0; j < fill; ++j)
      subscripts.push_back(&fullSlice);
  }
  count = subscripts.size();
  if (static_cast<int64_t>(count) > input->type.rank()) {
    evaluator.error(expr.loc, "too many subscripts: " + input->type.str() + " has rank " +
                                  std::to_string(input->type.rank()) + ", got " + std::to_string(count) +
                                  " subscripts");
    return Value::error();
  }
  // Static slices become one `slice` node; a runtime index (the scan index)
  // becomes an `index` node on the result.
  Shape resultShape;
  std::vector<int64_t> begins, ends, strides, dropped;
  Node *dynamicIndex = nullptr;
  int64_t dynamicAxis = -1;
  for (int64_t d = 0; d < input->type.rank(); ++d) {
    int64_t begin = 0, end = shape[d], stride = 1;
    bool drop = false, dynamic = false;
    if (d < static_cast<int64_t>(count)) {
      const Expr &subscript = *subscripts[d];
      if (subscript.kind == ExprKind::Slice) {
        auto bound = [&](const ast::ExprPtr &e, int64_t fallback) -> std::optional<int64_t> {
          if (!e)
            return fallback;
          auto v = evalInteger(*e, scope, "slice bound");
          if (!v)
            return std::nullopt;
          return *v < 0 ? *v + shape[d] : *v;
        };
        auto s = subscript.operands[2] ? evalInteger(*subscript.operands[2], scope, "slice step")
                                       : std::optional<int64_t>(1);
        auto b = bound(subscript.operands[0], 0);
        auto e = bound(subscript.operands[1], shape[d]);
        if (!s || !b || !e)
          return Value::error();
        if (*s <= 0 || *b < 0 || *e > shape[d] || *b >= *e) {
          evaluator.error(subscript.loc.isValid() ? subscript.loc : expr.loc, "slice of dimension " + std::to_string(d) + " (extent " +
                                             std::to_string(shape[d]) + "): expected 0 <= begin < end <= " +
                                             std::to_string(shape[d]) + " and a positive step");
          return Value::error();
        }
        begin = *b, end = *e, stride = *s;
      } else {
        Value index = eval(subscript, scope);
        if (index.isError())
          return index;
        if (index.kind == Value::Kind::Int) {
          int64_t i = index.integer < 0 ? index.integer + shape[d] : index.integer;
          if (i < 0 || i >= shape[d]) {
            evaluator.error(subscript.loc, "index " + std::to_string(index.integer) + " is out of range for dimension " +
                                               std::to_string(d) + " of " + input->type.str());
            return Value::error();
          }
          begin = i, end = i + 1, drop = true;
        } else if (index.kind == Value::Kind::Tensor && index.tensor->type.rank() == 0 &&
                   isInteger(index.tensor->type.element) && !dynamicIndex) {
          // The slice keeps this dimension whole; the `index` node below drops it.
          dynamicIndex = index.tensor;
          dynamicAxis = static_cast<int64_t>(resultShape.size());
          dynamic = true;
        } else {
          evaluator.error(subscript.loc, "subscript: expected an int, a slice a:b:c or a scan index, got " +
                                             describe(index));
          return Value::error();
        }
      }
    }
    begins.push_back(begin);
    ends.push_back(end);
    strides.push_back(stride);
    if (drop) {
      dropped.push_back(d);
      continue;
    }
    resultShape.push_back(dynamic ? shape[d] : (end - begin + stride - 1) / stride);
  }
  Node *sliced = input;
  bool identity = dropped.empty();
  for (int64_t d = 0; d < input->type.rank(); ++d)
    identity = identity && begins[d] == 0 && ends[d] == shape[d] && strides[d] == 1;
  if (!identity) {
    sliced = evaluator.makeNode("slice", {input}, {input->type.element, resultShape}, expr.loc);
    auto set = [&](const char *name, std::vector<int64_t> values) {
      Attribute attribute;
      attribute.kind = Attribute::Kind::Integers;
      attribute.integers = std::move(values);
      sliced->attributes.push_back({name, attribute});
    };
    set("begin", begins);
    set("end", ends);
    set("stride", strides);
    set("drop", dropped);
  }
  if (!dynamicIndex)
    return Value::ofTensor(sliced);
  Shape indexed = sliced->type.shape;
  indexed.erase(indexed.begin() + dynamicAxis);
  Node *node = evaluator.makeNode("index", {sliced, dynamicIndex}, {input->type.element, indexed}, expr.loc);
  Attribute axis;
  axis.integer = dynamicAxis;
  node->attributes.push_back({"axis", axis});
  return Value::ofTensor(node);
}

/// Compile-time arithmetic on numbers; int / int is floor division.
static std::optional<Value> foldNumbers(llvm::StringRef op, const Value &lhs, const Value &rhs) {
  if (!lhs.isNumber() || !rhs.isNumber())
    return std::nullopt;
  bool ints = lhs.kind == Value::Kind::Int && rhs.kind == Value::Kind::Int;
  double a = lhs.asDouble(), b = rhs.asDouble();
  if (op == "==") return Value::ofBool(a == b);
  if (op == "!=") return Value::ofBool(a != b);
  if (op == "<") return Value::ofBool(a < b);
  if (op == "<=") return Value::ofBool(a <= b);
  if (op == ">") return Value::ofBool(a > b);
  if (op == ">=") return Value::ofBool(a >= b);
  if (ints) {
    int64_t x = lhs.integer, y = rhs.integer, r = 0;
    if (op == "+") return __builtin_add_overflow(x, y, &r) ? Value::error() : Value::ofInt(r);
    if (op == "-") return __builtin_sub_overflow(x, y, &r) ? Value::error() : Value::ofInt(r);
    if (op == "*") return __builtin_mul_overflow(x, y, &r) ? Value::error() : Value::ofInt(r);
    // Integer division floors, as dimension arithmetic wants (`kernel / 2`).
    if ((op == "/" || op == "%") && y == -1 && x == std::numeric_limits<int64_t>::min())
      return Value::error(); // the quotient does not fit
    if ((op == "/" || op == "%") && y != 0) {
      int64_t quotient = x / y - ((x % y != 0) && ((x < 0) != (y < 0)));
      return Value::ofInt(op == "/" ? quotient : x - quotient * y);
    }
    if (op == "**" && y >= 0) {
      int64_t power = 1;
      for (int64_t i = 0; i < y; ++i)
        if (__builtin_mul_overflow(power, x, &power))
          return Value::error();
      return Value::ofInt(power);
    }
  }
  if (op == "+") return Value::ofFloat(a + b);
  if (op == "-") return Value::ofFloat(a - b);
  if (op == "*") return Value::ofFloat(a * b);
  if (op == "/") return Value::ofFloat(a / b);
  if (op == "**") return Value::ofFloat(std::pow(a, b));
  if (op == "%") return Value::ofFloat(std::fmod(a, b));
  return std::nullopt;
}

Value Analyzer::evalBinary(const Expr &expr, Scope &scope) {
  Value lhs = eval(*expr.operands[0], scope);
  Value rhs = eval(*expr.operands[1], scope);
  if (lhs.isError() || rhs.isError())
    return Value::error();
  if (lhs.isNumber() && rhs.isNumber() && (expr.text == "/" || expr.text == "%") && rhs.asDouble() == 0) {
    evaluator.error(expr.loc, "division by zero in a compile-time expression");
    return Value::error();
  }
  if (auto folded = foldNumbers(expr.text, lhs, rhs)) {
    if (folded->isError())
      evaluator.error(expr.loc, "integer overflow in a compile-time expression");
    return *folded;
  }
  if (lhs.kind == Value::Kind::Bool && rhs.kind == Value::Kind::Bool) {
    if (expr.text == "and") return Value::ofBool(lhs.boolean && rhs.boolean);
    if (expr.text == "or") return Value::ofBool(lhs.boolean || rhs.boolean);
    if (expr.text == "==") return Value::ofBool(lhs.boolean == rhs.boolean);
    if (expr.text == "!=") return Value::ofBool(lhs.boolean != rhs.boolean);
  }
  if (lhs.kind == Value::Kind::String && rhs.kind == Value::Kind::String && expr.text == "==")
    return Value::ofBool(lhs.text == rhs.text);
  return evaluator.binary(expr.text, lhs, rhs, expr.loc);
}

Value Analyzer::evalUnary(const Expr &expr, Scope &scope) {
  Value operand = eval(*expr.operands[0], scope);
  if (operand.isError())
    return operand;
  if (expr.text == "not") {
    if (operand.kind == Value::Kind::Bool)
      return Value::ofBool(!operand.boolean);
    if (operand.kind == Value::Kind::Tensor && operand.tensor->type.element == ElementType::Bool)
      return Value::ofTensor(evaluator.makeNode("not", {operand.tensor}, operand.tensor->type, expr.loc));
    evaluator.error(expr.loc, "operator 'not': expected a bool, got " + describe(operand));
    return Value::error();
  }
  if (operand.kind == Value::Kind::Int) {
    if (expr.text == "-" && operand.integer == std::numeric_limits<int64_t>::min()) {
      evaluator.error(expr.loc, "integer overflow in a compile-time expression");
      return Value::error();
    }
    return Value::ofInt(expr.text == "-" ? -operand.integer : operand.integer);
  }
  if (operand.kind == Value::Kind::Float)
    return Value::ofFloat(expr.text == "-" ? -operand.real : operand.real);
  if (operand.kind == Value::Kind::Tensor && operand.tensor->type.element != ElementType::Bool)
    return expr.text == "-" ? Value::ofTensor(evaluator.makeNode("neg", {operand.tensor}, operand.tensor->type, expr.loc))
                            : operand;
  evaluator.error(expr.loc, "operator '" + expr.text + "': expected a number or a numeric tensor, got " + describe(operand));
  return Value::error();
}

//===----------------------------------------------------------------------===//
// Functions, methods and signatures
//===----------------------------------------------------------------------===//

/// Dimension expressions of a declared type, evaluated where possible. A bare
/// unbound name is a shape variable, bound here to the actual extent.
bool Analyzer::matchType(const ast::TypeExpr &declared, const Value &actual, Scope &bindings, llvm::SMLoc loc,
                         const std::string &what) {
  if (declared.element == "int" || declared.element == "float" || (declared.element == "bool" && !declared.hasShape)) {
    bool ok = (declared.element == "int" && actual.kind == Value::Kind::Int) ||
              (declared.element == "float" && actual.isNumber()) ||
              (declared.element == "bool" && actual.kind == Value::Kind::Bool);
    if (!ok)
      evaluator.error(loc, what + ": expected a compile-time " + declared.element + ", got " + describe(actual));
    return ok;
  }
  auto element = parseElementType(declared.element);
  if (!element) {
    evaluator.error(declared.loc, "unknown type '" + declared.element +
                                      "'; expected f16, bf16, f32, f64, i8, i32, i64, u8, bool, int or float");
    return false;
  }
  if (actual.kind != Value::Kind::Tensor) {
    evaluator.error(loc, what + ": expected a tensor " + declared.element + (declared.dims.empty() ? "" : "[...]") +
                             ", got " + describe(actual));
    return false;
  }
  const TensorType &type = actual.tensor->type;
  auto spelled = [&]() {
    std::string text = declared.element;
    if (declared.dims.empty())
      return text;
    text += "[";
    for (size_t i = 0; i < declared.dims.size(); ++i) {
      const Expr &dim = *declared.dims[i];
      text += i ? ", " : "";
      text += dim.kind == ExprKind::Name ? dim.text : dim.kind == ExprKind::Integer ? dim.text
                                                    : dim.kind == ExprKind::Ellipsis ? "..." : "_";
    }
    return text + "]";
  };
  if (type.element != *element) {
    evaluator.error(loc, what + ": expected " + spelled() + ", got " + type.str());
    return false;
  }
  size_t ellipses = std::count_if(declared.dims.begin(), declared.dims.end(),
                                  [](const ast::ExprPtr &d) { return d->kind == ExprKind::Ellipsis; });
  int64_t fixed = static_cast<int64_t>(declared.dims.size() - ellipses);
  if (ellipses > 1) {
    evaluator.error(declared.loc, "a type may contain '...' at most once");
    return false;
  }
  if (ellipses ? type.rank() < fixed : type.rank() != fixed) {
    evaluator.error(loc, what + ": expected " + spelled() + " (rank " + (ellipses ? "at least " : "") +
                             std::to_string(fixed) + "), got " + type.str() + " (rank " +
                             std::to_string(type.rank()) + ")");
    return false;
  }
  int64_t actualDim = 0;
  for (const ast::ExprPtr &dim : declared.dims) {
    if (dim->kind == ExprKind::Ellipsis) {
      actualDim += type.rank() - fixed;
      continue;
    }
    int64_t extent = type.shape[actualDim];
    if (dim->kind == ExprKind::Name && !bindings.lookup(dim->text)) {
      bindings.names[dim->text] = Value::ofInt(extent); // a shape variable
    } else {
      auto expected = evalInteger(*dim, bindings, "dimension");
      if (!expected)
        return false;
      if (*expected != extent) {
        std::string origin = dim->kind == ExprKind::Integer ? "" : " (" + (dim->kind == ExprKind::Name ? dim->text : std::string("computed")) + ")";
        evaluator.error(loc, what + ": expected " + spelled() + ", got " + type.str() + ": dimension " +
                                 std::to_string(actualDim) + " expected " + std::to_string(*expected) + origin +
                                 ", got " + std::to_string(extent),
                        {{declared.loc, "the expected type is declared here"}});
        return false;
      }
    }
    ++actualDim;
  }
  return true;
}

bool Analyzer::bindCompileTimeParameter(const ast::Parameter &parameter, const Value &value, Scope &scope,
                                        llvm::SMLoc loc, const std::string &callee) {
  std::string what = "argument '" + parameter.name + "' of " + callee;
  if (parameter.type && !matchType(*parameter.type, value, scope, loc, what))
    return false;
  Value bound = value;
  if (parameter.type && parameter.type->element == "float" && value.kind == Value::Kind::Int)
    bound = Value::ofFloat(static_cast<double>(value.integer));
  scope.names[parameter.name] = bound;
  return true;
}

Value Analyzer::callFunction(const Stmt &function, const Expr &call, std::vector<Argument> arguments, Instance *self) {
  std::string callee = self ? self->block->name + "." + function.name : function.name;
  if (inliningDepth > 64) {
    evaluator.error(call.loc, "calls nest more than 64 deep when inlining '" + callee + "'; is it recursive?");
    return Value::error();
  }
  std::vector<ParameterSpec> specs;
  for (const ast::Parameter &parameter : function.parameters)
    specs.push_back({parameter.name, parameter.defaultValue == nullptr});
  std::map<std::string, Argument> bound;
  if (!evaluator.bindArguments(callee, call.loc, specs, arguments, bound))
    return Value::error();

  scopes.push_back(std::make_unique<Scope>());
  Scope &scope = *scopes.back();
  scope.parent = self ? &self->members : &globals;
  for (const ast::Parameter &parameter : function.parameters) {
    auto it = bound.find(parameter.name);
    Value value = it != bound.end() ? it->second.value : eval(*parameter.defaultValue, scope);
    llvm::SMLoc loc = it != bound.end() ? it->second.loc : parameter.loc;
    if (value.isError() || !bindCompileTimeParameter(parameter, value, scope, loc, callee))
      return Value::error();
  }
  evaluator.callStack.push_back({call.loc, "'" + callee + "' called here"});
  ++inliningDepth;
  Flow flow = execute(function.body, scope, self ? Region::Method : Region::Function, self);
  --inliningDepth;
  evaluator.callStack.pop_back();
  if (!flow.returned) {
    if (!function.results.empty())
      evaluator.error(function.loc, "'" + callee + "' declares a result but does not return one");
    return Value::none();
  }
  if (flow.value.isError() || function.results.empty())
    return flow.value;
  std::vector<Value> values = function.results.size() == 1 || flow.value.kind != Value::Kind::Tuple
                                  ? std::vector<Value>{flow.value}
                                  : flow.value.elements;
  if (values.size() != function.results.size()) {
    evaluator.error(function.loc, "'" + callee + "' declares " + std::to_string(function.results.size()) +
                                      " results but returns " + std::to_string(values.size()));
    return Value::error();
  }
  for (size_t i = 0; i < values.size(); ++i)
    if (!matchType(*function.results[i].type, values[i], scope, function.results[i].loc,
                   "result " + std::to_string(i) + " of '" + callee + "'"))
      return Value::error();
  return flow.value;
}

std::optional<TensorType> Analyzer::evalConcreteType(const ast::TypeExpr &type, Scope &scope) {
  auto element = parseElementType(type.element);
  if (!element) {
    evaluator.error(type.loc, "unknown element type '" + type.element +
                                  "'; expected f16, bf16, f32, f64, i8, i32, i64, u8 or bool");
    return std::nullopt;
  }
  TensorType result{*element, {}};
  for (const ast::ExprPtr &dim : type.dims) {
    if (dim->kind == ExprKind::Ellipsis) {
      evaluator.error(dim->loc, "'...' is only allowed in the types of inputs and results");
      return std::nullopt;
    }
    auto extent = evalInteger(*dim, scope, "dimension");
    if (!extent)
      return std::nullopt;
    if (*extent <= 0) {
      evaluator.error(dim->loc, "dimension: expected a positive extent, got " + std::to_string(*extent));
      return std::nullopt;
    }
    result.shape.push_back(*extent);
  }
  return result;
}

