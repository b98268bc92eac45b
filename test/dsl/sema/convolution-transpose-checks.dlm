// RUN: dlmc %s --check -verify-diagnostics
// Tests that conv_transpose checks what conv checks: floating-point operands of one element type,
// groups that divide the channels, and a positive output extent.
//
//
//

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  // expected-error@+1:56 {{argument 'groups' of conv_transpose: expected a divisor of 1 input channels, got 4}}
  a = conv_transpose(x, normal([1, 6, 3, 3]), groups = 4)
  // expected-error@+1:22 {{argument 'x' of conv_transpose: expected a floating-point tensor, got i32[64, 1, 28, 28]}}
  b = conv_transpose(i32(x), normal([1, 6, 3, 3]))
  // (28 - 1) * 1 - 2 * 20 + (3 - 1) + 1 = -10
  // expected-error@+1:7 {{conv_transpose: spatial dimension 0 would have extent -10}}
  c = conv_transpose(x, normal([1, 6, 3, 3]), pad = 20)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
  metric ma = mean(a)
  metric mb = mean(f32(b))
  metric mc = mean(c)
}
