// RUN: dlmc %s --check -verify-diagnostics
// Tests an index used on the right that is neither free (on the left) nor bound by a reduction
// (docs/language.md §5.6, "Every index is bound").
//
//
//

import std.nn
import std.datasets

fn unbound(v: f32[N, C]) -> f32[N] {
  // expected-error@+1:15 {{index 'c' is not bound: put it on the left side, like y[c] = ..., or reduce over it with sum(c)}}
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
