// RUN: dlmc %s --check -verify-diagnostics
// Tests calls of functions, built-ins, blocks and instances: argument counts, missing arguments,
// what can be called, results that do not match the declaration, recursion, and grad.

import std.nn
import std.datasets

fn f(a, b = 1) {
  return a
}
fn recursive(v) {
  // The notes show the innermost four calls, all of them this one.
  // expected-error@+5:10 {{calls nest more than 64 deep when inlining 'recursive'; is it recursive?}}
  // expected-note@+4:10 {{'recursive' called here}}
  // expected-note@+3:10 {{'recursive' called here}}
  // expected-note@+2:10 {{'recursive' called here}}
  // expected-note@+1:10 {{'recursive' called here}}
  return recursive(v)
}
// expected-error@+1:1 {{'no_return' declares a result but does not return one}}
fn no_return(v) -> f32[N] {
  w = v
}
fn after_return(v) {
  return v
  // expected-error@+1:3 {{unreachable statement after 'return'}}
  w = v
}
fn makes_param(v) {
  // expected-error@+1:3 {{'param' is not allowed in a function}}
  param w: f32[3] = zeros()
  return v
}
fn unpack(v) {
  // expected-error@+1:3 {{expected 3 values to unpack, got a tuple of 2}}
  a, b, c = (v, v)
  return a
}

train arguments on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  // expected-error@+1:15 {{f: expected at most 2 arguments, got 3}}
  a = f(h, 2, 3)
  // expected-error@+1:7 {{f: missing argument 'a'}}
  b = f(b = 2)
  // No columns: the caret should be on the keyword but is on its value (calls-keyword-location.dlm).
  // expected-error@+1 {{f has no parameter 'c'; expected one of: a, b}}
  b2 = f(h, c = 3)
  // expected-error@+1 {{f: parameter 'a' is given twice}}
  b3 = f(h, a = h)
  // expected-error@+1:36 {{argument 'keepdims' of mean: expected a bool, got an int (2)}}
  c = mean(h, axis = 1, keepdims = 2)
  // expected-error@+1:7 {{Linear: missing argument 'out'}}
  d = Linear(784)
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}

train callees on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  // expected-error@+1:7 {{an instance of block 'Linear' must be bound to a name before it is used: write 'layer = Linear(...)' in a block body or program}}
  a = Linear(784, 10)(h)
  // expected-error@+1:7 {{expected a function, block or instance to call, got an int (3)}}
  b = 3(h)
  // A member is located at its name, and a call at its callee.
  // expected-error@+1:9 {{'.weight': expected an instance of a block on the left, got a tensor f32[64, 784]}}
  c = h.weight
  // expected-error@+1:10 {{expected a function, block or instance to call, got a tensor f32[10, 784]}}
  d = fc.weight(h)
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}

train bodies on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  a = recursive(h)
  b = no_return(h)
  // expected-note@+1:7 {{'after_return' called here}}
  c = after_return(h)
  // expected-note@+1:7 {{'makes_param' called here}}
  d = makes_param(h)
  // expected-note@+1:7 {{'unpack' called here}}
  e = unpack(h)
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}

train gradients on fashion(batch = 64) {
  fc = Linear(784, 10)
  h = reshape(x, [B, 784])
  // expected-error@+1:12 {{argument 'f' of grad: expected a scalar floating-point tensor, got a tensor f32[64, 10]}}
  a = grad(fc(h), h)
  // expected-error@+1:25 {{argument 'wrt' of grad: expected a floating-point tensor (an input, a value or a parameter), got a tensor i32[64]}}
  b = grad(mean(fc(h)), y)
  // expected-error@+1:25 {{grad: the expression does not depend differentiably on this tensor, so its gradient would be zero}}
  c = grad(mean(fc(h)), normal([3]))
  // expected-error@+1:7 {{grad: missing argument 'wrt'}}
  d = grad(mean(fc(h)))
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}
