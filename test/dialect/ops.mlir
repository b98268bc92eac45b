// RUN: dlm-opt %s | dlm-opt | FileCheck %s
// Tests that every dlm op prints and parses back unchanged (round trip through two dlm-opt runs).

// CHECK-LABEL: func.func @elementwise
func.func @elementwise(%a: tensor<64x10xf32>, %b: tensor<10xf32>, %c: tensor<64x10xi1>) -> tensor<64x10xf32> {
  // CHECK: dlm.add %{{.*}}, %{{.*}} : (tensor<64x10xf32>, tensor<10xf32>) -> tensor<64x10xf32>
  %0 = dlm.add %a, %b : (tensor<64x10xf32>, tensor<10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.sub
  %1 = dlm.sub %0, %b : (tensor<64x10xf32>, tensor<10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.mul
  %2 = dlm.mul %1, %a : (tensor<64x10xf32>, tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.div
  %3 = dlm.div %2, %b : (tensor<64x10xf32>, tensor<10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.pow
  %4 = dlm.pow %3, %a : (tensor<64x10xf32>, tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.max
  %5 = dlm.max %4, %a : (tensor<64x10xf32>, tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.min
  %6 = dlm.min %5, %a : (tensor<64x10xf32>, tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.compare lt, %{{.*}}, %{{.*}} : (tensor<64x10xf32>, tensor<10xf32>) -> tensor<64x10xi1>
  %7 = dlm.compare lt, %6, %b : (tensor<64x10xf32>, tensor<10xf32>) -> tensor<64x10xi1>
  // CHECK: dlm.and
  %8 = dlm.and %7, %c : (tensor<64x10xi1>, tensor<64x10xi1>) -> tensor<64x10xi1>
  // CHECK: dlm.not
  %9 = dlm.not %8 : (tensor<64x10xi1>) -> tensor<64x10xi1>
  // CHECK: dlm.select
  %10 = dlm.select %9, %6, %b : (tensor<64x10xi1>, tensor<64x10xf32>, tensor<10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.leaky_relu %{{.*}} {slope = 1.000000e-02 : f64}
  %11 = dlm.leaky_relu %10 {slope = 0.01 : f64} : (tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.elu %{{.*}} {alpha = 1.000000e+00 : f64}
  %12 = dlm.elu %11 {alpha = 1.0 : f64} : (tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.exp
  %13 = dlm.exp %12 : (tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.log
  %14 = dlm.log %13 : (tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.tanh
  %15 = dlm.tanh %14 : (tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.sigmoid
  %16 = dlm.sigmoid %15 : (tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.relu
  %17 = dlm.relu %16 : (tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.gelu
  %18 = dlm.gelu %17 : (tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.rsqrt
  %19 = dlm.rsqrt %18 : (tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.stopgrad
  %20 = dlm.stopgrad %19 : (tensor<64x10xf32>) -> tensor<64x10xf32>
  return %20 : tensor<64x10xf32>
}

// CHECK-LABEL: func.func @reductions_and_contractions
func.func @reductions_and_contractions(%x: tensor<64x784xf32>, %w: tensor<256x784xf32>, %t: tensor<784x256xf32>) -> (tensor<256xf32>, tensor<64xi32>, tensor<64x256xf32>, tensor<64x256xf32>) {
  // CHECK: dlm.reduce mean %{{.*}} {axes = array<i64: 0>} : (tensor<64x784xf32>) -> tensor<784xf32>
  %0 = dlm.reduce mean %x {axes = array<i64: 0>} : (tensor<64x784xf32>) -> tensor<784xf32>
  // CHECK: dlm.reduce sum %{{.*}} {axes = array<i64: 1>, keepdims = true} : (tensor<256x784xf32>) -> tensor<256x1xf32>
  %1 = dlm.reduce sum %w {axes = array<i64: 1>, keepdims = true} : (tensor<256x784xf32>) -> tensor<256x1xf32>
  %2 = dlm.reshape %1 : (tensor<256x1xf32>) -> tensor<256xf32>
  // CHECK: dlm.argmax %{{.*}} {axis = 1 : i64} : (tensor<64x784xf32>) -> tensor<64xi32>
  %3 = dlm.argmax %x {axis = 1 : i64} : (tensor<64x784xf32>) -> tensor<64xi32>
  // CHECK: dlm.matmul
  %4 = dlm.matmul %x, %t : (tensor<64x784xf32>, tensor<784x256xf32>) -> tensor<64x256xf32>
  // CHECK: dlm.contract sum (%{{.*}}, %{{.*}}) {indexing_maps = [#map, #map1], output_rank = 2 : i64}
  // CHECK: arith.mulf
  // CHECK: dlm.yield %{{.*}} : f32
  %5 = dlm.contract sum (%x, %w) {indexing_maps = [affine_map<(n, o, i) -> (n, i)>, affine_map<(n, o, i) -> (o, i)>],
                                  output_rank = 2 : i64} : (tensor<64x784xf32>, tensor<256x784xf32>) -> tensor<64x256xf32> {
  ^bb0(%a: f32, %b: f32):
    %p = arith.mulf %a, %b : f32
    dlm.yield %p : f32
  }
  return %2, %3, %4, %5 : tensor<256xf32>, tensor<64xi32>, tensor<64x256xf32>, tensor<64x256xf32>
}

// CHECK-LABEL: func.func @shapes
func.func @shapes(%x: tensor<64x16x5x5xf32>, %v: tensor<10xf32>) -> (tensor<64x400xf32>, tensor<5x5x16x64xf32>, tensor<64x10xf32>, tensor<64x16x2x5xf32>, tensor<64x32x5x5xf32>, tensor<64x16x7x7xf32>) {
  // CHECK: dlm.reshape
  %0 = dlm.reshape %x : (tensor<64x16x5x5xf32>) -> tensor<64x400xf32>
  // CHECK: dlm.transpose %{{.*}} {permutation = array<i64: 3, 2, 1, 0>}
  %1 = dlm.transpose %x {permutation = array<i64: 3, 2, 1, 0>} : (tensor<64x16x5x5xf32>) -> tensor<5x5x16x64xf32>
  // CHECK: dlm.broadcast
  %2 = dlm.broadcast %v : (tensor<10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.slice
  %3 = dlm.slice %x {start = array<i64: 0, 0, 0, 0>, limit = array<i64: 64, 16, 5, 5>, stride = array<i64: 1, 1, 3, 1>} : (tensor<64x16x5x5xf32>) -> tensor<64x16x2x5xf32>
  // CHECK: dlm.concat
  %4 = dlm.concat %x, %x {axis = 1 : i64} : (tensor<64x16x5x5xf32>, tensor<64x16x5x5xf32>) -> tensor<64x32x5x5xf32>
  // CHECK: dlm.pad
  %5 = dlm.pad %x {low = array<i64: 0, 0, 1, 1>, high = array<i64: 0, 0, 1, 1>, value = 0.0 : f64} : (tensor<64x16x5x5xf32>) -> tensor<64x16x7x7xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<64x400xf32>, tensor<5x5x16x64xf32>, tensor<64x10xf32>, tensor<64x16x2x5xf32>, tensor<64x32x5x5xf32>, tensor<64x16x7x7xf32>
}

// CHECK-LABEL: func.func @networks
func.func @networks(%x: tensor<64x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %labels: tensor<64xi32>, %key: tensor<i64>) -> (tensor<f32>, tensor<64x6x14x14xf32>, tensor<f32>, tensor<64x10xf32>, tensor<64x64xf32>) {
  // CHECK: dlm.conv %{{.*}}, %{{.*}} {dilation = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 2, 2>, stride = array<i64: 1, 1>}
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 2, 2>, dilation = array<i64: 1, 1>, groups = 1 : i64} : (tensor<64x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<64x6x28x28xf32>
  // CHECK: dlm.maxpool
  %1 = dlm.maxpool %0 {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<64x6x28x28xf32>) -> tensor<64x6x14x14xf32>
  // CHECK: dlm.avgpool
  %2 = dlm.avgpool %0 {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<64x6x28x28xf32>) -> tensor<64x6x14x14xf32>
  %3 = dlm.reshape %2 : (tensor<64x6x14x14xf32>) -> tensor<64x1176xf32>
  %4 = dlm.slice %3 {start = array<i64: 0, 0>, limit = array<i64: 64, 10>, stride = array<i64: 1, 1>} : (tensor<64x1176xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.log_softmax %{{.*}} {axis = 1 : i64}
  %5 = dlm.log_softmax %4 {axis = 1 : i64} : (tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.softmax
  %6 = dlm.softmax %5 {axis = -1 : i64} : (tensor<64x10xf32>) -> tensor<64x10xf32>
  // CHECK: dlm.cross_entropy %{{.*}}, %{{.*}} : (tensor<64x10xf32>, tensor<64xi32>) -> tensor<f32>
  %7 = dlm.cross_entropy %6, %labels : (tensor<64x10xf32>, tensor<64xi32>) -> tensor<f32>
  // CHECK: dlm.one_hot
  %8 = dlm.one_hot %labels : (tensor<64xi32>) -> tensor<64x10xf32>
  // CHECK: dlm.bce_logits
  %one = dlm.constant dense<1.0> : tensor<f32>
  %9 = dlm.bce_logits %8, %one : (tensor<64x10xf32>, tensor<f32>) -> tensor<f32>
  // CHECK: dlm.random normal %{{.*}} {a = 0.000000e+00 : f64, b = 1.000000e+00 : f64, id = 3 : i64}
  %10 = dlm.random normal %key {id = 3 : i64, a = 0.0 : f64, b = 1.0 : f64} : (tensor<i64>) -> tensor<64x64xf32>
  // CHECK: dlm.dropout %{{.*}}, %{{.*}} {id = 4 : i64, p = 5.000000e-01 : f64}
  %11 = dlm.dropout %10, %key {p = 0.5 : f64, id = 4 : i64} : (tensor<64x64xf32>, tensor<i64>) -> tensor<64x64xf32>
  // CHECK: dlm.convert
  %12 = dlm.convert %labels : (tensor<64xi32>) -> tensor<64xf32>
  return %7, %1, %9, %8, %11 : tensor<f32>, tensor<64x6x14x14xf32>, tensor<f32>, tensor<64x10xf32>, tensor<64x64xf32>
}

// CHECK-LABEL: func.func @backward_ops
func.func @backward_ops(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %g: tensor<2x4x6x6xf32>, %p: tensor<2x3x4x4xf32>, %l: tensor<f32>) -> (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>) {
  // CHECK: dlm.conv_backward_input %{{.*}}, %{{.*}} {dilation = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x4x6x6xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x8x8xf32>
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64} : (tensor<2x4x6x6xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x8x8xf32>
  // CHECK: dlm.conv_backward_filter
  %1 = dlm.conv_backward_filter %x, %g {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64} : (tensor<2x3x8x8xf32>, tensor<2x4x6x6xf32>) -> tensor<4x3x3x3xf32>
  // CHECK: dlm.pool_backward max
  %2 = dlm.pool_backward max %x, %p {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  // CHECK: dlm.grad %{{.*}}, %{{.*}} : (tensor<f32>, tensor<2x3x8x8xf32>) -> tensor<2x3x8x8xf32>
  %3 = dlm.grad %l, %x : (tensor<f32>, tensor<2x3x8x8xf32>) -> tensor<2x3x8x8xf32>
  return %0, %1, %2, %3 : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>
}

// CHECK-LABEL: func.func @remaining_elementwise
func.func @remaining_elementwise(%a: tensor<4xf32>, %b: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xi1>) {
  // CHECK: dlm.rem
  %0 = dlm.rem %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: dlm.or
  %1 = dlm.or %b, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: dlm.neg
  %2 = dlm.neg %0 : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: dlm.sqrt
  %3 = dlm.sqrt %2 : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: dlm.abs
  %4 = dlm.abs %3 : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: dlm.sign
  %5 = dlm.sign %4 : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: dlm.softplus
  %6 = dlm.softplus %5 : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: dlm.sin
  %7 = dlm.sin %6 : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: dlm.cos
  %8 = dlm.cos %7 : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: dlm.erf
  %9 = dlm.erf %8 : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: dlm.floor
  %10 = dlm.floor %9 : (tensor<4xf32>) -> tensor<4xf32>
  return %10, %1 : tensor<4xf32>, tensor<4xi1>
}
