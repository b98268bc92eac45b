//===- TensorType.cpp - Element types, shapes and raw element access ------===//

#include "dlm/Runtime/TensorType.h"

#include <cstring>
#include <numeric>

using namespace dlm::runtime;

namespace {

struct TypeNames {
  DataType type;
  const char *manifest;
  const char *safeTensors;
  size_t size;
};

constexpr TypeNames kTypes[] = {
    {DataType::F32, "f32", "F32", 4}, {DataType::F64, "f64", "F64", 8}, {DataType::I64, "i64", "I64", 8},
    {DataType::I32, "i32", "I32", 4}, {DataType::I8, "i8", "I8", 1},    {DataType::U8, "u8", "U8", 1},
    {DataType::I1, "i1", "BOOL", 1},
};

const TypeNames &namesOf(DataType type) {
  for (const TypeNames &names : kTypes)
    if (names.type == type)
      return names;
  return kTypes[0];
}

template <typename T> T load(const void *buffer, int64_t index) {
  T value;
  std::memcpy(&value, static_cast<const std::byte *>(buffer) + index * sizeof(T), sizeof(T));
  return value;
}

template <typename T> void store(void *buffer, T value) { std::memcpy(buffer, &value, sizeof(T)); }

} // namespace

std::optional<DataType> dlm::runtime::parseDataType(std::string_view spelling) {
  for (const TypeNames &names : kTypes)
    if (spelling == names.manifest)
      return names.type;
  return std::nullopt;
}

const char *dlm::runtime::dataTypeName(DataType type) { return namesOf(type).manifest; }

const char *dlm::runtime::safeTensorsTypeName(DataType type) { return namesOf(type).safeTensors; }

std::optional<DataType> dlm::runtime::parseSafeTensorsTypeName(std::string_view spelling) {
  for (const TypeNames &names : kTypes)
    if (spelling == names.safeTensors)
      return names.type;
  return std::nullopt;
}

size_t dlm::runtime::elementSize(DataType type) { return namesOf(type).size; }

bool dlm::runtime::isFloatingPoint(DataType type) { return type == DataType::F32 || type == DataType::F64; }

std::string dlm::runtime::shapeString(const Shape &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

int64_t TensorType::elementCount() const {
  return std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<int64_t>());
}

std::string TensorType::str() const {
  return shape.empty() ? dataTypeName(dataType) : dataTypeName(dataType) + shapeString(shape);
}

double dlm::runtime::readElement(const void *buffer, DataType type, int64_t index) {
  switch (type) {
  case DataType::F32:
    return load<float>(buffer, index);
  case DataType::F64:
    return load<double>(buffer, index);
  case DataType::I64:
    return static_cast<double>(load<int64_t>(buffer, index));
  case DataType::I32:
    return load<int32_t>(buffer, index);
  case DataType::I8:
    return load<int8_t>(buffer, index);
  case DataType::U8:
  case DataType::I1:
    return load<uint8_t>(buffer, index);
  }
  return 0;
}

void dlm::runtime::writeScalar(void *buffer, DataType type, double value) {
  switch (type) {
  case DataType::F32:
    return store(buffer, static_cast<float>(value));
  case DataType::F64:
    return store(buffer, value);
  case DataType::I64:
    return store(buffer, static_cast<int64_t>(value));
  case DataType::I32:
    return store(buffer, static_cast<int32_t>(value));
  case DataType::I8:
    return store(buffer, static_cast<int8_t>(value));
  case DataType::U8:
  case DataType::I1:
    return store(buffer, static_cast<uint8_t>(value));
  }
}

void dlm::runtime::writeKey(void *buffer, DataType type, uint64_t value) {
  // A key is 64 random bits; narrower integer types keep the low bits.
  switch (type) {
  case DataType::I64:
  case DataType::F64:
    return store(buffer, value);
  case DataType::I32:
  case DataType::F32:
    return store(buffer, static_cast<uint32_t>(value));
  case DataType::I8:
  case DataType::U8:
  case DataType::I1:
    return store(buffer, static_cast<uint8_t>(value));
  }
}
