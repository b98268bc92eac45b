//===- HeapPolicy.h - How the C heap treats the generated code's temporaries --===//

#ifndef DLM_RUNTIME_HEAPPOLICY_H
#define DLM_RUNTIME_HEAPPOLICY_H

namespace dlm::runtime {

/// Keeps freed heap memory mapped and reusable. Generated steps allocate their temporaries on
/// entry and free them on exit; with glibc's defaults each large block is a fresh mmap, and
/// the first touch of its pages costs more than the arithmetic done in them. Call once, before
/// the first generated call.
void keepFreedMemoryMapped();

} // namespace dlm::runtime

#endif // DLM_RUNTIME_HEAPPOLICY_H
