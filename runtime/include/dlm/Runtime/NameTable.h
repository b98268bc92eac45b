//===- NameTable.h - Enumerations spelled by name in manifests and commands ===//

#ifndef DLM_RUNTIME_NAMETABLE_H
#define DLM_RUNTIME_NAMETABLE_H

#include <cstddef>
#include <optional>
#include <string_view>

namespace dlm::runtime {

/// One enumerator and its spelling.
template <typename Enum> struct Named {
  Enum value;
  const char *name;
};

/// The spelling of `value` in `table`, or "?" if the table lacks it.
template <typename Enum, size_t Size> const char *nameOf(const Named<Enum> (&table)[Size], Enum value) {
  for (const Named<Enum> &entry : table)
    if (entry.value == value)
      return entry.name;
  return "?";
}

/// The enumerator spelled `name` in `table`, or nullopt.
template <typename Enum, size_t Size>
std::optional<Enum> valueNamed(const Named<Enum> (&table)[Size], std::string_view name) {
  for (const Named<Enum> &entry : table)
    if (name == entry.name)
      return entry.value;
  return std::nullopt;
}

} // namespace dlm::runtime

#endif // DLM_RUNTIME_NAMETABLE_H
