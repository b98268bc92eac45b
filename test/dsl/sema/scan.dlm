// RUN: dlmc %s --check -verify-diagnostics
// Tests 'scan' (docs/language.md §5.7): carries keep their type, the range is not empty, the
// yield is one tensor, a target needs a yield, and the scan index is a run-time value. The
// functions return their input so that a failed scan does not make later lines fail too.

import std.nn
import std.datasets

fn grows(v: f32[N, T, D]) {
  // concat makes h wider on every step.
  // expected-error@+1:30 {{carry 'h' must keep its type through the scan: expected f32[64, 28], got a tensor f32[64, 56]}}
  ys = scan t in 0..T carry (h = zeros([N, D])) {
    h = concat([h, v[:, t]], axis = 1)
    yield h
  }
  return v
}
fn changes_element_type(v: f32[N, T, D]) {
  // expected-error@+1:25 {{carry 'h' must keep its type through the scan: expected f32[64, 28], got a tensor f64[64, 28]}}
  scan t in 0..T carry (h = zeros([N, D])) {
    h = f64(h + v[:, t])
  }
  return v
}
fn two_values(v: f32[N, T, D]) {
  ys = scan t in 0..T carry (h = zeros([N, D])) {
    h = h + v[:, t]
    // expected-error@+1:5 {{'yield' takes one tensor per step}}
    yield h, h
  }
  return v
}
fn empty_range(v: f32[N, T, D]) {
  // expected-error@+1:13 {{scan: expected a non-empty range}}
  scan t in 3..3 carry (h = zeros([N, D])) {
    h = h + v[:, t]
  }
  return v
}
fn int_carry(v: f32[N, T, D]) {
  // expected-error@+1:29 {{carry 'k': expected a tensor, got an int (0)}}
  scan t in 0..T carry (k = 0) {
    k = k + 1
  }
  return v
}
fn no_yield(v: f32[N, T, D]) {
  // expected-error@+1:3 {{scan result 'ys' needs a 'yield' in the body}}
  ys = scan t in 0..T carry (h = zeros([N, D])) {
    h = h + v[:, t]
  }
  return v
}
fn index_as_dimension(v: f32[N, T, D]) {
  scan t in 0..T carry (h = zeros([N, D])) {
    // expected-error@+1:19 {{argument 'shape' of zeros: expected a list of ints, got an element that is a tensor i32}}
    h = h + zeros([N, t])
  }
  return v
}

train t on fashion(batch = 64) {
  fc = Linear(784, 10)
  s = reshape(x, [B, 28, 28])
  // expected-note@+1:7 {{'grows' called here}}
  a = grows(s)
  // expected-note@+1:7 {{'changes_element_type' called here}}
  b = changes_element_type(s)
  // expected-note@+1:7 {{'two_values' called here}}
  c = two_values(s)
  // expected-note@+1:7 {{'empty_range' called here}}
  d = empty_range(s)
  // expected-note@+1:7 {{'int_carry' called here}}
  e = int_carry(s)
  // expected-note@+1:7 {{'no_yield' called here}}
  f = no_yield(s)
  // expected-note@+1:7 {{'index_as_dimension' called here}}
  g = index_as_dimension(s)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}
