// RUN: dlmc %s --check -verify-diagnostics
// Tests a block that instantiates itself: the instantiation never ends, which must be an error.
//
//

import std.nn
import std.datasets

block Tree(depth: int) {
  fc = Linear(3, 3)
  // expected-error@+1:11 {{block 'Tree' instantiates itself}}
  child = Tree(depth + 1)
}

train t on fashion(batch = 64) {
  // expected-note@+1:10 {{block 'Tree' instantiated here}}
  tree = Tree(0)
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}
