//===- Text.cpp - Small helpers for the runtime's messages -----------------===//

#include "dlm/Runtime/Text.h"

std::string dlm::runtime::countOf(int64_t count, const std::string &noun, const std::string &plural) {
  return std::to_string(count) + " " + (count == 1 ? noun : plural.empty() ? noun + "s" : plural);
}
