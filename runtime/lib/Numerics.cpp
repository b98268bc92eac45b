//===- Numerics.cpp - Finding NaN and infinity in buffers -----------------===//

#include "dlm/Runtime/Numerics.h"

#include <cmath>

using namespace dlm::runtime;

template <typename T> static std::optional<int64_t> firstNonFiniteOf(const T *values, int64_t count) {
  for (int64_t i = 0; i < count; ++i)
    if (!std::isfinite(values[i]))
      return i;
  return std::nullopt;
}

std::optional<int64_t> dlm::runtime::firstNonFinite(const void *buffer, const TensorType &type) {
  if (type.dataType == DataType::F32)
    return firstNonFiniteOf(static_cast<const float *>(buffer), type.elementCount());
  if (type.dataType == DataType::F64)
    return firstNonFiniteOf(static_cast<const double *>(buffer), type.elementCount());
  return std::nullopt;
}

const char *dlm::runtime::nonFiniteName(double value) {
  if (std::isnan(value))
    return "nan";
  return value > 0 ? "inf" : "-inf";
}
