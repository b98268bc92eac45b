// RUN: dlm-opt %s -split-input-file -dlm-vectorize-transposes | FileCheck %s
// Tests that a transpose moving the innermost dimension becomes 16x16 register transposes.
// (Its values are checked end to end by the channels-last filter gradients of
// test/codegen/difftest-ops.mlir.)

// Tests the channels-last copy of a filter gradient's output gradient: (n, o, p, q) to
// (n, p, q, o). The parallel loops are n and p; 20 channels and 19 columns give tiles of
// 16 and tails of 4 and 3. A full tile is 16 loads of 16 lanes, 64 shuffles, 16 stores.
// CHECK-LABEL: func.func @channels_last
// CHECK-NOT: linalg.transpose
// CHECK-NOT: memref.collapse_shape
// CHECK: scf.parallel (%[[N:[[:alnum:]_]+]], %[[P:[[:alnum:]_]+]]) =
// The full 16 x 16 tile: 16 loads along q, 4 x 16 shuffles, 16 stores along o.
// CHECK: %[[ROW:.*]] = vector.maskedload %arg0[%[[N]], %[[O:[[:alnum:]_]+]], %[[P]], %[[Q:[[:alnum:]_]+]]], %{{.*}}, %{{.*}} : memref<2x20x5x19xf32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
// CHECK-COUNT-15: vector.maskedload
// CHECK-COUNT-64: vector.shuffle
// CHECK: vector.maskedstore %arg1[%[[N]], %[[P]], %[[Q]], %[[O]]]
// CHECK-COUNT-15: vector.maskedstore
// The tile at the channel tail: 4 loads (the other registers are zero), 16 stores of 4 lanes.
// CHECK-COUNT-4: vector.maskedload
// CHECK-NOT: vector.maskedload
// CHECK: vector.shuffle
// CHECK: %[[FOUR:.*]] = vector.constant_mask [4] : vector<16xi1>
// CHECK: vector.maskedstore %arg1[{{.*}}], %[[FOUR]]
func.func @channels_last(%g: memref<2x20x5x19xf32>, %t: memref<2x5x19x20xf32>) {
  linalg.transpose ins(%g : memref<2x20x5x19xf32>) outs(%t : memref<2x5x19x20xf32>) permutation = [0, 2, 3, 1]
  return
}

// -----

// Tests that a transpose keeping the innermost dimension in place is left alone: its rows
// are already contiguous on both sides.
// CHECK-LABEL: func.func @rows_stay
// CHECK: linalg.transpose
func.func @rows_stay(%a: memref<4x8x16xf32>, %b: memref<8x4x16xf32>) {
  linalg.transpose ins(%a : memref<4x8x16xf32>) outs(%b : memref<8x4x16xf32>) permutation = [1, 0, 2]
  return
}

// -----

// Tests a Winograd convolution's output tiles, (ty, r, tx, s, o) to (o, ty, r, tx, s): the four
// tile dimensions stay together, in order, so both sides collapse to [96, 16] -> [16, 96], and
// every tile is 16 x 16 with full masks rather than 16 x 4.
// CHECK-LABEL: func.func @whole_tiles
// CHECK-DAG: %[[IN:.*]] = memref.collapse_shape %arg0 {{\[\[}}0, 1, 2, 3], [4]] : memref<2x4x3x4x16xf32> into memref<96x16xf32>
// CHECK-DAG: %[[OUT:.*]] = memref.collapse_shape %arg1 {{\[\[}}0], [1, 2, 3, 4]] : memref<16x2x4x3x4xf32> into memref<16x96xf32>
// CHECK-NOT: linalg.transpose
// CHECK: scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK: %[[FULL:.*]] = vector.constant_mask [16] : vector<16xi1>
// CHECK: vector.maskedload %[[IN]][%[[ROW]], %{{.*}}], %[[FULL]]
// CHECK-COUNT-15: vector.maskedload %[[IN]]
// CHECK-COUNT-64: vector.shuffle
// CHECK: vector.maskedstore %[[OUT]][%{{.*}}, %[[ROW]]]
// CHECK-COUNT-15: vector.maskedstore %[[OUT]]
// CHECK-NOT: vector.constant_mask [4]
func.func @whole_tiles(%y: memref<2x4x3x4x16xf32>, %out: memref<16x2x4x3x4xf32>) {
  linalg.transpose ins(%y : memref<2x4x3x4x16xf32>) outs(%out : memref<16x2x4x3x4xf32>) permutation = [4, 0, 1, 2, 3]
  return
}

// -----

// Tests that a run is cut where a buffer's rows are not contiguous: the output's last
// dimension has a stride of 8 elements for rows of 4, so only (ty, r, tx) merge.
// CHECK-LABEL: func.func @gap_in_output
// CHECK-DAG: memref.collapse_shape %arg0 {{\[\[}}0, 1, 2], [3], [4]] : memref<2x4x3x4x16xf32> into memref<24x4x16xf32>
// CHECK-DAG: memref.collapse_shape %arg1 {{\[\[}}0], [1, 2, 3], [4]] : memref<16x2x4x3x4xf32, strided<[192, 96, 24, 8, 1]>> into memref<16x24x4xf32, strided<[192, 8, 1]>>
// CHECK-NOT: linalg.transpose
func.func @gap_in_output(%y: memref<2x4x3x4x16xf32>, %out: memref<16x2x4x3x4xf32, strided<[192, 96, 24, 8, 1]>>) {
  linalg.transpose ins(%y : memref<2x4x3x4x16xf32>) outs(%out : memref<16x2x4x3x4xf32, strided<[192, 96, 24, 8, 1]>>) permutation = [4, 0, 1, 2, 3]
  return
}
