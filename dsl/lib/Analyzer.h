//===- Analyzer.h - The state of semantic analysis (sema internals) -------===//
//
// The Analyzer class is sema: one abstract interpreter over the AST, split by
// subject across Sema.cpp (modules and programs), SemaExpressions.cpp,
// SemaStatements.cpp (blocks and statements) and SemaIndexNotation.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_LANGUAGE_ANALYZER_H
#define DLM_LANGUAGE_ANALYZER_H

#include "Evaluator.h"
#include "dlm/Language/Sema.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dlm::sema {

using ast::Expr;
using ast::ExprKind;
using ast::Stmt;
using ast::StmtKind;


/// Where statements are being executed; decides which forms are allowed.
enum class Region { TopLevel, BlockBody, Function, Method, Scan, Data, Program, Step, Metric };

inline const char *regionName(Region region) {
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


} // namespace dlm::sema

#endif // DLM_LANGUAGE_ANALYZER_H
