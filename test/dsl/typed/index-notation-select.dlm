// RUN: dlmc %s --emit=typed | FileCheck %s
//
// Tests select inside index notation: the result has the branches' element type, not the
// condition's. causal_mask in std/attention.dlm is written this way.
//
//

import std.datasets

fn relu_in(v: f32[N, C]) {
  y[n, c] = select(v[n, c] > 0, v[n, c], 0.0)
  return y
}

fn mask(L: int) {
  r = arange(L)
  m[l, s] = select(r[s] > r[l], -1e9, 0.0)
  return m
}

eval e on fashion(batch = 64) {
  metric a = mean(relu_in(reshape(x, [B, 784])))
  metric b = mean(mask(5))
}

// CHECK-LABEL: metric a
// CHECK: = index_notation n,c({{.*}}) : f32[64, 784] @index-notation-select.dlm:11:3
// CHECK-LABEL: metric b
// CHECK: = index_notation l,s({{.*}}) : f32[5, 5] @index-notation-select.dlm:17:3
