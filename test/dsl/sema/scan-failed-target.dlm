// RUN: dlmc %s --check -verify-diagnostics
// Tests that after a scan fails, its target and carries do not cause more errors.
//
//

import std.nn
import std.datasets

fn grows(v: f32[N, T, D]) -> f32[T, N, D] {
  // expected-error@+1:30 {{carry 'h' must keep its type through the scan}}
  ys = scan t in 0..T carry (h = zeros([N, D])) {
    h = concat([h, v[:, t]], axis = 1)
    yield h
  }
  return ys
}
fn empty_range(v: f32[N, T, D]) -> f32[N, D] {
  // expected-error@+1:13 {{scan: expected a non-empty range}}
  scan t in 3..3 carry (h = zeros([N, D])) {
    h = h + v[:, t]
  }
  return h
}

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  s = reshape(x, [B, 28, 28])
  // expected-note@+1:7 {{'grows' called here}}
  a = grows(s)
  // expected-note@+1:7 {{'empty_range' called here}}
  b = empty_range(s)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}
