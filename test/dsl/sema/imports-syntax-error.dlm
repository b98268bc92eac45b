// RUN: dlmc %s --check -verify-diagnostics
// Tests a syntax error in an imported file: it is reported in that file, and the importing file
// is still checked.

import std.nn
import std.datasets
// expected-error@* {{expected ')', got '}'}}
import "Inputs/broken.dlm"

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  // expected-error@+1:24 {{unknown name 'brokn'}}
  loss = cross_entropy(brokn(fc(reshape(x, [B, 784]))), y)
  update fc with sgd(lr = 0.1)
}
