//===- Arena.h - One aligned allocation holding a static memory plan -------===//
//
// Fresh memory is expensive to touch and the step loop must not allocate, so
// every buffer is planned first (sizes known from the manifest), then carved
// out of a single 64-byte aligned, zero-filled allocation.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_ARENA_H
#define DLM_RUNTIME_ARENA_H

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace dlm::runtime {

/// The alignment of every buffer the runtime hands to generated code.
constexpr size_t kBufferAlignment = 64;

/// A zero-filled, 64-byte aligned block of memory, freed with the object.
class AlignedMemory {
public:
  AlignedMemory() = default;
  /// Throws a RuntimeError when the memory cannot be had.
  explicit AlignedMemory(size_t bytes);
  std::byte *data() const { return memory.get(); }
  size_t size() const { return bytes; }

private:
  struct Free {
    void operator()(std::byte *pointer) const;
  };
  std::unique_ptr<std::byte, Free> memory;
  size_t bytes = 0;
};

/// Collects buffer requests, then satisfies them all with one AlignedMemory. A request names the
/// pointer to fill in, which must stay at the same address until `allocate`.
class ArenaPlanner {
public:
  /// Plans `bytes` (rounded up to the alignment) under `category`, to be written to `*slot`.
  void request(void **slot, size_t bytes, const std::string &category);
  /// Allocates and fills every requested slot; the planner can then be dropped.
  AlignedMemory allocate();

  /// Total bytes of the plan.
  size_t totalBytes() const { return total; }
  /// Bytes per category, in first-request order.
  const std::vector<std::pair<std::string, size_t>> &categories() const { return categoryBytes; }

private:
  struct Request {
    void **slot;
    size_t offset;
  };
  std::vector<Request> requests;
  std::vector<std::pair<std::string, size_t>> categoryBytes;
  size_t total = 0;
};

/// `1.5 MiB`, `812 B`.
std::string formatBytes(size_t bytes);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_ARENA_H
