//===- HeapPolicy.cpp - Freed blocks stay in the heap, so steps reuse their pages ===//

#include "dlm/Runtime/HeapPolicy.h"

#include <malloc.h>

void dlm::runtime::keepFreedMemoryMapped() {
  // Blocks up to 1 GiB come from the heap instead of a private mmap, and the heap is never
  // trimmed: the second step finds its temporaries' pages already faulted in.
  constexpr int largestHeapBlock = 1 << 30;
  mallopt(M_MMAP_THRESHOLD, largestHeapBlock);
  mallopt(M_TRIM_THRESHOLD, largestHeapBlock);
}
