// RUN: dlmc %s --check -verify-diagnostics
// Tests that a name in a program is visible only from the statement that defines it onward
// (docs/language.md §5.1), also in a 'loss' of the implicit step.
// XFAIL: *
// dlmc accepts this: the top-level loss and update are elaborated after the whole program body.

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Conv2d(1, 10, kernel = 28)
  // expected-error@+1:24 {{unknown name 'logits'}}
  loss = cross_entropy(logits, y)
  logits = flatten(fc(x))
  update fc with sgd(lr = 0.1)
}
