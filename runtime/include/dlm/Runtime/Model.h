//===- Model.h - The model's buffers and its bound entry points ------------===//
//
// A Model owns every buffer a program's entry points see: the kept tensors
// (double-buffered where a step updates them, so results never alias
// arguments), the batch, a sample's buffers (zeros for a missing raw field) and the scalar
// arguments and results. All of them come from one static plan; after
// `allocate` a call only copies pointers into its buffer array.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_MODEL_H
#define DLM_RUNTIME_MODEL_H

#include "dlm/Runtime/Arena.h"
#include "dlm/Runtime/EntryPoints.h"
#include "dlm/Runtime/Manifest.h"
#include "dlm/Runtime/SampleCall.h"

#include <memory>
#include <string_view>
#include <vector>

namespace dlm::runtime {

/// A tensor kept between calls (param, state or optimizer state).
struct TensorBuffer {
  const TensorSpec *spec = nullptr;
  /// What the next call reads, and what checkpoints hold.
  void *current = nullptr;
  /// Where an entry that also reads the tensor writes its new value; swapped with `current` after
  /// the call. Null if no entry needs it.
  void *next = nullptr;
};

/// A buffer of one entry that the runtime fills (key, rate, step count) or reads (loss, metric,
/// prediction).
struct EntryBuffer {
  const BufferSpec *spec = nullptr;
  void *data = nullptr;
};

/// A generated function with its buffer array bound to a Model's buffers.
class BoundEntry {
public:
  explicit BoundEntry(const EntrySpec &spec);
  const EntrySpec &spec() const { return *entrySpec; }

  /// Sets the `random_key` argument.
  void setKey(uint64_t key);
  /// Sets the `step_count` argument (PyTorch's `state["step"]`: updates applied plus one).
  void setStepCount(int64_t count);
  /// Sets each `learning_rate` argument from `rates[optimizer]`.
  void setLearningRates(const std::vector<double> &rates);

  /// Calls the function, then makes every tensor it updated current.
  void call();
  /// Makes the double-buffered tensors the last `call` updated hold their values from before it
  /// again, so that the call can be repeated on the same inputs.
  void undoUpdates();

  /// The results that are not kept tensors (loss, metrics, predictions), in result order.
  const std::vector<EntryBuffer> &outputs() const { return results; }
  /// The first output with `role`, or null.
  const EntryBuffer *findOutput(Role role) const;
  /// The kept tensors the call writes.
  const std::vector<TensorBuffer *> &writtenTensors() const { return written; }

private:
  friend class Model;
  const EntrySpec *entrySpec;
  EntryFunction function = nullptr;
  std::vector<void *> buffers;
  /// Where each pointer of `buffers` is read from just before the call: the pointers move when
  /// double buffers are swapped.
  std::vector<void *const *> sources;
  std::vector<EntryBuffer> scalars;
  std::vector<EntryBuffer> results;
  std::vector<TensorBuffer *> written;
  /// The subset of `written` that is double-buffered.
  std::vector<TensorBuffer *> swapped;
};

class Model {
public:
  /// Plans every buffer and binds every entry of `program` (which must outlive the model); checks
  /// that each entry's buffers agree with the tensors and fields. Allocates nothing.
  explicit Model(const ProgramSpec &program);

  /// The one allocation; every buffer is zero afterwards.
  void allocate();

  const ProgramSpec &program() const { return *programSpec; }
  const ArenaPlanner &plan() const { return planner; }

  std::vector<TensorBuffer> &tensors() { return tensorBuffers; }
  const std::vector<TensorBuffer> &tensors() const { return tensorBuffers; }
  /// The entry named `entry` (`init`, `eval`), or null.
  BoundEntry *findEntry(std::string_view entry);
  /// `step_0`, `step_1`, ... in call order.
  const std::vector<BoundEntry *> &steps() const { return stepEntries; }

  /// The batch buffer of data field `field` (dataset order): [batch, field shape].
  void *batchBuffer(size_t field) const { return batchBuffers[field]; }
  /// A buffer of raw field `field`'s size, zero: what `sample` reads for a field a split lacks.
  void *rawSampleBuffer(size_t field) const { return rawSampleBuffers[field]; }
  /// At least `count` callers of the `sample` entry, one per thread gathering a batch; the model
  /// must have a `sample` entry.
  std::vector<SampleCall> &sampleCalls(size_t count);

  /// Runs `init` with the key of `seed`; tensors it does not produce (optimizer states) stay zero.
  void initialize(uint64_t seed);

  /// Elements of all tensors with `role`.
  int64_t elementCount(Role role) const;

private:
  void bind(BoundEntry &bound);
  void bindArgument(BoundEntry &bound, const BufferSpec &argument);
  void bindResult(BoundEntry &bound, const BufferSpec &result);
  void *const *fieldSource(const std::vector<FieldSpec> &fields, std::vector<void *> &buffers, const BufferSpec &buffer,
                           const Shape &prefix, const EntrySpec &entry);

  const ProgramSpec *programSpec;
  ArenaPlanner planner;
  AlignedMemory memory;
  std::vector<TensorBuffer> tensorBuffers;
  std::vector<void *> batchBuffers, rawSampleBuffers, sampleFieldBuffers;
  std::vector<std::unique_ptr<BoundEntry>> entries;
  std::vector<BoundEntry *> stepEntries;
  std::vector<SampleCall> sampleCallers;
};

} // namespace dlm::runtime

#endif // DLM_RUNTIME_MODEL_H
