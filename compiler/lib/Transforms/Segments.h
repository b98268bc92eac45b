//===- Segments.h - A tiled loop's stretches of full tiles and its tail -----===//

#ifndef DLM_TRANSFORMS_SEGMENTS_H
#define DLM_TRANSFORMS_SEGMENTS_H

#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace mlir::dlm {

/// One contiguous stretch of a tiled loop: `[begin, end)` in steps of `width`. Along a vector
/// loop, `lanes` is the vector length of its tiles: `width` rounded up to whole registers, the
/// lanes past `width` masked off.
struct Segment {
  int64_t begin, end, width;
  int64_t lanes = 0;
  bool isMasked() const { return lanes != width; }
  /// Whether the stretch is one tile, which needs no loop.
  bool isSingleTile() const { return end - begin == width; }
};

/// The segments covering `[0, extent)` with tiles of `width`: full tiles, then one tail.
inline llvm::SmallVector<Segment> segmentsOf(int64_t extent, int64_t width) {
  llvm::SmallVector<Segment> segments;
  int64_t fullEnd = extent / width * width;
  if (fullEnd > 0)
    segments.push_back({0, fullEnd, width});
  if (fullEnd < extent)
    segments.push_back({fullEnd, extent, extent - fullEnd});
  return segments;
}

} // namespace mlir::dlm

#endif // DLM_TRANSFORMS_SEGMENTS_H
