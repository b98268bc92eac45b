// RUN: dlmc %s --check -verify-diagnostics
// Tests name resolution: unknown names with a suggestion, at top level, in programs and in inlined
// functions, redefinitions (with a note at the previous definition, also across an import), and
// a data set used as a value. Each program is elaborated on its own, so errors do not cascade.

import std.nn
import std.datasets

const classes = 10
// expected-note@-1:7 {{previous definition is here}}
// expected-error@+1:7 {{redefinition of 'classes'}}
const classes = 12

// A block may not take the name of an imported one.
// expected-error@+2:7 {{redefinition of 'Linear'}}
// expected-note@* {{previous definition is here}}
block Linear(n: int) {
}

fn double(v) {
  // expected-error@+1:14 {{unknown name 'w'}}
  return v + w
}

train unknown_in_program on fashion(batch = 64) {
  fc = Conv2d(1, 10, kernel = 28)
  // expected-error@+1:24 {{unknown name 'sofmax'; did you mean 'softmax'?}}
  p = flatten(fc(x)) + sofmax(x)
  loss = cross_entropy(flatten(fc(x)), y)
  update fc with sgd(lr = 0.1)
}

train unknown_in_function on fashion(batch = 64) {
  fc = Conv2d(1, 10, kernel = 28)
  // expected-note@+1:7 {{'double' called here}}
  d = double(x)
  loss = cross_entropy(flatten(fc(x)), y)
  update fc with sgd(lr = 0.1)
}

train data_as_value on fashion(batch = 64) {
  fc = Conv2d(1, 10, kernel = 28)
  // expected-error@+1:11 {{'fashion' is a data set; it can only follow 'on' in a program}}
  first = fashion
  loss = cross_entropy(flatten(fc(x)), y)
  update fc with sgd(lr = 0.1)
}
