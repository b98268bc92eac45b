//===- Error.cpp - Errors reported to the user ------------------------------===//

#include "dlm/Runtime/Error.h"

#include <cerrno>
#include <cstring>

using namespace dlm::runtime;

std::string dlm::runtime::systemErrorText() { return std::strerror(errno); }
