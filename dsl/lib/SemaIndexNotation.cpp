//===- SemaIndexNotation.cpp - Sema: index notation ----------------------===//

#include "Analyzer.h"

#include "llvm/ADT/StringExtras.h"

using namespace dlm;
using namespace dlm::sema;

//===----------------------------------------------------------------------===//
// Index notation
//===----------------------------------------------------------------------===//

std::optional<AffineSubscript> Analyzer::evalAffine(const Expr &expr, Scope &scope,
                                                    const std::map<std::string, IndexVariable> &indices) {
  AffineSubscript affine;
  switch (expr.kind) {
  case ExprKind::Name:
    if (indices.count(expr.text)) {
      affine.coefficients[expr.text] = 1;
      return affine;
    }
    break;
  case ExprKind::Binary:
    if (expr.text == "+" || expr.text == "-" || expr.text == "*") {
      auto lhs = evalAffine(*expr.operands[0], scope, indices);
      auto rhs = evalAffine(*expr.operands[1], scope, indices);
      if (!lhs || !rhs)
        return std::nullopt;
      if (expr.text == "*") {
        const AffineSubscript *constant = lhs->coefficients.empty() ? &*lhs : rhs->coefficients.empty() ? &*rhs : nullptr;
        if (!constant) {
          evaluator.error(expr.loc, "subscripts must be affine: a product of two indices is not allowed");
          return std::nullopt;
        }
        const AffineSubscript &other = constant == &*lhs ? *rhs : *lhs;
        affine.constant = other.constant * constant->constant;
        for (auto &[name, coefficient] : other.coefficients)
          affine.coefficients[name] = coefficient * constant->constant;
        return affine;
      }
      int64_t sign = expr.text == "-" ? -1 : 1;
      affine = *lhs;
      affine.constant += sign * rhs->constant;
      for (auto &[name, coefficient] : rhs->coefficients)
        affine.coefficients[name] += sign * coefficient;
      return affine;
    }
    break;
  case ExprKind::Unary:
    if (expr.text == "-") {
      auto operand = evalAffine(*expr.operands[0], scope, indices);
      if (!operand)
        return std::nullopt;
      operand->constant = -operand->constant;
      for (auto &entry : operand->coefficients)
        entry.second = -entry.second;
      return operand;
    }
    break;
  default:
    break;
  }
  if (expr.kind == ExprKind::Name && !scope.lookup(expr.text) && expr.text != "training") {
    evaluator.error(expr.loc, "index '" + expr.text + "' is not bound: put it on the left side, like y[" + expr.text +
                                  "] = ..., or reduce over it with sum(" + expr.text + ")");
    return std::nullopt;
  }
  auto constant = evalInteger(expr, scope, "subscript");
  if (!constant)
    return std::nullopt;
  affine.constant = *constant;
  return affine;
}

static bool isElementwiseInIndexNotation(llvm::StringRef name) {
  static const char *const names[] = {"exp", "log", "sqrt", "rsqrt", "abs", "tanh", "sigmoid", "relu", "gelu",
                                      "softplus", "sin", "cos", "maximum", "minimum", "select", "sign"};
  for (const char *candidate : names)
    if (name == candidate)
      return true;
  return false;
}

/// Folds the now-known extents of `names` into the pending affine uses and
/// checks the uses that no longer depend on an unknown index.
bool Analyzer::foldKnownIndices(IndexContext &context, const std::vector<std::string> &names) {
  bool ok = true;
  for (auto it = context.uses.begin(); it != context.uses.end();) {
    AffineUse &use = *it;
    for (const std::string &name : names) {
      auto coefficient = use.coefficients.find(name);
      if (coefficient == use.coefficients.end())
        continue;
      int64_t span = coefficient->second * (*context.indices[name].extent - 1);
      (span > 0 ? use.high : use.low) += span;
      use.coefficients.erase(coefficient);
    }
    if (!use.coefficients.empty()) {
      ++it;
      continue;
    }
    if (use.low < 0 || use.high >= use.extent) {
      evaluator.error(use.loc, "subscript of " + use.what + " ranges over [" + std::to_string(use.low) + ", " +
                                   std::to_string(use.high) + "], outside [0, " + std::to_string(use.extent - 1) +
                                   "]; pad the tensor first");
      ok = false;
    }
    it = context.uses.erase(it);
  }
  return ok;
}

IndexedValue Analyzer::evalIndexed(const Expr &expr, Scope &scope, IndexContext &context) {
  auto &indices = context.indices;
  auto &operands = context.operands;
  IndexedValue failed;
  failed.ok = false;
  switch (expr.kind) {
  case ExprKind::Integer:
  case ExprKind::Float:
    return {};
  case ExprKind::Subscript: {
    Value base = eval(*expr.operands[0], scope);
    if (base.isError())
      return failed;
    if (base.kind != Value::Kind::Tensor) {
      evaluator.error(expr.loc, "index notation subscripts tensors, got " + describe(base));
      return failed;
    }
    const TensorType &type = base.tensor->type;
    size_t count = expr.operands.size() - 1;
    if (static_cast<int64_t>(count) != type.rank()) {
      evaluator.error(expr.loc, "expected " + std::to_string(type.rank()) + " subscripts for " + type.str() + ", got " +
                                    std::to_string(count));
      return failed;
    }
    IndexedValue value;
    value.element = type.element;
    std::string baseName = expr.operands[0]->kind == ExprKind::Name ? expr.operands[0]->text : "the tensor";
    IndexAccess access;
    access.operand = static_cast<unsigned>(operands.size());
    for (size_t d = 0; d < count; ++d) {
      const Expr &subscript = *expr.operands[d + 1];
      if (subscript.kind == ExprKind::Name && indices.count(subscript.text)) {
        IndexVariable &index = indices[subscript.text];
        int64_t extent = type.shape[d];
        std::string source = baseName + "[" + std::string(subscript.text) + "], dimension " + std::to_string(d);
        if (!index.extent) {
          index.extent = extent;
          index.source = source;
        } else if (*index.extent != extent) {
          evaluator.error(subscript.loc, "index '" + subscript.text + "' ranges over " + std::to_string(*index.extent) +
                                             " (" + index.source + ") but this dimension has extent " +
                                             std::to_string(extent) + " (" + source + ")");
          return failed;
        }
        value.indices.insert(subscript.text);
        access.coefficients.push_back({{subscript.text, 1}});
        access.constants.push_back(0);
        continue;
      }
      auto affine = evalAffine(subscript, scope, indices);
      if (!affine)
        return failed;
      access.coefficients.push_back({});
      for (auto &[name, coefficient] : affine->coefficients)
        if (coefficient)
          access.coefficients.back()[name] = coefficient;
      access.constants.push_back(affine->constant);
      AffineUse use;
      use.low = use.high = affine->constant;
      use.extent = type.shape[d];
      use.loc = subscript.loc;
      use.what = "dimension " + std::to_string(d) + " of " + baseName + " " + type.str();
      for (auto &[name, coefficient] : affine->coefficients) {
        if (!coefficient)
          continue;
        value.indices.insert(name);
        use.coefficients[name] = coefficient;
      }
      context.uses.push_back(use);
    }
    operands.push_back(base.tensor);
    context.notation->accesses[&expr] = access;
    return value;
  }
  case ExprKind::Name: {
    if (indices.count(expr.text)) {
      evaluator.error(expr.loc, "index '" + expr.text + "' can only be used inside subscripts");
      return failed;
    }
    Value value = eval(expr, scope);
    if (value.isError())
      return failed;
    if (value.isNumber()) {
      context.notation->numbers[&expr] = value.asDouble();
      return {};
    }
    if (value.kind == Value::Kind::Tensor && value.tensor->type.rank() == 0) {
      IndexAccess access;
      access.operand = static_cast<unsigned>(operands.size());
      context.notation->accesses[&expr] = access;
      operands.push_back(value.tensor);
      IndexedValue scalar;
      scalar.element = value.tensor->type.element;
      return scalar;
    }
    evaluator.error(expr.loc, "'" + expr.text + "' in index notation: expected a number, a scalar tensor or a "
                                  "subscripted tensor like " + expr.text + "[i], got " + describe(value));
    return failed;
  }
  case ExprKind::Unary:
  case ExprKind::Binary:
  case ExprKind::Call: {
    size_t first = 0;
    if (expr.kind == ExprKind::Call) {
      const Expr &callee = *expr.operands[0];
      if (callee.kind != ExprKind::Name || !isElementwiseInIndexNotation(callee.text) || scope.lookup(callee.text)) {
        evaluator.error(expr.loc, "only elementwise functions (exp, log, relu, maximum, select, ...) may be called "
                                  "inside index notation");
        return failed;
      }
      first = 1;
    }
    IndexedValue merged;
    bool comparison = false;
    if (expr.kind == ExprKind::Binary) {
      llvm::StringRef op = expr.text;
      comparison = op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
      if (op == "@") {
        evaluator.error(expr.loc, "'@' is not allowed in index notation; write the contraction with sum(k)");
        return failed;
      }
    }
    for (size_t i = first; i < expr.operands.size(); ++i) {
      IndexedValue operand = evalIndexed(*expr.operands[i], scope, context);
      if (!operand.ok)
        return failed;
      if (expr.kind == ExprKind::Call && i == 1 && expr.operands[0]->text == "select") {
        if (operand.element != ElementType::Bool) {
          evaluator.error(expr.operands[1]->loc, "the condition of select must be bool");
          return failed;
        }
        merged.indices.insert(operand.indices.begin(), operand.indices.end());
        continue;
      }
      if (operand.element && merged.element && *operand.element != *merged.element) {
        evaluator.error(expr.loc, std::string("element types differ in index notation: ") +
                                      elementTypeName(*merged.element) + " and " + elementTypeName(*operand.element));
        return failed;
      }
      bool isCondition = expr.kind == ExprKind::Call && i == 1 && expr.operands[0]->text == "select";
      if (!merged.element && !isCondition)
        merged.element = operand.element;
      merged.indices.insert(operand.indices.begin(), operand.indices.end());
    }
    if (comparison)
      merged.element = ElementType::Bool;
    return merged;
  }
  case ExprKind::Reduce: {
    std::vector<std::string> reduced;
    for (const ast::ReduceIndex &index : expr.indices) {
      if (indices.count(index.name)) {
        evaluator.error(index.loc, "index '" + index.name + "' is already bound; use another name");
        return failed;
      }
      IndexVariable variable;
      variable.loc = index.loc;
      if (index.extent) {
        std::string what = "extent of index '" + index.name + "'";
        auto extent = evalInteger(*index.extent, scope, what.c_str());
        if (!extent)
          return failed;
        variable.extent = *extent;
        variable.source = "declared";
      }
      indices[index.name] = variable;
      reduced.push_back(index.name);
    }
    IndexedValue body = evalIndexed(*expr.operands[0], scope, context);
    bool ok = body.ok;
    for (size_t i = 0; i < reduced.size() && ok; ++i) {
      if (!body.indices.count(reduced[i])) {
        evaluator.error(expr.indices[i].loc, "reduction index '" + reduced[i] + "' is not used in the body");
        ok = false;
      } else if (!indices[reduced[i]].extent) {
        evaluator.error(expr.indices[i].loc, "cannot infer the extent of index '" + reduced[i] +
                                                 "': use it as a plain subscript somewhere or write " +
                                                 expr.text + "(" + reduced[i] + ": extent)");
        ok = false;
      }
    }
    if (ok && body.element == ElementType::Bool) {
      evaluator.error(expr.loc, "'" + expr.text + "' of bool values; convert with f32(...) first");
      ok = false;
    }
    // The reduced indices go out of scope: fold their ranges into the pending subscripts.
    if (ok) {
      std::vector<int64_t> &extents = context.notation->reductionExtents[&expr];
      for (const std::string &name : reduced)
        extents.push_back(*indices[name].extent);
      ok = foldKnownIndices(context, reduced);
    }
    for (const std::string &name : reduced) {
      body.indices.erase(name);
      indices.erase(name);
    }
    if (!ok)
      return failed;
    return body;
  }
  default:
    evaluator.error(expr.loc, std::string("a ") + ast::exprKindName(expr.kind) + " is not allowed in index notation");
    return failed;
  }
}

void Analyzer::executeIndexNotation(const Stmt &stmt, Scope &scope) {
  IndexContext context;
  std::vector<std::string> order;
  scope.names[stmt.targets[0]] = Value::error();
  for (const ast::ExprPtr &subscript : stmt.subscripts) {
    if (subscript->kind != ExprKind::Name) {
      evaluator.error(subscript->loc, "the left side of index notation takes plain index names, like y[n, o]");
      return;
    }
    if (context.indices.count(subscript->text)) {
      evaluator.error(subscript->loc, "index '" + subscript->text + "' appears twice on the left side");
      return;
    }
    IndexVariable variable;
    variable.loc = subscript->loc;
    context.indices[subscript->text] = variable;
    order.push_back(subscript->text);
  }
  IndexedValue value = evalIndexed(*stmt.value, scope, context);
  if (!value.ok)
    return;
  // An index used only in affine subscripts takes the largest range that
  // keeps every such subscript in bounds (as in Tensor Comprehensions).
  for (size_t i = 0; i < order.size(); ++i) {
    IndexVariable &index = context.indices[order[i]];
    if (index.extent)
      continue;
    std::optional<int64_t> extent;
    for (const AffineUse &use : context.uses) {
      auto coefficient = use.coefficients.find(order[i]);
      if (coefficient == use.coefficients.end() || coefficient->second == 0)
        continue;
      int64_t low = use.low, high = use.high;
      bool othersKnown = true;
      for (auto &[name, other] : use.coefficients) {
        if (name == order[i])
          continue;
        auto &otherExtent = context.indices[name].extent;
        if (!otherExtent) {
          othersKnown = false;
          break;
        }
        (other > 0 ? high : low) += other * (*otherExtent - 1);
      }
      if (!othersKnown)
        continue;
      // Going up from 0, a positive coefficient runs into the top of the
      // dimension and a negative one into 0 (as in `x[W - 1 - w]`).
      int64_t c = coefficient->second;
      int64_t bound = c > 0 ? (use.extent - 1 - high) / c + 1 : low / -c + 1;
      extent = extent ? std::min(*extent, bound) : bound;
    }
    if (!extent) {
      evaluator.error(stmt.subscripts[i]->loc, "cannot infer the extent of index '" + order[i] +
                                                   "': it is not used as a subscript on the right side");
      return;
    }
    if (*extent <= 0) {
      evaluator.error(stmt.subscripts[i]->loc, "index '" + order[i] + "' has no in-bounds values");
      return;
    }
    index.extent = *extent;
    index.source = "inferred";
  }
  if (!foldKnownIndices(context, order))
    return;
  Shape shape;
  for (const std::string &name : order)
    shape.push_back(*context.indices[name].extent);
  Node *node =
      evaluator.makeNode("index_notation", context.operands, {value.element.value_or(ElementType::F32), shape}, stmt.loc);
  node->expression = stmt.value.get();
  node->label = llvm::join(order, ",");
  context.notation->outputIndices = order;
  node->indexNotation = context.notation;
  scope.names[stmt.targets[0]] = Value::ofTensor(node);
}

