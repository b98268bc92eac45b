// RUN: dlmc %s --emit=dlm | FileCheck %s
// Tests the init function: each parameter's initializer with torch.nn.init's
// fan-in/fan-out rules (the expected bounds are computed by hand below).

import std.datasets

block Inits {
  // fan_in = 3 * 2 * 2 = 12, gain = sqrt(2): bound = sqrt(2) * sqrt(3 / 12) = 0.7071067811865476
  param a: f32[4, 3, 2, 2] = kaiming_uniform()
  // fan_in = 8, fan_out = 5: std = 2 * sqrt(2 / 13) = 0.7844645405527362
  param b: f32[5, 8] = xavier_normal(gain = 2)
  param c: f32[3] = constant(0.5)
  state d: f32[3]
  forward(x: f32[N, 1, 28, 28]) -> f32 { return mean(x) * sum(c) + sum(a) + sum(b) }
}

train t on fashion(batch = 2) {
  net = Inits()
  loss = net(x)
  update net with sgd(lr = 0.1)
}

// CHECK-LABEL: func.func @t.init(%{{.*}}: tensor<i64> {dlm.random_key}
// CHECK-SAME: dlm.initializes = ["net.a", "net.b", "net.c", "net.d"]
// CHECK: dlm.random uniform %{{.*}} {a = -0.70710678118654{{[0-9]*}} : f64, b = 0.70710678118654{{[0-9]*}} : f64, id = 0 : i64} : (tensor<i64>) -> tensor<4x3x2x2xf32>
// CHECK: dlm.random normal %{{.*}} {a = 0.000000e+00 : f64, b = 0.78446454055273{{[0-9]*}} : f64, id = 1 : i64} : (tensor<i64>) -> tensor<5x8xf32>
// CHECK: dlm.constant dense<5.000000e-01> : tensor<3xf32>
// CHECK: dlm.constant dense<0.000000e+00> : tensor<3xf32>
