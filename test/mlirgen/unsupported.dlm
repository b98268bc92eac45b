// RUN: not dlmc %s --emit=dlm 2>&1 | FileCheck %s
// Tests that a construct without a translation yet is a located error, not a crash.

import std.datasets

fn last_row(x: f32[N, 1, 28, 28]) -> f32[N, 28] {
  // CHECK: unsupported.dlm:[[@LINE+1]]:3: error: 'scan' cannot be translated to the dlm dialect yet
  rows = scan t in 0..28 carry (h = zeros([N, 28])) {
    h = h + x[:, 0, t]
    yield h
  }
  return h
}

train t on fashion(batch = 4) {
  loss = mean(last_row(x))
}
