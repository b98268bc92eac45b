// RUN: dlmc %s --check -verify-diagnostics
// Tests that a broadcasting error in maximum, minimum or select names the built-in as written.
//
//
//

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  o = fc(reshape(x, [B, 784]))
  // expected-error@+1:7 {{operator 'maximum': shapes f32[64, 10] and f32[64, 1, 3] do not broadcast}}
  a = maximum(o, normal([64, 1, 3]))
  // expected-error@+1:7 {{operator 'minimum': shapes f32[64, 10] and f32[7] do not broadcast}}
  b = minimum(o, normal([7]))
  // expected-error@+1:7 {{operator 'select': shapes f32[64, 10] and f32[7] do not broadcast}}
  c = select(o > 0, o, normal([7]))
  loss = cross_entropy(o, y)
  update fc with sgd(lr = 0.1)
}
