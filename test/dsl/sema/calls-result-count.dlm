// RUN: dlmc %s --check -verify-diagnostics
// Tests a function that declares two results but returns one tensor.
//

import std.nn
import std.datasets

// expected-error@+1:1 {{'two' declares 2 results but returns 1}}
fn two(v) -> (f32[N], f32[N]) {
  return v
}

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  a, b = two(h[:, 0])
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}
