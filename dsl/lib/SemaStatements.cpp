//===- SemaStatements.cpp - Sema: blocks and statements ------------------===//

#include "Analyzer.h"

using namespace dlm;
using namespace dlm::sema;

//===----------------------------------------------------------------------===//
// Blocks
//===----------------------------------------------------------------------===//

Instance *Analyzer::instantiate(const Stmt &block, const Expr &call, std::vector<Argument> arguments,
                                const std::string &path) {
  if (!program) {
    evaluator.error(call.loc, "blocks are instantiated inside a block body or a program");
    return nullptr;
  }
  std::vector<ParameterSpec> specs;
  for (const ast::Parameter &parameter : block.parameters)
    specs.push_back({parameter.name, parameter.defaultValue == nullptr});
  std::map<std::string, Argument> bound;
  if (!evaluator.bindArguments(block.name, call.loc, specs, arguments, bound))
    return nullptr;
  instances.push_back(std::make_unique<Instance>());
  Instance &instance = *instances.back();
  instance.path = path;
  instance.block = &block;
  instance.members.parent = &globals;
  for (const ast::Parameter &parameter : block.parameters) {
    auto it = bound.find(parameter.name);
    Value value = it != bound.end() ? it->second.value : eval(*parameter.defaultValue, instance.members);
    if (value.isError())
      return nullptr;
    if (value.kind == Value::Kind::Tensor) {
      evaluator.error(it != bound.end() ? it->second.loc : parameter.loc,
                      "argument '" + parameter.name + "' of block " + block.name +
                          ": blocks take compile-time arguments, got " + describe(value));
      return nullptr;
    }
    if (!bindCompileTimeParameter(parameter, value, instance.members, it != bound.end() ? it->second.loc : parameter.loc,
                                  "block " + block.name))
      return nullptr;
    instance.memberLocations[parameter.name] = parameter.loc;
  }
  if (std::find(instantiating.begin(), instantiating.end(), &block) != instantiating.end()) {
    evaluator.error(call.loc, "block '" + block.name + "' instantiates itself");
    return nullptr;
  }
  instantiating.push_back(&block);
  evaluator.callStack.push_back({call.loc, "block '" + block.name + "' instantiated here"});
  unsigned errorsBefore = diagnostics.errorCount();
  for (const ast::StmtPtr &member : block.body)
    executeMember(*member, instance, instance.members);
  instantiating.pop_back();
  evaluator.callStack.pop_back();
  return diagnostics.errorCount() == errorsBefore ? &instance : nullptr;
}

void Analyzer::addChild(Instance &instance, Instance *child) {
  instance.parameters.insert(instance.parameters.end(), child->parameters.begin(), child->parameters.end());
}

void Analyzer::declareParameter(const Stmt &stmt, Instance &instance, Scope &scope) {
  if (instance.members.names.count(stmt.name)) {
    evaluator.error(stmt.nameLoc, "redefinition of member '" + stmt.name + "' of block '" + instance.block->name + "'",
                    {{instance.memberLocations[stmt.name], "previous definition is here"}});
    return;
  }
  auto type = evalConcreteType(*stmt.type, scope);
  if (!type)
    return;
  auto info = std::make_unique<ParameterInfo>();
  info->path = instance.path + "." + stmt.name;
  info->type = *type;
  info->trainable = stmt.kind == StmtKind::Param;
  info->loc = stmt.nameLoc;
  if (stmt.value) {
    if (stmt.value->kind != ExprKind::Call || stmt.value->operands[0]->kind != ExprKind::Name) {
      evaluator.error(stmt.value->loc, "expected an initializer call like kaiming_uniform() or zeros()");
      return;
    }
    const std::string &name = stmt.value->operands[0]->text;
    const Builtin *initializer = findBuiltin(name, Builtin::Context::Initializer);
    if (!initializer) {
      std::string known;
      for (const Builtin *builtin : builtinsOf(Builtin::Context::Initializer))
        known += (known.empty() ? "" : ", ") + builtin->name;
      evaluator.error(stmt.value->operands[0]->loc, "unknown initializer '" + name + "'; expected one of: " + known);
      return;
    }
    Value spec = callBuiltin(*initializer, *stmt.value, evalArguments(*stmt.value, scope, 1));
    if (spec.isError())
      return;
    info->initializer = *spec.spec;
  } else if (stmt.kind == StmtKind::Param) {
    evaluator.error(stmt.nameLoc, "param '" + stmt.name + "' needs an initializer, e.g. '= kaiming_uniform()' or "
                                  "'= zeros()'");
    return;
  } else {
    info->initializer.name = "zeros";
  }
  if (!isFloat(type->element) && info->trainable) {
    evaluator.error(stmt.type->loc, "param '" + stmt.name + "': trainable parameters must be floating point, got " +
                                        type->str() + "; use 'state' for other tensors");
    return;
  }
  Node *leaf = evaluator.makeNode(info->trainable ? "param" : "state", {}, *type, stmt.nameLoc);
  leaf->parameter = info.get();
  evaluator.parameterLeaves[info.get()] = leaf;
  instance.parameters.push_back(info.get());
  instance.leaves[stmt.name] = leaf;
  instance.memberLocations[stmt.name] = stmt.nameLoc;
  instance.members.names[stmt.name] = Value::ofTensor(leaf);
  program->parameters.push_back(std::move(info));
}

void Analyzer::executeMember(const Stmt &stmt, Instance &instance, Scope &scope) {
  switch (stmt.kind) {
  case StmtKind::Param:
  case StmtKind::State:
    declareParameter(stmt, instance, scope);
    return;
  case StmtKind::Method:
    if (instance.methods.count(stmt.name)) {
      evaluator.error(stmt.nameLoc, "redefinition of method '" + stmt.name + "'");
      return;
    }
    instance.methods[stmt.name] = &stmt;
    {
      // Methods see each other by their bare names.
      Value method;
      method.kind = Value::Kind::Method;
      method.declaration = &stmt;
      method.instance = &instance;
      scope.names[stmt.name] = method;
    }
    return;
  case StmtKind::Const:
  case StmtKind::Assign: {
    if (stmt.targets.size() > 1) {
      evaluator.error(stmt.targetLocs[1], "a block member binds one name");
      return;
    }
    const std::string &name = stmt.kind == StmtKind::Const ? stmt.name : stmt.targets[0];
    llvm::SMLoc nameLoc = stmt.kind == StmtKind::Const ? stmt.nameLoc : stmt.targetLocs[0];
    if (scope.names.count(name)) {
      evaluator.error(nameLoc, "redefinition of member '" + name + "' of block '" + instance.block->name + "'",
                      {{instance.memberLocations[name], "previous definition is here"}});
      return;
    }
    Value value = stmt.value->kind == ExprKind::Call ? evalCall(*stmt.value, scope, instance.path + "." + name)
                                                     : eval(*stmt.value, scope);
    if (value.isError())
      return;
    if (value.kind == Value::Kind::Tensor) {
      evaluator.error(stmt.value->loc, "block member '" + name + "': expected a sub-block or a compile-time value, got " +
                                           describe(value) + "; declare tensors with 'param' or 'state'");
      return;
    }
    instance.memberLocations[name] = nameLoc;
    if (value.kind == Value::Kind::Instance) {
      for (ParameterInfo *parameter : value.instance->parameters)
        if (!stmt.checkpoint.empty())
          parameter->checkpoint = stmt.checkpoint;
      addChild(instance, value.instance);
    } else if (!stmt.checkpoint.empty()) {
      evaluator.error(stmt.value->loc, "only a block instance can be loaded 'from' a checkpoint");
    }
    scope.names[name] = value;
    return;
  }
  case StmtKind::IndexedAssign: {
    const std::string &name = stmt.targets[0];
    if (stmt.subscripts.size() != 1) {
      evaluator.error(stmt.loc, "an instance array takes one index: " + name + "[i] = Block(...)");
      return;
    }
    auto index = evalInteger(*stmt.subscripts[0], scope, "instance array index");
    if (!index)
      return;
    Value &array = scope.names[name];
    if (array.kind == Value::Kind::None && array.elements.empty())
      array.kind = Value::Kind::List;
    if (array.kind != Value::Kind::List || *index != static_cast<int64_t>(array.elements.size())) {
      evaluator.error(stmt.subscripts[0]->loc, "instance array '" + name + "' is filled in order: expected index " +
                                                   std::to_string(array.elements.size()) + ", got " +
                                                   std::to_string(*index));
      return;
    }
    if (stmt.value->kind != ExprKind::Call) {
      evaluator.error(stmt.value->loc, "expected a block instantiation like Block(...)");
      return;
    }
    Value value = evalCall(*stmt.value, scope, instance.path + "." + name + "." + std::to_string(*index));
    if (value.isError())
      return;
    if (value.kind != Value::Kind::Instance) {
      evaluator.error(stmt.value->loc, "instance array '" + name + "': expected a block instance, got " + describe(value));
      return;
    }
    addChild(instance, value.instance);
    scope.names[name].elements.push_back(value);
    return;
  }
  case StmtKind::For: {
    auto range = evalRange(stmt, scope);
    if (!range)
      return;
    for (int64_t i : *range) {
      scope.names[stmt.name] = Value::ofInt(i);
      for (const ast::StmtPtr &member : stmt.body)
        executeMember(*member, instance, scope);
    }
    scope.names.erase(stmt.name);
    return;
  }
  case StmtKind::If: {
    Value condition = eval(*stmt.value, scope);
    if (condition.isError())
      return;
    if (condition.kind != Value::Kind::Bool) {
      evaluator.error(stmt.value->loc, "condition: expected a compile-time bool, got " + describe(condition));
      return;
    }
    for (const ast::StmtPtr &member : condition.boolean ? stmt.body : stmt.elseBody)
      executeMember(*member, instance, scope);
    return;
  }
  default:
    evaluator.error(stmt.loc, std::string(ast::stmtKindDescription(stmt.kind)) +
                                  " is not allowed in a block body; a block holds params, states, sub-blocks, consts "
                                  "and methods");
  }
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

std::optional<std::vector<int64_t>> Analyzer::evalRange(const Stmt &stmt, Scope &scope) {
  auto begin = evalInteger(*stmt.rangeBegin, scope, "range start");
  auto end = evalInteger(*stmt.rangeEnd, scope, "range end");
  auto step = stmt.rangeStep ? evalInteger(*stmt.rangeStep, scope, "range step") : std::optional<int64_t>(1);
  if (!begin || !end || !step)
    return std::nullopt;
  if (*step <= 0) {
    evaluator.error(stmt.rangeStep->loc, "range step: expected a positive int, got " + std::to_string(*step));
    return std::nullopt;
  }
  std::vector<int64_t> values;
  for (int64_t i = *begin; i < *end; i += *step)
    values.push_back(i);
  return values;
}

Flow Analyzer::execute(const std::vector<ast::StmtPtr> &statements, Scope &scope, Region region, Instance *self) {
  Flow flow;
  for (const ast::StmtPtr &stmt : statements) {
    if (flow.returned) {
      evaluator.error(stmt->loc, "unreachable statement after 'return'");
      break;
    }
    if (!executeOne(*stmt, scope, region, self, flow) && diagnostics.reachedLimit())
      break;
  }
  return flow;
}

void Analyzer::poisonAssignedNames(const std::vector<ast::StmtPtr> &statements, Scope &scope) {
  for (const ast::StmtPtr &stmt : statements) {
    for (const std::string &target : stmt->targets)
      scope.names[target] = Value::error();
    for (const ast::Parameter &carry : stmt->carries)
      scope.names[carry.name] = Value::error();
    poisonAssignedNames(stmt->body, scope);
    poisonAssignedNames(stmt->elseBody, scope);
  }
}

void Analyzer::bindTargets(const Stmt &stmt, const Value &value, Scope &scope) {
  if (stmt.targets.size() == 1) {
    scope.names[stmt.targets[0]] = value;
    return;
  }
  if (value.isError()) {
    for (const std::string &target : stmt.targets)
      scope.names[target] = Value::error();
    return;
  }
  if (value.kind != Value::Kind::Tuple || value.elements.size() != stmt.targets.size()) {
    evaluator.error(stmt.targetLocs[0], "expected " + std::to_string(stmt.targets.size()) +
                                            " values to unpack, got " + describe(value));
    for (const std::string &target : stmt.targets)
      scope.names[target] = Value::error();
    return;
  }
  for (size_t i = 0; i < stmt.targets.size(); ++i)
    scope.names[stmt.targets[i]] = value.elements[i];
}

bool Analyzer::executeOne(const Stmt &stmt, Scope &scope, Region region, Instance *self, Flow &flow) {
  auto notHere = [&](const char *what) {
    evaluator.error(stmt.loc, std::string(what) + " is not allowed " + regionName(region));
    poisonAssignedNames({std::make_shared<Stmt>(stmt)}, scope);
    return false;
  };
  bool inBody = region == Region::Function || region == Region::Method || region == Region::Scan;
  switch (stmt.kind) {
  case StmtKind::Assign:
    if (!stmt.checkpoint.empty())
      return notHere("loading from a checkpoint");
    bindTargets(stmt, eval(*stmt.value, scope), scope);
    return true;
  case StmtKind::Const: {
    Value value = eval(*stmt.value, scope);
    if (stmt.type && !value.isError() &&
        !matchType(*stmt.type, value, scope, stmt.value->loc, "const '" + stmt.name + "'"))
      value = Value::error();
    if (!value.isError() && value.kind == Value::Kind::Tensor) {
      evaluator.error(stmt.value->loc, "const '" + stmt.name + "': expected a compile-time value, got " + describe(value));
      value = Value::error();
    }
    scope.names[stmt.name] = value;
    return true;
  }
  case StmtKind::IndexedAssign:
    if (!inBody && region != Region::Step && region != Region::Metric)
      return notHere("index notation");
    executeIndexNotation(stmt, scope);
    return true;
  case StmtKind::Return:
    if (region != Region::Function && region != Region::Method)
      return notHere("'return'");
    if (stmt.values.size() == 1) {
      flow.value = eval(*stmt.values[0], scope);
    } else {
      flow.value.kind = Value::Kind::Tuple;
      for (const ast::ExprPtr &value : stmt.values) {
        flow.value.elements.push_back(eval(*value, scope));
        if (flow.value.elements.back().isError()) {
          flow.value = Value::error();
          break;
        }
      }
    }
    flow.returned = true;
    return true;
  case StmtKind::If: {
    Value condition = eval(*stmt.value, scope);
    if (!condition.isError() && condition.kind != Value::Kind::Bool)
      evaluator.error(stmt.value->loc, "condition: expected a compile-time bool, got " + describe(condition) +
                                           (condition.kind == Value::Kind::Tensor ? "; use select(cond, a, b) for tensors" : ""));
    if (condition.kind != Value::Kind::Bool) {
      // Names assigned in either branch now hold an error, so their uses stay quiet.
      poisonAssignedNames(stmt.body, scope);
      poisonAssignedNames(stmt.elseBody, scope);
      return false;
    }
    Flow branch = execute(condition.boolean ? stmt.body : stmt.elseBody, scope, region, self);
    if (branch.returned)
      flow = branch;
    return true;
  }
  case StmtKind::For: {
    auto range = evalRange(stmt, scope);
    if (!range)
      return false;
    for (int64_t i : *range) {
      scope.names[stmt.name] = Value::ofInt(i);
      Flow iteration = execute(stmt.body, scope, region, self);
      if (iteration.returned) {
        flow = iteration;
        break;
      }
    }
    return true;
  }
  case StmtKind::Scan:
    if (!inBody)
      return notHere("'scan'");
    executeScan(stmt, scope, region, self);
    return true;
  case StmtKind::StateUpdate:
    if (region != Region::Method && region != Region::Step && region != Region::Program)
      return notHere("a state update '<-'");
    executeStateUpdate(stmt, scope);
    return true;
  default:
    return notHere(ast::stmtKindDescription(stmt.kind));
  }
}

/// Collects the names in `expr` that refer to block instances (not those
/// only used to reach a member, like `k` in `k.weight`).
static void instanceNames(const Expr &expr, const Scope &scope, std::map<std::string, Instance *> &found) {
  if (expr.kind == ExprKind::Member)
    return;
  if (expr.kind == ExprKind::Name) {
    const Value *value = scope.lookup(expr.text);
    if (value && value->kind == Value::Kind::Instance)
      found[expr.text] = value->instance;
    return;
  }
  for (const ast::ExprPtr &operand : expr.operands)
    if (operand)
      instanceNames(*operand, scope, found);
}

void Analyzer::executeStateUpdate(const Stmt &stmt, Scope &scope) {
  std::vector<ParameterInfo *> targets = resolveParameters(stmt.paths[0], scope);
  if (targets.empty())
    return;
  if (!evaluator.training || !currentStep) {
    evaluator.error(stmt.loc, "state updates run only in training mode; guard this one with 'if training { ... }'");
    return;
  }
  // `key <- 0.999 * key + 0.001 * query` on instances means: for every tensor
  // of `key`, the same expression over the matching tensors of each instance.
  std::map<std::string, Instance *> instancesUsed;
  instanceNames(*stmt.value, scope, instancesUsed);
  const Value *targetValue = stmt.paths.size() == 1 && stmt.paths[0].parts.size() == 1
                                 ? scope.lookup(stmt.paths[0].parts[0])
                                 : nullptr;
  std::string targetPrefix = targetValue && targetValue->kind == Value::Kind::Instance
                                 ? targetValue->instance->path
                                 : "";
  for (ParameterInfo *target : targets) {
    Scope perTensor;
    perTensor.parent = &scope;
    std::string suffix = targetPrefix.empty() ? "" : target->path.substr(targetPrefix.size());
    bool matched = true;
    for (auto &entry : instancesUsed) {
      const std::string &name = entry.first;
      Instance *instance = entry.second;
      if (targetPrefix.empty()) {
        evaluator.error(stmt.value->loc, "'" + name + "' is a block instance; the target '" + stmt.paths[0].str() +
                                             "' is a single tensor, so the expression must be a tensor too");
        return;
      }
      auto match = std::find_if(instance->parameters.begin(), instance->parameters.end(),
                                [&](const ParameterInfo *p) { return p->path == instance->path + suffix; });
      if (match == instance->parameters.end() || (*match)->type != target->type) {
        evaluator.error(stmt.value->loc, "'<-' of '" + stmt.paths[0].str() + "': '" + name + "' has no tensor '" +
                                             name + suffix + "' of type " + target->type.str() + " to match '" +
                                             target->path + "'");
        matched = false;
        break;
      }
      perTensor.names[name] = Value::ofTensor(evaluator.parameterLeaves.at(*match));
    }
    if (!matched)
      return;
    Value value = eval(*stmt.value, perTensor);
    if (value.isError())
      return;
    if (value.kind != Value::Kind::Tensor || value.tensor->type != target->type) {
      evaluator.error(stmt.value->loc, "'<-' of '" + target->path + "': expected a tensor " + target->type.str() +
                                           ", got " + describe(value));
      return;
    }
    auto previous = std::find_if(currentStep->step.stateAssignments.begin(), currentStep->step.stateAssignments.end(),
                                 [&](const StateAssignment &a) { return a.target == target; });
    if (previous != currentStep->step.stateAssignments.end()) {
      // Each update reads the value from before the step, so a second one
      // would silently discard the first.
      std::string kind = target->trainable ? "param" : "state";
      std::string shortName = target->path.substr(target->path.rfind('.') + 1);
      evaluator.error(stmt.loc, kind + " '" + shortName + "' is updated twice in step '" + currentStep->step.name +
                                    "' (" + target->path + "); a step updates each tensor once",
                      {{previous->loc, "the first update is here"}});
      return;
    }
    currentStep->step.stateAssignments.push_back({target, value.tensor, stmt.loc});
  }
}

void Analyzer::executeScan(const Stmt &stmt, Scope &scope, Region region, Instance *self) {
  poisonAssignedNames({std::make_shared<Stmt>(stmt)}, scope);
  auto range = evalRange(stmt, scope);
  if (!range)
    return;
  if (range->empty()) {
    evaluator.error(stmt.rangeBegin->loc, "scan: expected a non-empty range");
    return;
  }
  std::vector<Node *> initial;
  for (const ast::Parameter &carry : stmt.carries) {
    Value value = eval(*carry.defaultValue, scope);
    if (value.isError())
      return;
    if (value.kind != Value::Kind::Tensor) {
      evaluator.error(carry.defaultValue->loc, "carry '" + carry.name + "': expected a tensor, got " + describe(value));
      return;
    }
    initial.push_back(value.tensor);
  }
  scopes.push_back(std::make_unique<Scope>());
  Scope &body = *scopes.back();
  body.parent = &scope;
  body.names[stmt.name] = Value::ofTensor(evaluator.makeNode("scan_index", {}, {ElementType::I32, {}}, stmt.nameLoc));
  for (size_t i = 0; i < stmt.carries.size(); ++i) {
    Node *carried = evaluator.makeNode("scan_carry", {}, initial[i]->type, stmt.carries[i].loc);
    body.names[stmt.carries[i].name] = Value::ofTensor(carried);
  }
  std::vector<ast::StmtPtr> statements;
  const Stmt *yield = nullptr;
  bool misplacedYield = false;
  for (const ast::StmtPtr &inner : stmt.body) {
    if (inner->kind != StmtKind::Yield) {
      statements.push_back(inner);
    } else if (inner != stmt.body.back()) {
      evaluator.error(inner->loc, "'yield' must be the last statement of the scan body");
      misplacedYield = true;
    } else {
      yield = inner.get();
    }
  }
  Flow flow = execute(statements, body, Region::Scan, self);
  (void)flow;
  Node *scanNode = evaluator.makeNode("scan", initial, {ElementType::F32, {}}, stmt.loc);
  scanNode->attributes.push_back({"length", Attribute::ofInteger(static_cast<int64_t>(range->size()))});
  scanNode->attributes.push_back({"start", Attribute::ofInteger(range->front())});
  scanNode->attributes.push_back(
      {"step", Attribute::ofInteger(range->size() > 1 ? (*range)[1] - (*range)[0] : 1)});
  scanNode->attributes.push_back({"reverse", Attribute::ofInteger(stmt.reverse ? 1 : 0)});
  bool ok = true;
  for (size_t i = 0; i < stmt.carries.size(); ++i) {
    const Value *final = body.lookup(stmt.carries[i].name);
    if (!final || final->isError()) {
      ok = false;
      continue;
    }
    if (final->kind != Value::Kind::Tensor || final->tensor->type != initial[i]->type) {
      evaluator.error(stmt.carries[i].loc, "carry '" + stmt.carries[i].name + "' must keep its type through the scan: "
                                           "expected " + initial[i]->type.str() + ", got " + describe(*final));
      ok = false;
      continue;
    }
    scanNode->regionResults.push_back(final->tensor);
  }
  Shape stacked;
  if (yield) {
    if (yield->values.size() != 1) {
      evaluator.error(yield->loc, "'yield' takes one tensor per step");
      return;
    }
    Value yielded = eval(*yield->values[0], body);
    if (yielded.isError())
      return;
    if (yielded.kind != Value::Kind::Tensor) {
      evaluator.error(yield->values[0]->loc, "'yield': expected a tensor, got " + describe(yielded));
      return;
    }
    scanNode->regionResults.push_back(yielded.tensor);
    stacked = yielded.tensor->type.shape;
    stacked.insert(stacked.begin(), static_cast<int64_t>(range->size()));
    scanNode->type = {yielded.tensor->type.element, stacked};
  }
  if (!ok)
    return;
  for (size_t i = 0; i < stmt.carries.size(); ++i) {
    Node *final = evaluator.makeNode("scan_result", {scanNode}, initial[i]->type, stmt.carries[i].loc);
    final->attributes.push_back({"index", Attribute::ofInteger(static_cast<int64_t>(i))});
    scope.names[stmt.carries[i].name] = Value::ofTensor(final);
  }
  if (!stmt.targets.empty()) {
    if (!yield) {
      if (!misplacedYield)
        evaluator.error(stmt.targetLocs[0], "scan result '" + stmt.targets[0] + "' needs a 'yield' in the body");
      return;
    }
    scope.names[stmt.targets[0]] = Value::ofTensor(scanNode);
  }
  (void)region;
}

