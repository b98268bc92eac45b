// RUN: dlm-opt %s -split-input-file -verify-diagnostics -dlm-convert-to-linalg
// Tests that a dlm op without a lowering for its operand types is an error at the op
// (at its .dlm line in a compiled program), not a silently wrong or partial lowering.

// Tests that integer reductions are not lowered (the identities and combinations
// are float-only).
func.func @integer_reduce(%x: tensor<4x3xi32>) -> tensor<3xi32> {
  // expected-error@+1 {{no lowering of 'dlm.reduce' to linalg for these operand types}}
  %0 = dlm.reduce sum %x {axes = array<i64: 0>} : (tensor<4x3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

// Tests that argmax of integers is not lowered.
func.func @integer_argmax(%x: tensor<4x3xi32>) -> tensor<4xi32> {
  // expected-error@+1 {{no lowering of 'dlm.argmax' to linalg for these operand types}}
  %0 = dlm.argmax %x {axis = 1 : i64} : (tensor<4x3xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Tests that a dlm.grad left unexpanded (dlm-autodiff did not run) is reported.
func.func @unexpanded_grad(%l: tensor<f32>, %x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{no lowering of 'dlm.grad' to linalg for these operand types}}
  %0 = dlm.grad %l, %x : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
