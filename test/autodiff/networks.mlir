// RUN: dlm-opt %s -split-input-file -dlm-autodiff | FileCheck %s
// RUN: dlm-gradcheck %s | FileCheck %s --check-prefix=NUMERIC
// NUMERIC-NOT: FAIL
// NUMERIC: gradient check passed (tolerance 1e-06)
// Pins the adjoint IR of the network ops (DlmAdjoints.cpp): convolution,
// pooling, the normalized exponentials, the fused losses and dropout. Where
// the loss is a plain sum, the result's adjoint %[[G]] is the seed broadcast
// back; the losses are the function's result themselves, so their adjoint is
// the seed. The CHECK-NEXT lines are all that the rule emits.

// Tests that d conv(x, w) = (conv_backward_input(g, w), conv_backward_filter(x, g)),
// both with the convolution's stride, padding, dilation and groups.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x4x7x6xf32> {dlm.param = "x"}, %[[W:[a-z0-9]+]]: tensor<6x2x3x2xf32> {dlm.param = "w"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1x1x1xf32>) -> tensor<2x6x4x4xf32>
// CHECK-NEXT: %[[GX:.*]] = dlm.conv_backward_input %[[G]], %[[W]] {dilation = array<i64: 1, 2>, groups = 2 : i64, padding = array<i64: 1, 0>, stride = array<i64: 2, 1>} : (tensor<2x6x4x4xf32>, tensor<6x2x3x2xf32>) -> tensor<2x4x7x6xf32>
// CHECK-NEXT: %[[GW:.*]] = dlm.conv_backward_filter %[[X]], %[[G]] {dilation = array<i64: 1, 2>, groups = 2 : i64, padding = array<i64: 1, 0>, stride = array<i64: 2, 1>} : (tensor<2x4x7x6xf32>, tensor<2x6x4x4xf32>) -> tensor<6x2x3x2xf32>
// CHECK-NEXT: return %{{.*}}, %[[GX]], %[[GW]] : tensor<f32>, tensor<2x4x7x6xf32>, tensor<6x2x3x2xf32>
func.func @conv(%x: tensor<2x4x7x6xf32> {dlm.param = "x"}, %w: tensor<6x2x3x2xf32> {dlm.param = "w"}) -> tensor<f32> attributes {dlm.updated = ["x", "w"]} {
  %y = dlm.conv %x, %w {stride = array<i64: 2, 1>, padding = array<i64: 1, 0>, dilation = array<i64: 1, 2>, groups = 2 : i64} : (tensor<2x4x7x6xf32>, tensor<6x2x3x2xf32>) -> tensor<2x6x4x4xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1, 2, 3>} : (tensor<2x6x4x4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d maxpool(x) = pool_backward max (x, g), with the pool's window,
// stride and padding (g goes to each window's first maximum in x).
// CHECK-LABEL: func.func @maxpool
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3x6x5xf32> {dlm.param = "x"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1x1x1xf32>) -> tensor<2x3x3x2xf32>
// CHECK-NEXT: %[[GX:.*]] = dlm.pool_backward max %[[X]], %[[G]] {padding = array<i64: 1, 0>, stride = array<i64: 2, 2>, window = array<i64: 3, 2>} : (tensor<2x3x6x5xf32>, tensor<2x3x3x2xf32>) -> tensor<2x3x6x5xf32>
// CHECK-NEXT: return %{{.*}}, %[[GX]] : tensor<f32>, tensor<2x3x6x5xf32>
func.func @maxpool(%x: tensor<2x3x6x5xf32> {dlm.param = "x"}) -> tensor<f32> attributes {dlm.updated = ["x"]} {
  %y = dlm.maxpool %x {window = array<i64: 3, 2>, stride = array<i64: 2, 2>, padding = array<i64: 1, 0>} : (tensor<2x3x6x5xf32>) -> tensor<2x3x3x2xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1, 2, 3>} : (tensor<2x3x3x2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d avgpool(x) = pool_backward mean (x, g) (g spread evenly over
// each window).
// CHECK-LABEL: func.func @avgpool
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3x6x5xf32> {dlm.param = "x"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1x1x1xf32>) -> tensor<2x3x3x2xf32>
// CHECK-NEXT: %[[GX:.*]] = dlm.pool_backward mean %[[X]], %[[G]] {padding = array<i64: 1, 0>, stride = array<i64: 2, 2>, window = array<i64: 3, 2>} : (tensor<2x3x6x5xf32>, tensor<2x3x3x2xf32>) -> tensor<2x3x6x5xf32>
// CHECK-NEXT: return %{{.*}}, %[[GX]] : tensor<f32>, tensor<2x3x6x5xf32>
func.func @avgpool(%x: tensor<2x3x6x5xf32> {dlm.param = "x"}) -> tensor<f32> attributes {dlm.updated = ["x"]} {
  %y = dlm.avgpool %x {window = array<i64: 3, 2>, stride = array<i64: 2, 2>, padding = array<i64: 1, 0>} : (tensor<2x3x6x5xf32>) -> tensor<2x3x3x2xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1, 2, 3>} : (tensor<2x3x3x2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that y = softmax(x) has dx = y * (g - sum_axis(g * y)), the sum kept
// along the axis. (The loss weighs y by w: the gradient of a plain sum of a
// softmax is 0.) The softmax's g is the product's adjoint, gy = g * w.
// CHECK-LABEL: func.func @softmax
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "p"}, %[[W:[a-z0-9]+]]: tensor<2x3xf32>
// CHECK: %[[Y:.*]] = dlm.softmax %[[P]] {axis = 1 : i64}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[GY:.*]] = dlm.mul %[[G]], %[[W]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[GYY:.*]] = dlm.mul %[[GY]], %[[Y]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[S:.*]] = dlm.reduce sum %[[GYY]] {axes = array<i64: 1>, keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: %[[D:.*]] = dlm.sub %[[GY]], %[[S]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[Y]], %[[D]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3xf32>
func.func @softmax(%p: tensor<2x3xf32> {dlm.param = "p"}, %w: tensor<2x3xf32>) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.softmax %p {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %z = dlm.mul %y, %w : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %l = dlm.reduce sum %z {axes = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that y = log_softmax(x) has dx = g - exp(y) * sum_axis(g), here along
// axis 0 (the sum kept as [1, 3]).
// CHECK-LABEL: func.func @log_softmax
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "p"}
// CHECK: %[[Y:.*]] = dlm.log_softmax %[[P]] {axis = 0 : i64}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[E:.*]] = dlm.exp %[[Y]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[S:.*]] = dlm.reduce sum %[[G]] {axes = array<i64: 0>, keepdims = true} : (tensor<2x3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT: %[[ES:.*]] = dlm.mul %[[E]], %[[S]] : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.sub %[[G]], %[[ES]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<2x3xf32>
func.func @log_softmax(%p: tensor<2x3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.log_softmax %p {axis = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that the cross-entropy with integer labels, mean_n(-log softmax(x)[n, label_n]),
// has dx = (softmax(x) - one_hot(labels)) * (g / N), N = 2, and no adjoint for
// the labels.
// CHECK-LABEL: func.func @cross_entropy
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "logits"}, %[[LABELS:[a-z0-9]+]]: tensor<2xi32>
// CHECK-SAME: -> (tensor<f32>, tensor<2x3xf32>)
// CHECK: %[[G:.*]] = dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[N:.*]] = dlm.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SCALE:.*]] = dlm.div %[[G]], %[[N]] : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT: %[[PROB:.*]] = dlm.softmax %[[X]] {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[T:.*]] = dlm.one_hot %[[LABELS]] : (tensor<2xi32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[D:.*]] = dlm.sub %[[PROB]], %[[T]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[GX:.*]] = dlm.mul %[[D]], %[[SCALE]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GX]] : tensor<f32>, tensor<2x3xf32>
func.func @cross_entropy(%logits: tensor<2x3xf32> {dlm.param = "logits"}, %labels: tensor<2xi32>) -> tensor<f32> attributes {dlm.updated = ["logits"]} {
  %l = dlm.cross_entropy %logits, %labels : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that the cross-entropy with soft targets t, mean_n(-sum_c t log softmax(x)),
// has dx = (softmax(x) * sum_c t - t) * (g / N) (exact for any t, not only rows
// that sum to 1) and dt = -(log_softmax(x) * (g / N)). Here t = softmax(r), so dt then flows
// into the softmax rule (its first op multiplies dt by t).
// CHECK-LABEL: func.func @cross_entropy_soft
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "logits"}, %[[R:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "targets"}
// CHECK-SAME: -> (tensor<f32>, tensor<2x3xf32>, tensor<2x3xf32>)
// CHECK: %[[T:.*]] = dlm.softmax %[[R]] {axis = 1 : i64}
// CHECK: %[[G:.*]] = dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[N:.*]] = dlm.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SCALE:.*]] = dlm.div %[[G]], %[[N]] : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT: %[[PROB:.*]] = dlm.softmax %[[X]] {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[MASS:.*]] = dlm.reduce sum %[[T]] {axes = array<i64: 1>, keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: %[[PM:.*]] = dlm.mul %[[PROB]], %[[MASS]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[D:.*]] = dlm.sub %[[PM]], %[[T]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[GX:.*]] = dlm.mul %[[D]], %[[SCALE]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[LS:.*]] = dlm.log_softmax %[[X]] {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[LSS:.*]] = dlm.mul %[[LS]], %[[SCALE]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[GT:.*]] = dlm.neg %[[LSS]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: dlm.mul %[[GT]], %[[T]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: return %{{.*}}, %[[GX]], %{{.*}} : tensor<f32>, tensor<2x3xf32>, tensor<2x3xf32>
func.func @cross_entropy_soft(%logits: tensor<2x3xf32> {dlm.param = "logits"}, %raw: tensor<2x3xf32> {dlm.param = "targets"}) -> tensor<f32> attributes {dlm.updated = ["logits", "targets"]} {
  %t = dlm.softmax %raw {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %l = dlm.cross_entropy %logits, %t : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that the binary cross-entropy on logits, mean(softplus(x) - x * t), has
// dx = (sigmoid(x) - t) * (g / n) and dt = -(x * (g / n)), n = 6 elements; the
// targets [3] broadcast to [2, 3], so dt is summed back over axis 0.
// CHECK-LABEL: func.func @bce_logits
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "logits"}, %[[T:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "targets"}
// CHECK-SAME: -> (tensor<f32>, tensor<2x3xf32>, tensor<3xf32>)
// CHECK: %[[G:.*]] = dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[N:.*]] = dlm.constant dense<6.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SCALE:.*]] = dlm.div %[[G]], %[[N]] : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT: %[[SIG:.*]] = dlm.sigmoid %[[X]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[D:.*]] = dlm.sub %[[SIG]], %[[T]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[GX:.*]] = dlm.mul %[[D]], %[[SCALE]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[XS:.*]] = dlm.mul %[[X]], %[[SCALE]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[GTB:.*]] = dlm.neg %[[XS]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[SUM:.*]] = dlm.reduce sum %[[GTB]] {axes = array<i64: 0>, keepdims = true} : (tensor<2x3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT: %[[GT:.*]] = dlm.reshape %[[SUM]] : (tensor<1x3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GX]], %[[GT]] : tensor<f32>, tensor<2x3xf32>, tensor<3xf32>
func.func @bce_logits(%logits: tensor<2x3xf32> {dlm.param = "logits"}, %t: tensor<3xf32> {dlm.param = "targets"}) -> tensor<f32> attributes {dlm.updated = ["logits", "targets"]} {
  %l = dlm.bce_logits %logits, %t : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d dropout(x) = dropout(g) with the same key, p and id, i.e. the
// same mask and scale; the key gets no adjoint.
// CHECK-LABEL: func.func @dropout
// CHECK-SAME: %[[KEY:[a-z0-9]+]]: tensor<i64> {dlm.random_key}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<4x4xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.dropout %[[G]], %[[KEY]] {id = 1 : i64, p = 3.000000e-01 : f64} : (tensor<4x4xf32>, tensor<i64>) -> tensor<4x4xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<4x4xf32>
func.func @dropout(%p: tensor<4x4xf32> {dlm.param = "p"}, %key: tensor<i64> {dlm.random_key}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.dropout %p, %key {p = 0.3 : f64, id = 1 : i64} : (tensor<4x4xf32>, tensor<i64>) -> tensor<4x4xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<4x4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
