// RUN: dlm-opt %s -dlm-read-only-arguments | FileCheck %s
// Tests that the tensor arguments of public functions are marked read-only for
// one-shot bufferization (the runtime reuses their buffers across calls).

// Tests that every tensor argument of a public function gets the attribute,
// beside the attributes it had; non-tensor arguments get none.
// CHECK-LABEL: func.func @step
// CHECK-SAME: %arg0: tensor<4xf32> {bufferization.writable = false}
// CHECK-SAME: %arg1: index,
// CHECK-SAME: %arg2: tensor<4x4xf32> {bufferization.writable = false, dlm.param = "w"}
// CHECK-SAME: %arg3: tensor<i64> {bufferization.writable = false, dlm.random_key}
func.func @step(%x: tensor<4xf32>, %n: index, %w: tensor<4x4xf32> {dlm.param = "w"}, %key: tensor<i64> {dlm.random_key})
    -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// Tests that private functions (called only from compiled code, whose
// arguments bufferization may write in place) are untouched, defined or not.
// CHECK-LABEL: func.func private @helper
// CHECK-SAME: (%arg0: tensor<4xf32>) -> tensor<4xf32> {
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// CHECK-LABEL: func.func private @declared
// CHECK-SAME: (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NOT: bufferization.writable
func.func private @declared(tensor<4xf32>) -> tensor<4xf32>
