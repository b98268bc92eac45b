// RUN: dlm-opt %s -dlm-approximate-math | FileCheck %s
// Tests that f32 math becomes inline polynomials on the same vector type (so it
// vectorizes instead of calling libm per lane) and that f64 math is left for libm.

// Tests exp, log and tanh on vector<16xf32>: no math call of theirs is left;
// what replaces them is fused multiply-adds on vector<16xf32>, and exp scales by
// 2^n built in the exponent bits (a shift by 23 on vector<16xi32>).
// CHECK-LABEL: func.func @vector_f32
// CHECK-NOT: math.{{exp|log|tanh}}
// CHECK: math.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK-NOT: math.{{exp|log|tanh}}
// CHECK: arith.shli %{{.*}}, %{{.*}} : vector<16xi32>
// CHECK-NEXT: arith.bitcast %{{.*}} : vector<16xi32> to vector<16xf32>
// CHECK-NOT: math.{{exp|log|tanh}}
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}} : vector<16xf32>, vector<16xf32>, vector<16xf32>
func.func @vector_f32(%x: vector<16xf32>) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>) {
  %0 = math.exp %x : vector<16xf32>
  %1 = math.log %x : vector<16xf32>
  %2 = math.tanh %x : vector<16xf32>
  return %0, %1, %2 : vector<16xf32>, vector<16xf32>, vector<16xf32>
}

// Tests the other functions the pass names (erf, sin, cos) and a scalar f32 exp.
// CHECK-LABEL: func.func @more_f32
// CHECK-NOT: math.{{erf|sin|cos|exp}}
// CHECK: return
func.func @more_f32(%x: vector<16xf32>, %s: f32) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, f32) {
  %0 = math.erf %x : vector<16xf32>
  %1 = math.sin %x : vector<16xf32>
  %2 = math.cos %x : vector<16xf32>
  %3 = math.exp %s : f32
  return %0, %1, %2, %3 : vector<16xf32>, vector<16xf32>, vector<16xf32>, f32
}

// Tests that f64 stays exact: libm's exp and log, untouched.
// CHECK-LABEL: func.func @f64
// CHECK-NEXT: %[[E:.*]] = math.exp %arg0 : vector<4xf64>
// CHECK-NEXT: %[[L:.*]] = math.log %arg1 : f64
// CHECK-NEXT: return %[[E]], %[[L]]
func.func @f64(%x: vector<4xf64>, %s: f64) -> (vector<4xf64>, f64) {
  %0 = math.exp %x : vector<4xf64>
  %1 = math.log %s : f64
  return %0, %1 : vector<4xf64>, f64
}
