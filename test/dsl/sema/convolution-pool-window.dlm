// RUN: dlmc %s --check -verify-diagnostics
// Tests pooling windows and strides that are not positive.
//
//
//
//

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  // expected-error@+1:7 {{avgpool: expected positive windows and strides and non-negative padding, got window 0}}
  a = avgpool(x, 0)
  // expected-error@+1:7 {{maxpool: expected positive windows and strides and non-negative padding, got window 2, stride 0}}
  b = maxpool(x, 2, stride = 0)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}
