// RUN: dlm-opt %s -split-input-file -dlm-convert-to-linalg | FileCheck %s
// Tests the lowering of the shape ops to tensor ops and copy generics, and of dlm.convert.

// Tests reshape (collapse to one dimension, then expand), transpose (a copy
// whose input map is the inverse permutation), broadcast (a copy through the
// broadcasting map), a strided slice (extract_slice), concatenation (one
// insert_slice per input at its offset along the axis) and padding
// (tensor.pad yielding the value, as an i32 constant for integer tensors).
// CHECK-DAG: #[[PERMUTED:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d1, d2, d0)>
// CHECK-DAG: #[[ID3:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[ROW:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID2:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @shapes
// CHECK-DAG: %[[MINUS_ONE:.*]] = arith.constant -1 : i32
// CHECK-DAG: %[[FILL:.*]] = arith.constant 1.500000e+00 : f32
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: %[[RESHAPED:.*]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [6, 4] : tensor<24xf32> into tensor<6x4xf32>
// CHECK: %[[TRANSPOSED:.*]] = linalg.generic {indexing_maps = [#[[PERMUTED]], #[[ID3]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<4x2x3xf32>)
// CHECK: %[[BROADCAST:.*]] = linalg.generic {indexing_maps = [#[[ROW]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%arg1 : tensor<4xf32>) outs(%{{.*}} : tensor<5x4xf32>)
// CHECK: %[[SLICE:.*]] = tensor.extract_slice %arg0[0, 1, 0] [2, 2, 2] [1, 1, 2] : tensor<2x3x4xf32> to tensor<2x2x2xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x6x4xf32>
// CHECK: %[[FIRST:.*]] = tensor.insert_slice %arg0 into %[[EMPTY]][0, 0, 0] [2, 3, 4] [1, 1, 1]
// CHECK: %[[CONCAT:.*]] = tensor.insert_slice %arg0 into %[[FIRST]][0, 3, 0] [2, 3, 4] [1, 1, 1]
// CHECK: %[[PADDED:.*]] = tensor.pad %arg0 low[0, 1, 2] high[0, 1, 1] {
// CHECK: tensor.yield %[[FILL]] : f32
// CHECK: } : tensor<2x3x4xf32> to tensor<2x5x7xf32>
// CHECK: %[[PADDED_INT:.*]] = tensor.pad %arg2 low[0, 0] high[2, 0] {
// CHECK: tensor.yield %[[MINUS_ONE]] : i32
// CHECK: } : tensor<2x3xi32> to tensor<4x3xi32>
// CHECK: return %[[RESHAPED]], %[[TRANSPOSED]], %[[BROADCAST]], %[[SLICE]], %[[CONCAT]], %[[PADDED]], %[[PADDED_INT]]
func.func @shapes(%x: tensor<2x3x4xf32>, %v: tensor<4xf32>, %i: tensor<2x3xi32>)
    -> (tensor<6x4xf32>, tensor<4x2x3xf32>, tensor<5x4xf32>, tensor<2x2x2xf32>, tensor<2x6x4xf32>, tensor<2x5x7xf32>, tensor<4x3xi32>) {
  %0 = dlm.reshape %x : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = dlm.transpose %x {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %2 = dlm.broadcast %v : (tensor<4xf32>) -> tensor<5x4xf32>
  %3 = dlm.slice %x {start = array<i64: 0, 1, 0>, limit = array<i64: 2, 3, 4>, stride = array<i64: 1, 1, 2>}
      : (tensor<2x3x4xf32>) -> tensor<2x2x2xf32>
  %4 = dlm.concat %x, %x {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x6x4xf32>
  %5 = dlm.pad %x {low = array<i64: 0, 1, 2>, high = array<i64: 0, 1, 1>, value = 1.5 : f64} : (tensor<2x3x4xf32>) -> tensor<2x5x7xf32>
  %6 = dlm.pad %i {low = array<i64: 0, 0>, high = array<i64: 2, 0>, value = -1.0 : f64} : (tensor<2x3xi32>) -> tensor<4x3xi32>
  return %0, %1, %2, %3, %4, %5, %6
      : tensor<6x4xf32>, tensor<4x2x3xf32>, tensor<5x4xf32>, tensor<2x2x2xf32>, tensor<2x6x4xf32>, tensor<2x5x7xf32>, tensor<4x3xi32>
}

// -----

// Tests reshapes from and to rank 0 (through a one-element tensor).
// CHECK-LABEL: func.func @rank_zero
// CHECK: %[[ONE:.*]] = tensor.expand_shape %arg0 [] output_shape [1] : tensor<f32> into tensor<1xf32>
// CHECK: %[[MATRIX:.*]] = tensor.expand_shape %[[ONE]] {{\[}}[0, 1]] output_shape [1, 1] : tensor<1xf32> into tensor<1x1xf32>
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %arg1 {{\[}}[0, 1]] : tensor<1x1xf32> into tensor<1xf32>
// CHECK: %[[SCALAR:.*]] = tensor.collapse_shape %[[FLAT]] [] : tensor<1xf32> into tensor<f32>
// CHECK: return %[[MATRIX]], %[[SCALAR]] : tensor<1x1xf32>, tensor<f32>
func.func @rank_zero(%s: tensor<f32>, %m: tensor<1x1xf32>) -> (tensor<1x1xf32>, tensor<f32>) {
  %0 = dlm.reshape %s : (tensor<f32>) -> tensor<1x1xf32>
  %1 = dlm.reshape %m : (tensor<1x1xf32>) -> tensor<f32>
  return %0, %1 : tensor<1x1xf32>, tensor<f32>
}

// -----

// Tests the scalar conversions of dlm.convert: float to int truncates toward
// zero (fptosi), ints are signed (sitofp, extsi: the u8 path widens bytes with
// extsi and fixes the sign in dlm ops), bools are unsigned (uitofp), float to
// bool is "not equal to 0", floats widen with extf.
// CHECK-LABEL: func.func @convert
// CHECK: arith.fptosi %{{.*}} : f32 to i32
// CHECK: arith.sitofp %{{.*}} : i32 to f32
// CHECK: arith.uitofp %{{.*}} : i1 to f32
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: arith.cmpf une, %{{.*}}, %{{.*}} : f32
// CHECK: arith.extf %{{.*}} : f32 to f64
// CHECK: arith.trunci %{{.*}} : i32 to i8
func.func @convert(%f: tensor<4xf32>, %i: tensor<4xi32>, %b: tensor<4xi1>, %u: tensor<4xi8>)
    -> (tensor<4xi32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi1>, tensor<4xf64>, tensor<4xi8>) {
  %0 = dlm.convert %f : (tensor<4xf32>) -> tensor<4xi32>
  %1 = dlm.convert %i : (tensor<4xi32>) -> tensor<4xf32>
  %2 = dlm.convert %b : (tensor<4xi1>) -> tensor<4xf32>
  %3 = dlm.convert %u : (tensor<4xi8>) -> tensor<4xi32>
  %4 = dlm.convert %f : (tensor<4xf32>) -> tensor<4xi1>
  %5 = dlm.convert %f : (tensor<4xf32>) -> tensor<4xf64>
  %6 = dlm.convert %i : (tensor<4xi32>) -> tensor<4xi8>
  return %0, %1, %2, %3, %4, %5, %6
      : tensor<4xi32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi1>, tensor<4xf64>, tensor<4xi8>
}

// -----

// Tests the widening of raw u8 pixels as MLIRGen emits it: the bytes arrive as
// i8, are sign-extended to i32, and 256 is added where negative; then the
// i32 -> f32 conversion.
// CHECK-LABEL: func.func @unsigned_bytes
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: arith.cmpi slt, %{{.*}}, %{{.*}} : i32
// CHECK: arith.addi %{{.*}}, %{{.*}} : i32
// CHECK: arith.select
// CHECK: arith.sitofp %{{.*}} : i32 to f32
// CHECK-NOT: dlm.
func.func @unsigned_bytes(%bytes: tensor<4xi8>) -> tensor<4xf32> {
  %zero = dlm.constant dense<0> : tensor<i32>
  %wrap = dlm.constant dense<256> : tensor<i32>
  %0 = dlm.convert %bytes : (tensor<4xi8>) -> tensor<4xi32>
  %1 = dlm.compare lt, %0, %zero : (tensor<4xi32>, tensor<i32>) -> tensor<4xi1>
  %2 = dlm.add %0, %wrap : (tensor<4xi32>, tensor<i32>) -> tensor<4xi32>
  %3 = dlm.select %1, %2, %0 : (tensor<4xi1>, tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %4 = dlm.convert %3 : (tensor<4xi32>) -> tensor<4xf32>
  return %4 : tensor<4xf32>
}
