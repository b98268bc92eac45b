// RUN: dlmc %s --check -verify-diagnostics
// Tests that redefining a member of a block points at the previous definition, as a top-level
// redefinition does.
//
//

import std.nn
import std.datasets

block Net {
  fc = Linear(784, 10)
  // expected-note@-1:3 {{previous definition is here}}
  // expected-error@+1:3 {{redefinition of member 'fc' of block 'Net'}}
  fc = Linear(784, 10)
  param w: f32[3] = zeros()
  // expected-note@-1:9 {{previous definition is here}}
  // expected-error@+1:9 {{redefinition of member 'w' of block 'Net'}}
  state w: f32[3] = zeros()
}

train t on fashion(batch = 64) {
  // expected-note@+2:9 {{block 'Net' instantiated here}}
  // expected-note@+1:9 {{block 'Net' instantiated here}}
  net = Net()
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}
