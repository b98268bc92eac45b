//===- Sema.cpp - Elaborating and checking .dlm programs -----------------===//
//
// The Analyzer loads the main file and its imports, collects the top-level
// declarations, then elaborates every `train` and `eval` program: it
// instantiates blocks, inlines calls, unrolls compile-time loops and checks
// types and shapes on the way, building the graphs of Program.h.
//
//===----------------------------------------------------------------------===//

#include "dlm/Language/Sema.h"

#include "Analyzer.h"
#include "dlm/Language/Parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

using namespace dlm;
using namespace dlm::sema;



//===----------------------------------------------------------------------===//
// Modules
//===----------------------------------------------------------------------===//

ast::Module *Analyzer::load(unsigned bufferId) {
  auto module = parseModule(bufferId, diagnostics);
  if (!module)
    return nullptr;
  result.modules.push_back(std::move(module));
  ast::Module *loaded = result.modules.back().get();
  bool isMain = result.modules.size() == 1;
  for (const ast::StmtPtr &declaration : loaded->declarations) {
    if (declaration->kind == StmtKind::Import)
      loadImport(*declaration, *loaded);
    else if (declaration->kind == StmtKind::Program && !isMain)
      continue; // an imported file contributes declarations, not its programs
    else
      declare(*declaration);
  }
  return loaded;
}

void Analyzer::loadImport(const Stmt &import, const ast::Module &from) {
  std::string relative = import.name;
  if (import.text != "file") {
    std::replace(relative.begin(), relative.end(), '.', '/');
    relative += ".dlm";
  }
  std::vector<std::string> directories = {llvm::sys::path::parent_path(from.filename).str()};
  directories.insert(directories.end(), options.includeDirs.begin(), options.includeDirs.end());
  directories.push_back(options.standardLibraryDir);
  for (const std::string &directory : directories) {
    llvm::SmallString<256> candidate(directory);
    llvm::sys::path::append(candidate, relative);
    if (!llvm::sys::fs::exists(candidate))
      continue;
    llvm::SmallString<256> canonical;
    if (llvm::sys::fs::real_path(candidate, canonical))
      canonical = candidate;
    if (!loadedFiles.insert(canonical.str().str()).second)
      return; // imported already (or an import cycle): each file is loaded once
    auto buffer = llvm::MemoryBuffer::getFile(candidate);
    if (!buffer) {
      evaluator.error(import.nameLoc, "cannot read '" + candidate.str() + "'");
      return;
    }
    unsigned id = diagnostics.getSourceMgr().AddNewSourceBuffer(std::move(*buffer), import.loc);
    load(id);
    return;
  }
  std::string searched;
  for (const std::string &directory : directories)
    searched += (searched.empty() ? "" : ", ") + (directory.empty() ? std::string(".") : directory);
  evaluator.error(import.nameLoc, "cannot find module '" + import.name + "': expected a file '" + relative +
                                      "' in one of: " + searched);
}

void Analyzer::declare(const Stmt &declaration) {
  Value value;
  switch (declaration.kind) {
  case StmtKind::Block:
    value.kind = Value::Kind::Block;
    break;
  case StmtKind::Function:
    value.kind = Value::Kind::Function;
    break;
  case StmtKind::Program:
    programs.push_back(&declaration);
    return;
  case StmtKind::Data:
    value.kind = Value::Kind::None;
    break;
  case StmtKind::Const: {
    value = eval(*declaration.value, globals);
    if (declaration.type && !value.isError() &&
        !matchType(*declaration.type, value, globals, declaration.value->loc, "const '" + declaration.name + "'"))
      value = Value::error();
    if (!value.isError() && (value.kind == Value::Kind::Tensor || value.kind == Value::Kind::Instance)) {
      evaluator.error(declaration.value->loc, "const '" + declaration.name +
                                                  "': expected a compile-time value (int, float, bool, string), got " +
                                                  describe(value));
      value = Value::error();
    }
    break;
  }
  default:
    evaluator.error(declaration.loc, std::string(ast::stmtKindDescription(declaration.kind)) +
                                         " is not allowed at the top level");
    return;
  }
  value.declaration = &declaration;
  auto previous = globalLocations.find(declaration.name);
  if (previous != globalLocations.end()) {
    diagnostics.error(declaration.nameLoc, "redefinition of '" + declaration.name + "'");
    diagnostics.note(previous->second, "previous definition is here");
    return;
  }
  globalLocations[declaration.name] = declaration.nameLoc;
  globals.names[declaration.name] = value;
}

std::string Analyzer::suggestion(const std::string &name, const Scope &scope, bool withBuiltins) {
  // Short names are too easily "near" anything: allow fewer edits, and never
  // as many as the name has letters.
  std::string best;
  unsigned length = static_cast<unsigned>(name.size());
  unsigned bestDistance = std::min(length, length <= 3 ? 2u : length <= 6 ? 3u : 4u);
  ++bestDistance; // candidates must come strictly closer than this
  auto consider = [&](const std::string &candidate) {
    unsigned distance = llvm::StringRef(name).edit_distance(candidate, true, bestDistance);
    if (distance < bestDistance && distance < length && candidate != name) {
      bestDistance = distance;
      best = candidate;
    }
  };
  for (const Scope *s = &scope; s; s = s->parent)
    for (const auto &entry : s->names)
      consider(entry.first);
  if (withBuiltins)
    for (const Builtin *builtin : builtinsOf(Builtin::Context::Expression))
      consider(builtin->name);
  return best.empty() ? "" : "; did you mean '" + best + "'?";
}

//===----------------------------------------------------------------------===//
// Gradient reachability
//===----------------------------------------------------------------------===//

/// Ops whose result carries no gradient to their operands.
static bool cutsGradient(const Node &node) {
  static const char *const ops[] = {"stopgrad", "argmax", "argmin", "sign", "floor", "one_hot", "eq", "ne",
                                    "lt", "le", "gt", "ge", "and", "or", "not", "grad"};
  for (const char *op : ops)
    if (node.op == op)
      return true;
  return node.op == "cast" && !isFloat(node.type.element);
}

void Analyzer::gradientParameters(Node *root, std::set<const ParameterInfo *> &found) {
  std::set<const Node *> visited;
  std::vector<Node *> stack = {root};
  while (!stack.empty()) {
    Node *node = stack.back();
    stack.pop_back();
    if (!visited.insert(node).second || cutsGradient(*node))
      continue;
    if (node->op == "param")
      found.insert(node->parameter);
    for (Node *operand : node->operands)
      stack.push_back(operand);
    for (Node *result : node->regionResults)
      stack.push_back(result);
  }
}

bool Analyzer::reaches(Node *from, const Node *target) {
  std::set<const Node *> visited;
  std::vector<Node *> stack = {from};
  while (!stack.empty()) {
    Node *node = stack.back();
    stack.pop_back();
    if (node == target)
      return true;
    if (!visited.insert(node).second || cutsGradient(*node))
      continue;
    for (Node *operand : node->operands)
      stack.push_back(operand);
    for (Node *result : node->regionResults)
      stack.push_back(result);
  }
  return false;
}

//===----------------------------------------------------------------------===//
// Data sets and programs
//===----------------------------------------------------------------------===//

std::vector<ParameterInfo *> Analyzer::resolveParameters(const ast::Path &path, Scope &scope) {
  const Value *value = scope.lookup(path.parts[0]);
  if (!value) {
    evaluator.error(path.loc, "unknown name '" + path.parts[0] + "'" + suggestion(path.parts[0], scope));
    return {};
  }
  Value current = *value;
  for (size_t i = 1; i < path.parts.size() && !current.isError(); ++i) {
    if (current.kind != Value::Kind::Instance) {
      evaluator.error(path.loc, "'" + path.str() + "': '" + path.parts[i - 1] + "' is not an instance");
      return {};
    }
    auto member = current.instance->members.names.find(path.parts[i]);
    if (member == current.instance->members.names.end()) {
      evaluator.error(path.loc, "'" + path.str() + "': block '" + current.instance->block->name + "' has no member '" +
                                    path.parts[i] + "'");
      return {};
    }
    current = member->second;
  }
  if (current.isError())
    return {};
  if (current.kind == Value::Kind::Instance)
    return current.instance->parameters;
  if (current.kind == Value::Kind::List) {
    std::vector<ParameterInfo *> all;
    for (const Value &element : current.elements)
      if (element.kind == Value::Kind::Instance)
        all.insert(all.end(), element.instance->parameters.begin(), element.instance->parameters.end());
    return all;
  }
  if (current.kind == Value::Kind::Tensor && current.tensor->parameter)
    return {const_cast<ParameterInfo *>(current.tensor->parameter)};
  evaluator.error(path.loc, "'" + path.str() + "': expected a block instance, a param or a state, got " + describe(current));
  return {};
}

bool Analyzer::elaborateDataset(const Stmt &data, Program &target, Scope &programScope) {
  target.dataset.name = data.name;
  const Stmt *sample = nullptr;
  bool ok = true;
  Scope scope;
  scope.parent = &globals;
  for (const ast::StmtPtr &member : data.body) {
    if (member->kind == StmtKind::Method && member->name == "sample") {
      sample = member.get();
      continue;
    }
    if (member->kind == StmtKind::Assign && member->targets.size() == 1 && member->value->kind == ExprKind::Call &&
        member->value->operands[0]->kind == ExprKind::Name) {
      const Expr &call = *member->value;
      const Builtin *source = findBuiltin(call.operands[0]->text, Builtin::Context::Source);
      if (!source) {
        evaluator.error(call.operands[0]->loc, "unknown data source '" + call.operands[0]->text +
                                                   "'; expected idx(...), csv(...) or npy(...)");
        ok = false;
        continue;
      }
      Value spec = callBuiltin(*source, call, evalArguments(call, scope, 1));
      if (spec.isError()) {
        ok = false;
        continue;
      }
      target.dataset.splits[member->targets[0]] = *spec.spec;
      continue;
    }
    evaluator.error(member->loc, "a data declaration holds splits like 'train = idx(...)' and a 'sample(...)' method");
    ok = false;
  }
  if (!ok)
    return false;
  const char *split = target.isTraining ? "train" : "test";
  if (!target.dataset.splits.count(split)) {
    evaluator.error(data.nameLoc, "data set '" + data.name + "' has no '" + split + "' split, which " +
                                      (target.isTraining ? "a train" : "an eval") + " program reads");
    return false;
  }
  if (!sample) {
    evaluator.error(data.nameLoc, "data set '" + data.name + "' needs a sample(...) -> (x: ..., y: ...) method that "
                                  "declares the raw fields and the per-sample transform");
    return false;
  }
  // The sample transform is checked on one sample with the declared raw types.
  scopes.push_back(std::make_unique<Scope>());
  Scope &sampleScope = *scopes.back();
  sampleScope.parent = &globals;
  for (const ast::Parameter &parameter : sample->parameters) {
    if (!parameter.type) {
      evaluator.error(parameter.loc, "sample parameter '" + parameter.name + "' needs a type like u8[28, 28]");
      return false;
    }
    auto type = evalConcreteType(*parameter.type, sampleScope);
    if (!type)
      return false;
    target.dataset.rawFields.push_back({parameter.name, *type});
    Node *raw = evaluator.makeNode("input", {}, *type, parameter.loc);
    raw->label = parameter.name;
    sampleScope.names[parameter.name] = Value::ofTensor(raw);
  }
  for (const ast::Result &result : sample->results) {
    if (result.name.empty()) {
      evaluator.error(result.loc, "name the results of sample, e.g. -> (x: f32[1, 28, 28], y: i32)");
      return false;
    }
    auto type = evalConcreteType(*result.type, sampleScope);
    if (!type)
      return false;
    target.dataset.fields.push_back({result.name, *type});
  }
  if (sample->results.empty()) {
    evaluator.error(sample->nameLoc, "sample must declare its results, e.g. -> (x: f32[1, 28, 28], y: i32)");
    return false;
  }
  bool savedTraining = evaluator.training;
  evaluator.training = target.isTraining; // augmentation under `if training` is checked for train programs
  Flow flow = execute(sample->body, sampleScope, Region::Function, nullptr);
  evaluator.training = savedTraining;
  if (!flow.returned) {
    evaluator.error(sample->nameLoc, "sample must return its results");
    return false;
  }
  if (flow.value.isError())
    return false;
  std::vector<Value> values = sample->results.size() == 1 || flow.value.kind != Value::Kind::Tuple
                                  ? std::vector<Value>{flow.value}
                                  : flow.value.elements;
  if (values.size() != sample->results.size()) {
    evaluator.error(sample->nameLoc, "sample declares " + std::to_string(sample->results.size()) + " results but returns " +
                                         std::to_string(values.size()));
    return false;
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const DataField &field = target.dataset.fields[i];
    if (values[i].kind != Value::Kind::Tensor || values[i].tensor->type != field.sampleType) {
      evaluator.error(sample->results[i].loc, "sample result '" + field.name + "': declared " + field.sampleType.str() +
                                                  ", but the body returns " + describe(values[i]));
      return false;
    }
    target.dataset.sampleResults.push_back(values[i].tensor);
    // In the program, each field is a batch: [B, ...].
    TensorType batched = field.sampleType;
    batched.shape.insert(batched.shape.begin(), target.batch);
    Node *input = evaluator.makeNode("input", {}, batched, sample->results[i].loc);
    input->label = field.name;
    programScope.names[field.name] = Value::ofTensor(input);
  }
  return true;
}

std::vector<Argument> Analyzer::evalScheduleArguments(const Expr &call, Scope &scope) {
  std::vector<Argument> arguments;
  for (size_t i = 1; i < call.operands.size(); ++i) {
    const Expr &operand = *call.operands[i];
    const Expr &value = operand.kind == ExprKind::Keyword ? *operand.operands[0] : operand;
    Argument argument;
    argument.keyword = operand.kind == ExprKind::Keyword ? operand.text : "";
    argument.keywordLoc = operand.kind == ExprKind::Keyword ? operand.loc : llvm::SMLoc();
    argument.loc = value.loc;
    argument.expression = &value;
    if (value.kind == ExprKind::Call && value.operands[0]->kind == ExprKind::Name &&
        !scope.lookup(value.operands[0]->text)) {
      const Builtin *schedule = findBuiltin(value.operands[0]->text, Builtin::Context::Schedule);
      if (schedule) {
        argument.value = callBuiltin(*schedule, value, evalScheduleArguments(value, scope));
      } else {
        std::string known;
        for (const Builtin *builtin : builtinsOf(Builtin::Context::Schedule))
          known += (known.empty() ? "" : ", ") + builtin->name;
        evaluator.error(value.operands[0]->loc, "unknown schedule '" + value.operands[0]->text +
                                                    "'; expected a number or one of: " + known);
        argument.value = Value::error();
      }
    } else {
      argument.value = eval(value, scope);
    }
    arguments.push_back(std::move(argument));
  }
  return arguments;
}

void Analyzer::addUpdate(const Stmt &stmt, Scope &scope, StepBuilder &builder) {
  Update update;
  update.loc = stmt.loc;
  unsigned errorsBefore = diagnostics.errorCount();
  for (const ast::Path &path : stmt.paths) {
    const Value *root = scope.lookup(path.parts[0]);
    if (root && root->isError())
      return; // already reported where it failed
    for (ParameterInfo *parameter : resolveParameters(path, scope)) {
      if (!parameter->trainable)
        continue;
      for (const Update &other : builder.step.updates)
        for (const ParameterInfo *seen : other.parameters)
          if (seen == parameter) {
            evaluator.error(path.loc, "parameter '" + parameter->path + "' is updated twice in step '" +
                                          builder.step.name + "'");
            return;
          }
      update.parameters.push_back(parameter);
    }
  }
  const Expr &call = *stmt.value;
  if (call.kind != ExprKind::Call || call.operands[0]->kind != ExprKind::Name ||
      !findBuiltin(call.operands[0]->text, Builtin::Context::Optimizer)) {
    std::string known;
    for (const Builtin *builtin : builtinsOf(Builtin::Context::Optimizer))
      known += (known.empty() ? "" : ", ") + builtin->name;
    evaluator.error(call.kind == ExprKind::Call ? call.operands[0]->loc : call.loc,
                    "expected an optimizer after 'with', one of " + known + "; got " +
                        (call.kind == ExprKind::Call && call.operands[0]->kind == ExprKind::Name
                             ? "'" + call.operands[0]->text + "'"
                             : std::string("an expression")));
    return;
  }
  // Arguments of an optimizer may be schedules: evaluate them in that namespace.
  std::vector<Argument> arguments = evalScheduleArguments(call, scope);
  for (const Argument &argument : arguments)
    if (argument.value.isError())
      return;
  Value optimizer = callBuiltin(*findBuiltin(call.operands[0]->text, Builtin::Context::Optimizer), call, arguments);
  if (optimizer.isError())
    return;
  update.optimizer = *optimizer.spec;
  if (diagnostics.errorCount() != errorsBefore)
    return;
  if (update.parameters.empty()) {
    evaluator.error(stmt.loc, "nothing to update: the targets have no trainable parameters");
    return;
  }
  builder.step.updates.push_back(std::move(update));
}

void Analyzer::checkGradients(StepBuilder &builder) {
  if (!builder.hasLoss) {
    if (!builder.step.updates.empty())
      evaluator.error(builder.step.updates.front().loc, "step '" + builder.step.name +
                                                            "' updates parameters but has no 'loss = ...'");
    return;
  }
  if (!builder.step.loss)
    return;
  std::set<const ParameterInfo *> reached;
  gradientParameters(builder.step.loss, reached);
  for (const Update &update : builder.step.updates) {
    std::vector<std::string> missing;
    for (const ParameterInfo *parameter : update.parameters)
      if (!reached.count(parameter))
        missing.push_back(parameter->path);
    if (missing.size() == update.parameters.size()) {
      evaluator.error(update.loc, "no updated parameter receives a gradient from the loss of step '" +
                                      builder.step.name + "' (" + missing.front() +
                                      (missing.size() > 1 ? ", ..." : "") +
                                      "); is the loss cut by stopgrad or computed from another block?");
    } else if (!missing.empty()) {
      diagnostics.warning(update.loc, "parameters receive no gradient from the loss of step '" + builder.step.name +
                                          "' and stay unchanged: " + llvm::join(missing, ", "));
    }
  }
}

Scope &Analyzer::enterProgramContext(Scope &programScope) {
  scopes.push_back(std::make_unique<Scope>());
  Scope &scope = *scopes.back();
  scope.parent = &programScope;
  for (const Stmt *value : programValues)
    bindTargets(*value, eval(*value->value, scope), scope);
  return scope;
}

void Analyzer::elaborateStep(const Stmt &stepStmt, const std::vector<ast::StmtPtr> &body, Scope &programScope) {
  StepBuilder builder;
  builder.step.name = stepStmt.kind == StmtKind::Step ? stepStmt.name : "step";
  if (stepStmt.kind == StmtKind::Step && !stepStmt.arguments.empty())
    evaluator.error(stepStmt.arguments[0]->loc, "step '" + stepStmt.name + "' takes no options");
  builder.step.loc = stepStmt.nameLoc;
  // A step becomes the function `<program>.<step>`, beside the program's other entries.
  for (const char *entry : {"init", "sample", "eval", "predict"})
    if (builder.step.name == entry) {
      evaluator.error(stepStmt.nameLoc, "step '" + builder.step.name +
                                            "': expected a name other than init, sample, eval or predict, which "
                                            "name the program's other entry points");
      return;
    }
  for (const Step &existing : program->steps)
    if (existing.name == builder.step.name) {
      evaluator.error(stepStmt.nameLoc, "redefinition of step '" + builder.step.name + "'",
                      {{existing.loc, "previous definition is here"}});
      return;
    }
  evaluator.training = true;
  currentStep = &builder;
  Scope &scope = enterProgramContext(programScope);
  for (const ast::StmtPtr &stmt : body) {
    switch (stmt->kind) {
    case StmtKind::Loss: {
      if (builder.hasLoss) {
        evaluator.error(stmt->loc, "step '" + builder.step.name + "' has two losses; add them into one");
        break;
      }
      builder.hasLoss = true;
      Value loss = eval(*stmt->value, scope);
      if (loss.isError())
        break;
      if (loss.kind != Value::Kind::Tensor || loss.tensor->type.rank() != 0 || !isFloat(loss.tensor->type.element)) {
        std::string hint = loss.kind == Value::Kind::Tensor && loss.tensor->type.rank() > 0
                               ? "; reduce it, e.g. mean(...)"
                               : "";
        evaluator.error(stmt->value->loc, "loss: expected a scalar floating-point tensor, got " + describe(loss) + hint);
        break;
      }
      builder.step.loss = loss.tensor;
      break;
    }
    case StmtKind::Update:
      addUpdate(*stmt, scope, builder);
      break;
    case StmtKind::Assign:
    case StmtKind::Const:
    case StmtKind::StateUpdate:
    case StmtKind::IndexedAssign:
    case StmtKind::If:
    case StmtKind::For: {
      Flow flow;
      executeOne(*stmt, scope, Region::Step, nullptr, flow);
      break;
    }
    default:
      evaluator.error(stmt->loc, std::string(ast::stmtKindDescription(stmt->kind)) +
                                     " is not allowed in a step; metrics, predictions and steps belong to the program");
      break;
    }
  }
  checkGradients(builder);
  currentStep = nullptr;
  program->steps.push_back(std::move(builder.step));
}

void Analyzer::elaborateProgram(const Stmt &programStmt) {
  auto owned = std::make_unique<Program>();
  program = owned.get();
  programValues.clear();
  program->name = programStmt.name;
  program->isTraining = programStmt.text == "train";
  program->loc = programStmt.loc;
  unsigned errorsBefore = diagnostics.errorCount();

  // Options.
  std::vector<ParameterSpec> specs = {{"batch", true}, {"epochs", false}, {"seed", false}, {"shuffle", false}};
  std::vector<Argument> arguments;
  for (const ast::ExprPtr &option : programStmt.arguments) {
    Argument argument;
    argument.keyword = option->kind == ExprKind::Keyword ? option->text : "";
    argument.keywordLoc = option->kind == ExprKind::Keyword ? option->loc : llvm::SMLoc();
    const Expr &value = option->kind == ExprKind::Keyword ? *option->operands[0] : *option;
    argument.loc = value.loc;
    argument.value = eval(value, globals);
    arguments.push_back(argument);
  }
  std::map<std::string, Argument> bound;
  if (!evaluator.bindArguments((program->isTraining ? "train " : "eval ") + program->name, programStmt.nameLoc, specs,
                               arguments, bound))
    return;
  CallArguments settings(evaluator, "program '" + program->name + "'", programStmt.nameLoc, bound);
  auto batch = settings.integer("batch");
  auto epochs = settings.integer("epochs", 1);
  auto seed = settings.integer("seed", 0);
  auto shuffle = settings.boolean("shuffle", true);
  if (!batch || !epochs || !seed || !shuffle)
    return;
  if (*batch <= 0 || *epochs <= 0) {
    const char *option = *batch <= 0 ? "batch" : "epochs";
    evaluator.error(settings.locOf(option), std::string("option '") + option + "' of program '" + program->name +
                                               "': expected a positive int, got " +
                                               std::to_string(*batch <= 0 ? *batch : *epochs));
    return;
  }
  program->batch = this->options.batchOverride > 0 ? this->options.batchOverride : *batch;
  program->epochs = *epochs, program->seed = *seed, program->shuffle = *shuffle;

  // The data set.
  scopes.push_back(std::make_unique<Scope>());
  Scope &scope = *scopes.back();
  scope.parent = &globals;
  scope.names["B"] = Value::ofInt(program->batch);
  const Value *data = globals.lookup(programStmt.dataset);
  if (!data || !data->declaration || data->declaration->kind != StmtKind::Data) {
    evaluator.error(programStmt.datasetLoc, "unknown data set '" + programStmt.dataset + "'; declare it with 'data " +
                                                programStmt.dataset + " { ... }'");
    return;
  }
  if (!elaborateDataset(*data->declaration, *program, scope))
    return;

  // Instances first; per-batch values are re-evaluated inside each step and
  // metric, so they follow that context's mode (dropout, batch statistics).
  for (const ast::StmtPtr &stmt : programStmt.body) {
    if (stmt->kind == StmtKind::Const) {
      Flow flow;
      executeOne(*stmt, scope, Region::Program, nullptr, flow);
      continue;
    }
    if (stmt->kind != StmtKind::Assign)
      continue;
    const Value *callee = stmt->value->kind == ExprKind::Call && stmt->value->operands[0]->kind == ExprKind::Name
                              ? scope.lookup(stmt->value->operands[0]->text)
                              : nullptr;
    if (!callee || callee->kind != Value::Kind::Block || stmt->targets.size() != 1) {
      if (!stmt->checkpoint.empty())
        evaluator.error(stmt->value->loc, "only a block instance can be loaded 'from' a checkpoint");
      programValues.push_back(stmt.get());
      continue;
    }
    evaluator.training = program->isTraining;
    Value value = evalCall(*stmt->value, scope, stmt->targets[0]);
    if (value.kind == Value::Kind::Instance && !stmt->checkpoint.empty())
      for (ParameterInfo *parameter : value.instance->parameters)
        parameter->checkpoint = stmt->checkpoint;
    scope.names[stmt->targets[0]] = value;
  }
  std::vector<ast::StmtPtr> implicitStep;
  bool hasExplicitSteps = false;
  for (const ast::StmtPtr &stmt : programStmt.body) {
    switch (stmt->kind) {
    case StmtKind::Assign:
    case StmtKind::Const:
      break;
    case StmtKind::Step:
      if (!program->isTraining) {
        evaluator.error(stmt->loc, "an eval program has no steps; use 'train'");
        break;
      }
      hasExplicitSteps = true;
      elaborateStep(*stmt, stmt->body, scope);
      break;
    case StmtKind::Loss:
    case StmtKind::Update:
    case StmtKind::StateUpdate:
      if (!program->isTraining) {
        evaluator.error(stmt->loc, "an eval program does not train; use 'train'");
        break;
      }
      implicitStep.push_back(stmt);
      break;
    case StmtKind::Metric: {
      evaluator.training = false;
      Scope &metricScope = enterProgramContext(scope);
      Value value = eval(*stmt->value, metricScope);
      if (value.isError())
        break;
      if (value.kind != Value::Kind::Tensor || value.tensor->type.rank() != 0 ||
          value.tensor->type.element == ElementType::Bool) {
        std::string hint = value.kind == Value::Kind::Tensor && value.tensor->type.element == ElementType::Bool
                               ? "; convert it, e.g. mean(f32(...))"
                               : "; reduce it, e.g. mean(...)";
        evaluator.error(stmt->value->loc, "metric '" + stmt->name + "': expected a numeric scalar, got " +
                                              describe(value) + hint);
        break;
      }
      program->metrics.push_back({stmt->name, stmt->loc, value.tensor});
      break;
    }
    case StmtKind::Predict: {
      // The runtime prints one column per prediction, headed by its name.
      auto previous = std::find_if(program->predictions.begin(), program->predictions.end(),
                                   [&](const Prediction &existing) { return existing.name == stmt->name; });
      if (previous != program->predictions.end()) {
        evaluator.error(stmt->nameLoc, "redefinition of prediction '" + stmt->name + "'",
                        {{previous->loc, "previous definition is here"}});
        break;
      }
      evaluator.training = false;
      Scope &predictionScope = enterProgramContext(scope);
      Value value = eval(*stmt->value, predictionScope);
      if (value.isError())
        break;
      // The runtime reads row b of each prediction as sample b's: a value, or scores it takes the argmax of.
      bool perSample = value.kind == Value::Kind::Tensor && value.tensor->type.rank() >= 1 &&
                       value.tensor->type.rank() <= 2 && value.tensor->type.shape[0] == program->batch;
      if (!perSample) {
        std::string batch = std::to_string(program->batch);
        std::string hint = value.kind == Value::Kind::Tensor && value.tensor->type.rank() == 0
                               ? "; keep the batch dimension: a prediction is per sample"
                               : "";
        evaluator.error(stmt->value->loc, "prediction '" + stmt->name + "': expected a tensor [" + batch + "] or [" +
                                              batch + ", k] (one value or one row of scores per sample), got " +
                                              describe(value) + hint);
        break;
      }
      program->predictions.push_back({stmt->name, stmt->nameLoc, value.tensor});
      break;
    }
    default:
      evaluator.error(stmt->loc, std::string(ast::stmtKindDescription(stmt->kind)) +
                                     " is not allowed in a program; expected instances, steps, loss, update, metric "
                                     "or predict");
      break;
    }
  }
  if (!implicitStep.empty()) {
    if (hasExplicitSteps)
      evaluator.error(implicitStep.front()->loc, "this program has named steps; put 'loss' and 'update' inside one");
    else
      elaborateStep(programStmt, implicitStep, scope);
  }
  if (program->isTraining && program->steps.empty() && diagnostics.errorCount() == errorsBefore)
    evaluator.error(programStmt.nameLoc, "training program '" + program->name + "' has no loss and no update");
  program = nullptr;
  elaborated->programs.push_back(std::move(owned));
}

void Analyzer::run(unsigned mainBufferId) {
  globals.names.clear();
  llvm::SmallString<256> canonical;
  const auto *buffer = diagnostics.getSourceMgr().getMemoryBuffer(mainBufferId);
  if (!llvm::sys::fs::real_path(buffer->getBufferIdentifier(), canonical))
    loadedFiles.insert(canonical.str().str());
  if (!load(mainBufferId))
    return;
  // Programs are elaborated in file order; the main file's come last after imports.
  for (const Stmt *programStmt : programs) {
    if (diagnostics.reachedLimit())
      break;
    elaborateProgram(*programStmt);
  }
  if (!diagnostics.hadError())
    result.elaborated = std::move(elaborated);
}

AnalysisResult dlm::analyze(unsigned mainBufferId, DiagnosticEngine &diagnostics, const SemaOptions &options) {
  AnalysisResult result;
  Analyzer(diagnostics, options, result).run(mainBufferId);
  return result;
}
