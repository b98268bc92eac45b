//===- Arena.cpp - One aligned allocation holding a static memory plan ----===//

#include "dlm/Runtime/Arena.h"

#include "dlm/Runtime/Error.h"

#include <cstdlib>
#include <cstring>

using namespace dlm::runtime;

static size_t roundUp(size_t bytes) { return (bytes + kBufferAlignment - 1) / kBufferAlignment * kBufferAlignment; }

AlignedMemory::AlignedMemory(size_t size) : bytes(size) {
  // aligned_alloc wants a multiple of the alignment, and a zero-sized plan still gets a block.
  size_t rounded = roundUp(size == 0 ? 1 : size);
  memory.reset(static_cast<std::byte *>(std::aligned_alloc(kBufferAlignment, rounded)));
  if (!memory)
    fail("out of memory: cannot allocate {}", formatBytes(rounded));
  std::memset(memory.get(), 0, rounded);
}

void AlignedMemory::Free::operator()(std::byte *pointer) const { std::free(pointer); }

void ArenaPlanner::request(void **slot, size_t bytes, const std::string &category) {
  requests.push_back({slot, total});
  size_t rounded = roundUp(bytes);
  total += rounded;
  for (auto &[name, categoryTotal] : categoryBytes)
    if (name == category) {
      categoryTotal += rounded;
      return;
    }
  categoryBytes.emplace_back(category, rounded);
}

AlignedMemory ArenaPlanner::allocate() {
  AlignedMemory memory(total);
  for (const Request &request : requests)
    *request.slot = memory.data() + request.offset;
  return memory;
}

std::string dlm::runtime::formatBytes(size_t bytes) {
  if (bytes < 1024)
    return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024)
    return fmt::format("{:.1f} KiB", bytes / 1024.0);
  if (bytes < size_t{1024} * 1024 * 1024)
    return fmt::format("{:.1f} MiB", bytes / (1024.0 * 1024));
  return fmt::format("{:.2f} GiB", bytes / (1024.0 * 1024 * 1024));
}
