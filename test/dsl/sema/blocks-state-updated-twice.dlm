// RUN: dlmc %s --check -verify-diagnostics
// Tests that a step may update a state only once (docs/language.md §5.5).
//

import std.nn
import std.datasets

block Counter {
  state n: f32[1] = zeros()
  fc = Linear(784, 10)
  forward(v: f32[N, 784]) -> f32[N, 10] {
    if training {
      n <- n + 1
      // expected-note@-1:7 {{the first update is here}}
      // expected-error@+1:7 {{state 'n' is updated twice}}
      n <- n + 2
    }
    return fc(v)
  }
}

train t on fashion(batch = 64) {
  c = Counter()
  // expected-note@+1:24 {{'Counter.forward' called here}}
  loss = cross_entropy(c(reshape(x, [B, 784])), y)
  update c with sgd(lr = 0.1)
}
