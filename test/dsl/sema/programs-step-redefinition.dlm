// RUN: dlmc %s --check -verify-diagnostics
// Tests that redefining a step points at the previous definition.
//
//

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  step a {
  // expected-note@-1:8 {{previous definition is here}}
    loss = cross_entropy(fc(reshape(x, [B, 784])), y)
    update fc with sgd(lr = 0.1)
  }
  // expected-error@+1:8 {{redefinition of step 'a'}}
  step a {
    loss = cross_entropy(fc(reshape(x, [B, 784])), y)
    update fc with sgd(lr = 0.1)
  }
}
