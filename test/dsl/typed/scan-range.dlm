// RUN: dlmc %s --emit=typed | FileCheck %s
// Tests that the elaborated scan records its range: where it starts, its step and its direction.
// 'scan t in reverse 1..T step 2' visits 27, 25, ..., 1.
//
//
//

import std.datasets

fn every_other(v: f32[N, T, D]) {
  ys = scan t in reverse 1..T step 2 carry (h = zeros([N, D])) {
    h = tanh(h + v[:, t])
    yield h
  }
  return ys
}

eval shapes on fashion(batch = 64) {
  b = every_other(reshape(x, [B, 28, 28]))
  metric mb = mean(b)
}

// The attribute names and their order are free; these lines expect begin, step, reverse.
// CHECK-LABEL: metric mb
// CHECK: = scan({{.*}}) yields ({{.*}}) {
// CHECK-SAME: start = 1
// CHECK-SAME: step = 2
// CHECK-SAME: reverse
// CHECK-SAME: } : f32[14, 64, 28] @scan-range.dlm:11:3
