//===- Checkpoint.cpp - Saving and restoring a model and its training state ===//

#include "dlm/Runtime/Checkpoint.h"

#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/Model.h"
#include "dlm/Runtime/Runtime.h"
#include "dlm/Runtime/SafeTensors.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

using namespace dlm::runtime;

namespace {

/// Checks that `stored` (from `path`) can be loaded into a tensor of type `expected`.
void checkStoredTensor(const std::string &path, const NamedTensor &stored, const TensorSpec &expected) {
  if (stored.type.dataType != expected.type.dataType)
    fail("{}: tensor '{}' has dtype {}, the model expects {}", path, stored.name, dataTypeName(stored.type.dataType),
         dataTypeName(expected.type.dataType));
  if (stored.type.shape != expected.type.shape)
    fail("{}: tensor '{}' has shape {}, the model expects {}", path, stored.name, shapeString(stored.type.shape),
         shapeString(expected.type.shape));
}

uint64_t metadataNumber(const SafeTensorsFile &file, const char *key) {
  auto found = file.metadata().find(key);
  if (found == file.metadata().end())
    fail("{}: the metadata has no '{}'", file.path(), key);
  const std::string &text = found->second;
  if (!text.empty() && text.size() <= 20 && std::all_of(text.begin(), text.end(), ::isdigit)) {
    errno = 0;
    uint64_t value = std::strtoull(text.c_str(), nullptr, 10);
    if (errno == 0)
      return value;
  }
  fail("{}: metadata '{}' is not a non-negative integer: '{}'", file.path(), key, text);
}

int64_t metadataCount(const SafeTensorsFile &file, const char *key) {
  uint64_t value = metadataNumber(file, key);
  if (value > static_cast<uint64_t>(INT64_MAX))
    fail("{}: metadata '{}' is too large: {}", file.path(), key, value);
  return static_cast<int64_t>(value);
}

/// The name of a tensor relative to its block instance: `teacher.fc.weight` → `fc.weight`.
std::string relativeName(const std::string &name) {
  size_t dot = name.find('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

/// Prefixes P such that `P + relative` names a tensor of `file`.
std::vector<std::string> prefixesOf(const SafeTensorsFile &file, const std::string &relative) {
  std::vector<std::string> prefixes;
  for (const NamedTensor &stored : file.tensors()) {
    const std::string &name = stored.name;
    if (name.size() >= relative.size() && name.compare(name.size() - relative.size(), relative.size(), relative) == 0 &&
        (name.size() == relative.size() || name[name.size() - relative.size() - 1] == '.'))
      prefixes.push_back(name.substr(0, name.size() - relative.size()));
  }
  return prefixes;
}

/// Finds, in `file`, the stored tensor for each of `tensors` (see loadPretrainedTensors).
std::vector<const NamedTensor *> matchPretrained(const SafeTensorsFile &file,
                                                 const std::vector<TensorBuffer *> &tensors) {
  // The one prefix under which every tensor not stored by its own name is found.
  std::vector<std::string> prefixes;
  bool prefixesKnown = false;
  for (const TensorBuffer *tensor : tensors) {
    const TensorSpec &spec = *tensor->spec;
    if (!spec.checkpointName.empty() || file.find(spec.name))
      continue;
    std::vector<std::string> own = prefixesOf(file, relativeName(spec.name));
    if (prefixesKnown) {
      prefixes.erase(std::remove_if(prefixes.begin(), prefixes.end(),
                                    [&](const std::string &p) { return std::count(own.begin(), own.end(), p) == 0; }),
                     prefixes.end());
    } else {
      prefixes = own;
      prefixesKnown = true;
    }
    if (prefixes.empty())
      fail("{}: no tensor '{}' or '{}' under a prefix common to the model's other tensors from this file", file.path(),
           spec.name, relativeName(spec.name));
  }
  if (prefixes.size() > 1)
    fail("{}: ambiguous: the model's tensors are found under both '{}' and '{}'; name them with checkpoint_name",
         file.path(), prefixes[0], prefixes[1]);

  std::vector<const NamedTensor *> matched;
  for (const TensorBuffer *tensor : tensors) {
    const TensorSpec &spec = *tensor->spec;
    std::string name = !spec.checkpointName.empty() ? spec.checkpointName
                       : file.find(spec.name)       ? spec.name
                                                    : prefixes.front() + relativeName(spec.name);
    const NamedTensor *stored = file.find(name);
    if (!stored)
      fail("{}: no tensor '{}', which the model needs for '{}'", file.path(), name, spec.name);
    checkStoredTensor(file.path(), *stored, spec);
    matched.push_back(stored);
  }
  return matched;
}

} // namespace

void dlm::runtime::saveCheckpoint(const std::string &path, const Model &model, const TrainingState &state) {
  std::vector<NamedTensor> tensors;
  for (const TensorBuffer &tensor : model.tensors())
    tensors.push_back({tensor.spec->name, tensor.spec->type, tensor.current});
  // safetensors metadata values are strings.
  Metadata metadata = {
      {"format", "dlm"},
      {"dlm_version", runtimeVersion()},
      {"program", state.program},
      {"epoch", std::to_string(state.epochsDone)},
      {"epochs", std::to_string(state.epochs)},
      {"global_step", std::to_string(state.batchesDone)},
      {"data_cursor", "0"},
      {"seed", std::to_string(state.seed)},
      {"train_samples", std::to_string(state.trainSamples)},
      {"steps_per_epoch", std::to_string(state.stepsPerEpoch)},
  };
  if (state.baseRate)
    metadata["learning_rate"] = fmt::format("{:.17g}", *state.baseRate);
  writeSafeTensors(path, tensors, metadata);
}

std::optional<TrainingState> dlm::runtime::loadCheckpoint(const std::string &path, Model &model,
                                                          CheckpointScope scope) {
  SafeTensorsFile file = SafeTensorsFile::read(path);
  // Check everything before copying anything: a bad file leaves the model as it was.
  std::vector<std::pair<TensorBuffer *, const NamedTensor *>> loads;
  for (TensorBuffer &tensor : model.tensors()) {
    const TensorSpec &spec = *tensor.spec;
    const NamedTensor *stored = file.find(spec.name);
    if (!stored && scope == CheckpointScope::Inference && spec.role == Role::OptimizerState)
      continue;
    if (!stored)
      fail("{}: has no tensor '{}' ({}), which the model needs", path, spec.name, spec.type.str());
    checkStoredTensor(path, *stored, spec);
    loads.emplace_back(&tensor, stored);
  }
  for (const NamedTensor &stored : file.tensors())
    if (std::none_of(model.tensors().begin(), model.tensors().end(),
                     [&](const TensorBuffer &tensor) { return tensor.spec->name == stored.name; }))
      fail("{}: tensor '{}' is not part of program '{}' (is this another model's checkpoint?)", path, stored.name,
           model.program().name);
  for (auto [tensor, stored] : loads)
    std::memcpy(tensor->current, stored->data, tensor->spec->type.byteSize());

  if (!file.metadata().count("global_step"))
    return std::nullopt;
  TrainingState state;
  auto program = file.metadata().find("program");
  state.program = program == file.metadata().end() ? "" : program->second;
  state.epochsDone = metadataCount(file, "epoch");
  state.epochs = metadataCount(file, "epochs");
  state.batchesDone = metadataCount(file, "global_step");
  state.seed = metadataNumber(file, "seed");
  state.trainSamples = metadataCount(file, "train_samples");
  state.stepsPerEpoch = metadataCount(file, "steps_per_epoch");
  auto rate = file.metadata().find("learning_rate");
  if (rate != file.metadata().end())
    state.baseRate = std::strtod(rate->second.c_str(), nullptr);
  return state;
}

void dlm::runtime::loadPretrainedTensors(Model &model) {
  // Group by file, keeping manifest order, so each file is read once.
  std::vector<std::pair<std::string, std::vector<TensorBuffer *>>> files;
  for (TensorBuffer &tensor : model.tensors()) {
    const std::string &path = tensor.spec->checkpoint;
    if (path.empty())
      continue;
    auto found = std::find_if(files.begin(), files.end(), [&](const auto &file) { return file.first == path; });
    if (found == files.end())
      found = files.insert(files.end(), {path, {}});
    found->second.push_back(&tensor);
  }
  for (const auto &[path, tensors] : files) {
    SafeTensorsFile file = SafeTensorsFile::read(path);
    std::vector<const NamedTensor *> stored = matchPretrained(file, tensors);
    for (size_t i = 0; i < tensors.size(); ++i)
      std::memcpy(tensors[i]->current, stored[i]->data, tensors[i]->spec->type.byteSize());
  }
}
