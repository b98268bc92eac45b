//===- Sema.cpp - Elaborating and checking .dlm programs ------------------===//
//
// The Analyzer loads the main file and its imports, collects the top-level
// declarations, then elaborates every `train` and `eval` program: it
// instantiates blocks, inlines calls, unrolls compile-time loops and checks
// types and shapes on the way, building the graphs of Program.h.
//
//===----------------------------------------------------------------------===//

#include "dlm/Language/Sema.h"

#include "Evaluator.h"
#include "dlm/Language/Parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cmath>
#include <limits>
#include <set>

using namespace dlm;
using namespace dlm::sema;
using ast::Expr;
using ast::ExprKind;
using ast::Stmt;
using ast::StmtKind;

namespace {

/// Where statements are being executed; decides which forms are allowed.
enum class Region { TopLevel, BlockBody, Function, Method, Scan, Data, Program, Step, Metric };

const char *regionName(Region region) {
  switch (region) {
  case Region::TopLevel: return "at the top level";
  case Region::BlockBody: return "in a block body";
  case Region::Function: return "in a function";
  case Region::Method: return "in a method";
  case Region::Scan: return "in a scan body";
  case Region::Data: return "in a data declaration";
  case Region::Program: return "in a training program";
  case Region::Step: return "in a step";
  case Region::Metric: return "in a metric";
  }
  return "here";
}

/// What a statement sequence produced.
struct Flow {
  bool returned = false;
  Value value;
};

/// The statements of one step (or the implicit step) being elaborated.
struct StepBuilder {
  Step step;
  bool hasLoss = false;
};

/// An index variable of index notation: its extent once known, and where it was learned.
struct IndexVariable {
  std::optional<int64_t> extent;
  std::string source;
  llvm::SMLoc loc;
};

/// The result of evaluating a right-hand side of index notation: element type
/// and the indices it still depends on.
struct IndexedValue {
  bool ok = true;
  std::optional<ElementType> element; ///< unset for plain numbers
  std::set<std::string> indices;
};

/// An affine subscript `2*h + kh - 1`: coefficients per index and a constant.
struct AffineSubscript {
  std::map<std::string, int64_t> coefficients;
  int64_t constant = 0;
};

/// One affine subscript of a tensor dimension, checked once its indices'
/// extents are known. Indices are folded in as they become known: the
/// subscript then ranges over [low, high] plus the remaining coefficients.
struct AffineUse {
  std::map<std::string, int64_t> coefficients;
  int64_t low = 0, high = 0;
  int64_t extent = 0; ///< of the subscripted dimension
  llvm::SMLoc loc;
  std::string what;   ///< "dimension 2 of f32[4, 3, 10, 10]"
};

/// The state of evaluating one right-hand side of index notation.
struct IndexContext {
  std::map<std::string, IndexVariable> indices;
  std::vector<Node *> operands;
  std::vector<AffineUse> uses;
  std::shared_ptr<IndexNotation> notation = std::make_shared<IndexNotation>();
};

class Analyzer {
public:
  Analyzer(DiagnosticEngine &diagnostics, const SemaOptions &options, AnalysisResult &result)
      : diagnostics(diagnostics), options(options), result(result),
        elaborated(std::make_unique<ElaboratedModule>()), evaluator(diagnostics, *elaborated) {}

  void run(unsigned mainBufferId);

private:
  // Modules and top-level names.
  ast::Module *load(unsigned bufferId);
  void loadImport(const Stmt &import, const ast::Module &from);
  void declare(const Stmt &declaration);

  // Expressions.
  Value eval(const Expr &expr, Scope &scope);
  Value evalName(const Expr &expr, Scope &scope);
  Value evalMember(const Expr &expr, Scope &scope);
  Value evalCall(const Expr &expr, Scope &scope, const std::string &instancePath = "");
  Value evalSubscript(const Expr &expr, Scope &scope);
  Value evalBinary(const Expr &expr, Scope &scope);
  Value evalUnary(const Expr &expr, Scope &scope);
  Value evalGrad(const Expr &expr, std::vector<Argument> &arguments);
  std::vector<Argument> evalArguments(const Expr &call, Scope &scope, size_t first);
  std::optional<int64_t> evalInteger(const Expr &expr, Scope &scope, const char *what);
  Value callBuiltin(const Builtin &builtin, const Expr &call, std::vector<Argument> arguments);
  Value callFunction(const Stmt &function, const Expr &call, std::vector<Argument> arguments, Instance *self);

  // Statements.
  Flow execute(const std::vector<ast::StmtPtr> &statements, Scope &scope, Region region, Instance *self);
  bool executeOne(const Stmt &stmt, Scope &scope, Region region, Instance *self, Flow &flow);
  void bindTargets(const Stmt &stmt, const Value &value, Scope &scope);
  /// After a statement failed, binds the names it would have bound to errors.
  void poisonAssignedNames(const std::vector<ast::StmtPtr> &statements, Scope &scope);
  void executeIndexNotation(const Stmt &stmt, Scope &scope);
  void executeScan(const Stmt &stmt, Scope &scope, Region region, Instance *self);
  void executeStateUpdate(const Stmt &stmt, Scope &scope);
  std::optional<std::vector<int64_t>> evalRange(const Stmt &stmt, Scope &scope);

  // Index notation.
  IndexedValue evalIndexed(const Expr &expr, Scope &scope, IndexContext &context);
  bool foldKnownIndices(IndexContext &context, const std::vector<std::string> &names);
  std::optional<AffineSubscript> evalAffine(const Expr &expr, Scope &scope,
                                            const std::map<std::string, IndexVariable> &indices);

  // Blocks, types and signatures.
  Instance *instantiate(const Stmt &block, const Expr &call, std::vector<Argument> arguments, const std::string &path);
  void executeMember(const Stmt &stmt, Instance &instance, Scope &scope);
  void declareParameter(const Stmt &stmt, Instance &instance, Scope &scope);
  void addChild(Instance &instance, Instance *child);
  std::optional<TensorType> evalConcreteType(const ast::TypeExpr &type, Scope &scope);
  bool matchType(const ast::TypeExpr &declared, const Value &actual, Scope &bindings, llvm::SMLoc loc,
                 const std::string &what);
  bool bindCompileTimeParameter(const ast::Parameter &parameter, const Value &value, Scope &scope, llvm::SMLoc loc,
                                const std::string &callee);

  // Data and programs.
  void elaborateProgram(const Stmt &program);
  bool elaborateDataset(const Stmt &data, Program &program, Scope &programScope);
  void elaborateStep(const Stmt &stepStmt, const std::vector<ast::StmtPtr> &body, Scope &programScope);
  /// A scope for one step or metric, with the program's per-batch values
  /// evaluated in the current mode.
  Scope &enterProgramContext(Scope &programScope);
  void addUpdate(const Stmt &stmt, Scope &scope, StepBuilder &builder);
  /// Evaluates a call's arguments, reading nested calls as learning-rate schedules.
  std::vector<Argument> evalScheduleArguments(const Expr &call, Scope &scope);
  void checkGradients(StepBuilder &builder);
  std::vector<ParameterInfo *> resolveParameters(const ast::Path &path, Scope &scope);
  bool reaches(Node *from, const Node *target);
  void gradientParameters(Node *root, std::set<const ParameterInfo *> &found);

  /// "; did you mean 'x'?" for the nearest visible name, or "".
  std::string suggestion(const std::string &name, const Scope &scope, bool withBuiltins = true);

  DiagnosticEngine &diagnostics;
  const SemaOptions &options;
  AnalysisResult &result;
  std::unique_ptr<ElaboratedModule> elaborated;
  Evaluator evaluator;

  Scope globals;
  std::map<std::string, llvm::SMLoc> globalLocations;
  std::set<std::string> loadedFiles;
  std::vector<const Stmt *> programs;

  // The program being elaborated.
  Program *program = nullptr;
  StepBuilder *currentStep = nullptr;
  std::vector<const Stmt *> programValues;
  std::vector<std::unique_ptr<Instance>> instances;
  std::vector<std::unique_ptr<Scope>> scopes;
  int inliningDepth = 0;
  std::vector<const Stmt *> instantiating; ///< blocks being instantiated, outermost first
};

} // namespace

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
                                     " is not allowed in a step; metrics and steps belong to the program");
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
    default:
      evaluator.error(stmt->loc, std::string(ast::stmtKindDescription(stmt->kind)) +
                                     " is not allowed in a program; expected instances, steps, loss, update or metric");
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
