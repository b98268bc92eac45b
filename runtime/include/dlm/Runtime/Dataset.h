//===- Dataset.h - Raw data splits, and batches through the sample transform ===//
//
// A split keeps its samples as the files hold them (u8 images stay u8); each
// batch runs the compiled `sample` entry on its samples and writes their
// fields into the model's batch buffers. The transformed data set is never
// stored, and a random augmentation in `sample` draws afresh every epoch.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_DATASET_H
#define DLM_RUNTIME_DATASET_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dlm::runtime {

class Model;
class SampleCall;
struct DatasetSpec;

/// The raw samples of one split, one dense array per raw field.
class Split {
public:
  /// A split named `name` of `count` samples (of `fileCount` in its files); `raw[r]` holds raw
  /// field r of every sample, row-major, or is empty for a field left zero. The `sample` calls get
  /// keys from `seed`, and `splitNumber` keeps the keys of different splits apart.
  Split(std::string name, int64_t count, int64_t fileCount, std::vector<std::vector<std::byte>> raw, uint64_t seed,
        uint64_t splitNumber);

  /// `train`, `test`, or the input file's path.
  std::string name;
  /// Samples held.
  int64_t count = 0;
  /// Samples in the files, before `--limit-*`.
  int64_t fileCount = 0;

  /// Runs `sample` on the samples `indices[0 .. batch)`, straight from the raw data into the
  /// model's batch buffers, on the threads of the generated code; after the first call,
  /// allocates nothing. `epoch` is the training epoch,
  /// so that random draws differ from one epoch to the next; evaluation and prediction pass
  /// nullopt and draw the same every time.
  void gatherBatch(Model &model, const int64_t *indices, std::optional<int64_t> epoch) const;

private:
  /// Asks the cache for the raw bytes of sample `index`.
  void prefetchSample(const DatasetSpec &dataset, int64_t index) const;
  /// Runs `sample` on batch slots [begin, end) with `call`, prefetching `ahead` samples ahead.
  void gatherRange(Model &model, SampleCall &call, const int64_t *indices, std::optional<int64_t> epoch, size_t begin,
                   size_t end, size_t ahead) const;

  std::vector<std::vector<std::byte>> rawData;
  uint64_t seed;
  uint64_t splitNumber;
};

/// Reads split `splitName` of the model's data set from `directory` and checks each file against
/// its raw field; keeps the first `limit` samples (all when nullopt). The `sample` calls get keys
/// from `seed`.
Split loadSplit(Model &model, const std::string &splitName, const std::string &directory, std::optional<int64_t> limit,
                uint64_t seed);

/// A split made of one IDX file holding the first raw field (`predict --input`); the other raw
/// fields of each sample are zero.
Split loadInputFile(Model &model, const std::string &path, std::optional<int64_t> limit, uint64_t seed);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_DATASET_H
