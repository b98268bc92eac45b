// RUN: dlmc %s --check -verify-diagnostics
// Tests an unknown member after '.': the caret on the member's name, and a suggestion as for
// other unknown names.
//
//

import std.nn
import std.datasets

block Net {
  fc = Linear(784, 10)
  forward(v: f32[N, 784]) -> f32[N, 10] {
    return fc(v)
  }
}

train t on fashion(batch = 64) {
  net = Net()
  h = reshape(x, [B, 784])
  loss = cross_entropy(net(h), y)
  update net with sgd(lr = 0.1)
  // expected-error@+1:23 {{block 'Net' has no member 'fc2'; did you mean 'fc'?}}
  metric a = mean(net.fc2.weight)
  // expected-error@+1:26 {{block 'Linear' has no member 'wieght'; did you mean 'weight'?}}
  metric b = mean(net.fc.wieght)
  // expected-error@+1:23 {{block 'Net' has no member 'forwrd'; did you mean 'forward'?}}
  metric c = mean(net.forwrd(h))
}
