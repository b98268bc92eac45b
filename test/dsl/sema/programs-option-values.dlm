// RUN: dlmc %s --check -verify-diagnostics
// Tests the message for program options that must be positive.
// XFAIL: *
// dlmc says "program option: expected a positive int" without naming the option or the value.

import std.nn
import std.datasets

// expected-error@+1:37 {{program option 'batch': expected a positive int, got 0}}
train zero_batch on fashion(batch = 0) {
  fc = Linear(784, 10)
}
// expected-error@+1:54 {{program option 'epochs': expected a positive int, got -1}}
train negative_epochs on fashion(batch = 1, epochs = -1) {
  fc = Linear(784, 10)
}
