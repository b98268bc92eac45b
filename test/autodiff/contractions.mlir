// RUN: dlm-opt %s -split-input-file -dlm-autodiff | FileCheck %s
// RUN: dlm-gradcheck %s | FileCheck %s --check-prefix=NUMERIC
// NUMERIC-NOT: FAIL
// NUMERIC: gradient check passed (tolerance 1e-06)
// Pins the adjoint IR of dlm.matmul and dlm.contract. Each loss is a plain
// sum, so the result's adjoint %[[DY]] is the seed broadcast back.
//
// For dlm.contract, the adjoint of input k is another contract over the same
// inputs plus DY, iterating input k's dimensions first (so its result has k's
// shape and the other dimensions are summed), whose body is
//   g * d(body)/d(arg k)
// built by forward-mode differentiation of the cloned body: the clone comes
// first (its values are reused), then 1.0 seeds d(arg k), and every op on the
// way to the yield gets its derivative. The bodies below read x[n, i] and
// b[i] (iteration (n, i), output [n]); the adjoint of x iterates (n, i) as
// before, the adjoint of b iterates (i, n), i.e. reads x through (d1, d0).

// Tests that C = A B has dA = g B^T and dB = A^T g.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "a"}, %[[B:[a-z0-9]+]]: tensor<3x4xf32> {dlm.param = "b"}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<2x4xf32>
// CHECK-NEXT: %[[BT:.*]] = dlm.transpose %[[B]] {permutation = array<i64: 1, 0>} : (tensor<3x4xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: %[[DA:.*]] = dlm.matmul %[[DY]], %[[BT]] : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[AT:.*]] = dlm.transpose %[[A]] {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[DB:.*]] = dlm.matmul %[[AT]], %[[DY]] : (tensor<3x2xf32>, tensor<2x4xf32>) -> tensor<3x4xf32>
// CHECK-NEXT: return %{{.*}}, %[[DA]], %[[DB]] : tensor<f32>, tensor<2x3xf32>, tensor<3x4xf32>
func.func @matmul(%a: tensor<2x3xf32> {dlm.param = "a"}, %b: tensor<3x4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<2x4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that a batched A [2, 3, 4] times an unbatched B [4, 5] transposes only
// the last two dimensions, and that dB = A^T g, [2, 4, 5], is summed over the
// batch (by dlm-autodiff) back to [4, 5].
// CHECK-LABEL: func.func @matmul_batch
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<2x3x4xf32> {dlm.param = "a"}, %[[B:[a-z0-9]+]]: tensor<4x5xf32> {dlm.param = "b"}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1x1xf32>) -> tensor<2x3x5xf32>
// CHECK-NEXT: %[[BT:.*]] = dlm.transpose %[[B]] {permutation = array<i64: 1, 0>} : (tensor<4x5xf32>) -> tensor<5x4xf32>
// CHECK-NEXT: %[[DA:.*]] = dlm.matmul %[[DY]], %[[BT]] : (tensor<2x3x5xf32>, tensor<5x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT: %[[AT:.*]] = dlm.transpose %[[A]] {permutation = array<i64: 0, 2, 1>} : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
// CHECK-NEXT: %[[DBB:.*]] = dlm.matmul %[[AT]], %[[DY]] : (tensor<2x4x3xf32>, tensor<2x3x5xf32>) -> tensor<2x4x5xf32>
// CHECK-NEXT: %[[SUM:.*]] = dlm.reduce sum %[[DBB]] {axes = array<i64: 0>, keepdims = true} : (tensor<2x4x5xf32>) -> tensor<1x4x5xf32>
// CHECK-NEXT: %[[DB:.*]] = dlm.reshape %[[SUM]] : (tensor<1x4x5xf32>) -> tensor<4x5xf32>
// CHECK-NEXT: return %{{.*}}, %[[DA]], %[[DB]] : tensor<f32>, tensor<2x3x4xf32>, tensor<4x5xf32>
func.func @matmul_batch(%a: tensor<2x3x4xf32> {dlm.param = "a"}, %b: tensor<4x5xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1, 2>} : (tensor<2x3x5xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that a batch extent of 1 that broadcasts (A [1, 3, 4] against B
// [2, 4, 5]) gets dA = g B^T, [2, 3, 4], summed over that dimension with keepdims.
// CHECK-LABEL: func.func @matmul_batch_broadcast
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<1x3x4xf32> {dlm.param = "a"}, %[[B:[a-z0-9]+]]: tensor<2x4x5xf32> {dlm.param = "b"}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1x1xf32>) -> tensor<2x3x5xf32>
// CHECK-NEXT: %[[BT:.*]] = dlm.transpose %[[B]] {permutation = array<i64: 0, 2, 1>} : (tensor<2x4x5xf32>) -> tensor<2x5x4xf32>
// CHECK-NEXT: %[[DAB:.*]] = dlm.matmul %[[DY]], %[[BT]] : (tensor<2x3x5xf32>, tensor<2x5x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT: %[[AT:.*]] = dlm.transpose %[[A]] {permutation = array<i64: 0, 2, 1>} : (tensor<1x3x4xf32>) -> tensor<1x4x3xf32>
// CHECK-NEXT: %[[DB:.*]] = dlm.matmul %[[AT]], %[[DY]] : (tensor<1x4x3xf32>, tensor<2x3x5xf32>) -> tensor<2x4x5xf32>
// CHECK-NEXT: %[[SUM:.*]] = dlm.reduce sum %[[DAB]] {axes = array<i64: 0>, keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x3x4xf32>
// CHECK-NEXT: %[[DA:.*]] = dlm.reshape %[[SUM]] : (tensor<1x3x4xf32>) -> tensor<1x3x4xf32>
// CHECK-NEXT: return %{{.*}}, %[[DA]], %[[DB]] : tensor<f32>, tensor<1x3x4xf32>, tensor<2x4x5xf32>
func.func @matmul_batch_broadcast(%a: tensor<1x3x4xf32> {dlm.param = "a"}, %b: tensor<2x4x5xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.matmul %a, %b : (tensor<1x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1, 2>} : (tensor<2x3x5xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that y[n, o] = sum_i x[n, i] * w[o, i] has
//   dx[n, i] = sum_o g[n, o] * (1 * w[o, i])   iterating (n, i, o),
//   dw[o, i] = sum_n g[n, o] * (x[n, i] * 1)   iterating (o, i, n).
// CHECK-DAG: #[[NI:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[OI:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[D01:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[D21:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[D20:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-LABEL: func.func @contract_mulf
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<3x4xf32> {dlm.param = "x"}, %[[W:[a-z0-9]+]]: tensor<5x4xf32> {dlm.param = "w"}
// CHECK: dlm.contract sum (%[[X]], %[[W]]) {indexing_maps = [#[[NI]], #[[OI]]], output_rank = 2 : i64}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1x1xf32>) -> tensor<3x5xf32>
// CHECK-NEXT: %[[DX:.*]] = dlm.contract sum (%[[X]], %[[W]], %[[DY]]) {indexing_maps = [#[[D01]], #[[D21]], #[[NI]]], output_rank = 2 : i64} : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<3x5xf32>) -> tensor<3x4xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.mulf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.mulf %[[ONE]], %[[V]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: %[[DW:.*]] = dlm.contract sum (%[[X]], %[[W]], %[[DY]]) {indexing_maps = [#[[D21]], #[[D01]], #[[D20]]], output_rank = 2 : i64} : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<3x5xf32>) -> tensor<5x4xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.mulf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.mulf %[[U]], %[[ONE]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %{{.*}}, %[[DX]], %[[DW]] : tensor<f32>, tensor<3x4xf32>, tensor<5x4xf32>
func.func @contract_mulf(%x: tensor<3x4xf32> {dlm.param = "x"}, %w: tensor<5x4xf32> {dlm.param = "w"}) -> tensor<f32> attributes {dlm.updated = ["x", "w"]} {
  %y = dlm.contract sum (%x, %w) {indexing_maps = [affine_map<(n, o, i) -> (n, i)>, affine_map<(n, o, i) -> (o, i)>], output_rank = 2 : i64} : (tensor<3x4xf32>, tensor<5x4xf32>) -> tensor<3x5xf32> {
  ^bb0(%u: f32, %v: f32):
    %p = arith.mulf %u, %v : f32
    dlm.yield %p : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<3x5xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that y[n] = sum_i x[n, i] + b[i] has d(u + v)/du = d(u + v)/dv = 1: both
// adjoint bodies are g * 1 (the derivative of the addf is the seed itself).
// CHECK-DAG: #[[NI:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[I:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[N:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @contract_addf
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "x"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: dlm.contract sum (%[[X]], %[[B]]) {indexing_maps = [#[[NI]], #[[I]]], output_rank = 1 : i64}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[DX:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[NI]], #[[I]], #[[N]]], output_rank = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.addf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[ONE]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: %[[DB:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[IN]], #[[N]], #[[I]]], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.addf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[ONE]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %{{.*}}, %[[DX]], %[[DB]] : tensor<f32>, tensor<2x3xf32>, tensor<3xf32>
func.func @contract_addf(%x: tensor<2x3xf32> {dlm.param = "x"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["x", "b"]} {
  %y = dlm.contract sum (%x, %b) {indexing_maps = [affine_map<(n, i) -> (n, i)>, affine_map<(n, i) -> (i)>], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32> {
  ^bb0(%u: f32, %v: f32):
    %s = arith.addf %u, %v : f32
    dlm.yield %s : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d(u - v) = du - dv: g * 1 for x, g * -(1) for b.
// CHECK-DAG: #[[NI:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[I:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[N:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @contract_subf
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "x"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[DX:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[NI]], #[[I]], #[[N]]], output_rank = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.subf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[ONE]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: %[[DB:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[IN]], #[[N]], #[[I]]], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.subf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.negf %[[ONE]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %{{.*}}, %[[DX]], %[[DB]] : tensor<f32>, tensor<2x3xf32>, tensor<3xf32>
func.func @contract_subf(%x: tensor<2x3xf32> {dlm.param = "x"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["x", "b"]} {
  %y = dlm.contract sum (%x, %b) {indexing_maps = [affine_map<(n, i) -> (n, i)>, affine_map<(n, i) -> (i)>], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32> {
  ^bb0(%u: f32, %v: f32):
    %s = arith.subf %u, %v : f32
    dlm.yield %s : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests the quotient and exp rules for q = u / e, e = exp(v):
//   dq/du = 1 / e;  de/dv = e * 1;  dq/dv = -((q * de) / e).
// CHECK-DAG: #[[NI:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[I:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[N:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @contract_divf_exp
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "x"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[DX:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[NI]], #[[I]], #[[N]]], output_rank = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[V]] : f32
// CHECK-NEXT: arith.divf %[[U]], %[[E]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.divf %[[ONE]], %[[E]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: %[[DB:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[IN]], #[[N]], #[[I]]], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[V]] : f32
// CHECK-NEXT: %[[DE:.*]] = arith.mulf %[[E]], %[[ONE]] : f32
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[U]], %[[E]] : f32
// CHECK-NEXT: %[[QDE:.*]] = arith.mulf %[[Q]], %[[DE]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.divf %[[QDE]], %[[E]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.negf %[[R]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %{{.*}}, %[[DX]], %[[DB]] : tensor<f32>, tensor<2x3xf32>, tensor<3xf32>
func.func @contract_divf_exp(%x: tensor<2x3xf32> {dlm.param = "x"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["x", "b"]} {
  %y = dlm.contract sum (%x, %b) {indexing_maps = [affine_map<(n, i) -> (n, i)>, affine_map<(n, i) -> (i)>], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32> {
  ^bb0(%u: f32, %v: f32):
    %e = math.exp %v : f32
    %q = arith.divf %u, %e : f32
    dlm.yield %q : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests the tanh rule on t = tanh(u * v): dt = (1 - t * t) * dp, with
// dp = 1 * v for x and u * 1 for b.
// CHECK-DAG: #[[NI:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[I:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[N:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @contract_tanh
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "x"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[DX:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[NI]], #[[I]], #[[N]]], output_rank = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[DP:.*]] = arith.mulf %[[ONE]], %[[V]] : f32
// CHECK-NEXT: %[[TH:.*]] = math.tanh %[[P]] : f32
// CHECK-NEXT: %[[ONE1:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[TT:.*]] = arith.mulf %[[TH]], %[[TH]] : f32
// CHECK-NEXT: %[[OM:.*]] = arith.subf %[[ONE1]], %[[TT]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.mulf %[[OM]], %[[DP]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: %[[DB:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[IN]], #[[N]], #[[I]]], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[DP:.*]] = arith.mulf %[[U]], %[[ONE]] : f32
// CHECK-NEXT: %[[TH:.*]] = math.tanh %[[P]] : f32
// CHECK-NEXT: %[[ONE1:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[TT:.*]] = arith.mulf %[[TH]], %[[TH]] : f32
// CHECK-NEXT: %[[OM:.*]] = arith.subf %[[ONE1]], %[[TT]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.mulf %[[OM]], %[[DP]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %{{.*}}, %[[DX]], %[[DB]] : tensor<f32>, tensor<2x3xf32>, tensor<3xf32>
func.func @contract_tanh(%x: tensor<2x3xf32> {dlm.param = "x"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["x", "b"]} {
  %y = dlm.contract sum (%x, %b) {indexing_maps = [affine_map<(n, i) -> (n, i)>, affine_map<(n, i) -> (i)>], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32> {
  ^bb0(%u: f32, %v: f32):
    %p = arith.mulf %u, %v : f32
    %t = math.tanh %p : f32
    dlm.yield %t : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d maximumf(u, v) = (u >= v ? du : dv), 0 standing for a missing
// derivative: select(u >= v, 1, 0) for x, select(u >= v, 0, 1) for b.
// CHECK-DAG: #[[NI:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[I:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[N:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @contract_maximumf
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "x"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[DX:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[NI]], #[[I]], #[[N]]], output_rank = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.maximumf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[LEFT:.*]] = arith.cmpf oge, %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.select %[[LEFT]], %[[ONE]], %[[ZERO]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: %[[DB:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[IN]], #[[N]], #[[I]]], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.maximumf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[LEFT:.*]] = arith.cmpf oge, %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.select %[[LEFT]], %[[ZERO]], %[[ONE]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %{{.*}}, %[[DX]], %[[DB]] : tensor<f32>, tensor<2x3xf32>, tensor<3xf32>
func.func @contract_maximumf(%x: tensor<2x3xf32> {dlm.param = "x"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["x", "b"]} {
  %y = dlm.contract sum (%x, %b) {indexing_maps = [affine_map<(n, i) -> (n, i)>, affine_map<(n, i) -> (i)>], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32> {
  ^bb0(%u: f32, %v: f32):
    %m = arith.maximumf %u, %v : f32
    dlm.yield %m : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d minimumf(u, v) = (u <= v ? du : dv).
// CHECK-DAG: #[[NI:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[I:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[N:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @contract_minimumf
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "x"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[DX:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[NI]], #[[I]], #[[N]]], output_rank = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.minimumf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[LEFT:.*]] = arith.cmpf ole, %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.select %[[LEFT]], %[[ONE]], %[[ZERO]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: %[[DB:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[IN]], #[[N]], #[[I]]], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.minimumf %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[LEFT:.*]] = arith.cmpf ole, %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.select %[[LEFT]], %[[ZERO]], %[[ONE]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %{{.*}}, %[[DX]], %[[DB]] : tensor<f32>, tensor<2x3xf32>, tensor<3xf32>
func.func @contract_minimumf(%x: tensor<2x3xf32> {dlm.param = "x"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["x", "b"]} {
  %y = dlm.contract sum (%x, %b) {indexing_maps = [affine_map<(n, i) -> (n, i)>, affine_map<(n, i) -> (i)>], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32> {
  ^bb0(%u: f32, %v: f32):
    %m = arith.minimumf %u, %v : f32
    dlm.yield %m : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d select(c, u, v) = select(c, du, dv) with the same condition, 0
// standing for a missing derivative, and that the cmpf and the constant it
// compares with are cloned without a derivative.
// CHECK-DAG: #[[NI:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[I:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[N:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @contract_select
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "x"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[DX:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[NI]], #[[I]], #[[N]]], output_rank = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[C:.*]] = arith.cmpf ogt, %[[U]], %[[Z]] : f32
// CHECK-NEXT: arith.select %[[C]], %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[D:.*]] = arith.select %[[C]], %[[ONE]], %[[ZERO]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: %[[DB:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[IN]], #[[N]], #[[I]]], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[C:.*]] = arith.cmpf ogt, %[[U]], %[[Z]] : f32
// CHECK-NEXT: arith.select %[[C]], %[[U]], %[[V]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[D:.*]] = arith.select %[[C]], %[[ZERO]], %[[ONE]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %{{.*}}, %[[DX]], %[[DB]] : tensor<f32>, tensor<2x3xf32>, tensor<3xf32>
func.func @contract_select(%x: tensor<2x3xf32> {dlm.param = "x"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["x", "b"]} {
  %y = dlm.contract sum (%x, %b) {indexing_maps = [affine_map<(n, i) -> (n, i)>, affine_map<(n, i) -> (i)>], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32> {
  ^bb0(%u: f32, %v: f32):
    %z = arith.constant 0.000000e+00 : f32
    %c = arith.cmpf ogt, %u, %z : f32
    %s = arith.select %c, %u, %v : f32
    dlm.yield %s : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests the log and negf rules on s = -log(exp(u)) * v: d log(e) = de / e,
// d(-l) = -dl, and the product rule (dn * v for x, n * 1 for b).
// CHECK-DAG: #[[NI:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[I:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[N:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @contract_negf_log
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "x"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[DX:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[NI]], #[[I]], #[[N]]], output_rank = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[U]] : f32
// CHECK-NEXT: %[[DE:.*]] = arith.mulf %[[E]], %[[ONE]] : f32
// CHECK-NEXT: %[[L:.*]] = math.log %[[E]] : f32
// CHECK-NEXT: %[[DL:.*]] = arith.divf %[[DE]], %[[E]] : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[L]] : f32
// CHECK-NEXT: %[[DN:.*]] = arith.negf %[[DL]] : f32
// CHECK-NEXT: arith.mulf %[[NEG]], %[[V]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.mulf %[[DN]], %[[V]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: %[[DB:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[IN]], #[[N]], #[[I]]], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[U]] : f32
// CHECK-NEXT: %[[L:.*]] = math.log %[[E]] : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[L]] : f32
// CHECK-NEXT: arith.mulf %[[NEG]], %[[V]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.mulf %[[NEG]], %[[ONE]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %{{.*}}, %[[DX]], %[[DB]] : tensor<f32>, tensor<2x3xf32>, tensor<3xf32>
func.func @contract_negf_log(%x: tensor<2x3xf32> {dlm.param = "x"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["x", "b"]} {
  %y = dlm.contract sum (%x, %b) {indexing_maps = [affine_map<(n, i) -> (n, i)>, affine_map<(n, i) -> (i)>], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32> {
  ^bb0(%u: f32, %v: f32):
    %e = math.exp %u : f32
    %l = math.log %e : f32
    %n = arith.negf %l : f32
    %s = arith.mulf %n, %v : f32
    dlm.yield %s : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests the sqrt and rsqrt rules on s = sqrt(exp(u)) * rsqrt(exp(v)):
// d sqrt(e) = de / (r + r) with r = sqrt(e); d rsqrt(f) = -((q / (f + f)) * df)
// with q = rsqrt(f).
// CHECK-DAG: #[[NI:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[I:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[N:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @contract_sqrt_rsqrt
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x3xf32> {dlm.param = "x"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[DX:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[NI]], #[[I]], #[[N]]], output_rank = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[U]] : f32
// CHECK-NEXT: %[[DE:.*]] = arith.mulf %[[E]], %[[ONE]] : f32
// CHECK-NEXT: %[[R:.*]] = math.sqrt %[[E]] : f32
// CHECK-NEXT: %[[TWICE:.*]] = arith.addf %[[R]], %[[R]] : f32
// CHECK-NEXT: %[[DR:.*]] = arith.divf %[[DE]], %[[TWICE]] : f32
// CHECK-NEXT: %[[F:.*]] = math.exp %[[V]] : f32
// CHECK-NEXT: %[[Q:.*]] = math.rsqrt %[[F]] : f32
// CHECK-NEXT: arith.mulf %[[R]], %[[Q]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.mulf %[[DR]], %[[Q]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: %[[DB:.*]] = dlm.contract sum (%[[X]], %[[B]], %[[DY]]) {indexing_maps = [#[[IN]], #[[N]], #[[I]]], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[V:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[U]] : f32
// CHECK-NEXT: %[[R:.*]] = math.sqrt %[[E]] : f32
// CHECK-NEXT: %[[F:.*]] = math.exp %[[V]] : f32
// CHECK-NEXT: %[[DF:.*]] = arith.mulf %[[F]], %[[ONE]] : f32
// CHECK-NEXT: %[[Q:.*]] = math.rsqrt %[[F]] : f32
// CHECK-NEXT: %[[FF:.*]] = arith.addf %[[F]], %[[F]] : f32
// CHECK-NEXT: %[[FACTOR:.*]] = arith.divf %[[Q]], %[[FF]] : f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[FACTOR]], %[[DF]] : f32
// CHECK-NEXT: %[[DQ:.*]] = arith.negf %[[P]] : f32
// CHECK-NEXT: arith.mulf %[[R]], %[[Q]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.mulf %[[R]], %[[DQ]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: dlm.yield %[[T]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %{{.*}}, %[[DX]], %[[DB]] : tensor<f32>, tensor<2x3xf32>, tensor<3xf32>
func.func @contract_sqrt_rsqrt(%x: tensor<2x3xf32> {dlm.param = "x"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["x", "b"]} {
  %y = dlm.contract sum (%x, %b) {indexing_maps = [affine_map<(n, i) -> (n, i)>, affine_map<(n, i) -> (i)>], output_rank = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32> {
  ^bb0(%u: f32, %v: f32):
    %e = math.exp %u : f32
    %r = math.sqrt %e : f32
    %f = math.exp %v : f32
    %q = math.rsqrt %f : f32
    %s = arith.mulf %r, %q : f32
    dlm.yield %s : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that a mean contraction divides each term by the number of reduced
// elements, read off the inputs: y[j] = mean_i exp(x[i, j]) reads x [3, 4]
// through (d0, d1) -> (d1, d0), so it reduces d1 (extent 3). The adjoint
// iterates x's dimensions in x's order, (d1, d0) -> (d0, d1), and reads g[j]
// through (d0, d1) -> (d1): dx[i, j] = g[j] * (exp(x[i, j]) * 1) / 3.
// CHECK-DAG: #[[TR:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-DAG: #[[ID:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[J:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @contract_mean
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<3x4xf32> {dlm.param = "x"}
// CHECK: dlm.contract mean (%[[X]]) {indexing_maps = [#[[TR]]], output_rank = 1 : i64}
// CHECK: %[[DY:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[DX:.*]] = dlm.contract sum (%[[X]], %[[DY]]) {indexing_maps = [#[[ID]], #[[J]]], output_rank = 2 : i64} : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32> {
// CHECK-NEXT: ^bb0(%[[U:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[U]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.mulf %[[E]], %[[ONE]] : f32
// CHECK-NEXT: %[[GD:.*]] = arith.mulf %[[G]], %[[D]] : f32
// CHECK-NEXT: %[[CNT:.*]] = arith.constant 3.000000e+00 : f32
// CHECK-NEXT: %[[TERM:.*]] = arith.divf %[[GD]], %[[CNT]] : f32
// CHECK-NEXT: dlm.yield %[[TERM]] : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %{{.*}}, %[[DX]] : tensor<f32>, tensor<3x4xf32>
func.func @contract_mean(%x: tensor<3x4xf32> {dlm.param = "x"}) -> tensor<f32> attributes {dlm.updated = ["x"]} {
  %y = dlm.contract mean (%x) {indexing_maps = [affine_map<(i, j) -> (j, i)>], output_rank = 1 : i64} : (tensor<3x4xf32>) -> tensor<4xf32> {
  ^bb0(%u: f32):
    %e = math.exp %u : f32
    dlm.yield %e : f32
  }
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
