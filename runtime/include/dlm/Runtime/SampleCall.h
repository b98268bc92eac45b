//===- SampleCall.h - The sample entry with an argument array of its own ---===//

#ifndef DLM_RUNTIME_SAMPLECALL_H
#define DLM_RUNTIME_SAMPLECALL_H

#include "dlm/Runtime/EntryPoints.h"
#include "dlm/Runtime/Manifest.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace dlm::runtime {

/// One caller of the `sample` entry, which reads a sample's raw bytes where they are and writes
/// its fields straight into their batch slots: the threads gathering a batch each own one. The
/// compiled `sample` keeps its temporaries on the stack, so calls on several threads do not
/// share memory.
class SampleCall {
public:
  /// Checks that `sample` takes only raw fields and a random key, and returns only fields.
  SampleCall(const DatasetSpec &dataset, const EntrySpec &sample);

  /// Where the call reads raw field `field` (dataset order).
  void setRaw(size_t field, const void *bytes);
  /// Where the call writes data field `field` (dataset order).
  void setField(size_t field, void *slot);
  void setKey(uint64_t key);
  void call();

private:
  EntryFunction function;
  std::vector<void *> buffers;
  /// Positions in `buffers` of each raw field's argument and each field's result, if any.
  std::vector<std::optional<size_t>> rawPositions, fieldPositions;
  std::optional<size_t> keyPosition;
  DataType keyType = DataType::I64;
  alignas(8) std::byte key[8] = {};
};

} // namespace dlm::runtime

#endif // DLM_RUNTIME_SAMPLECALL_H
