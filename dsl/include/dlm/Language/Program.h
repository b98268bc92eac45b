//===- Program.h - The typed, elaborated form of a .dlm program -----------===//
//
// Sema elaborates the AST: blocks are instantiated with their compile-time
// arguments, functions and methods are inlined, compile-time loops unrolled,
// and every tensor expression becomes a Node with a static TensorType and the
// source location it came from. This is the "typed AST" that MLIRGen turns
// into the dlm dialect: one graph per training step, metric, prediction and
// eval program.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_LANGUAGE_PROGRAM_H
#define DLM_LANGUAGE_PROGRAM_H

#include "dlm/Language/AST.h"
#include "dlm/Language/Types.h"

#include "llvm/Support/SMLoc.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dlm::sema {

struct Node;
struct ParameterInfo;

/// A configuration object: an initializer, an optimizer, a learning-rate
/// schedule or a data source, e.g. `adam(lr = cosine(1e-3), beta1 = 0.5)`.
struct Spec {
  std::string name;
  llvm::SMLoc loc;
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> strings;
  std::map<std::string, std::shared_ptr<Spec>> nested;
};

/// A compile-time attribute of a node (`stride = [2, 2]`, `axis = 1`).
struct Attribute {
  enum class Kind { Integer, Float, Bool, String, Integers } kind = Kind::Integer;
  int64_t integer = 0;
  double real = 0;
  std::string text;
  std::vector<int64_t> integers;

  static Attribute ofInteger(int64_t value) {
    Attribute attribute;
    attribute.integer = value;
    return attribute;
  }
};

/// How index notation reads one operand: per dimension, an affine function of
/// the index variables (`2*h + kh - 1` is {h: 2, kh: 1} and -1).
struct IndexAccess {
  unsigned operand = 0;
  std::vector<std::map<std::string, int64_t>> coefficients;
  std::vector<int64_t> constants;
};

/// What MLIRGen needs beyond the AST to translate index notation: the values
/// sema computed at compile time, keyed by the AST node they belong to.
struct IndexNotation {
  std::vector<std::string> outputIndices;
  std::map<const ast::Expr *, IndexAccess> accesses;             ///< Subscript and scalar-tensor Name nodes
  std::map<const ast::Expr *, double> numbers;                   ///< compile-time Name nodes
  std::map<const ast::Expr *, std::vector<int64_t>> reductionExtents; ///< Reduce nodes
};

/// One tensor-valued operation of an elaborated graph.
struct Node {
  /// The operation: a built-in name (`conv`, `add`, `cross_entropy`), or a leaf:
  /// `param`, `state`, `input`, `constant`, `random`, or `index_notation`,
  /// `grad`, `scan`, `scan_index`, `scan_carry`.
  std::string op;
  std::vector<Node *> operands;
  std::vector<std::pair<std::string, Attribute>> attributes;
  TensorType type;
  llvm::SMLoc loc;
  /// `param` and `state` leaves: which one.
  const ParameterInfo *parameter = nullptr;
  /// `input` leaves: the data field; `index_notation`: the left-hand side indices.
  std::string label;
  /// `index_notation`: the right-hand side as written; the operands are the
  /// tensors it subscripts, in order of appearance.
  const ast::Expr *expression = nullptr;
  /// `index_notation`: the compile-time facts about `expression`.
  std::shared_ptr<IndexNotation> indexNotation;
  /// `scan`: the per-step results of the body (carries, then the yield).
  std::vector<Node *> regionResults;

  const Attribute *findAttribute(const std::string &name) const;
};

/// A trainable parameter or a non-trainable state tensor of a block instance.
struct ParameterInfo {
  std::string path; ///< PyTorch state-dict style: `net.layer1.0.conv1.weight`
  TensorType type;
  bool trainable = true; ///< false for `state`
  Spec initializer;
  std::string checkpoint; ///< non-empty when the instance is loaded `from` a file
  llvm::SMLoc loc;
};

/// One parameter update: `update net with sgd(...)`.
struct Update {
  std::vector<const ParameterInfo *> parameters;
  Spec optimizer;
  llvm::SMLoc loc;
};

/// `target <- value`: a non-gradient update of a parameter or state.
struct StateAssignment {
  const ParameterInfo *target = nullptr;
  Node *value = nullptr;
  llvm::SMLoc loc;
};

/// A `step` of a training program (or the implicit one).
struct Step {
  std::string name;
  llvm::SMLoc loc;
  Node *loss = nullptr;
  std::vector<Update> updates;
  std::vector<StateAssignment> stateAssignments;
};

/// `metric name = value`, evaluated in evaluation mode.
struct Metric {
  std::string name;
  llvm::SMLoc loc;
  Node *value = nullptr;
};

/// `predict name = value`, evaluated in evaluation mode: one value ([batch]) or
/// one row of scores ([batch, k]) per sample, which the runtime's `predict`
/// command prints.
struct Prediction {
  std::string name;
  llvm::SMLoc loc; ///< where the name is written
  Node *value = nullptr;
};

/// A field of a data set's per-sample result, e.g. `x: f32[1, 28, 28]`.
struct DataField {
  std::string name;
  TensorType sampleType;
};

/// A `data` declaration after elaboration.
struct Dataset {
  std::string name;
  std::map<std::string, Spec> splits; ///< `train`, `test`, ...
  std::vector<DataField> rawFields;   ///< the sample transform's inputs
  std::vector<DataField> fields;      ///< its results
  /// The transform's result per field, computed from `input` leaves labelled
  /// with the raw field names, on one sample.
  std::vector<Node *> sampleResults;
};

/// A `train` or `eval` program after elaboration.
struct Program {
  std::string name;
  bool isTraining = true;
  llvm::SMLoc loc;
  Dataset dataset;
  int64_t batch = 0;
  int64_t epochs = 1;
  int64_t seed = 0;
  bool shuffle = true;
  std::vector<std::unique_ptr<ParameterInfo>> parameters;
  std::vector<Step> steps;
  std::vector<Metric> metrics;
  std::vector<Prediction> predictions;
};

/// Everything sema produced: the programs and the arena owning all nodes.
struct ElaboratedModule {
  std::vector<std::unique_ptr<Program>> programs;
  std::vector<std::unique_ptr<Node>> nodes;
};

} // namespace dlm::sema

#endif // DLM_LANGUAGE_PROGRAM_H
