// RUN: dlm-opt %s -split-input-file -dlm-autodiff -verify-diagnostics | FileCheck %s
// Tests the adjoint IR dlm-autodiff builds: the seed, each rule's ops, the
// generic reduction of broadcast adjoints, fan-out accumulation, and that
// nothing is computed for values that need no gradient.

// Tests that a broadcast operand's adjoint is summed back to its shape once,
// and that the gradient is returned after the loss.
// CHECK-LABEL: func.func @bias
// CHECK-SAME: -> (tensor<f32>, tensor<4xf32>)
// CHECK-SAME: dlm.gradients = ["b"]
// CHECK: %[[ONE:.*]] = dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[SPREAD:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<3x4xf32>
// CHECK: %[[SUM:.*]] = dlm.reduce sum %[[SPREAD]] {axes = array<i64: 0>, keepdims = true} : (tensor<3x4xf32>) -> tensor<1x4xf32>
// CHECK: %[[GRAD:.*]] = dlm.reshape %[[SUM]] : (tensor<1x4xf32>) -> tensor<4xf32>
// CHECK: return %{{.*}}, %[[GRAD]]
func.func @bias(%x: tensor<3x4xf32>, %b: tensor<4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["b"]} {
  %y = dlm.add %x, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests the product rule and that the input's adjoint (not a parameter) is not built.
// CHECK-LABEL: func.func @product
// CHECK: dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[G:.*]] = dlm.mul %{{.*}}, %arg0 : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NOT: dlm.mul %{{.*}}, %arg1
// CHECK: return %{{.*}}, %[[G]]
func.func @product(%x: tensor<3xf32>, %w: tensor<3xf32> {dlm.param = "w"}) -> tensor<f32> attributes {dlm.updated = ["w"]} {
  %y = dlm.mul %w, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests relu's rule (a mask) and fan-out: w is used twice, its adjoints are added.
// CHECK-LABEL: func.func @fan_out
// CHECK: dlm.compare gt, %arg0, %{{.*}}
// CHECK: dlm.select
// CHECK: %[[TOTAL:.*]] = dlm.add %{{.*}}, %{{.*}} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK: return %{{.*}}, %[[TOTAL]]
func.func @fan_out(%w: tensor<3xf32> {dlm.param = "w"}) -> tensor<f32> attributes {dlm.updated = ["w"]} {
  %r = dlm.relu %w : (tensor<3xf32>) -> tensor<3xf32>
  %y = dlm.add %r, %w : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests the matrix-product rule: dB = A^T g.
// CHECK-LABEL: func.func @matmul
// CHECK: %[[AT:.*]] = dlm.transpose %arg0 {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK: %[[GB:.*]] = dlm.matmul %[[AT]], %{{.*}} : (tensor<3x2xf32>, tensor<2x4xf32>) -> tensor<3x4xf32>
// CHECK: return %{{.*}}, %[[GB]]
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["b"]} {
  %y = dlm.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %l = dlm.reduce mean %y {axes = array<i64: 0, 1>} : (tensor<2x4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests index notation's rule: the adjoint of w is a contract over the other
// indices whose body is g times the body's derivative with respect to w.
// CHECK-LABEL: func.func @contract
// CHECK: dlm.contract sum (%arg0, %arg1, %{{.*}}) {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}], output_rank = 2 : i64}
// CHECK-SAME: -> tensor<5x4xf32>
// CHECK: ^bb0(%[[X:.*]]: f32{{.*}}, %[[W:.*]]: f32{{.*}}, %[[G:.*]]: f32{{.*}}):
// CHECK: arith.mulf %[[G]],
// CHECK: dlm.yield
func.func @contract(%x: tensor<3x4xf32>, %w: tensor<5x4xf32> {dlm.param = "w"}) -> tensor<f32> attributes {dlm.updated = ["w"]} {
  %y = dlm.contract sum (%x, %w) {indexing_maps = [affine_map<(n, o, i) -> (n, i)>, affine_map<(n, o, i) -> (o, i)>], output_rank = 2 : i64} : (tensor<3x4xf32>, tensor<5x4xf32>) -> tensor<3x5xf32> {
  ^bb0(%a: f32, %b: f32):
    %p = arith.mulf %a, %b : f32
    dlm.yield %p : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<3x5xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that a parameter the loss does not depend on gets a zero gradient.
// CHECK-LABEL: func.func @unused
// CHECK: %[[ZERO:.*]] = dlm.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK: return %{{.*}}, %[[ZERO]]
func.func @unused(%x: tensor<3xf32>, %w: tensor<2xf32> {dlm.param = "w"}) -> tensor<f32> attributes {dlm.updated = ["w"]} {
  %l = dlm.reduce sum %x {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that an op without a derivative on the gradient path is an error at its location.
func.func @second_order(%x: tensor<1x1x4x4xf32>, %g: tensor<1x1x2x2xf32> {dlm.param = "g"}) -> tensor<f32> attributes {dlm.updated = ["g"]} {
  // expected-error@+1 {{'dlm.pool_backward' is not differentiable, but the loss depends on it through the parameters being updated}}
  %y = dlm.pool_backward max %x, %g {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<1x1x4x4xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1, 2, 3>} : (tensor<1x1x4x4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
