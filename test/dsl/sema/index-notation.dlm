// RUN: dlmc %s --check -verify-diagnostics
// Tests index notation (docs/language.md §5.6): extents, bounds of affine subscripts, which
// indices must be bound and used, and what may appear on the right side.

import std.nn
import std.datasets

// 'k' takes 784 from a[n, k] and 783 from b[m, k].
fn extent_conflict(a: f32[N, K], b: f32[M, J]) -> f32[N, M] {
  // expected-error@+1:35 {{index 'k' ranges over 784 (a[k], dimension 1) but this dimension has extent 783 (b[k], dimension 1)}}
  y[n, m] = sum(k) a[n, k] * b[m, k]
  return y
}

fn unused_reduction(v: f32[N, C]) -> f32[N] {
  // expected-error@+1:17 {{reduction index 'j' is not used in the body}}
  y[n] = sum(c, j) v[n, c]
  return y
}

// 't' ranges over all 784 positions (its lone use), so t + 1 reaches 784. A subscript is
// located at its operator.
fn out_of_range(v: f32[N, L]) -> f32[N, L] {
  // expected-error@+1:30 {{subscript of dimension 1 of v f32[64, 784] ranges over [1, 784], outside [0, 783]; pad the tensor first}}
  y[n, t] = v[n, t] - v[n, t + 1]
  return y
}

fn index_as_value(v: f32[N, C]) -> f32[N, C] {
  // expected-error@+1:23 {{index 'c' can only be used inside subscripts}}
  y[n, c] = v[n, c] * c
  return y
}

fn product(v: f32[N, C]) -> f32[N] {
  // expected-error@+1:24 {{subscripts must be affine: a product of two indices is not allowed}}
  y[n] = sum(c) v[n, c * n]
  return y
}

fn free_unused(v: f32[N, C]) -> f32[N, C] {
  // expected-error@+1:8 {{cannot infer the extent of index 'c'}}
  y[n, c] = v[n, 0]
  return y
}

fn shadow(v: f32[N, C]) -> f32[N] {
  // expected-error@+1:14 {{index 'n' is already bound; use another name}}
  y[n] = sum(n) v[n, 0]
  return y
}

fn no_extent(v: f32[N, L]) -> f32[N] {
  // expected-error@+1:14 {{cannot infer the extent of index 'j': use it as a plain subscript somewhere or write sum(j: extent)}}
  y[n] = sum(j) v[n, 2 * j]
  return y
}

fn twice_on_left(v: f32[N, N]) -> f32[N, N] {
  // expected-error@+1:8 {{index 'n' appears twice on the left side}}
  y[n, n] = v[n, n]
  return y
}

fn not_a_name(v: f32[N, C]) -> f32[N, C] {
  // expected-error@+1:7 {{the left side of index notation takes plain index names, like y[n, o]}}
  y[n + 1, c] = v[n, c]
  return y
}

fn wrong_rank(v: f32[N, C]) -> f32[N] {
  // expected-error@+1:11 {{expected 2 subscripts for f32[64, 784], got 1}}
  y[n] = v[n]
  return y
}

fn matmul_inside(v: f32[N, C]) -> f32[N, C] {
  // expected-error@+1:21 {{'@' is not allowed in index notation; write the contraction with sum(k)}}
  y[n, c] = v[n, c] @ v[n, c]
  return y
}

fn call_inside(v: f32[N, C]) -> f32[N, C] {
  // expected-error@+1:13 {{only elementwise functions (exp, log, relu, maximum, select, ...) may be called inside index notation}}
  y[n, c] = softmax(v[n, c])
  return y
}

fn sum_of_bool(v: f32[N, C]) -> f32[N] {
  // expected-error@+1:10 {{'sum' of bool values; convert with f32(...) first}}
  y[n] = sum(c) (v[n, c] > 0)
  return y
}

fn whole_tensor(v: f32[N, C]) -> f32[N, C] {
  // expected-error@+1:23 {{'v' in index notation: expected a number, a scalar tensor or a subscripted tensor like v[i], got a tensor f32[64, 784]}}
  y[n, c] = v[n, c] + v
  return y
}

// A reduction is allowed only on the right of index notation.
fn reduction_elsewhere(v: f32[K]) {
  // expected-error@+1:7 {{a reduction 'sum(i) ...' belongs on the right of an index definition, e.g. y[n] = sum(i) x[n, i]}}
  s = sum(i) v[i] * v[i]
  return v
}

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  // expected-note@+1:7 {{'extent_conflict' called here}}
  a = extent_conflict(h, normal([10, 783]))
  // expected-note@+1:7 {{'unused_reduction' called here}}
  b = unused_reduction(h)
  // expected-note@+1:7 {{'out_of_range' called here}}
  c = out_of_range(h)
  // expected-note@+1:7 {{'index_as_value' called here}}
  d = index_as_value(h)
  // expected-note@+1:7 {{'product' called here}}
  e = product(h)
  // expected-note@+1:7 {{'free_unused' called here}}
  f = free_unused(h)
  // expected-note@+1:7 {{'shadow' called here}}
  g = shadow(h)
  // expected-note@+1:7 {{'no_extent' called here}}
  k = no_extent(h)
  // expected-note@+1:7 {{'twice_on_left' called here}}
  l = twice_on_left(normal([4, 4]))
  // expected-note@+1:7 {{'not_a_name' called here}}
  m = not_a_name(h)
  // expected-note@+1:7 {{'wrong_rank' called here}}
  o = wrong_rank(h)
  // expected-note@+1:7 {{'matmul_inside' called here}}
  p = matmul_inside(h)
  // expected-note@+1:7 {{'call_inside' called here}}
  q = call_inside(h)
  // expected-note@+1:7 {{'sum_of_bool' called here}}
  r = sum_of_bool(h)
  // expected-note@+1:7 {{'whole_tensor' called here}}
  s = whole_tensor(h)
  // expected-note@+1:8 {{'reduction_elsewhere' called here}}
  s2 = reduction_elsewhere(h[0])
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}
