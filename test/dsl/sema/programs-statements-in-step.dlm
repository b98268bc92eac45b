// RUN: dlmc %s --check -verify-diagnostics
// Tests statements that do not belong in a step: a metric (metrics are per program) and a
// nested step.
//

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  step s {
    loss = cross_entropy(fc(reshape(x, [B, 784])), y)
    update fc with sgd(lr = 0.1)
    // expected-error@+1:5 {{'metric' is not allowed in a step}}
    metric m = mean(fc(reshape(x, [B, 784])))
    // expected-error@+1:5 {{'step' is not allowed in a step}}
    step inner {
      loss = mean(x)
    }
  }
}
