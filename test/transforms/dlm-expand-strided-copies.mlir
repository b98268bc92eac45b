// RUN: dlm-opt %s -dlm-expand-strided-copies | FileCheck %s
// Tests that memref.copy with a non-contiguous side becomes linalg.copy (loops,
// no call into MLIR's runner library) and that contiguous copies stay memcpy-able.

// Tests a copy into the interior of a padded buffer (the strided target a
// tensor.pad bufferizes to).
// CHECK-LABEL: func.func @into_padded
// CHECK: %[[VIEW:.*]] = memref.subview %arg1[0, 1] [4, 8] [1, 1]
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%arg0 : memref<4x8xf32>) outs(%[[VIEW]] : memref<4x8xf32, strided<[10, 1], offset: 1>>)
func.func @into_padded(%a: memref<4x8xf32>, %b: memref<4x10xf32>) {
  %view = memref.subview %b[0, 1] [4, 8] [1, 1] : memref<4x10xf32> to memref<4x8xf32, strided<[10, 1], offset: 1>>
  memref.copy %a, %view : memref<4x8xf32> to memref<4x8xf32, strided<[10, 1], offset: 1>>
  return
}

// Tests a copy out of a strided slice (every other column) into a contiguous buffer.
// CHECK-LABEL: func.func @from_slice
// CHECK: %[[VIEW:.*]] = memref.subview %arg0[0, 0] [4, 4] [1, 2]
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%[[VIEW]] : memref<4x4xf32, strided<[8, 2]>>) outs(%arg1 : memref<4x4xf32>)
func.func @from_slice(%a: memref<4x8xf32>, %b: memref<4x4xf32>) {
  %view = memref.subview %a[0, 0] [4, 4] [1, 2] : memref<4x8xf32> to memref<4x4xf32, strided<[8, 2]>>
  memref.copy %view, %b : memref<4x4xf32, strided<[8, 2]>> to memref<4x4xf32>
  return
}

// Tests that a copy between two contiguous buffers is left to become memcpy.
// CHECK-LABEL: func.func @contiguous
// CHECK: memref.copy %arg0, %arg1 : memref<4x8xf32> to memref<4x8xf32>
// CHECK-NOT: linalg.copy
func.func @contiguous(%a: memref<4x8xf32>, %b: memref<4x8xf32>) {
  memref.copy %a, %b : memref<4x8xf32> to memref<4x8xf32>
  return
}
