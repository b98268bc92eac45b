// RUN: dlmc %s --check -verify-diagnostics
// Tests shape checking: shape variables bound by unification, rank mismatches, declared result
// types, matmul contraction, reshape element counts, axes and permutations, concat, squeeze,
// slices and integer subscripts.

import std.nn
import std.datasets

fn dot(a: f32[K], b: f32[K]) -> f32 {
  return sum(a * b)
}

fn pool(v: f32[N, C, H, W]) -> f32[N, C] {
  return mean(v, axis = [2, 3])
}

// The result type names C, bound by the argument, but the body returns [N, 2 * C].
// expected-error@+1:27 {{result 0 of 'widen': expected f32[N, C], got f32[64, 1568]: dimension 1 expected 784 (C), got 1568}}
fn widen(v: f32[N, C]) -> f32[N, C] {
  // expected-note@-1:27 {{the expected type is declared here}}
  return concat([v, v], axis = 1)
}

train signatures on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  u = normal([3])
  // K is bound to 3 by 'a'; 'b' must then have 3 elements too.
  // expected-error@+2:14 {{argument 'b' of dot: expected f32[K], got f32[4]: dimension 0 expected 3 (K), got 4}}
  // expected-note@9:22 {{the expected type is declared here}}
  a = dot(u, normal([4]))
  // expected-error@+1:12 {{argument 'v' of pool: expected f32[N, C, H, W] (rank 4), got f32[64, 784] (rank 2)}}
  b = pool(h)
  c = widen(h)
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}

train builtins on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  // expected-error@+1:9 {{matrix product f32[64, 784] @ f32[783, 10]: the contracted dimensions differ: expected 784 (last of the left operand), got 783}}
  a = h @ normal([783, 10])
  // expected-error@+1:18 {{reshape: expected a shape with 50176 elements (like f32[64, 1, 28, 28]), got [64, 785] with 50240}}
  b = reshape(x, [B, 785])
  // expected-error@+1:18 {{reshape: f32[64, 1, 28, 28] has 50176 elements, which is not a multiple of 13}}
  c = reshape(x, [-1, 13])
  // expected-error@+1:18 {{argument 'shape' of reshape: expected positive extents and at most one -1, got [64, -1, -1]}}
  d = reshape(x, [B, -1, -1])
  // expected-error@+1:20 {{argument 'perm' of transpose: expected a permutation of 0..1, got [0, 0]}}
  e = transpose(h, [0, 0])
  // expected-error@+1:14 {{concat: tensor 1 is f32[64, 1, 28, 28], expected the same type except along the axis as tensor 0, f32[64, 784]}}
  f = concat([h, x], axis = 1)
  // expected-error@+1:13 {{stack: tensor 1 is f32[64, 783], expected the same type as tensor 0, f32[64, 784]}}
  g = stack([h, h[:, 1:]])
  // expected-error@+1:18 {{squeeze: expected extent 1 at axis 1, got 784 in f32[64, 784]}}
  k = squeeze(h, 1)
  // expected-error@+1:20 {{argument 'axis' of unsqueeze: expected an axis in [-3, 3), got 3}}
  l = unsqueeze(h, 3)
  // expected-error@+1:14 {{argument 'pads' of pad: expected 4 values (before and after for each dimension of f32[64, 784]), got 2}}
  m = pad(h, [1, 1])
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}

train subscripts on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  // expected-error@+1:12 {{slice of dimension 1 (extent 784): expected 0 <= begin < end <= 784 and a positive step}}
  a = h[:, ::0]
  // Bounds are not clamped, and an empty or reversed slice is an error.
  // expected-error@+1:13 {{slice of dimension 1 (extent 784): expected 0 <= begin < end <= 784 and a positive step}}
  a2 = h[:, 700:900]
  // expected-error@+1:13 {{slice of dimension 1 (extent 784): expected 0 <= begin < end <= 784 and a positive step}}
  a3 = h[:, 5:3]
  // expected-error@+1:8 {{too many subscripts: f32[64, 784] has rank 2, got 3 subscripts}}
  b = h[0, 0, 0]
  // expected-error@+1:9 {{index 64 is out of range for dimension 0 of f32[64, 784]}}
  c = h[64]
  // expected-error@+1:12 {{subscript: expected an int, a slice a:b:c or a scan index, got a float}}
  d = h[:, 1.5]
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}
