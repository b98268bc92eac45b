// RUN: dlm-opt %s -canonicalize | FileCheck %s
// Tests the folds of dlm ops.

// Tests that a reshape to the same type folds away.
// CHECK-LABEL: func.func @reshape_identity
// CHECK-SAME: (%[[X:.*]]: tensor<4x5xf32>)
// CHECK-NEXT: return %[[X]]
func.func @reshape_identity(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %0 = dlm.reshape %x : (tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// Tests that a reshape that changes the shape stays.
// CHECK-LABEL: func.func @reshape_kept
// CHECK: dlm.reshape
func.func @reshape_kept(%x: tensor<4x5xf32>) -> tensor<20xf32> {
  %0 = dlm.reshape %x : (tensor<4x5xf32>) -> tensor<20xf32>
  return %0 : tensor<20xf32>
}

// Tests that equal constants are uniqued and unused ones removed.
// CHECK-LABEL: func.func @constants
// CHECK: %[[C:.*]] = dlm.constant dense<1.000000e+00> : tensor<3xf32>
// CHECK-NOT: dlm.constant
// CHECK: dlm.max %[[C]], %[[C]]
func.func @constants() -> tensor<3xf32> {
  %a = dlm.constant dense<1.0> : tensor<3xf32>
  %b = dlm.constant dense<1.0> : tensor<3xf32>
  %unused = dlm.constant dense<2.0> : tensor<3xf32>
  %0 = dlm.max %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// Tests that arithmetic on float splat constants folds, also across broadcasting.
// CHECK-LABEL: func.func @splat_arithmetic
// CHECK-DAG: %[[Q:.*]] = dlm.constant dense<2.500000e-01> : tensor<f32>
// CHECK-DAG: %[[S:.*]] = dlm.constant dense<5.000000e+00> : tensor<2xf32>
// CHECK: return %[[Q]], %[[S]]
func.func @splat_arithmetic() -> (tensor<f32>, tensor<2xf32>) {
  %one = dlm.constant dense<1.0> : tensor<f32>
  %four = dlm.constant dense<4.0> : tensor<f32>
  %quarter = dlm.div %one, %four : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %twos = dlm.constant dense<2.0> : tensor<2xf32>
  %three = dlm.constant dense<3.0> : tensor<f32>
  %sum = dlm.add %twos, %three : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  return %quarter, %sum : tensor<f32>, tensor<2xf32>
}

// Tests that arithmetic on a non-constant operand is not folded.
// CHECK-LABEL: func.func @not_constant
// CHECK: dlm.mul
func.func @not_constant(%x: tensor<2xf32>) -> tensor<2xf32> {
  %two = dlm.constant dense<2.0> : tensor<f32>
  %y = dlm.mul %x, %two : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
