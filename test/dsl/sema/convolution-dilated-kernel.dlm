// RUN: dlmc %s --check -verify-diagnostics
// Tests the message for a dilated kernel that does not fit: with dilation 7 a 5-wide kernel
// spans 7 * (5 - 1) + 1 = 29 positions, more than the 28 of the input.
//
//
//

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  // expected-error@+1:7 {{conv: kernel extent 29 (dilated) is larger than the padded input extent 28 in spatial dimension 0}}
  a = conv(x, normal([6, 1, 5, 5]), dilation = 7)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}
