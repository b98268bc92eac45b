// RUN: dlmc %s --check -verify-diagnostics
// Tests element types and compile-time kinds: no implicit conversion between element types,
// no arithmetic on bool tensors, 'not' and unary '-' on the wrong operands, compile-time
// arguments of the wrong kind, unknown type names, and a tensor condition in 'if'.

import std.nn
import std.datasets

block Net(classes: int = 10) {
  fc = Linear(784, classes)
  forward(x: f32[N, 784]) -> f32[N, classes] {
    return fc(x)
  }
}

fn scale(v: f32[N], k: int) -> f32[N] {
  return v * k
}

// expected-error@+1:13 {{unknown type 'f33'; expected f16, bf16, f32, f64, i8, i32, i64, u8, bool, int or float}}
fn typed(v: f33[N]) {
  return v
}

fn choose(v: f32[N]) {
  w = v
  // expected-error@+1:8 {{condition: expected a compile-time bool, got a tensor bool[64]; use select(cond, a, b) for tensors}}
  if v > 0 {
    w = -v
  }
  return w
}

train operators on fashion(batch = 64) {
  net = Net()
  h = reshape(x, [B, 784])
  // expected-error@+1:9 {{operator '+': element types differ: f32[64, 784] and f64[64, 784]; convert one, e.g. f32(...)}}
  a = h + f64(h)
  // expected-error@+1:15 {{operator '*': element types differ: f32[64] and i32[64]}}
  b = h[:, 0] * y
  // expected-error@+1:15 {{operator '+': expected numeric operands, got bool[64, 784]}}
  c = (h > 0) + 1
  // expected-error@+1:7 {{operator 'not': expected a bool, got a tensor f32[64, 784]}}
  d = not h
  // expected-error@+1:7 {{operator '-': expected a number or a numeric tensor, got a tensor bool[64, 784]}}
  e = -(h > 0)
  // expected-error@+1:9 {{operator 'and': expected bool operands, got f32[64, 784] and f32[64, 784]}}
  f = h and h
  // expected-error@+1:15 {{operator 'or': element types differ: bool[64, 784] and f32[64, 784]}}
  g = (h > 0) or h
  loss = cross_entropy(net(h), y)
  update net with sgd(lr = 0.1)
}

train arguments on fashion(batch = 64) {
  net = Net()
  h = reshape(x, [B, 784])
  // expected-error@+1:22 {{argument 'k' of scale: expected a compile-time int, got a float}}
  a = scale(h[:, 0], 1.5)
  // expected-error@+1:13 {{argument 'v' of scale: expected f32[N], got i32[64]}}
  b = scale(y, 2)
  c = typed(h)
  // expected-note@+1:7 {{'choose' called here}}
  d = choose(h[:, 0])
  loss = cross_entropy(net(h), y)
  update net with sgd(lr = 0.1)
}

train block_arguments on fashion(batch = 64) {
  // expected-error@+1:23 {{argument 'classes' of block Net: expected a compile-time int, got a float}}
  net = Net(classes = 2.5)
  // expected-error@+1:14 {{argument 'classes' of block Net: blocks take compile-time arguments, got a tensor f32[64, 1, 28, 28]}}
  net2 = Net(x)
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}
