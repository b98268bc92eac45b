// RUN: dlmc %s --check -verify-diagnostics
// Tests that a statement in the wrong place is named as it is written.
//
//
//

import std.nn
import std.datasets

block G {
  // expected-error@+1:3 {{'return' is not allowed in a block body}}
  return 3
}
block Q {
  // expected-error@+1:3 {{'loss' is not allowed in a block body}}
  loss = 3
}

train t on fashion(batch = 64) {
  // expected-error@+1:3 {{'param' is not allowed in a program}}
  param image: f32[1, 28, 28] = zeros()
  // expected-note@+1:7 {{block 'G' instantiated here}}
  g = G()
  // expected-note@+1:7 {{block 'Q' instantiated here}}
  q = Q()
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
  // expected-error@+1:3 {{'return' is not allowed in a program}}
  return loss
  // expected-error@+1:3 {{'scan' is not allowed in a program}}
  scan i in 0..3 carry (h = zeros([3])) {
    h = h + 1
  }
}
