// RUN: dlmc %s --check -verify-diagnostics
// Tests the wording of a call with too many arguments when the callee takes one.
//

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  // expected-error@+1:15 {{relu: expected at most 1 argument, got 2}}
  a = relu(h, h)
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}
