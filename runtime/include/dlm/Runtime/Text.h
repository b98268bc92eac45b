//===- Text.h - Small helpers for the runtime's messages -------------------===//

#ifndef DLM_RUNTIME_TEXT_H
#define DLM_RUNTIME_TEXT_H

#include <cstdint>
#include <string>

namespace dlm::runtime {

/// `1 epoch`, `2 epochs`: a count with its noun, in the plural (`noun` + s unless given) when the
/// count is not one.
std::string countOf(int64_t count, const std::string &noun, const std::string &plural = "");

} // namespace dlm::runtime

#endif // DLM_RUNTIME_TEXT_H
