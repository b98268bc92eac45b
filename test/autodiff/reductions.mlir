// RUN: dlm-opt %s -split-input-file -dlm-autodiff | FileCheck %s
// RUN: dlm-gradcheck %s | FileCheck %s --check-prefix=NUMERIC
// NUMERIC-NOT: FAIL
// NUMERIC: gradient check passed (tolerance 1e-06)
// Pins the adjoint IR of dlm.reduce for every kind. All rules start by
// "unreducing" the result's adjoint g: a reshape that restores the reduced axes
// with extent 1 (skipped when keepdims already kept them), then a broadcast to
// the input's shape. Each loss is a plain sum, whose own adjoint (the same
// rule, seed -> reshape -> broadcast) is %[[G]].

// Tests that d sum_axes(x) = unreduce(g): here g [2] -> [2, 1] -> [2, 3]; and that
// the loss's full reduction unreduces the scalar seed the same way.
// CHECK-LABEL: func.func @reduce_sum
// CHECK-SAME: -> (tensor<f32>, tensor<2x3xf32>)
// CHECK: %[[SEED:.*]] = dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[S:.*]] = dlm.reshape %[[SEED]] : (tensor<f32>) -> tensor<1xf32>
// CHECK-NEXT: %[[G:.*]] = dlm.broadcast %[[S]] : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[KEPT:.*]] = dlm.reshape %[[G]] : (tensor<2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.broadcast %[[KEPT]] : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3xf32>
func.func @reduce_sum(%p: tensor<2x3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.reduce sum %p {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d mean_axes(x) = unreduce(g) / n, n the product of the reduced
// extents: axes 0 and 2 of [2, 3, 4] give [3] -> [1, 3, 1] -> [2, 3, 4], n = 8.
// CHECK-LABEL: func.func @reduce_mean
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[KEPT:.*]] = dlm.reshape %[[G]] : (tensor<3xf32>) -> tensor<1x3x1xf32>
// CHECK-NEXT: %[[SPREAD:.*]] = dlm.broadcast %[[KEPT]] : (tensor<1x3x1xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT: %[[N:.*]] = dlm.constant dense<8.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GP:.*]] = dlm.div %[[SPREAD]], %[[N]] : (tensor<2x3x4xf32>, tensor<f32>) -> tensor<2x3x4xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3x4xf32>
func.func @reduce_mean(%p: tensor<2x3x4xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.reduce mean %p {axes = array<i64: 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d max_axes(x) = unreduce(g) where x == unreduce(y), else 0: every
// position attaining the maximum y gets the gradient.
// CHECK-LABEL: func.func @reduce_max
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "p"}
// CHECK: %[[Y:.*]] = dlm.reduce max %[[P]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[GK:.*]] = dlm.reshape %[[G]] : (tensor<2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: %[[SPREAD:.*]] = dlm.broadcast %[[GK]] : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[YK:.*]] = dlm.reshape %[[Y]] : (tensor<2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: %[[EXT:.*]] = dlm.broadcast %[[YK]] : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[HIT:.*]] = dlm.compare eq, %[[P]], %[[EXT]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
// CHECK-NEXT: %[[ZERO:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GP:.*]] = dlm.select %[[HIT]], %[[SPREAD]], %[[ZERO]] : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3xf32>
func.func @reduce_max(%p: tensor<2x3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.reduce max %p {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d min_axes(x) = unreduce(g) where x == unreduce(y), else 0.
// CHECK-LABEL: func.func @reduce_min
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "p"}
// CHECK: %[[Y:.*]] = dlm.reduce min %[[P]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[GK:.*]] = dlm.reshape %[[G]] : (tensor<2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: %[[SPREAD:.*]] = dlm.broadcast %[[GK]] : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[YK:.*]] = dlm.reshape %[[Y]] : (tensor<2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: %[[EXT:.*]] = dlm.broadcast %[[YK]] : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[HIT:.*]] = dlm.compare eq, %[[P]], %[[EXT]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
// CHECK-NEXT: %[[ZERO:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GP:.*]] = dlm.select %[[HIT]], %[[SPREAD]], %[[ZERO]] : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3xf32>
func.func @reduce_min(%p: tensor<2x3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.reduce min %p {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d prod_axes(x) = unreduce(g) * (unreduce(y) / x): the product of the
// other factors.
// CHECK-LABEL: func.func @reduce_prod
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "p"}
// CHECK: %[[Y:.*]] = dlm.reduce prod %[[P]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[GK:.*]] = dlm.reshape %[[G]] : (tensor<2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: %[[SPREAD:.*]] = dlm.broadcast %[[GK]] : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[YK:.*]] = dlm.reshape %[[Y]] : (tensor<2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: %[[YB:.*]] = dlm.broadcast %[[YK]] : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[OTHERS:.*]] = dlm.div %[[YB]], %[[P]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[SPREAD]], %[[OTHERS]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3xf32>
func.func @reduce_prod(%p: tensor<2x3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.reduce prod %p {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that with keepdims, unreduce(g) is a broadcast alone (g is already
// [1, 3]), and the mean divides by the reduced extent, 2.
// CHECK-LABEL: func.func @reduce_mean_keepdims
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<1x3xf32>
// CHECK-NEXT: %[[SPREAD:.*]] = dlm.broadcast %[[G]] : (tensor<1x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[N:.*]] = dlm.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GP:.*]] = dlm.div %[[SPREAD]], %[[N]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3xf32>
func.func @reduce_mean_keepdims(%p: tensor<2x3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.reduce mean %p {axes = array<i64: 0>, keepdims = true} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<1x3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that with keepdims, max/min unreduce both g and y by a broadcast alone.
// CHECK-LABEL: func.func @reduce_max_keepdims
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "p"}
// CHECK: %[[Y:.*]] = dlm.reduce max %[[P]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: %[[SPREAD:.*]] = dlm.broadcast %[[G]] : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[EXT:.*]] = dlm.broadcast %[[Y]] : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[HIT:.*]] = dlm.compare eq, %[[P]], %[[EXT]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
// CHECK-NEXT: %[[ZERO:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GP:.*]] = dlm.select %[[HIT]], %[[SPREAD]], %[[ZERO]] : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3xf32>
func.func @reduce_max_keepdims(%p: tensor<2x3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.reduce max %p {axes = array<i64: 1>, keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<2x1xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
