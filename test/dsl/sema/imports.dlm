// RUN: dlmc %s --check -verify-diagnostics
// Tests imports (docs/language.md §5.1): modules that cannot be found, by path and by string,
// a name declared in two files, an import cycle and a file imported twice (both loaded once).

import std.nn
import std.datasets
// expected-error@+1:8 {{cannot find module 'std.nonexistent': expected a file 'std/nonexistent.dlm' in one of: }}
import std.nonexistent
// expected-error@+1:8 {{cannot find module 'Inputs/missing.dlm': expected a file 'Inputs/missing.dlm' in one of: }}
import "Inputs/missing.dlm"
// Inputs/layers.dlm declares Linear again; the error is in that file, the note in std/nn.dlm.
// expected-error@* {{redefinition of 'Linear'}}
// expected-note@* {{previous definition is here}}
import "Inputs/layers.dlm"
import "Inputs/cycle_a.dlm"
import std.nn

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = twice(from_a(reshape(x, [B, 784])))
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}
