//===- Checkpoint.h - Saving and restoring a model and its training state --===//
//
// A checkpoint is a safetensors file holding every kept tensor under its
// manifest (PyTorch state-dict) name, and in its metadata where training
// stands. Because every random draw depends only on the seed and a counter,
// that is all `--resume` needs to continue bit for bit.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_CHECKPOINT_H
#define DLM_RUNTIME_CHECKPOINT_H

#include <cstdint>
#include <optional>
#include <string>

namespace dlm::runtime {

class Model;

/// Where a training run stands; stored as the checkpoint's metadata.
struct TrainingState {
  /// The program that wrote it.
  std::string program;
  /// Epochs completed.
  int64_t epochsDone = 0;
  /// Length of the run in epochs (schedules span it).
  int64_t epochs = 0;
  /// Batches completed over the whole run: the global step.
  int64_t batchesDone = 0;
  uint64_t seed = 0;
  /// Training samples used per epoch (after --limit-train).
  int64_t trainSamples = 0;
  int64_t stepsPerEpoch = 0;
  /// The `--lr` the run was started with, if any.
  std::optional<double> baseRate;
};

/// Which kept tensors a checkpoint must provide.
enum class CheckpointScope {
  /// Every param, state and optimizer state (resuming training).
  Everything,
  /// Params and states; optimizer states are loaded when present (evaluation).
  Inference,
};

/// Writes the model's current tensors and `state` to `path` atomically.
void saveCheckpoint(const std::string &path, const Model &model, const TrainingState &state);

/// Loads `path` into the model's current tensors after checking every name, dtype and shape (the
/// first mismatch is a RuntimeError). Returns the training state in its metadata, if it has one.
std::optional<TrainingState> loadCheckpoint(const std::string &path, Model &model, CheckpointScope scope);

/// Loads the tensors whose manifest entry names a `checkpoint` file (pretrained weights). A tensor
/// is looked up by `checkpoint_name` if given, else by its own name, else by its name relative to
/// its block instance (`teacher.fc.weight` → `fc.weight`) under one common prefix in the file
/// (`net.fc.weight`): a model's checkpoint serves as another's sub-block.
void loadPretrainedTensors(Model &model);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_CHECKPOINT_H
