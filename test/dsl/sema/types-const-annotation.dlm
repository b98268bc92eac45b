// RUN: dlmc %s --check -verify-diagnostics
// Tests that the ': kind' of a const is checked against its value (docs/language.md §5.2).
//
//

import std.nn
import std.datasets

// expected-error@+1:16 {{const 'n': expected a compile-time int, got a float}}
const n: int = 1.5
// expected-error@+1:20 {{const 'flag': expected a compile-time bool, got an int (3)}}
const flag: bool = 3

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}
