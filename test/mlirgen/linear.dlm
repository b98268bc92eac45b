// RUN: dlmc %s --emit=dlm | FileCheck %s
// Tests the translation of a small training program: parameters and batch
// fields become arguments, index notation a dlm.contract, the loss the result.

import std.datasets

block Affine {
  param weight: f32[10, 784] = zeros()
  param bias: f32[10] = zeros()
  forward(x: f32[N, 784]) -> f32[N, 10] {
    y[n, o] = sum(i) x[n, i] * weight[o, i]
    return y + bias
  }
}

train fit on fashion(batch = 32) {
  net = Affine()
  loss = cross_entropy(net(reshape(x, [B, 784])), y)
  update net with sgd(lr = 0.1)
  metric accuracy = mean(f32(argmax(net(reshape(x, [B, 784]))) == y))
}

// CHECK-DAG: #[[XMAP:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[WMAP:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @fit.step(
// CHECK-SAME: %[[W:[a-z0-9]+]]: tensor<10x784xf32> {dlm.param = "net.weight"}
// CHECK-SAME: %[[B:[a-z0-9]+]]: tensor<10xf32> {dlm.param = "net.bias"}
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<32x1x28x28xf32> {dlm.input = "x"}
// CHECK-SAME: %[[Y:[a-z0-9]+]]: tensor<32xi32> {dlm.input = "y"}
// CHECK-SAME: tensor<i64> {dlm.random_key}
// CHECK-SAME: -> tensor<f32>
// CHECK: %[[FLAT:.*]] = dlm.reshape %[[X]] : (tensor<32x1x28x28xf32>) -> tensor<32x784xf32>
// CHECK: %[[MM:.*]] = dlm.contract sum (%[[FLAT]], %[[W]]) {indexing_maps = [#[[XMAP]], #[[WMAP]]], output_rank = 2 : i64}
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32 {{.*}}, %[[C:.*]]: f32 {{.*}}):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[A]], %[[C]] : f32
// CHECK-NEXT: dlm.yield %[[P]] : f32
// CHECK: %[[LOGITS:.*]] = dlm.add %[[MM]], %[[B]]
// CHECK: %[[LOSS:.*]] = dlm.cross_entropy %[[LOGITS]], %[[Y]] : (tensor<32x10xf32>, tensor<32xi32>) -> tensor<f32>
// CHECK: return %[[LOSS]] : tensor<f32>
// CHECK-LABEL: func.func @fit.eval(
// CHECK: dlm.argmax %{{.*}} {axis = 1 : i64} : (tensor<32x10xf32>) -> tensor<32xi32>
// CHECK: dlm.compare eq
// CHECK: dlm.convert %{{.*}} : (tensor<32xi1>) -> tensor<32xf32>
// CHECK: dlm.reduce mean %{{.*}} {axes = array<i64: 0>} : (tensor<32xf32>) -> tensor<f32>
