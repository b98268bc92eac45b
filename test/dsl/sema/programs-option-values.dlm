// RUN: dlmc %s --check -verify-diagnostics
// Tests the message for program options that must be positive.
//
//

import std.nn
import std.datasets

// expected-error@+1:37 {{option 'batch' of program 'zero_batch': expected a positive int, got 0}}
train zero_batch on fashion(batch = 0) {
  fc = Linear(784, 10)
}
// expected-error@+1:54 {{option 'epochs' of program 'negative_epochs': expected a positive int, got -1}}
train negative_epochs on fashion(batch = 1, epochs = -1) {
  fc = Linear(784, 10)
}
