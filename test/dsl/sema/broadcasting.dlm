// RUN: dlmc %s --check -verify-diagnostics
// Tests NumPy broadcasting (docs/language.md §4.5): shapes align at their trailing dimensions and
// each pair must be equal or contain a 1. The error names both shapes and the dimension.

import std.nn
import std.datasets

// A bias of the wrong size, added inside a method: the error is in the method, with a note at
// the call.
block BadBias {
  fc = Linear(784, 10)
  param bias: f32[784] = zeros()
  forward(v: f32[N, 784]) -> f32[N, 10] {
    // expected-error@+1:18 {{operator '+': shapes f32[64, 10] and f32[784] do not broadcast: dimension 1 is 10 on the left and 784 on the right (expected equal extents or 1)}}
    return fc(v) + bias
  }
}

train operators on fashion(batch = 64) {
  fc = Linear(784, 10)
  o = fc(reshape(x, [B, 784]))
  // [64, 10] against [10, 64]: the trailing dimensions 10 and 64 differ.
  // expected-error@+1:9 {{operator '*': shapes f32[64, 10] and f32[10, 64] do not broadcast: dimension 1 is 10 on the left and 64 on the right}}
  a = o * normal([10, 64])
  // [64, 10] against [2, 1, 10] broadcasts to [2, 64, 10]; against [3, 1] it does not.
  b = o - normal([2, 1, 10])
  // expected-error@+1:9 {{operator '-': shapes f32[64, 10] and f32[3, 1] do not broadcast: dimension 0 is 64 on the left and 3 on the right}}
  c = o - normal([3, 1])
  // Comparisons broadcast too.
  // expected-error@+1:9 {{operator '>': shapes f32[64, 10] and f32[5] do not broadcast}}
  d = o > normal([5])
  // expected-error@+1:7 {{broadcast_to: f32[64, 10] does not broadcast to [64, 20]}}
  e = broadcast_to(o, [64, 20])
  // expected-error@+1:7 {{select: condition bool[3] does not broadcast with the branches f32[64, 10]}}
  f = select(normal([3]) > 0, o, 0)
  // expected-error@+1:21 {{argument 'targets' of bce_logits: expected floats broadcastable to f32[64, 10], got f32[64]}}
  g = bce_logits(o, normal([64]))
  loss = cross_entropy(o, y)
  update fc with sgd(lr = 0.1)
}

train in_method on fashion(batch = 64) {
  net = BadBias()
  // expected-note@+1:24 {{'BadBias.forward' called here}}
  loss = cross_entropy(net(reshape(x, [B, 784])), y)
  update net with sgd(lr = 0.1)
}
