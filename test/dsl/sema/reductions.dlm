// RUN: dlmc %s --check -verify-diagnostics
// Tests the reduction built-ins (docs/language.md §6.3): element types they accept, the 'axis'
// argument (an int or a list of ints, in [-rank, rank)), 'keepdims', and what is not a tensor.

import std.nn
import std.datasets

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  // mean and var need floating-point values; y is i32[64].
  // expected-error@+1:12 {{argument 'x' of mean: expected a floating-point tensor, got i32[64]}}
  a = mean(y)
  // expected-error@+1:11 {{argument 'x' of var: expected a floating-point tensor, got i32[64]}}
  b = var(y, axis = 0)
  // expected-error@+1:13 {{argument 'x' of sum: expected a numeric tensor, got bool[64, 784]; convert it first, e.g. f32(...)}}
  c = sum(h > 0)
  // expected-error@+1:21 {{argument 'axis' of sum: expected an axis in [-2, 2), got 2}}
  d = sum(h, axis = 2)
  // expected-error@+1:21 {{argument 'axis' of max: expected an axis in [-2, 2), got 5}}
  e = max(h, axis = [0, 5])
  // expected-error@+1:21 {{argument 'axis' of sum: expected an int or a list of ints, got a float}}
  f = sum(h, axis = [0, 1.5])
  // expected-error@+1:25 {{argument 'keepdims' of sum: expected a bool, got a string}}
  g = sum(h, keepdims = "yes")
  // expected-error@+1:12 {{argument 'x' of mean: expected a tensor, got an instance of block 'Linear'}}
  k = mean(fc)
  // expected-error@+1:14 {{argument 'x' of argmax: expected rank at least 1 (at least one axis), got f32}}
  l = argmax(sum(h))
  // expected-error@+1:24 {{argument 'axis' of argmax: expected an axis in [-2, 2), got -3}}
  m = argmax(h, axis = -3)
  // expected-error@+1:25 {{argument 'axis' of softmax: expected an axis in [-2, 2), got -3}}
  n = softmax(h, axis = -3)
  // expected-error@+1:19 {{argument 'x' of log_softmax: expected a floating-point tensor, got i32[64]}}
  o = log_softmax(y)
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}
