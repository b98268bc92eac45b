// RUN: dlmc %s --check -verify-diagnostics
// Tests an index used on the right that is neither free (on the left) nor bound by a reduction
// (docs/language.md §5.6, "Every index is bound").
// XFAIL: *
// dlmc reports "unknown name 'c'; did you mean 'C'?", which hides the cause: 'c' is an index
// that no reduction binds, and the suggestion is the shape variable C.

import std.nn
import std.datasets

fn unbound(v: f32[N, C]) -> f32[N] {
  // expected-error@+1:15 {{index 'c' is not bound: add it to the left side or reduce over it, e.g. sum(c)}}
  y[n] = v[n, c]
  return y
}

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  // expected-note@+1:7 {{'unbound' called here}}
  a = unbound(h)
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}
