//===- Dataset.cpp - Data splits after the per-sample transform, and batching ===//

#include "dlm/Runtime/Dataset.h"

#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/Idx.h"
#include "dlm/Runtime/Model.h"
#include "dlm/Runtime/Random.h"

#include <cstring>
#include <sys/stat.h>

using namespace dlm::runtime;

namespace dlm::runtime {

/// Runs the `sample` entry over raw samples and stores the fields of each in a new Split.
class SplitBuilder {
public:
  SplitBuilder(Model &model, std::string name, int64_t count, int64_t fileCount);

  /// `raw[i]` holds raw field i of every sample, or is null for a field left zero. `splitNumber`
  /// keeps the random keys of different splits apart.
  Split build(const std::vector<const IdxArray *> &raw, uint64_t seed, uint64_t splitNumber);

private:
  Model &model;
  Split split;
};

} // namespace dlm::runtime

SplitBuilder::SplitBuilder(Model &model, std::string name, int64_t count, int64_t fileCount) : model(model) {
  split.name = std::move(name);
  split.count = count;
  split.fileCount = fileCount;
}

Split SplitBuilder::build(const std::vector<const IdxArray *> &raw, uint64_t seed, uint64_t splitNumber) {
  const ProgramSpec &program = model.program();
  BoundEntry *sample = model.findEntry("sample");
  if (!sample)
    fail("manifest: program '{}' has no sample entry", program.name);

  const std::vector<FieldSpec> &fields = program.dataset.fields;
  std::vector<void *> fieldSlots(fields.size());
  ArenaPlanner planner;
  for (size_t f = 0; f < fields.size(); ++f) {
    split.fieldSampleBytes.push_back(fields[f].type.byteSize());
    planner.request(&fieldSlots[f], static_cast<size_t>(split.count) * fields[f].type.byteSize(), "samples");
  }
  split.memory = planner.allocate();
  for (void *slot : fieldSlots)
    split.fieldData.push_back(static_cast<const std::byte *>(slot));

  const std::vector<FieldSpec> &rawFields = program.dataset.rawFields;
  for (size_t r = 0; r < rawFields.size(); ++r)
    std::memset(model.rawSampleBuffer(r), 0, rawFields[r].type.byteSize());
  for (int64_t s = 0; s < split.count; ++s) {
    for (size_t r = 0; r < rawFields.size(); ++r) {
      size_t bytes = rawFields[r].type.byteSize();
      if (raw[r])
        std::memcpy(model.rawSampleBuffer(r), raw[r]->data.data() + static_cast<size_t>(s) * bytes, bytes);
    }
    sample->setKey(
        callKey(seed, call_space::Sample | splitNumber << call_space::SplitShift | static_cast<uint64_t>(s)));
    sample->call();
    for (size_t f = 0; f < fields.size(); ++f) {
      size_t bytes = split.fieldSampleBytes[f];
      std::memcpy(static_cast<std::byte *>(fieldSlots[f]) + static_cast<size_t>(s) * bytes, model.sampleFieldBuffer(f),
                  bytes);
    }
  }
  return std::move(split);
}

void Split::gatherBatch(const Model &model, const int64_t *indices) const {
  auto batch = static_cast<size_t>(model.program().batch);
  for (size_t f = 0; f < fieldData.size(); ++f) {
    size_t bytes = fieldSampleBytes[f];
    auto *destination = static_cast<std::byte *>(model.batchBuffer(f));
    for (size_t b = 0; b < batch; ++b)
      std::memcpy(destination + b * bytes, fieldData[f] + static_cast<size_t>(indices[b]) * bytes, bytes);
  }
}

/// Checks that `array`, read from `path`, holds samples of raw field `field`.
static void checkRawField(const IdxArray &array, const std::string &path, const FieldSpec &field) {
  if (array.dataType != field.type.dataType)
    fail("{}: holds {} data, the model expects {} for '{}'", path, dataTypeName(array.dataType),
         dataTypeName(field.type.dataType), field.name);
  if (array.sampleShape != field.type.shape)
    fail("{}: each sample has shape {}, the model expects {} for '{}'", path, shapeString(array.sampleShape),
         shapeString(field.type.shape), field.name);
}

static uint64_t splitNumber(const std::string &name) { return name == "train" ? 0 : name == "test" ? 1 : 2; }

Split dlm::runtime::loadSplit(Model &model, const std::string &splitName, const std::string &directory,
                              std::optional<int64_t> limit, uint64_t seed) {
  const DatasetSpec &dataset = model.program().dataset;
  auto found = dataset.splits.find(splitName);
  if (found == dataset.splits.end())
    fail("the data set '{}' has no {} split", dataset.name, splitName);
  struct stat status;
  if (stat(directory.c_str(), &status) != 0 || !S_ISDIR(status.st_mode))
    fail("{}: no such data directory (give --data DIR or set DLM_DATA)", directory);

  std::vector<IdxArray> arrays;
  std::vector<std::string> paths;
  for (size_t r = 0; r < found->second.files.size(); ++r) {
    paths.push_back(directory + "/" + found->second.files[r]);
    arrays.push_back(readIdx(paths.back(), dataset.rawFields[r].name, limit));
    checkRawField(arrays.back(), paths.back(), dataset.rawFields[r]);
    if (arrays.back().fileCount != arrays.front().fileCount)
      fail("{}: has {} samples, but {} has {}", paths.back(), arrays.back().fileCount, paths.front(),
           arrays.front().fileCount);
  }
  int64_t count = arrays.empty() ? 0 : arrays.front().count;
  int64_t fileCount = arrays.empty() ? 0 : arrays.front().fileCount;
  std::vector<const IdxArray *> raw;
  for (const IdxArray &array : arrays)
    raw.push_back(&array);
  return SplitBuilder(model, splitName, count, fileCount).build(raw, seed, splitNumber(splitName));
}

Split dlm::runtime::loadInputFile(Model &model, const std::string &path, std::optional<int64_t> limit, uint64_t seed) {
  const DatasetSpec &dataset = model.program().dataset;
  if (dataset.rawFields.empty())
    fail("the data set '{}' has no raw fields to read from {}", dataset.name, path);
  IdxArray array = readIdx(path, dataset.rawFields.front().name, limit);
  checkRawField(array, path, dataset.rawFields.front());
  std::vector<const IdxArray *> raw(dataset.rawFields.size(), nullptr);
  raw.front() = &array;
  return SplitBuilder(model, path, array.count, array.fileCount).build(raw, seed, 3);
}
