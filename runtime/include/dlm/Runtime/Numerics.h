//===- Numerics.h - Finding NaN and infinity in buffers --------------------===//

#ifndef DLM_RUNTIME_NUMERICS_H
#define DLM_RUNTIME_NUMERICS_H

#include "dlm/Runtime/TensorType.h"

#include <optional>

namespace dlm::runtime {

/// The index of the first NaN or infinity in a buffer of `type`; nullopt if all are finite or
/// the type is an integer type.
std::optional<int64_t> firstNonFinite(const void *buffer, const TensorType &type);

/// `nan`, `inf` or `-inf` for a non-finite value.
const char *nonFiniteName(double value);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_NUMERICS_H
