//===- Manifest.h - The model description the compiled object exports ----===//
//
// `dlm_manifest` (docs/runtime-abi.md §2) is the only thing the runtime knows
// about a model: its tensors, data set, optimizers and entry points with the
// exact buffer list of each. It is parsed and checked once at start-up.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_MANIFEST_H
#define DLM_RUNTIME_MANIFEST_H

#include "dlm/Runtime/Schedule.h"
#include "dlm/Runtime/TensorType.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dlm::runtime {

/// What a buffer of an entry point, or a kept tensor, is.
enum class Role {
  Param,
  State,
  OptimizerState,
  /// A batched data field.
  Input,
  /// A raw field of one sample (the `sample` entry's arguments).
  Raw,
  /// A field of one sample (the `sample` entry's results).
  Field,
  RandomKey,
  LearningRate,
  StepCount,
  Loss,
  Metric,
  /// A per-sample output of the `predict` entry.
  Prediction,
  /// The index of the first op that produced NaN or infinity, or -1 (a `step_<i>.numerics` entry).
  NumericsIndex,
};

const char *roleName(Role role);

/// True for the roles kept between calls and written to checkpoints.
bool isPersistent(Role role);

/// A tensor the runtime keeps between calls: a param, state or optimizer state.
struct TensorSpec {
  /// The PyTorch state-dict name, e.g. `net.conv1.weight`.
  std::string name;
  Role role = Role::Param;
  TensorType type;
  /// A safetensors file to load this tensor from at start-up (pretrained weights), or empty.
  std::string checkpoint;
  /// The tensor's name inside `checkpoint`; empty to match by name (see Checkpoint.h).
  std::string checkpointName;
};

/// One argument or result of an entry point.
struct BufferSpec {
  Role role = Role::Param;
  /// The tensor, field or metric name; empty for keys, rates, step counts and losses.
  std::string name;
  TensorType type;
  /// For a learning rate: the optimizer's index.
  int optimizer = -1;
  /// `file:line:col` of the producing .dlm code, when the compiler records it.
  std::string location;
};

/// One exported function, `void symbol(void **buffers)`.
struct EntrySpec {
  /// `init`, `sample`, `step_0`, `eval`, `predict`.
  std::string entry;
  /// For a step: its name in the .dlm program (`main`, `critic`).
  std::string step;
  std::string symbol;
  std::vector<BufferSpec> arguments;
  std::vector<BufferSpec> results;
  /// For a `step_<i>.numerics` entry: per op its `NumericsIndex` may name, `file:line:col` (or
  /// empty) and its kind (`log`).
  std::vector<std::string> numericsLocations, numericsOps;

  /// Bytes of all argument and result buffers of one call.
  size_t bufferBytes() const;
};

/// A data field: a name with the type of one sample.
struct FieldSpec {
  std::string name;
  TensorType type;
};

/// The files of one split (`train`, `test`), one per raw field, relative to the data directory.
struct SplitSpec {
  std::string format;
  std::vector<std::string> files;
};

struct DatasetSpec {
  std::string name;
  std::map<std::string, SplitSpec> splits;
  std::vector<FieldSpec> rawFields;
  std::vector<FieldSpec> fields;
};

struct OptimizerSpec {
  /// `sgd`, `adam`, ...
  std::string name;
  /// The other settings as written in the manifest, for display: `momentum = 0.9`.
  std::string settings;
  /// The step whose `update` it is, when the manifest says.
  std::string step;
  std::vector<std::string> params;
  Schedule learningRate;
};

struct ProgramSpec {
  std::string name;
  /// `train`.
  std::string kind;
  int64_t batch = 1;
  int64_t epochs = 1;
  uint64_t seed = 0;
  bool shuffle = true;
  DatasetSpec dataset;
  std::vector<TensorSpec> tensors;
  std::vector<OptimizerSpec> optimizers;
  std::vector<std::string> metrics;
  std::vector<EntrySpec> entries;

  /// The entry named `entry`, or null.
  const EntrySpec *findEntry(std::string_view entry) const;
  /// `step_0`, `step_1`, ... in call order.
  std::vector<const EntrySpec *> steps() const;
  /// The index of the data field named `name`, or -1.
  int fieldIndex(std::string_view name) const;
};

struct Manifest {
  int version = 0;
  /// The .dlm file the model was compiled from.
  std::string source;
  std::vector<ProgramSpec> programs;

  /// The program named `name`, or null.
  const ProgramSpec *findProgram(std::string_view name) const;
};

/// Parses and checks the manifest; a RuntimeError says what is malformed, prefixed with `manifest: `.
Manifest parseManifest(std::string_view text);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_MANIFEST_H
