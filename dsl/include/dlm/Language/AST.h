//===- AST.h - Abstract syntax tree of .dlm programs ----------------------===//
//
// The parser builds this tree; every node remembers where it came from (an
// llvm::SMLoc into the source buffer) so sema and later stages can point at it.
// Expressions are one uniform node kind-tagged by ExprKind; statements and
// declarations likewise share Stmt, because blocks, methods, steps and training
// programs nest the same few statement forms.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_LANGUAGE_AST_H
#define DLM_LANGUAGE_AST_H

#include "llvm/Support/SMLoc.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dlm::ast {

struct Expr;
struct Stmt;
struct TypeExpr;
using ExprPtr = std::shared_ptr<Expr>;
using StmtPtr = std::shared_ptr<Stmt>;
using TypePtr = std::shared_ptr<TypeExpr>;

/// The forms an expression can take.
enum class ExprKind {
  Integer,  ///< `42`
  Float,    ///< `1e-3`, `0.5`
  Bool,     ///< `true`, `false`
  String,   ///< `"train-images-idx3-ubyte.gz"`
  Name,     ///< `x`, `weight`, `N`
  Unary,    ///< `-x`, `not m`; text holds the operator
  Binary,   ///< `a + b`, `x @ w`, `a == b`; text holds the operator
  Call,     ///< `f(a, k = v)`; operands[0] is the callee, the rest arguments
  Keyword,  ///< `k = v` inside a call; text is the keyword, operands[0] the value
  Subscript,///< `x[i, 0:5]`; operands[0] is the base, the rest subscripts
  Slice,    ///< `a:b:c` inside a subscript; operands may be null
  Member,   ///< `net.fc1`; operands[0] is the base, text the member
  Tuple,    ///< `(a, b)`
  List,     ///< `[a, b]`
  Reduce,   ///< `sum(i, j: 5) body`; text is sum|mean|max|min|prod
  Ellipsis, ///< `...` in a type's dimension list
};

/// One index bound by a reduction, with an optional explicit extent.
struct ReduceIndex {
  std::string name;
  llvm::SMLoc loc;
  ExprPtr extent; ///< null unless written `i: extent`
};

/// An expression node. Unused fields keep their defaults.
struct Expr {
  ExprKind kind;
  llvm::SMLoc loc;
  std::string text;
  int64_t integer = 0;
  double real = 0.0;
  bool boolean = false;
  std::vector<ExprPtr> operands;
  std::vector<ReduceIndex> indices; ///< Reduce only

  Expr(ExprKind kind, llvm::SMLoc loc) : kind(kind), loc(loc) {}
};

/// A tensor or compile-time type: `f32[N, 784]`, `i32`, `int`, `f32[..., C]`.
/// `hasShape` distinguishes `f32` (a scalar) from `f32[]` (also a scalar, but
/// spelled out) only for printing.
struct TypeExpr {
  llvm::SMLoc loc;
  std::string element; ///< f16 bf16 f32 f64 i8 i32 i64 u8 bool, or int float
  bool hasShape = false;
  std::vector<ExprPtr> dims; ///< compile-time expressions or Ellipsis
};

/// A parameter of a block, function or method: `in: int = 3`, `x: f32[N, 4]`.
struct Parameter {
  std::string name;
  llvm::SMLoc loc;
  TypePtr type;        ///< null when untyped
  ExprPtr defaultValue;///< null when required
};

/// A declared result of a method: `-> f32[N, 10]` or `-> (x: f32[1, 28, 28], y: i32)`.
struct Result {
  std::string name; ///< empty when unnamed
  llvm::SMLoc loc;
  TypePtr type;
};

/// The statement and declaration forms.
enum class StmtKind {
  // Top level.
  Import,   ///< `import std.nn` / `import "path.dlm"`; text is the module path
  Block,    ///< `block Name(params) { members }`
  Function, ///< `fn name(params) -> results { statements }`
  Data,     ///< `data name { members }`
  Program,  ///< `train name on data(args) { members }` (text = train|eval)
  // Declarations usable in blocks and at top level.
  Const,    ///< `const name = value`
  Param,    ///< `param name: type = init`
  State,    ///< `state name: type = init`
  Method,   ///< `forward(params) -> results { statements }`
  // Statements.
  Assign,   ///< `a, b = value` (also sub-block instances and data splits)
  IndexedAssign, ///< `y[n, o] = value` (index notation, or an instance array)
  StateUpdate,   ///< `target <- value`
  Return,   ///< `return a, b`
  Yield,    ///< `yield value` (inside scan)
  If,       ///< `if cond { then } else { otherwise }`
  For,      ///< `for i in a..b { body }`
  Scan,     ///< `ys = scan t in 0..T carry (h = h0) { body yield y }`
  // Training programs.
  Step,     ///< `step name(options) { statements }`
  Loss,     ///< `loss = value`
  Update,   ///< `update a, b.c with optimizer(args)`
  Metric,   ///< `metric name = value`
  Predict,  ///< `predict name = value`
};

/// A possibly dotted reference to a block instance or parameter: `net.fc1.weight`.
struct Path {
  std::vector<std::string> parts;
  llvm::SMLoc loc;
  std::string str() const;
};

/// A statement or declaration. Fields are used according to `kind`; the
/// comments say which kinds use them.
struct Stmt {
  StmtKind kind;
  llvm::SMLoc loc;
  std::string name;  ///< Block Function Data Program Const Param State Method Step Metric Predict Scan(index) For(index); Import: path
  llvm::SMLoc nameLoc;
  std::string text;  ///< Program: train|eval
  std::string dataset; ///< Program: the data set it reads
  llvm::SMLoc datasetLoc;
  std::vector<Parameter> parameters; ///< Block Function Method
  std::vector<Result> results;       ///< Function Method
  std::vector<ExprPtr> arguments;    ///< Program and Step options
  std::vector<std::string> targets; ///< Assign targets; IndexedAssign base name; Scan result
  std::vector<llvm::SMLoc> targetLocs;
  std::vector<ExprPtr> subscripts;  ///< IndexedAssign: the bracketed expressions
  std::vector<Path> paths;          ///< Update targets; StateUpdate target
  TypePtr type;                     ///< Param State Const(optional)
  ExprPtr value;                    ///< most forms: the right-hand side / initializer / condition
  ExprPtr rangeBegin, rangeEnd, rangeStep; ///< For Scan
  bool reverse = false;             ///< Scan: iterate from the end
  std::vector<Parameter> carries;   ///< Scan: `carry (h = h0)`
  std::string checkpoint;           ///< Assign: `= Block() from "file"`
  std::vector<ExprPtr> values;      ///< Return Yield
  std::vector<StmtPtr> body;        ///< Block Function Data Program Method If For Scan Step
  std::vector<StmtPtr> elseBody;    ///< If
  bool hasElse = false;

  Stmt(StmtKind kind, llvm::SMLoc loc) : kind(kind), loc(loc) {}
};

/// One parsed .dlm file.
struct Module {
  std::string filename;
  unsigned bufferId = 0;
  std::vector<StmtPtr> declarations;
};

/// Spelling of a statement kind, as printed by --emit=ast.
const char *stmtKindName(StmtKind kind);
/// How a statement kind is named in diagnostics: "'return'", "a method definition".
const char *stmtKindDescription(StmtKind kind);
/// Spelling of an expression kind, as printed by --emit=ast.
const char *exprKindName(ExprKind kind);

} // namespace dlm::ast

#endif // DLM_LANGUAGE_AST_H
