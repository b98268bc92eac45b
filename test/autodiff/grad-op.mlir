// RUN: dlm-opt %s -dlm-autodiff | FileCheck %s
// Tests that dlm.grad is replaced in place by the adjoint ops of its value
// with respect to its operand, before the step's own differentiation.

// CHECK-LABEL: func.func @input_gradient
// CHECK-NOT: dlm.grad
// CHECK: %[[SEED:.*]] = dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[G:.*]] = dlm.mul %{{.*}}, %arg1 : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK: return %[[G]]
func.func @input_gradient(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %y = dlm.mul %x, %w : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  %g = dlm.grad %l, %x : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}
