//===- SafeTensors.h - The safetensors checkpoint format -------------------===//
//
// https://github.com/huggingface/safetensors: an 8-byte little-endian header
// length, a JSON header mapping each name to its dtype, shape and byte range,
// optional string metadata under `__metadata__`, then the raw data. Files are
// read whole and every offset is checked before any tensor is used.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_SAFETENSORS_H
#define DLM_RUNTIME_SAFETENSORS_H

#include "dlm/Runtime/TensorType.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace dlm::runtime {

/// One named tensor: its type and where its bytes are.
struct NamedTensor {
  std::string name;
  TensorType type;
  const void *data = nullptr;
};

using Metadata = std::map<std::string, std::string>;

/// Writes `tensors` (in the given order) and `metadata` to `path` atomically.
void writeSafeTensors(const std::string &path, const std::vector<NamedTensor> &tensors, const Metadata &metadata);

/// A safetensors file read into memory and validated.
class SafeTensorsFile {
public:
  /// Reads and validates `path`; a missing, truncated or malformed file is a RuntimeError that
  /// names the path and the problem.
  static SafeTensorsFile read(const std::string &path);

  const std::string &path() const { return filePath; }
  /// The tensors in file order (by data offset).
  const std::vector<NamedTensor> &tensors() const { return entries; }
  /// The tensor named `name`, or null.
  const NamedTensor *find(const std::string &name) const;
  const Metadata &metadata() const { return fileMetadata; }

private:
  std::string filePath;
  std::vector<std::byte> contents;
  std::vector<NamedTensor> entries;
  Metadata fileMetadata;
};

} // namespace dlm::runtime

#endif // DLM_RUNTIME_SAFETENSORS_H
