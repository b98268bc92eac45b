// RUN: dlmc %s --check -verify-diagnostics
// Tests that after an 'if' whose condition is rejected, the names its branches assign do not
// cause further errors.
//
//

import std.nn
import std.datasets

fn choose(v: f32[N]) {
  // expected-error@+1:8 {{condition: expected a compile-time bool, got a tensor bool[64]; use select(cond, a, b) for tensors}}
  if v > 0 {
    w = v
  } else {
    w = -v
  }
  return w
}

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  // expected-note@+1:7 {{'choose' called here}}
  d = choose(h[:, 0])
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}
