// RUN: dlm-opt %s -split-input-file -dlm-tile-large-matmuls="panel-bytes=65536 min-column-blocks=2" -canonicalize | FileCheck %s
// Tests the cache blocks of large matmuls: column blocks in parallel, depth blocks in order
// (the last one shorter), each packing its slice of the right-hand operand into contiguous
// panels of 64 columns before multiplying on them; the output's fill moves into the first
// depth block. With 64 KiB of panels and two column blocks, 256 columns give blocks of 128
// (two panels) and 128 steps: 400 steps are three blocks of 128 and a last one of 16.

// CHECK-DAG: #[[PACK:.*]] = affine_map<(d0, d1, d2) -> (d1, d0 * 64 + d2)>
// CHECK-DAG: #[[LEFTMAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3)>
// CHECK-DAG: #[[PANELMAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3, d2)>
// CHECK-DAG: #[[OUTMAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @blocks
// CHECK: %[[PANELS:.*]] = memref.alloc() : memref<4x128x64xf32>
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel (%[[N0:.*]]) = (%c0) to (%c256) step (%c128) {
// CHECK: %[[FIRST:.*]] = arith.divui %[[N0]], %c64
// CHECK: %[[MINE:.*]] = memref.subview %[[PANELS]][%[[FIRST]], 0, 0] [2, 128, 64] [1, 1, 1]
// CHECK: %[[SLICE:.*]] = memref.subview %arg1[0, %[[N0]]] [128, 128] [1, 1]
// CHECK: linalg.generic {indexing_maps = [#[[PACK]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[SLICE]] : {{.*}}) outs(%[[MINE]] :
// CHECK: %[[LEFT:.*]] = memref.subview %arg0[0, 0] [256, 128] [1, 1]
// CHECK: %[[OUT:.*]] = memref.subview %arg2[0, %[[N0]]] [256, 128] [1, 1]
// CHECK: %[[OUT3:.*]] = memref.expand_shape %[[OUT]] {{\[}}[0], [1, 2]] output_shape [256, 2, 64]
// CHECK: linalg.fill ins(%cst : f32) outs(%[[OUT3]] :
// CHECK: linalg.generic {indexing_maps = [#[[LEFTMAP]], #[[PANELMAP]], #[[OUTMAP]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[LEFT]], %[[MINE]] : {{.*}}) outs(%[[OUT3]] :
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: scf.for %[[K0:.*]] = %c128 to %c384 step %c128 {
// CHECK: memref.subview %arg1[%[[K0]], %[[N0]]] [128, 128] [1, 1]
// CHECK-NOT: linalg.fill
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: }
// CHECK: %[[TAIL:.*]] = memref.subview %[[MINE]][0, 0, 0] [2, 16, 64] [1, 1, 1]
// CHECK: memref.subview %arg1[384, %[[N0]]] [16, 128] [1, 1]
// CHECK: linalg.generic {{.*}} outs(%[[TAIL]] :
// CHECK: memref.subview %arg0[0, 384] [256, 16] [1, 1]
// CHECK-NOT: linalg.fill
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[TAIL]] :
// CHECK: scf.reduce
// CHECK: memref.dealloc %[[PANELS]]
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @blocks(%a: memref<256x400xf32>, %b: memref<400x256xf32>, %c: memref<256x256xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<256x256xf32>)
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<256x400xf32>, memref<400x256xf32>) outs(%c : memref<256x256xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Tests a left operand read transposed (a weight gradient, x^T dy), the right operand first
// in the body, and no fill: every depth block accumulates into the output as it is.
// CHECK-DAG: #[[RIGHT:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3, d2)>
// CHECK-DAG: #[[LEFT:.*]] = affine_map<(d0, d1, d2, d3) -> (d3, d0)>
// CHECK-LABEL: func.func @transposed_left
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel
// CHECK: memref.subview %arg0[0, 0] [128, 256] [1, 1]
// CHECK: linalg.generic {indexing_maps = [#[[RIGHT]], #[[LEFT]], #{{.*}}], {{.*}} ins(%{{.*}}, %{{.*}} : memref<2x128x64xf32, {{.*}}>, memref<128x256xf32, {{.*}}>)
#a = affine_map<(m, n, k) -> (k, m)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @transposed_left(%a: memref<256x256xf32>, %b: memref<256x256xf32>, %c: memref<256x256xf32>) {
  linalg.generic {indexing_maps = [#b, #a, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%b, %a : memref<256x256xf32>, memref<256x256xf32>) outs(%c : memref<256x256xf32>) {
  ^bb0(%y: f32, %x: f32, %acc: f32):
    %p = arith.mulf %y, %x : f32
    %s = arith.addf %p, %acc : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Tests what stays as it is: fewer than 256 rows (the panels would be read by too few row
// blocks to repay the copy), columns that are not a multiple of 64, a right-hand operand within
// the panel bytes, and a body that is not a multiply-accumulate.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: scf.parallel
// CHECK-NOT: memref.alloc
// CHECK-COUNT-4: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-NOT: linalg.generic
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @left_alone(%a: memref<128x300xf32>, %b: memref<300x256xf32>, %c: memref<128x256xf32>,
                      %a2: memref<256x300xf32>, %b2: memref<300x200xf32>, %c2: memref<256x200xf32>,
                      %b3: memref<60x256xf32>, %a3: memref<256x60xf32>, %c3: memref<256x256xf32>,
                      %b4: memref<300x256xf32>, %c4: memref<256x256xf32>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<128x300xf32>, memref<300x256xf32>) outs(%c : memref<128x256xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a2, %b2 : memref<256x300xf32>, memref<300x200xf32>) outs(%c2 : memref<256x200xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a3, %b3 : memref<256x60xf32>, memref<60x256xf32>) outs(%c3 : memref<256x256xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a2, %b4 : memref<256x300xf32>, memref<300x256xf32>) outs(%c4 : memref<256x256xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.subf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}
