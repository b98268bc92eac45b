// RUN: dlmc %s --emit=dlm | FileCheck %s
// Tests index notation with a reduction inside a larger expression and a
// compile-time constant: the reduction becomes its own dlm.contract.

import std.datasets

fn normalize(x: f32[N, 1, 28, 28]) -> f32[N, 28] {
  const eps = 0.5
  m[n, h] = mean(w) x[n, 0, h, w]
  y[n, h] = sum(w) x[n, 0, h, w] * m[n, h] + eps
  return y
}

train t on fashion(batch = 4) {
  loss = mean(normalize(x))
}

// CHECK: dlm.contract mean ({{.*}}) {{.*}} : (tensor<4x1x28x28xf32>) -> tensor<4x28xf32>
// CHECK: %[[SUM:.*]] = dlm.contract sum ({{.*}}, {{.*}}) {{.*}}output_rank = 2 : i64{{.*}} -> tensor<4x28xf32>
// CHECK: %[[OUTER:.*]] = dlm.contract sum (%[[SUM]]) {{.*}}output_rank = 2 : i64{{.*}} -> tensor<4x28xf32>
// CHECK: arith.constant 5.000000e-01 : f32
// CHECK: arith.addf
