// RUN: dlm-opt %s -split-input-file -dlm-interchange-for-locality | FileCheck %s
// Tests the loop order dlm-interchange-for-locality gives each linalg.generic.

// Tests the filter gradient dw[o, i] = sum_n g[n, o] * x[n, i]: i is the last
// subscript of both x and dw (two unit-stride reads, o only one), so it goes
// innermost; o stays outside as the parallel loop and n sits between:
// (o, i, n) becomes (o, n, i).
// CHECK-DAG: #[[G:.*]] = affine_map<(d0, d1, d2) -> (d1, d0)>
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[DW:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @filter_gradient
// CHECK: linalg.generic {indexing_maps = [#[[G]], #[[X]], #[[DW]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%arg0, %arg1 : tensor<64x10xf32>, tensor<64x784xf32>)
// The body is unchanged.
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @filter_gradient(%g: tensor<64x10xf32>, %x: tensor<64x784xf32>, %init: tensor<10x784xf32>) -> tensor<10x784xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(o, i, n) -> (n, o)>, affine_map<(o, i, n) -> (n, i)>,
                                        affine_map<(o, i, n) -> (o, i)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%g, %x : tensor<64x10xf32>, tensor<64x784xf32>) outs(%init : tensor<10x784xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<10x784xf32>
  return %0 : tensor<10x784xf32>
}

// -----

// Tests a convolution (n, o, p, q, c, k, l): the input's last subscript q + l
// is no plain loop, the filter reads l and the output q with unit stride; on
// that tie the parallel q wins, so q goes innermost, the other parallel loops
// stay outermost in their order and the reductions c, k, l keep theirs.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d3, d2 + d4, d5 + d6)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d3, d4, d5)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d6)>
// CHECK-LABEL: func.func @convolution
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[W]], #[[OUT]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
func.func @convolution(%x: tensor<2x3x10x10xf32>, %w: tensor<4x3x3x3xf32>, %init: tensor<2x4x8x8xf32>) -> tensor<2x4x8x8xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(n, o, p, q, c, k, l) -> (n, c, p + k, q + l)>,
                                        affine_map<(n, o, p, q, c, k, l) -> (o, c, k, l)>,
                                        affine_map<(n, o, p, q, c, k, l) -> (n, o, p, q)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : tensor<2x3x10x10xf32>, tensor<4x3x3x3xf32>) outs(%init : tensor<2x4x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x4x8x8xf32>
  return %0 : tensor<2x4x8x8xf32>
}

// -----

// Tests that generics already in order, and those with fewer than two loops,
// are left alone: an elementwise generic (its last loop already innermost), a
// one-loop generic and a zero-loop one on scalars.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ONE:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[NONE:.*]] = affine_map<() -> ()>
// CHECK-LABEL: func.func @untouched
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK: linalg.generic {indexing_maps = [#[[ONE]], #[[ONE]]], iterator_types = ["reduction"]}
// CHECK: linalg.generic {indexing_maps = [#[[NONE]], #[[NONE]]], iterator_types = []}
func.func @untouched(%x: tensor<8x16xf32>, %v: tensor<16xf32>, %s: tensor<f32>) -> (tensor<8x16xf32>, tensor<16xf32>, tensor<f32>) {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<8x16xf32>) outs(%x : tensor<8x16xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  } -> tensor<8x16xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                       iterator_types = ["reduction"]}
      ins(%v : tensor<16xf32>) outs(%v : tensor<16xf32>) {
  ^bb0(%a: f32, %b: f32):
    %m = arith.addf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<16xf32>
  %2 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []}
      ins(%s : tensor<f32>) outs(%s : tensor<f32>) {
  ^bb0(%a: f32, %b: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<f32>
  return %0, %1, %2 : tensor<8x16xf32>, tensor<16xf32>, tensor<f32>
}
