// RUN: dlmc %s --check -verify-diagnostics
// Tests a block instantiated inside a method: instances belong in a block body or a program
// (docs/language.md §5.3, "A method or fn cannot create them").
//
//
//

import std.nn
import std.datasets

block Maker {
  fc = Linear(784, 10)
  forward(v: f32[N, 784]) -> f32[N, 10] {
    // expected-error@+1:9 {{an instance of block 'Linear' must be bound to a name before it is used: write 'layer = Linear(...)' in a block body or program}}
    l = Linear(784, 10)
    return fc(v) + l(v)
  }
}

train t on fashion(batch = 64) {
  mk = Maker()
  // expected-note@+1:24 {{'Maker.forward' called here}}
  loss = cross_entropy(mk(reshape(x, [B, 784])), y)
  update mk with sgd(lr = 0.1)
}
