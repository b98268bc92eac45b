// RUN: dlmc %s --check -verify-diagnostics
// Tests that a shape mistake names the dimension, what was expected and what was found.

import std.nn
import std.datasets

block Net {
  fc = Linear(784, 10)
  forward(x: f32[N, 783]) -> f32[N, 10] {
    // expected-error@+2:15 {{argument 'x' of Linear.forward: expected f32[N, in], got f32[64, 783]: dimension 1 expected 784 (in), got 783}}
    // expected-note@* {{the expected type is declared here}}
    return fc(x)
  }
}

train t on fashion(batch = 64) {
  net = Net()
  // expected-note@+1 {{'Net.forward' called here}}
  loss = cross_entropy(net(reshape(x, [B, 784])[:, 0:783]), y)
  update net with sgd(lr = 0.1)
}
