//===- Evaluator.cpp - Shared evaluation helpers: nodes, operators, binding ===//

#include "Evaluator.h"

#include "llvm/ADT/StringExtras.h"

using namespace dlm;
using namespace dlm::sema;

const Attribute *Node::findAttribute(const std::string &name) const {
  for (const auto &[key, attribute] : attributes)
    if (key == name)
      return &attribute;
  return nullptr;
}

std::string dlm::sema::describe(const Value &value) {
  switch (value.kind) {
  case Value::Kind::Error:
    return "an erroneous value";
  case Value::Kind::None:
    return "nothing";
  case Value::Kind::Int:
    return "an int (" + std::to_string(value.integer) + ")";
  case Value::Kind::Float:
    return "a float";
  case Value::Kind::Bool:
    return value.boolean ? "a bool (true)" : "a bool (false)";
  case Value::Kind::String:
    return "a string";
  case Value::Kind::Tensor:
    return "a tensor " + value.tensor->type.str();
  case Value::Kind::Tuple:
    return "a tuple of " + std::to_string(value.elements.size());
  case Value::Kind::List:
    return "a list of " + std::to_string(value.elements.size());
  case Value::Kind::Instance:
    return "an instance of block '" + value.instance->block->name + "'";
  case Value::Kind::Block:
    return "block '" + value.declaration->name + "'";
  case Value::Kind::Function:
    return "function '" + value.declaration->name + "'";
  case Value::Kind::Method:
    return "method '" + value.declaration->name + "'";
  case Value::Kind::Builtin:
    return "built-in '" + value.builtin->name + "'";
  case Value::Kind::Spec:
    return "'" + value.spec->name + "(...)'";
  }
  return "a value";
}

void Evaluator::error(llvm::SMLoc loc, const llvm::Twine &message,
                      const std::vector<std::pair<llvm::SMLoc, std::string>> &notes) {
  diagnostics.error(loc, message);
  for (const auto &[noteLoc, text] : notes)
    diagnostics.note(noteLoc, text);
  // Innermost first, and only a few: the first frames explain the error.
  size_t shown = 0;
  for (auto it = callStack.rbegin(); it != callStack.rend() && shown < 4; ++it, ++shown)
    diagnostics.note(it->first, it->second);
}

Node *Evaluator::makeNode(llvm::StringRef op, std::vector<Node *> operands, TensorType type, llvm::SMLoc loc) {
  auto node = std::make_unique<Node>();
  node->op = op.str();
  node->operands = std::move(operands);
  node->type = std::move(type);
  node->loc = loc;
  module.nodes.push_back(std::move(node));
  return module.nodes.back().get();
}

Node *Evaluator::makeConstant(double value, ElementType element, llvm::SMLoc loc) {
  Node *node = makeNode("constant", {}, {element, {}}, loc);
  Attribute attribute;
  attribute.kind = Attribute::Kind::Float;
  attribute.real = value;
  node->attributes.push_back({"value", attribute});
  return node;
}

Node *Evaluator::asTensor(const Value &value, ElementType element, llvm::SMLoc loc) {
  if (value.kind == Value::Kind::Tensor)
    return value.tensor;
  if (value.isNumber())
    return makeConstant(value.asDouble(), element, loc);
  if (value.kind == Value::Kind::Bool)
    return makeConstant(value.boolean ? 1 : 0, ElementType::Bool, loc);
  return nullptr;
}

static bool isComparison(llvm::StringRef op) {
  return op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
}

/// The node op for an operator spelling.
static const char *nodeOpFor(llvm::StringRef op) {
  static const std::pair<const char *, const char *> names[] = {
      {"+", "add"}, {"-", "sub"}, {"*", "mul"}, {"/", "div"}, {"%", "rem"}, {"**", "pow"},
      {"==", "eq"}, {"!=", "ne"}, {"<", "lt"},  {"<=", "le"}, {">", "gt"},  {">=", "ge"},
      {"and", "and"}, {"or", "or"}, {"max", "max"}, {"min", "min"}, {"select_branches", "select"}};
  for (auto &[spelling, name] : names)
    if (op == spelling)
      return name;
  return "?";
}

/// Matrix product with batch broadcasting: [..., M, K] @ [..., K, N].
static Value matmul(Evaluator &evaluator, Node *lhs, Node *rhs, llvm::SMLoc loc) {
  const TensorType &a = lhs->type, &b = rhs->type;
  if (a.rank() < 1 || b.rank() < 1 || a.element != b.element || !isFloat(a.element)) {
    evaluator.error(loc, "matrix product: expected two floating-point tensors of the same element type and rank >= 1, got " +
                             a.str() + " and " + b.str());
    return Value::error();
  }
  int64_t contractedA = a.shape.back();
  int64_t contractedB = b.rank() == 1 ? b.shape[0] : b.shape[b.rank() - 2];
  if (contractedA != contractedB) {
    evaluator.error(loc, "matrix product " + a.str() + " @ " + b.str() + ": the contracted dimensions differ: expected " +
                             std::to_string(contractedA) + " (last of the left operand), got " +
                             std::to_string(contractedB));
    return Value::error();
  }
  Shape batchA(a.shape.begin(), a.shape.end() - std::min<int64_t>(a.rank(), 2));
  Shape batchB(b.shape.begin(), b.shape.end() - std::min<int64_t>(b.rank(), 2));
  BroadcastMismatch mismatch{};
  auto batch = broadcastShapes(batchA, batchB, &mismatch);
  if (!batch) {
    evaluator.error(loc, "matrix product " + a.str() + " @ " + b.str() + ": batch dimensions do not broadcast");
    return Value::error();
  }
  Shape shape = *batch;
  if (a.rank() >= 2)
    shape.push_back(a.shape[a.rank() - 2]);
  if (b.rank() >= 2)
    shape.push_back(b.shape.back());
  return Value::ofTensor(evaluator.makeNode("matmul", {lhs, rhs}, {a.element, shape}, loc));
}

Value Evaluator::binary(llvm::StringRef spelling, const Value &lhs, const Value &rhs, llvm::SMLoc loc) {
  if (lhs.isError() || rhs.isError())
    return Value::error();
  // Built-ins that share this rule are named as the user wrote them.
  std::string op = spelling == "max" ? "maximum" : spelling == "min" ? "minimum"
                   : spelling == "select_branches" ? "select" : spelling.str();
  bool lhsTensor = lhs.kind == Value::Kind::Tensor, rhsTensor = rhs.kind == Value::Kind::Tensor;
  auto operandOk = [](const Value &value) {
    return value.kind == Value::Kind::Tensor || value.isNumber() || value.kind == Value::Kind::Bool;
  };
  if (!operandOk(lhs) || !operandOk(rhs)) {
    const Value &bad = operandOk(lhs) ? rhs : lhs;
    std::string hint = bad.kind == Value::Kind::Instance ? "; call it, e.g. net(x)" : "";
    error(loc, "operator '" + op + "': expected tensors or numbers, got " + describe(bad) + hint);
    return Value::error();
  }
  // The element type comes from the tensor operands; numbers adopt it.
  ElementType element = lhsTensor ? lhs.tensor->type.element
                        : rhsTensor ? rhs.tensor->type.element
                        : lhs.kind == Value::Kind::Bool ? ElementType::Bool
                                                         : ElementType::F32;
  if (lhsTensor && rhsTensor && lhs.tensor->type.element != rhs.tensor->type.element) {
    error(loc, "operator '" + op + "': element types differ: " + lhs.tensor->type.str() + " and " +
                   rhs.tensor->type.str() + "; convert one, e.g. f32(...)");
    return Value::error();
  }
  for (const Value *number : {&lhs, &rhs})
    if (number->kind == Value::Kind::Float && isInteger(element) && number->real != static_cast<int64_t>(number->real)) {
      error(loc, "operator '" + op + "': the tensor holds integers, got " + std::to_string(number->real) +
                     "; convert the tensor with f32(...)");
      return Value::error();
    }
  Node *a = asTensor(lhs, element, loc);
  Node *b = asTensor(rhs, element, loc);
  if (spelling == "@")
    return matmul(*this, a, b, loc);
  bool logical = spelling == "and" || spelling == "or";
  if (logical != (element == ElementType::Bool) && !isComparison(spelling)) {
    if (logical)
      error(loc, "operator '" + op + "': expected bool operands, got " + a->type.str() + " and " + b->type.str());
    else
      error(loc, "operator '" + op + "': expected numeric operands, got " + a->type.str() + " and " + b->type.str() +
                     "; convert with f32(...)");
    return Value::error();
  }
  BroadcastMismatch mismatch{};
  auto shape = broadcastShapes(a->type.shape, b->type.shape, &mismatch);
  if (!shape) {
    error(loc, "operator '" + op + "': shapes " + a->type.str() + " and " + b->type.str() +
                   " do not broadcast: dimension " + std::to_string(mismatch.dimension) + " is " +
                   std::to_string(mismatch.lhsExtent) + " on the left and " + std::to_string(mismatch.rhsExtent) +
                   " on the right (expected equal extents or 1)");
    return Value::error();
  }
  ElementType resultElement = isComparison(spelling) ? ElementType::Bool : element;
  return Value::ofTensor(makeNode(nodeOpFor(spelling), {a, b}, {resultElement, *shape}, loc));
}

bool Evaluator::bindArguments(llvm::StringRef callee, llvm::SMLoc loc, const std::vector<ParameterSpec> &parameters,
                              const std::vector<Argument> &arguments, std::map<std::string, Argument> &bound) {
  size_t position = 0;
  bool ok = true, sawKeyword = false;
  for (const Argument &argument : arguments) {
    if (argument.keyword.empty() && sawKeyword) {
      error(argument.loc, callee + ": a positional argument cannot follow a keyword argument");
      return false;
    }
    sawKeyword = sawKeyword || !argument.keyword.empty();
    if (argument.keyword.empty()) {
      if (position >= parameters.size()) {
        error(argument.loc, callee + ": expected at most " + std::to_string(parameters.size()) + " argument" +
                                (parameters.size() == 1 ? "" : "s") + ", got " + std::to_string(arguments.size()));
        return false;
      }
      bound[parameters[position++].name] = argument;
      continue;
    }
    auto it = std::find_if(parameters.begin(), parameters.end(),
                           [&](const ParameterSpec &p) { return p.name == argument.keyword; });
    if (it == parameters.end()) {
      std::string known;
      for (const ParameterSpec &parameter : parameters)
        known += (known.empty() ? "" : ", ") + parameter.name;
      error(argument.keywordLoc.isValid() ? argument.keywordLoc : argument.loc,
            callee + " has no parameter '" + argument.keyword + "'; expected one of: " +
                              (known.empty() ? "(none)" : known));
      ok = false;
      continue;
    }
    if (bound.count(argument.keyword)) {
      error(argument.keywordLoc.isValid() ? argument.keywordLoc : argument.loc,
            callee + ": parameter '" + argument.keyword + "' is given twice");
      ok = false;
      continue;
    }
    bound[argument.keyword] = argument;
  }
  for (const ParameterSpec &parameter : parameters) {
    if (parameter.required && !bound.count(parameter.name)) {
      error(loc, callee + ": missing argument '" + parameter.name + "'");
      ok = false;
    }
  }
  return ok;
}
