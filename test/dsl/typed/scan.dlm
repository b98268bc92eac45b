// RUN: dlmc %s --emit=typed | FileCheck %s
// Tests the result shapes of 'scan' (docs/language.md §5.7): the target stacks the yielded
// values along a new leading dimension of one entry per position of the range, and after the
// scan each carry names its final value. x is reshaped to f32[64, 28, 28] (N, T, D).

import std.datasets

fn running(v: f32[N, T, D]) {
  ys = scan t in 0..T carry (h = zeros([N, D])) {
    h = h + v[:, t]
    yield h
  }
  return ys
}

// 1, 3, ..., 27 backwards: 14 positions. The yielded value is one row of h.
fn every_other(v: f32[N, T, D]) {
  ys = scan t in reverse 1..T step 2 carry (h = zeros([N, D])) {
    h = tanh(h + v[:, t])
    yield h[0]
  }
  return ys
}

// No target: only the final carries are used.
fn final_carry(v: f32[N, T, D]) {
  scan t in 0..T carry (h = zeros([N, D]), c = zeros([N, 1])) {
    h = h + v[:, t]
    c = c + 1
  }
  return h * c
}

eval shapes on fashion(batch = 64) {
  s = reshape(x, [B, 28, 28])
  a = running(s)
  b = every_other(s)
  c = final_carry(s)
  metric ma = mean(a)
  metric mb = mean(b)
  metric mc = mean(c)
}

// CHECK-LABEL: metric ma
// CHECK: = scan({{.*}}) yields ({{.*}}) {length = 28, start = 0, step = 1, reverse = 0} : f32[28, 64, 28] @scan.dlm:9:3
// CHECK-LABEL: metric mb
// CHECK: = scan({{.*}}) yields ({{.*}}) {length = 14, start = 1, step = 2, reverse = 1} : f32[14, 28] @scan.dlm:18:3
// CHECK-LABEL: metric mc
// CHECK: = scan_result(%{{[0-9]+}}) {index = 0} : f32[64, 28] @scan.dlm:27:25
// CHECK: = scan_result(%{{[0-9]+}}) {index = 1} : f32[64, 1] @scan.dlm:27:44
// CHECK: = mul({{.*}}) : f32[64, 28] @scan.dlm:31:12
