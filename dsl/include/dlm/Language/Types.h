//===- Types.h - Tensor types, shapes and broadcasting of the .dlm language ===//
//
// Shapes are static: every dimension is a known integer after elaboration.
// These helpers are shared by sema (checking user programs) and, later, by
// MLIRGen; they hold the one definition of broadcasting in the project.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_LANGUAGE_TYPES_H
#define DLM_LANGUAGE_TYPES_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dlm {

/// Element types of tensors.
enum class ElementType { F16, BF16, F32, F64, I8, I32, I64, U8, Bool };

/// Parses an element type spelling (`f32`); nullopt if it is not one.
std::optional<ElementType> parseElementType(const std::string &spelling);
/// The spelling of an element type (`f32`).
const char *elementTypeName(ElementType type);
bool isFloat(ElementType type);
bool isInteger(ElementType type);

using Shape = std::vector<int64_t>;

/// A statically shaped tensor type; rank 0 is a scalar.
struct TensorType {
  ElementType element = ElementType::F32;
  Shape shape;

  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  int64_t numElements() const;
  bool operator==(const TensorType &other) const {
    return element == other.element && shape == other.shape;
  }
  bool operator!=(const TensorType &other) const { return !(*this == other); }
  /// `f32[64, 10]`, or `f32` for a scalar.
  std::string str() const;
};

/// `[64, 10]`.
std::string shapeString(const Shape &shape);

/// Why two shapes do not broadcast: the dimension (counted from the left of
/// the longer shape) where they disagree.
struct BroadcastMismatch {
  int64_t dimension;
  int64_t lhsExtent;
  int64_t rhsExtent;
};

/// Numpy broadcasting: trailing dimensions are aligned; equal extents or an
/// extent of 1 are compatible. Returns the broadcast shape, or the first
/// mismatch from the right.
std::optional<Shape> broadcastShapes(const Shape &lhs, const Shape &rhs,
                                     BroadcastMismatch *mismatch = nullptr);

/// Normalizes a possibly negative axis against `rank`; nullopt if out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Output extent of a convolution or pooling window along one dimension:
/// floor((in + 2*pad - dilation*(kernel-1) - 1) / stride) + 1.
int64_t windowOutputExtent(int64_t in, int64_t kernel, int64_t stride, int64_t pad, int64_t dilation);

} // namespace dlm

#endif // DLM_LANGUAGE_TYPES_H
