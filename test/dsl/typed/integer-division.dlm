// RUN: dlmc %s --emit=typed | FileCheck %s
// Tests compile-time integer division and remainder (docs/language.md §4.3): '/' floors and '%' is
// the matching remainder, as in Python: -7 / 2 = -4, -7 % 3 = 2, 7 / 2 = 3, 7 % -3 = -2. A
// division by zero gives a float, which is reported where an int is required.

import std.datasets

const q = -7 / 2
const r = -7 % 3
const s = 7 / 2
const t = 7 % -3

eval shapes on fashion(batch = 64) {
  // [-(-4), 2, 3, -(-2)]
  metric m = mean(zeros([-q, r, s, -t]))
}

// CHECK-LABEL: metric m
// CHECK: = constant() {value = 0} : f32[4, 2, 3, 2] @integer-division.dlm:15:19
