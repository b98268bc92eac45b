// RUN: dlmc %s --check -verify-diagnostics
// Tests the kinds of optimizer arguments: 'nesterov' is a bool, 'momentum' a number.
//
//

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  // expected-error@+2:43 {{argument 'nesterov' of sgd: expected a bool, got an int (2)}}
  // expected-error@+1:57 {{argument 'momentum' of sgd: expected a number, got a bool (true)}}
  update fc with sgd(lr = 0.1, nesterov = 2, momentum = true)
}
