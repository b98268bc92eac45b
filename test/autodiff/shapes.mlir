// RUN: dlm-opt %s -split-input-file -dlm-autodiff | FileCheck %s
// RUN: dlm-gradcheck %s | FileCheck %s --check-prefix=NUMERIC
// NUMERIC-NOT: FAIL
// NUMERIC: gradient check passed (tolerance 1e-06)
// Pins the adjoint IR of the shape ops (DlmAdjoints.cpp). Each loss is a plain
// sum, so the result's adjoint %[[G]] is the seed broadcast back; the
// CHECK-NEXT lines after it are all that the rule emits.

// Tests that d reshape(x) = reshape(g) back to x's shape.
// CHECK-LABEL: func.func @reshape
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.reshape %[[G]] : (tensor<3x2xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3xf32>
func.func @reshape(%p: tensor<2x3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.reshape %p : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<3x2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d transpose(x, perm) = transpose(g, perm^-1): perm = [2, 0, 1]
// has the inverse [1, 2, 0] (inverse[perm[i]] = i).
// CHECK-LABEL: func.func @transpose
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1x1xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.transpose %[[G]] {permutation = array<i64: 1, 2, 0>} : (tensor<4x2x3xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3x4xf32>
func.func @transpose(%p: tensor<2x3x4xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.transpose %p {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1, 2>} : (tensor<4x2x3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d broadcast(x) = g summed back to x's shape: the rule returns g
// as is, and dlm-autodiff sums the added leading dimension and the stretched
// extent-1 dimension ([3, 1] -> [2, 3, 4]: axes 0 and 2, keepdims), then
// reshapes to [3, 1].
// CHECK-LABEL: func.func @broadcast
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1x1xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT: %[[SUM:.*]] = dlm.reduce sum %[[G]] {axes = array<i64: 0, 2>, keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.reshape %[[SUM]] : (tensor<1x3x1xf32>) -> tensor<3x1xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<3x1xf32>
func.func @broadcast(%p: tensor<3x1xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.broadcast %p : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d slice(x, start, limit) = pad(g) with zeros: low = start,
// high = shape(x) - limit = [5 - 4, 6 - 6] = [1, 0].
// CHECK-LABEL: func.func @slice
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<3x4xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.pad %[[G]] {high = array<i64: 1, 0>, low = array<i64: 1, 2>, value = 0.000000e+00 : f64} : (tensor<3x4xf32>) -> tensor<5x6xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<5x6xf32>
func.func @slice(%p: tensor<5x6xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.slice %p {start = array<i64: 1, 2>, limit = array<i64: 4, 6>, stride = array<i64: 1, 1>} : (tensor<5x6xf32>) -> tensor<3x4xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d concat(a, b, c) = the consecutive slices of g along the axis:
// columns [0, 3), [3, 4) and [4, 6).
// CHECK-LABEL: func.func @concat
// CHECK-SAME: -> (tensor<f32>, tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x2xf32>)
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<2x6xf32>
// CHECK-NEXT: %[[GA:.*]] = dlm.slice %[[G]] {limit = array<i64: 2, 3>, start = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x6xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[GB:.*]] = dlm.slice %[[G]] {limit = array<i64: 2, 4>, start = array<i64: 0, 3>, stride = array<i64: 1, 1>} : (tensor<2x6xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: %[[GC:.*]] = dlm.slice %[[G]] {limit = array<i64: 2, 6>, start = array<i64: 0, 4>, stride = array<i64: 1, 1>} : (tensor<2x6xf32>) -> tensor<2x2xf32>
// CHECK-NEXT: return %{{.*}}, %[[GA]], %[[GB]], %[[GC]] : tensor<f32>, tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x2xf32>
func.func @concat(%a: tensor<2x3xf32> {dlm.param = "a"}, %b: tensor<2x1xf32> {dlm.param = "b"}, %c: tensor<2x2xf32> {dlm.param = "c"}) -> tensor<f32> attributes {dlm.updated = ["a", "b", "c"]} {
  %y = dlm.concat %a, %b, %c {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x2xf32>) -> tensor<2x6xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<2x6xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d pad(x, low, high) = slice(g) from low to low + shape(x), with
// stride 1 (the padding value gets no gradient).
// CHECK-LABEL: func.func @pad
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<3x5xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.slice %[[G]] {limit = array<i64: 3, 3>, start = array<i64: 1, 0>, stride = array<i64: 1, 1>} : (tensor<3x5xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3xf32>
func.func @pad(%p: tensor<2x3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.pad %p {low = array<i64: 1, 0>, high = array<i64: 0, 2>, value = 0.5 : f64} : (tensor<2x3xf32>) -> tensor<3x5xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<3x5xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
