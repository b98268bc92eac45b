//===- TensorType.h - Element types, shapes and raw element access -------===//
//
// The runtime sees tensors only as typed bytes: a manifest entry gives an
// element type and a static shape, and buffers are dense and row-major.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_TENSORTYPE_H
#define DLM_RUNTIME_TENSORTYPE_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dlm::runtime {

/// The element types of the ABI; `I1` takes one byte per element.
enum class DataType { F32, F64, I64, I32, I8, U8, I1 };

/// Parses a manifest spelling (`f32`); nullopt if it is not one.
std::optional<DataType> parseDataType(std::string_view spelling);
/// The manifest spelling of a type (`f32`).
const char *dataTypeName(DataType type);
/// The safetensors spelling of a type (`F32`, `BOOL`).
const char *safeTensorsTypeName(DataType type);
/// Parses a safetensors spelling; nullopt for types the ABI does not have.
std::optional<DataType> parseSafeTensorsTypeName(std::string_view spelling);
/// Bytes per element.
size_t elementSize(DataType type);
bool isFloatingPoint(DataType type);

using Shape = std::vector<int64_t>;

/// `[10, 784]`; `[]` for a scalar.
std::string shapeString(const Shape &shape);

/// A statically shaped tensor type.
struct TensorType {
  DataType dataType = DataType::F32;
  Shape shape;

  int64_t elementCount() const;
  size_t byteSize() const { return static_cast<size_t>(elementCount()) * elementSize(dataType); }
  /// `f32[10, 784]`, or `f32` for a scalar.
  std::string str() const;
  bool operator==(const TensorType &other) const { return dataType == other.dataType && shape == other.shape; }
  bool operator!=(const TensorType &other) const { return !(*this == other); }
};

/// Reads element `index` of a buffer of `type` as a double.
double readElement(const void *buffer, DataType type, int64_t index = 0);
/// Writes `value` into element 0 of a buffer of a floating-point or integer type.
void writeScalar(void *buffer, DataType type, double value);
/// Writes the 64 bits of `value` into a one-element i64 buffer (random keys).
void writeKey(void *buffer, DataType type, uint64_t value);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_TENSORTYPE_H
