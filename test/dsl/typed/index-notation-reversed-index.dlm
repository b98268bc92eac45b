// RUN: dlmc %s --emit=typed | FileCheck %s
// Tests an index that appears only with a negative coefficient, as in the 'flip' example of
// docs/language.md §5.6 and the random flip of §5.9: W - 1 - w is in bounds for w in [0, W).
//
//
//

import std.datasets

fn flip(img: f32[C, H, W]) {
  out[c, h, w] = img[c, h, W - 1 - w]
  return out
}

eval shapes on fashion(batch = 64) {
  d = flip(x[0])
  metric md = mean(d)
}

// CHECK-LABEL: metric md
// CHECK: = index_notation c,h,w(%{{[0-9]+}}) : f32[1, 28, 28] @index-notation-reversed-index.dlm:11:3
