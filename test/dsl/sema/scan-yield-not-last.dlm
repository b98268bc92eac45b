// RUN: dlmc %s --check -verify-diagnostics
// Tests a 'yield' that is not the last statement of the scan body: one error at the yield.
//
//
//
//

import std.nn
import std.datasets

fn early(v: f32[N, T, D]) -> f32[T, N, D] {
  ys = scan t in 0..T carry (h = zeros([N, D])) {
    // expected-error@+1:5 {{'yield' must be the last statement of the scan body}}
    yield h
    h = h + v[:, t]
  }
  return ys
}

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  // expected-note@+1:7 {{'early' called here}}
  a = early(reshape(x, [B, 28, 28]))
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}
