// RUN: dlmc %s --check -verify-diagnostics
// Tests that a compile-time float does not adopt an integer element type: 'i * 0.5' with
// i: i32[...] is an error (docs/language.md §4.6).
//
//

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  // expected-error@+1:9 {{operator '*'}}
  h = y * 0.5
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}
