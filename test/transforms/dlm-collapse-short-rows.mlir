// RUN: dlm-opt %s -split-input-file -dlm-collapse-short-rows | FileCheck %s
// Tests which reductions get their trailing output loops collapsed into one.

// Tests a Linear layer's input gradient after a flatten, [64, 120] x [120, 400]
// expanded by fusion to an output of [64, 16, 5, 5]: rows of 5, read contiguously
// by the weight and written contiguously, become one loop of 400 over collapsed
// operands, and the result is expanded back.
// CHECK-DAG: #[[GRADIENT:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[WEIGHT:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[OUT:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @flattened_input_gradient
// CHECK: %[[W:.*]] = tensor.collapse_shape %arg1 {{\[\[}}0], [1, 2, 3]] : tensor<120x16x5x5xf32> into tensor<120x400xf32>
// CHECK: %[[INIT:.*]] = tensor.collapse_shape %arg2 {{\[\[}}0], [1, 2, 3]] : tensor<64x16x5x5xf32> into tensor<64x400xf32>
// CHECK: %[[PRODUCT:.*]] = linalg.generic {indexing_maps = [#[[GRADIENT]], #[[WEIGHT]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%arg0, %[[W]] : tensor<64x120xf32>, tensor<120x400xf32>) outs(%[[INIT]] : tensor<64x400xf32>)
// CHECK: tensor.expand_shape %[[PRODUCT]] {{\[\[}}0], [1, 2, 3]] output_shape [64, 16, 5, 5] : tensor<64x400xf32> into tensor<64x16x5x5xf32>
#gradient = affine_map<(n, c, y, x, k) -> (n, k)>
#weight = affine_map<(n, c, y, x, k) -> (k, c, y, x)>
#out = affine_map<(n, c, y, x, k) -> (n, c, y, x)>
func.func @flattened_input_gradient(%g: tensor<64x120xf32>, %w: tensor<120x16x5x5xf32>, %init: tensor<64x16x5x5xf32>) -> tensor<64x16x5x5xf32> {
  %0 = linalg.generic {indexing_maps = [#gradient, #weight, #out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%g, %w : tensor<64x120xf32>, tensor<120x16x5x5xf32>) outs(%init : tensor<64x16x5x5xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<64x16x5x5xf32>
  return %0 : tensor<64x16x5x5xf32>
}

// -----

// Tests that rows of a full register (16) stay as they are.
// CHECK-LABEL: func.func @long_rows
// CHECK-NOT: tensor.collapse_shape
// CHECK: iterator_types = ["parallel", "parallel", "parallel", "reduction"]
#gradient = affine_map<(n, c, x, k) -> (n, k)>
#weight = affine_map<(n, c, x, k) -> (k, c, x)>
#out = affine_map<(n, c, x, k) -> (n, c, x)>
func.func @long_rows(%g: tensor<64x120xf32>, %w: tensor<120x4x16xf32>, %init: tensor<64x4x16xf32>) -> tensor<64x4x16xf32> {
  %0 = linalg.generic {indexing_maps = [#gradient, #weight, #out], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%g, %w : tensor<64x120xf32>, tensor<120x4x16xf32>) outs(%init : tensor<64x4x16xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<64x4x16xf32>
  return %0 : tensor<64x4x16xf32>
}

// -----

// Tests that a convolution with rows of 5 is left alone: its input reads the
// output position shifted by the window, not as one contiguous run.
// CHECK-LABEL: func.func @convolution
// CHECK-NOT: tensor.collapse_shape
// CHECK: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]
#input = affine_map<(n, o, y, x, c, i, j) -> (n, c, y + i, x + j)>
#filter = affine_map<(n, o, y, x, c, i, j) -> (o, c, i, j)>
#out = affine_map<(n, o, y, x, c, i, j) -> (n, o, y, x)>
func.func @convolution(%x: tensor<8x6x9x9xf32>, %w: tensor<16x6x5x5xf32>, %init: tensor<8x16x5x5xf32>) -> tensor<8x16x5x5xf32> {
  %0 = linalg.generic {indexing_maps = [#input, #filter, #out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : tensor<8x6x9x9xf32>, tensor<16x6x5x5xf32>) outs(%init : tensor<8x16x5x5xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<8x16x5x5xf32>
  return %0 : tensor<8x16x5x5xf32>
}
