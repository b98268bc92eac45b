// RUN: dlmc %s --emit=typed | FileCheck %s
// Tests the result shapes of index notation (docs/language.md §5.6): each free index takes the
// extent of the dimensions it subscripts alone, or, used only in affine subscripts, the largest
// range that keeps every access in bounds.

import std.datasets

// t + j <= 783 for every j in [0, 5): t ranges over 784 - 5 + 1 = 780 positions.
fn conv1d(v: f32[N, C, L], k: f32[O, C, K]) {
  y[n, o, t] = sum(c, j) v[n, c, t + j] * k[o, c, j]
  return y
}

// 2 * t + j <= 783 for j in [0, 3): t <= 390, so (784 - 3) / 2 + 1 = 391 positions.
fn strided_maxpool(v: f32[N, C, L]) {
  y[n, c, t] = max(j: 3) v[n, c, 2 * t + j]
  return y
}

fn gram(f: f32[N, C, P]) {
  g[n, i, j] = sum(p) f[n, i, p] * f[n, j, p] / P
  return g
}

// A reduction inside a reduction: the maximum over a of the sums over b.
fn row_max_of_sums(v: f32[N, A, B2]) {
  r[n] = max(a) sum(b) v[n, a, b]
  return r
}

eval shapes on fashion(batch = 64) {
  a = conv1d(reshape(x, [B, 1, 784]), normal([4, 1, 5]))
  b = strided_maxpool(reshape(x, [B, 1, 784]))
  c = gram(reshape(x, [B, 28, 28]))
  e = row_max_of_sums(reshape(x, [B, 28, 28]))
  metric ma = mean(a)
  metric mb = mean(b)
  metric mc = mean(c)
  metric me = mean(e)
}

// CHECK-LABEL: metric ma
// CHECK: = index_notation n,o,t(%{{[0-9]+}}, %{{[0-9]+}}) : f32[64, 4, 780] @index-notation.dlm:10:3
// CHECK-LABEL: metric mb
// CHECK: = index_notation n,c,t(%{{[0-9]+}}) : f32[64, 1, 391] @index-notation.dlm:16:3
// CHECK-LABEL: metric mc
// CHECK: = index_notation n,i,j(%{{[0-9]+}}, %{{[0-9]+}}) : f32[64, 28, 28] @index-notation.dlm:21:3
// CHECK-LABEL: metric me
// CHECK: = index_notation n(%{{[0-9]+}}) : f32[64] @index-notation.dlm:27:3
