// RUN: dlmc %s --check -verify-diagnostics
// Tests that an unknown optimizer is named in the message ("expected X, got Y").
//
//

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  // expected-error@+1:18 {{got 'sgdd'}}
  update fc with sgdd(lr = 0.1)
}
