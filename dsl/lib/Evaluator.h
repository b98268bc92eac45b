//===- Evaluator.h - Compile-time evaluation of .dlm (sema internals) -----===//
//
// Sema is an abstract interpreter: it evaluates the program at compile time,
// where compile-time values (ints, floats, bools, block instances) are known
// and tensors are known only by their type. Evaluating a tensor expression
// appends a Node to the elaborated graph. Shared by Sema.cpp (statements,
// blocks, programs) and Builtins.cpp (the built-in functions).
//
//===----------------------------------------------------------------------===//

#ifndef DLM_LANGUAGE_EVALUATOR_H
#define DLM_LANGUAGE_EVALUATOR_H

#include "dlm/Language/Diagnostics.h"
#include "dlm/Language/Program.h"

#include "llvm/ADT/StringRef.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dlm::sema {

struct Instance;
struct Builtin;

/// A compile-time value.
struct Value {
  enum class Kind {
    Error,    ///< the result of an expression that already reported an error
    None,
    Int,
    Float,
    Bool,
    String,
    Tensor,   ///< a runtime tensor: `tensor` has its node
    Tuple,
    List,     ///< `[1, 2]`, and instance arrays `layers[i]`
    Instance, ///< an instantiated block
    Block,    ///< a block declaration, callable to instantiate it
    Function, ///< a `fn` declaration
    Method,   ///< a method bound to an instance
    Builtin,
    Spec,     ///< an initializer, optimizer, schedule or data source
  };
  Kind kind = Kind::None;
  int64_t integer = 0;
  double real = 0;
  bool boolean = false;
  std::string text;
  Node *tensor = nullptr;
  std::vector<Value> elements;
  Instance *instance = nullptr;
  const ast::Stmt *declaration = nullptr;
  const Builtin *builtin = nullptr;
  std::shared_ptr<Spec> spec;

  static Value error() {
    Value v;
    v.kind = Kind::Error;
    return v;
  }
  static Value none() {
    Value v;
    v.kind = Kind::None;
    return v;
  }
  static Value ofInt(int64_t i) {
    Value v;
    v.kind = Kind::Int;
    v.integer = i;
    return v;
  }
  static Value ofFloat(double f) {
    Value v;
    v.kind = Kind::Float;
    v.real = f;
    return v;
  }
  static Value ofBool(bool b) {
    Value v;
    v.kind = Kind::Bool;
    v.boolean = b;
    return v;
  }
  static Value ofTensor(Node *node) {
    Value v;
    v.kind = Kind::Tensor;
    v.tensor = node;
    return v;
  }
  static Value ofInstance(Instance *instance) {
    Value v;
    v.kind = Kind::Instance;
    v.instance = instance;
    return v;
  }
  static Value ofSpec(std::shared_ptr<Spec> spec) {
    Value v;
    v.kind = Kind::Spec;
    v.spec = std::move(spec);
    return v;
  }

  bool isError() const { return kind == Kind::Error; }
  bool isNumber() const { return kind == Kind::Int || kind == Kind::Float; }
  double asDouble() const { return kind == Kind::Int ? static_cast<double>(integer) : real; }
};

/// How a value is named in messages: "a tensor f32[64, 10]", "an int (3)".
std::string describe(const Value &value);

/// A lexical scope of names.
struct Scope {
  std::map<std::string, Value> names;
  Scope *parent = nullptr;

  const Value *lookup(const std::string &name) const {
    for (const Scope *scope = this; scope; scope = scope->parent) {
      auto it = scope->names.find(name);
      if (it != scope->names.end())
        return &it->second;
    }
    return nullptr;
  }
};

/// An instantiated block: its members and where its parameters live.
struct Instance {
  std::string path; ///< `net.layer1.0`; empty at a program's top level is never used
  const ast::Stmt *block = nullptr;
  Scope members;    ///< compile-time arguments, consts, params, states, sub-instances
  std::map<std::string, const ast::Stmt *> methods;
  std::vector<ParameterInfo *> parameters; ///< own and nested, in declaration order
  std::map<std::string, Node *> leaves;    ///< param/state leaf node per member name
  std::map<std::string, llvm::SMLoc> memberLocations; ///< where each member was declared
};

/// An argument at a call site.
struct Argument {
  std::string keyword; ///< empty for positional
  Value value;
  llvm::SMLoc loc;        ///< of the value
  llvm::SMLoc keywordLoc; ///< of the keyword, when there is one
  const ast::Expr *expression = nullptr;
};

/// Binds call arguments to named parameters, reporting unknown keywords,
/// duplicates, missing required parameters and surplus positional arguments.
struct ParameterSpec {
  std::string name;
  bool required = false;
};

class Evaluator;

/// The arguments of one call of a built-in, bound to its parameter names.
class CallArguments {
public:
  CallArguments(Evaluator &evaluator, llvm::StringRef callee, llvm::SMLoc loc,
                std::map<std::string, Argument> bound)
      : evaluator(evaluator), callee(callee.str()), loc(loc), bound(std::move(bound)) {}

  bool has(const std::string &name) const { return bound.count(name) != 0; }
  const Argument *get(const std::string &name) const {
    auto it = bound.find(name);
    return it == bound.end() ? nullptr : &it->second;
  }
  llvm::SMLoc locOf(const std::string &name) const {
    const Argument *argument = get(name);
    return argument ? argument->loc : loc;
  }
  /// A tensor argument (numbers are turned into scalar constants of `like`'s type).
  Node *tensor(const std::string &name);
  std::optional<int64_t> integer(const std::string &name, std::optional<int64_t> fallback = std::nullopt);
  std::optional<double> number(const std::string &name, std::optional<double> fallback = std::nullopt);
  std::optional<bool> boolean(const std::string &name, std::optional<bool> fallback = std::nullopt);
  /// An int or a list of ints; a single int is repeated `count` times.
  std::optional<std::vector<int64_t>> integers(const std::string &name, size_t count,
                                               std::optional<int64_t> fallback = std::nullopt);
  /// A list of ints (a permutation, paddings).
  std::optional<std::vector<int64_t>> integerList(const std::string &name);
  /// A list of positive ints naming a shape (`-1` allowed once when `allowInferred`).
  std::optional<Shape> shape(const std::string &name, bool allowInferred = false);

  Evaluator &evaluator;
  std::string callee;
  llvm::SMLoc loc;
  std::map<std::string, Argument> bound;
};

/// A built-in function: its parameters and the rule computing its result.
struct Builtin {
  std::string name;
  std::vector<ParameterSpec> parameters;
  std::function<Value(CallArguments &)> apply;
  /// Whether gradients flow through it to its tensor operands.
  bool differentiable = true;
  /// Where it may be used: expressions, parameter initializers, optimizers
  /// (after `with`), schedules (as `lr`) or data sources.
  enum class Context { Expression, Initializer, Optimizer, Schedule, Source } context = Context::Expression;
};

/// Looks up a built-in by name in a context.
const Builtin *findBuiltin(llvm::StringRef name, Builtin::Context context);
/// All built-ins of a context (for "did you mean" lists).
std::vector<const Builtin *> builtinsOf(Builtin::Context context);

/// The evaluation state shared by sema's statements and the built-ins.
class Evaluator {
public:
  Evaluator(DiagnosticEngine &diagnostics, ElaboratedModule &module) : diagnostics(diagnostics), module(module) {}

  /// Reports an error, then `notes`, then a note for each call being inlined.
  void error(llvm::SMLoc loc, const llvm::Twine &message,
             const std::vector<std::pair<llvm::SMLoc, std::string>> &notes = {});
  void note(llvm::SMLoc loc, const llvm::Twine &message) { diagnostics.note(loc, message); }

  /// Appends a node to the elaborated graph.
  Node *makeNode(llvm::StringRef op, std::vector<Node *> operands, TensorType type, llvm::SMLoc loc);
  /// A scalar constant of element type `element`.
  Node *makeConstant(double value, ElementType element, llvm::SMLoc loc);

  /// An elementwise binary operation with numpy broadcasting; numbers adopt
  /// the tensor operand's element type. Comparisons give bool tensors.
  Value binary(llvm::StringRef op, const Value &lhs, const Value &rhs, llvm::SMLoc loc);
  /// Turns a number into a scalar constant of `element`, or returns the tensor.
  Node *asTensor(const Value &value, ElementType element, llvm::SMLoc loc);

  /// Binds arguments to parameters; returns false after reporting an error.
  bool bindArguments(llvm::StringRef callee, llvm::SMLoc loc, const std::vector<ParameterSpec> &parameters,
                     const std::vector<Argument> &arguments, std::map<std::string, Argument> &bound);

  /// Whether the statements being evaluated run in training mode.
  bool training = false;
  /// Whether random built-ins may be used here (not in the sample transform).
  bool inSample = false;

  DiagnosticEngine &diagnostics;
  ElaboratedModule &module;
  /// The leaf node of every parameter and state created so far.
  std::map<const ParameterInfo *, Node *> parameterLeaves;
  /// The calls and instantiations being inlined, innermost last, each with
  /// the note that explains it ("'Linear.forward' called here").
  std::vector<std::pair<llvm::SMLoc, std::string>> callStack;
};

} // namespace dlm::sema

#endif // DLM_LANGUAGE_EVALUATOR_H
