// RUN: dlmc %s --check -verify-diagnostics
// Tests that shapes given as lists are checked like declared types: every extent is positive.
//
//
//

import std.datasets

eval e on fashion(batch = 64) {
  // expected-error@+1:25 {{argument 'shape' of zeros: expected positive extents, got -3}}
  metric a = mean(zeros([-3, 2]))
  // expected-error@+1:24 {{argument 'shape' of full: expected positive extents, got -1}}
  metric c = mean(full([2, -1], 1.0))
  // expected-error@+1:30 {{argument 'n' of arange: expected a positive int, got -5}}
  metric d = mean(f32(arange(-5)))
  // expected-error@+1:30 {{argument 'classes' of one_hot: expected a positive int, got -2}}
  metric f = mean(one_hot(y, -2))
  // expected-error@+1:45 {{argument 'shape' of broadcast_to: expected positive extents, got -4}}
  metric g = mean(broadcast_to(normal([1]), [-4]))
}
