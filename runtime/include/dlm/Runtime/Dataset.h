//===- Dataset.h - Data splits after the per-sample transform, and batching ===//
//
// A split is read once, run through the compiled `sample` entry sample by
// sample, and kept as one dense array per field; a batch is then only a
// gather of whole samples into the model's batch buffers.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_DATASET_H
#define DLM_RUNTIME_DATASET_H

#include "dlm/Runtime/Arena.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dlm::runtime {

class Model;

/// The samples of one split, each field transformed and stored densely.
class Split {
public:
  /// `train`, `test`, or the input file's path.
  std::string name;
  /// Samples held.
  int64_t count = 0;
  /// Samples in the files, before `--limit-*`.
  int64_t fileCount = 0;

  /// Copies the samples `indices[0 .. batch)` into the model's batch buffers.
  void gatherBatch(const Model &model, const int64_t *indices) const;

private:
  friend class SplitBuilder;
  AlignedMemory memory;
  std::vector<const std::byte *> fieldData;
  std::vector<size_t> fieldSampleBytes;
};

/// Reads split `splitName` of the model's data set from `directory`, checks each file against its
/// raw field, and transforms the first `limit` samples (all when nullopt). The `sample` calls get
/// keys from `seed`.
Split loadSplit(Model &model, const std::string &splitName, const std::string &directory, std::optional<int64_t> limit,
                uint64_t seed);

/// A split made of one IDX file holding the first raw field (`predict --input`); the other raw
/// fields of each sample are zero.
Split loadInputFile(Model &model, const std::string &path, std::optional<int64_t> limit, uint64_t seed);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_DATASET_H
