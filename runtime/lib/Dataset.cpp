//===- Dataset.cpp - Raw data splits, and batches through the sample transform ===//

#include "dlm/Runtime/Dataset.h"

#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/Idx.h"
#include "dlm/Runtime/Model.h"
#include "dlm/Runtime/Random.h"

#include <algorithm>
#include <cstring>
#include <omp.h>
#include <sys/stat.h>

using namespace dlm::runtime;

/// Raw bytes the gather asks the cache for ahead of the sample it transforms: the random reads of a
/// whole Fashion-MNIST batch (64 × 784 B) overlap instead of each waiting for memory in turn, and
/// still fit in L2 beside the batch.
constexpr size_t kPrefetchBytes = 64 * 1024;
constexpr size_t kCacheLineBytes = 64;

Split::Split(std::string name, int64_t count, int64_t fileCount, std::vector<std::vector<std::byte>> raw,
             uint64_t seed, uint64_t splitNumber)
    : name(std::move(name)), count(count), fileCount(fileCount), rawData(std::move(raw)), seed(seed),
      splitNumber(splitNumber) {
  if (static_cast<uint64_t>(count) > call_space::MaxSamples)
    fail("{}: {} samples, more than the {} the random keys tell apart", this->name, count, call_space::MaxSamples);
}

/// The model's `sample` entry; loading a split checks that there is one before any batch needs it.
static BoundEntry &sampleEntry(Model &model) {
  BoundEntry *sample = model.findEntry("sample");
  if (!sample)
    fail("manifest: program '{}' has no sample entry", model.program().name);
  return *sample;
}

void Split::gatherBatch(Model &model, const int64_t *indices, std::optional<int64_t> epoch) const {
  sampleEntry(model); // fails here, not inside the threads, if the program has none
  const DatasetSpec &dataset = model.program().dataset;
  auto batch = static_cast<size_t>(model.program().batch);
  size_t rawBytes = 0;
  for (size_t r = 0; r < rawData.size(); ++r) {
    if (rawData[r].empty())
      std::memset(model.rawSampleBuffer(r), 0, dataset.rawFields[r].type.byteSize());
    else
      rawBytes += dataset.rawFields[r].type.byteSize();
  }
  size_t ahead = std::clamp<size_t>(kPrefetchBytes / std::max<size_t>(rawBytes, 1), 1, batch);
  std::vector<SampleCall> &calls = model.sampleCalls(static_cast<size_t>(omp_get_max_threads()));
#pragma omp parallel
  {
    // OpenMP's static split, as the generated loops over the batch have it: where a step splits
    // its work over the images (the convolutions), each thread writes those it then reads.
    // (On one thread, with the other waiting, the MLP's gather took 34 us a batch; now 25.)
    auto threads = static_cast<size_t>(omp_get_num_threads()), thread = static_cast<size_t>(omp_get_thread_num());
    size_t chunk = batch / threads, extra = batch % threads;
    size_t begin = thread * chunk + std::min(thread, extra);
    size_t end = begin + chunk + (thread < extra ? 1 : 0);
    gatherRange(model, calls[thread], indices, epoch, begin, end, ahead);
  }
}

void Split::gatherRange(Model &model, SampleCall &call, const int64_t *indices, std::optional<int64_t> epoch,
                        size_t begin, size_t end, size_t ahead) const {
  const DatasetSpec &dataset = model.program().dataset;
  for (size_t b = begin; b < std::min(begin + ahead, end); ++b)
    prefetchSample(dataset, indices[b]);
  for (size_t b = begin; b < end; ++b) {
    if (b + ahead < end)
      prefetchSample(dataset, indices[b + ahead]);
    auto index = static_cast<size_t>(indices[b]);
    for (size_t r = 0; r < rawData.size(); ++r) {
      size_t bytes = dataset.rawFields[r].type.byteSize();
      call.setRaw(r, rawData[r].empty() ? model.rawSampleBuffer(r) : rawData[r].data() + index * bytes);
    }
    for (size_t f = 0; f < dataset.fields.size(); ++f)
      call.setField(f, static_cast<std::byte *>(model.batchBuffer(f)) + b * dataset.fields[f].type.byteSize());
    call.setKey(callKey(seed, sampleCall(splitNumber, epoch, indices[b])));
    call.call();
  }
}

void Split::prefetchSample(const DatasetSpec &dataset, int64_t index) const {
  for (size_t r = 0; r < rawData.size(); ++r) {
    if (rawData[r].empty())
      continue;
    size_t bytes = dataset.rawFields[r].type.byteSize();
    const std::byte *first = rawData[r].data() + static_cast<size_t>(index) * bytes;
    for (size_t offset = 0; offset < bytes; offset += kCacheLineBytes)
      __builtin_prefetch(first + offset);
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
  sampleEntry(model);
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
  std::vector<std::vector<std::byte>> raw;
  for (IdxArray &array : arrays)
    raw.push_back(std::move(array.data));
  return Split(splitName, count, fileCount, std::move(raw), seed, splitNumber(splitName));
}

Split dlm::runtime::loadInputFile(Model &model, const std::string &path, std::optional<int64_t> limit, uint64_t seed) {
  const DatasetSpec &dataset = model.program().dataset;
  sampleEntry(model);
  if (dataset.rawFields.empty())
    fail("the data set '{}' has no raw fields to read from {}", dataset.name, path);
  IdxArray array = readIdx(path, dataset.rawFields.front().name, limit);
  checkRawField(array, path, dataset.rawFields.front());
  std::vector<std::vector<std::byte>> raw(dataset.rawFields.size());
  raw.front() = std::move(array.data);
  return Split(path, array.count, array.fileCount, std::move(raw), seed, 3);
}
