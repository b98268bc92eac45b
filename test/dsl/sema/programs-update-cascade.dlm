// RUN: dlmc %s --check -verify-diagnostics
// Tests that an 'update' whose target is wrong reports that one error, and no second
// "nothing to update" error about the same statement.
//
//
//

import std.nn
import std.datasets

train unknown_target on fashion(batch = 64) {
  net = Linear(784, 10)
  loss = cross_entropy(net(reshape(x, [B, 784])), y)
  // expected-error@+1:10 {{unknown name 'nte'; did you mean 'net'?}}
  update nte with sgd(lr = 0.1)
}

train unknown_member on fashion(batch = 64) {
  net = Linear(784, 10)
  loss = cross_entropy(net(reshape(x, [B, 784])), y)
  // expected-error@+1:10 {{'net.wieght': block 'Linear' has no member 'wieght'}}
  update net.wieght with sgd(lr = 0.1)
}

train not_a_parameter on fashion(batch = 64) {
  net = Linear(784, 10)
  z = normal([B, 10])
  loss = cross_entropy(net(reshape(x, [B, 784])) + z, y)
  // expected-error@+1:10 {{'z': expected a block instance, a param or a state, got a tensor f32[64, 10]}}
  update z with sgd(lr = 0.1)
}

// The instance failed to instantiate; its errors are enough.
block Broken {
  // expected-error@+1:9 {{param 'w' needs an initializer}}
  param w: f32[3]
}
train broken_instance on fashion(batch = 64) {
  fc = Linear(784, 10)
  // expected-note@+1:9 {{block 'Broken' instantiated here}}
  net = Broken()
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
  update net with sgd(lr = 0.1)
}
