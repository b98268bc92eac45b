//===- Types.cpp - Tensor types, shapes and broadcasting ------------------===//

#include "dlm/Language/Types.h"

using namespace dlm;

namespace {
struct ElementTypeSpelling {
  ElementType type;
  const char *spelling;
};
constexpr ElementTypeSpelling spellings[] = {
    {ElementType::F16, "f16"}, {ElementType::BF16, "bf16"}, {ElementType::F32, "f32"},
    {ElementType::F64, "f64"}, {ElementType::I8, "i8"},     {ElementType::I32, "i32"},
    {ElementType::I64, "i64"}, {ElementType::U8, "u8"},     {ElementType::Bool, "bool"},
};
} // namespace

std::optional<ElementType> dlm::parseElementType(const std::string &spelling) {
  for (const auto &entry : spellings)
    if (spelling == entry.spelling)
      return entry.type;
  return std::nullopt;
}

const char *dlm::elementTypeName(ElementType type) {
  for (const auto &entry : spellings)
    if (entry.type == type)
      return entry.spelling;
  return "?";
}

bool dlm::isFloat(ElementType type) {
  return type == ElementType::F16 || type == ElementType::BF16 || type == ElementType::F32 ||
         type == ElementType::F64;
}

bool dlm::isInteger(ElementType type) {
  return type == ElementType::I8 || type == ElementType::I32 || type == ElementType::I64 ||
         type == ElementType::U8;
}

int64_t TensorType::numElements() const {
  int64_t count = 1;
  for (int64_t extent : shape)
    count *= extent;
  return count;
}

std::string dlm::shapeString(const Shape &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      text += ", ";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

std::string TensorType::str() const {
  std::string text = elementTypeName(element);
  if (!shape.empty())
    text += shapeString(shape);
  return text;
}

std::optional<Shape> dlm::broadcastShapes(const Shape &lhs, const Shape &rhs, BroadcastMismatch *mismatch) {
  size_t rank = std::max(lhs.size(), rhs.size());
  Shape result(rank);
  for (size_t fromRight = 0; fromRight < rank; ++fromRight) {
    int64_t left = fromRight < lhs.size() ? lhs[lhs.size() - 1 - fromRight] : 1;
    int64_t right = fromRight < rhs.size() ? rhs[rhs.size() - 1 - fromRight] : 1;
    size_t position = rank - 1 - fromRight;
    if (left == right || right == 1) {
      result[position] = left;
    } else if (left == 1) {
      result[position] = right;
    } else {
      if (mismatch)
        *mismatch = {static_cast<int64_t>(position), left, right};
      return std::nullopt;
    }
  }
  return result;
}

std::optional<int64_t> dlm::normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

int64_t dlm::windowOutputExtent(int64_t in, int64_t kernel, int64_t stride, int64_t pad, int64_t dilation) {
  int64_t span = in + 2 * pad - dilation * (kernel - 1) - 1;
  if (span < 0 || stride <= 0)
    return 0;
  return span / stride + 1;
}
