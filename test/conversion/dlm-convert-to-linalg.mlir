// RUN: dlm-opt %s -split-input-file -dlm-convert-to-linalg | FileCheck %s
// Tests the lowering of dlm ops to linalg on tensors.

// Tests that broadcasting lives in the indexing maps: the bias [10] is read
// through (d0, d1) -> (d1), a stretched extent-1 dimension at index 0.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[COLUMN:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @broadcasting
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<64x10xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%arg0, %arg1 : tensor<64x10xf32>, tensor<10xf32>) outs(%[[E1]] : tensor<64x10xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[COLUMN]], #[[ID]]]
// CHECK: arith.mulf
func.func @broadcasting(%x: tensor<64x10xf32>, %b: tensor<10xf32>, %s: tensor<64x1xf32>) -> tensor<64x10xf32> {
  %0 = dlm.add %x, %b : (tensor<64x10xf32>, tensor<10xf32>) -> tensor<64x10xf32>
  %1 = dlm.mul %0, %s : (tensor<64x10xf32>, tensor<64x1xf32>) -> tensor<64x10xf32>
  return %1 : tensor<64x10xf32>
}

// -----

// Tests the scalar bodies of unary ops and comparisons: relu is maxnumf with 0
// (no NaN propagation needed), compare becomes cmpf, select arith.select.
// CHECK-LABEL: func.func @unary
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: linalg.generic
// CHECK: arith.maxnumf %{{.*}}, %[[ZERO]] : f32
// CHECK: linalg.generic
// CHECK: arith.cmpf ogt
// CHECK: linalg.generic
// CHECK: arith.select
// CHECK-NOT: dlm.
func.func @unary(%x: tensor<8xf32>, %y: tensor<8xf32>) -> tensor<8xf32> {
  %0 = dlm.relu %x : (tensor<8xf32>) -> tensor<8xf32>
  %1 = dlm.compare gt, %0, %y : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xi1>
  %2 = dlm.select %1, %0, %y : (tensor<8xi1>, tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %2 : tensor<8xf32>
}

// -----

// Tests that index notation becomes the generic with the same maps, its body
// then the accumulation, on an accumulator filled with the identity (0 for sum).
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[Y:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @contract
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[FILLED:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x10xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[X]], #[[W]], #[[Y]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: outs(%[[FILLED]] : tensor<2x10xf32>)
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[P:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK: linalg.yield %[[S]] : f32
func.func @contract(%x: tensor<2x784xf32>, %w: tensor<10x784xf32>) -> tensor<2x10xf32> {
  %y = dlm.contract sum (%x, %w) {indexing_maps = [affine_map<(n, o, i) -> (n, i)>, affine_map<(n, o, i) -> (o, i)>], output_rank = 2 : i64} : (tensor<2x784xf32>, tensor<10x784xf32>) -> tensor<2x10xf32> {
  ^bb0(%a: f32, %b: f32):
    %p = arith.mulf %a, %b : f32
    dlm.yield %p : f32
  }
  return %y : tensor<2x10xf32>
}

// -----

// Tests that a mean reduction sums, then divides by the count of reduced
// points (multiplying by 1 / 20), and that max starts from -inf with keepdims kept as a
// constant 0 in the output map.
// (The pattern driver hoists the scalar constants to the top of the function.)
// CHECK-LABEL: func.func @reductions
// CHECK-DAG: %[[LOWEST:.*]] = arith.constant 0xFF800000 : f32
// CHECK-DAG: %[[INVERSE:.*]] = arith.constant 5.000000e-02 : f32
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = ["reduction", "parallel", "reduction"]}
// CHECK: arith.addf
// CHECK: arith.mulf %{{.*}}, %[[INVERSE]] : f32
// CHECK: linalg.fill ins(%[[LOWEST]] : f32)
// CHECK: linalg.generic
// CHECK: arith.maximumf
func.func @reductions(%x: tensor<4x3x5xf32>) -> (tensor<3xf32>, tensor<4x1x5xf32>) {
  %0 = dlm.reduce mean %x {axes = array<i64: 0, 2>} : (tensor<4x3x5xf32>) -> tensor<3xf32>
  %1 = dlm.reduce max %x {axes = array<i64: 1>, keepdims = true} : (tensor<4x3x5xf32>) -> tensor<4x1x5xf32>
  return %0, %1 : tensor<3xf32>, tensor<4x1x5xf32>
}

// -----

// Tests that constants become arith constants and stopgrad disappears.
// CHECK-LABEL: func.func @constants
// CHECK: %[[C:.*]] = arith.constant dense<2.000000e+00> : tensor<4xf32>
// CHECK-NOT: dlm.stopgrad
// CHECK: return %[[C]]
func.func @constants() -> tensor<4xf32> {
  %c = dlm.constant dense<2.0> : tensor<4xf32>
  %s = dlm.stopgrad %c : (tensor<4xf32>) -> tensor<4xf32>
  return %s : tensor<4xf32>
}
