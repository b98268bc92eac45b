// RUN: dlmc %s --check -verify-diagnostics
// Tests that an unknown or repeated keyword argument is reported at the keyword, which is the
// offending token, not at its value.
//

import std.nn
import std.datasets

fn f(a, b = 1) {
  return a
}

// expected-error@+1:38 {{train options has no parameter 'lr'; expected one of: batch, epochs, seed, shuffle}}
train options on fashion(batch = 64, lr = 0.1) {
  fc = Linear(784, 10)
}

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  // expected-error@+1:12 {{f has no parameter 'c'; expected one of: a, b}}
  a = f(h, c = 3)
  // expected-error@+1:12 {{f: parameter 'a' is given twice}}
  b = f(h, a = h)
  // expected-error@+1:31 {{sum has no parameter 'axes'; expected one of: x, axis, keepdims}}
  c = sum(h, keepdims = true, axes = 1)
  loss = cross_entropy(fc(h), y)
  // expected-error@+1:32 {{sgd has no parameter 'beta1'; expected one of: lr, momentum, nesterov, weight_decay, clip_norm}}
  update fc with sgd(lr = 0.1, beta1 = 0.9)
}
