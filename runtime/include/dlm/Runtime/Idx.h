//===- Idx.h - Reading IDX files (MNIST's format), gzip'd or plain ---------===//

#ifndef DLM_RUNTIME_IDX_H
#define DLM_RUNTIME_IDX_H

#include "dlm/Runtime/TensorType.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dlm::runtime {

/// The samples of one IDX file: dimension 0 counts samples, the rest is one sample's shape.
struct IdxArray {
  DataType dataType = DataType::U8;
  /// How many samples the file holds (its dimension 0).
  int64_t fileCount = 0;
  /// How many were read: at most the limit asked for.
  int64_t count = 0;
  Shape sampleShape;
  /// `count` samples, row-major, in native byte order.
  std::vector<std::byte> data;
};

/// Reads the header and the first `limit` samples (all when nullopt) of `path`. `fieldName` names
/// the data in messages (`image`). A missing, truncated or malformed file, or an IDX type the ABI
/// has no element type for, is a RuntimeError naming the path.
IdxArray readIdx(const std::string &path, const std::string &fieldName, std::optional<int64_t> limit);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_IDX_H
