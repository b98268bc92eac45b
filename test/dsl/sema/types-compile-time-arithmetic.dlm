// RUN: dlmc %s --check -verify-diagnostics
// Tests compile-time integer arithmetic whose result does not fit in 64 bits: an error, not a
// value that wrapped around (docs/language.md §7.4 lists this as a known gap).
//
//

import std.datasets

// expected-error@+1:13 {{integer overflow}}
const n = 2 ** 100
// expected-error@+1:31 {{integer overflow}}
const m = 9223372036854775807 + 1

eval e on fashion(batch = 64) {
  metric a = mean(x)
}
