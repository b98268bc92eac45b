// RUN: dlm-gradcheck %s --tolerance=1e-6 | FileCheck %s
// Tests every op's vector-Jacobian product against float64 central differences:
// each function's loss is the sum of squares of one op's result, and
// dlm-gradcheck fails (exit 1) if any parameter's relative error exceeds 1e-6.
// The CHECK-NOT below also fails the test on any "FAIL" line.

// CHECK-NOT: FAIL
func.func @add(%a: tensor<3x4xf32> {dlm.param = "a"}, %b: tensor<4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.add %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @sub(%a: tensor<3x4xf32> {dlm.param = "a"}, %b: tensor<4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.sub %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @mul(%a: tensor<3x4xf32> {dlm.param = "a"}, %b: tensor<4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.mul %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @div(%a: tensor<3x4xf32> {dlm.param = "a"}, %b: tensor<4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %pa = dlm.exp %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %pb = dlm.exp %b : (tensor<4xf32>) -> tensor<4xf32>
  %y = dlm.div %pa, %pb : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @max(%a: tensor<3x4xf32> {dlm.param = "a"}, %b: tensor<4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.max %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @min(%a: tensor<3x4xf32> {dlm.param = "a"}, %b: tensor<4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.min %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @pow(%a: tensor<3x4xf32> {dlm.param = "a"}, %b: tensor<4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %pa = dlm.exp %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %pb = dlm.exp %b : (tensor<4xf32>) -> tensor<4xf32>
  %y = dlm.pow %pa, %pb : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @rem(%a: tensor<3x4xf32> {dlm.param = "a"}, %b: tensor<4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %e = dlm.exp %b : (tensor<4xf32>) -> tensor<4xf32>
  %y = dlm.rem %a, %e : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @neg(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.neg %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @exp(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.exp %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @tanh(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.tanh %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @sigmoid(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.sigmoid %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @relu(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.relu %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @gelu(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.gelu %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @softplus(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.softplus %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @sin(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.sin %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @cos(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.cos %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @erf(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.erf %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @abs(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.abs %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @log(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %e = dlm.exp %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %y = dlm.log %e : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @sqrt(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %e = dlm.exp %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %y = dlm.sqrt %e : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @rsqrt(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %e = dlm.exp %a : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %y = dlm.rsqrt %e : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @leaky_relu(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.leaky_relu %a {slope = 0.1 : f64} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @elu(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.elu %a {alpha = 1.5 : f64} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @select(%a: tensor<3x4xf32> {dlm.param = "a"}, %b: tensor<3x4xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %c = dlm.compare gt, %a, %b : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xi1>
  %y = dlm.select %c, %a, %b : (tensor<3x4xi1>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @convert(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.convert %a : (tensor<3x4xf32>) -> tensor<3x4xf64>
  %sq = dlm.mul %y, %y : (tensor<3x4xf64>, tensor<3x4xf64>) -> tensor<3x4xf64>
  %wide = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf64>) -> tensor<f64>
  %loss = dlm.convert %wide : (tensor<f64>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @reduce_sum(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.reduce sum %a {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3xf32>
  %sq = dlm.mul %y, %y : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @reduce_mean(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.reduce mean %a {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3xf32>
  %sq = dlm.mul %y, %y : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @reduce_max(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.reduce max %a {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3xf32>
  %sq = dlm.mul %y, %y : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @reduce_min(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.reduce min %a {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3xf32>
  %sq = dlm.mul %y, %y : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @reduce_prod(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.reduce prod %a {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3xf32>
  %sq = dlm.mul %y, %y : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @reduce_keepdims(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.reduce mean %a {axes = array<i64: 0>, keepdims = true} : (tensor<3x4xf32>) -> tensor<1x4xf32>
  %sq = dlm.mul %y, %y : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<1x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @matmul(%a: tensor<2x3x4xf32> {dlm.param = "a"}, %b: tensor<4x5xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  %sq = dlm.mul %y, %y : (tensor<2x3x5xf32>, tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1, 2>} : (tensor<2x3x5xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @contract(%a: tensor<3x4xf32> {dlm.param = "a"}, %b: tensor<5x4xf32> {dlm.param = "b"}, %c: tensor<5xf32> {dlm.param = "c"}) -> tensor<f32> attributes {dlm.updated = ["a", "b", "c"]} {
  %y = dlm.contract sum (%a, %b, %c) {indexing_maps = [affine_map<(n, o, i) -> (n, i)>, affine_map<(n, o, i) -> (o, i)>, affine_map<(n, o, i) -> (o)>], output_rank = 2 : i64} : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32> {
  ^bb0(%x: f32, %w: f32, %s: f32):
    %p = arith.mulf %x, %w : f32
    %e = math.exp %s : f32
    %t = math.tanh %p : f32
    %q = arith.divf %t, %e : f32
    %r = arith.subf %q, %x : f32
    %m = arith.maximumf %r, %w : f32
    dlm.yield %m : f32
  }
  %sq = dlm.mul %y, %y : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x5xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @contract_mean(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.contract mean (%a, %a) {indexing_maps = [affine_map<(i, j) -> (j, i)>, affine_map<(i, j) -> (j, i)>], output_rank = 1 : i64} : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<4xf32> {
  ^bb0(%x: f32, %z: f32):
    %p = arith.mulf %x, %z : f32
    %s = math.sqrt %p : f32
    %n = arith.negf %s : f32
    dlm.yield %n : f32
  }
  %sq = dlm.mul %y, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0>} : (tensor<4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @reshape(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.reshape %a : (tensor<3x4xf32>) -> tensor<2x6xf32>
  %z = dlm.exp %y : (tensor<2x6xf32>) -> tensor<2x6xf32>
  %sq = dlm.mul %z, %z : (tensor<2x6xf32>, tensor<2x6xf32>) -> tensor<2x6xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<2x6xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @transpose(%a: tensor<2x3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.transpose %a {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %z = dlm.sin %y : (tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
  %sq = dlm.mul %z, %z : (tensor<4x2x3xf32>, tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1, 2>} : (tensor<4x2x3xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @broadcast(%a: tensor<3x1xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.broadcast %a : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %z = dlm.sin %y : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %sq = dlm.mul %z, %z : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @slice(%a: tensor<5x6xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.slice %a {start = array<i64: 1, 2>, limit = array<i64: 4, 6>, stride = array<i64: 1, 1>} : (tensor<5x6xf32>) -> tensor<3x4xf32>
  %z = dlm.exp %y : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %z, %z : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @concat(%a: tensor<2x3xf32> {dlm.param = "a"}, %b: tensor<2x2xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x2xf32>) -> tensor<2x5xf32>
  %z = dlm.exp %y : (tensor<2x5xf32>) -> tensor<2x5xf32>
  %sq = dlm.mul %z, %z : (tensor<2x5xf32>, tensor<2x5xf32>) -> tensor<2x5xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<2x5xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @pad(%a: tensor<2x3xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.pad %a {low = array<i64: 1, 0>, high = array<i64: 0, 2>, value = 0.5 : f64} : (tensor<2x3xf32>) -> tensor<3x5xf32>
  %z = dlm.exp %y : (tensor<3x5xf32>) -> tensor<3x5xf32>
  %sq = dlm.mul %z, %z : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x5xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @conv(%x: tensor<2x4x7x6xf32> {dlm.param = "x"}, %w: tensor<6x2x3x2xf32> {dlm.param = "w"}) -> tensor<f32> attributes {dlm.updated = ["x", "w"]} {
  %y = dlm.conv %x, %w {stride = array<i64: 2, 1>, padding = array<i64: 1, 0>, dilation = array<i64: 1, 2>, groups = 2 : i64} : (tensor<2x4x7x6xf32>, tensor<6x2x3x2xf32>) -> tensor<2x6x4x4xf32>
  %sq = dlm.mul %y, %y : (tensor<2x6x4x4xf32>, tensor<2x6x4x4xf32>) -> tensor<2x6x4x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1, 2, 3>} : (tensor<2x6x4x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @conv1d(%x: tensor<2x3x9xf32> {dlm.param = "x"}, %w: tensor<4x3x3xf32> {dlm.param = "w"}) -> tensor<f32> attributes {dlm.updated = ["x", "w"]} {
  %y = dlm.conv %x, %w {stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<2x3x9xf32>, tensor<4x3x3xf32>) -> tensor<2x4x5xf32>
  %sq = dlm.mul %y, %y : (tensor<2x4x5xf32>, tensor<2x4x5xf32>) -> tensor<2x4x5xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1, 2>} : (tensor<2x4x5xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @maxpool(%x: tensor<2x3x6x5xf32> {dlm.param = "x"}) -> tensor<f32> attributes {dlm.updated = ["x"]} {
  %y = dlm.maxpool %x {window = array<i64: 3, 2>, stride = array<i64: 2, 2>, padding = array<i64: 1, 0>} : (tensor<2x3x6x5xf32>) -> tensor<2x3x3x2xf32>
  %sq = dlm.mul %y, %y : (tensor<2x3x3x2xf32>, tensor<2x3x3x2xf32>) -> tensor<2x3x3x2xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1, 2, 3>} : (tensor<2x3x3x2xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @avgpool(%x: tensor<2x3x6x5xf32> {dlm.param = "x"}) -> tensor<f32> attributes {dlm.updated = ["x"]} {
  %y = dlm.avgpool %x {window = array<i64: 3, 2>, stride = array<i64: 2, 2>, padding = array<i64: 1, 0>} : (tensor<2x3x6x5xf32>) -> tensor<2x3x3x2xf32>
  %sq = dlm.mul %y, %y : (tensor<2x3x3x2xf32>, tensor<2x3x3x2xf32>) -> tensor<2x3x3x2xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1, 2, 3>} : (tensor<2x3x3x2xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @softmax(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.softmax %a {axis = 1 : i64} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @log_softmax(%a: tensor<3x4xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.log_softmax %a {axis = 0 : i64} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  %sq = dlm.mul %y, %y : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

// Losses: their output is already a scalar; the labels carry no gradient.
func.func @cross_entropy(%logits: tensor<4x5xf32> {dlm.param = "logits"}, %labels: tensor<4xi32>) -> tensor<f32> attributes {dlm.updated = ["logits"]} {
  %loss = dlm.cross_entropy %logits, %labels : (tensor<4x5xf32>, tensor<4xi32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @cross_entropy_soft(%logits: tensor<4x5xf32> {dlm.param = "logits"}, %raw: tensor<4x5xf32> {dlm.param = "targets"}) -> tensor<f32> attributes {dlm.updated = ["logits", "targets"]} {
  %targets = dlm.softmax %raw {axis = 1 : i64} : (tensor<4x5xf32>) -> tensor<4x5xf32>
  %loss = dlm.cross_entropy %logits, %targets : (tensor<4x5xf32>, tensor<4x5xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

func.func @bce_logits(%logits: tensor<4x3xf32> {dlm.param = "logits"}, %raw: tensor<3xf32> {dlm.param = "targets"}) -> tensor<f32> attributes {dlm.updated = ["logits", "targets"]} {
  %targets = dlm.sigmoid %raw : (tensor<3xf32>) -> tensor<3xf32>
  %loss = dlm.bce_logits %logits, %targets : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

// Dropout: the same key and id give the same mask in the adjoint.
func.func @dropout(%a: tensor<8x8xf32> {dlm.param = "a"}, %key: tensor<i64> {dlm.random_key}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %y = dlm.dropout %a, %key {p = 0.3 : f64, id = 1 : i64} : (tensor<8x8xf32>, tensor<i64>) -> tensor<8x8xf32>
  %sq = dlm.mul %y, %y : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
  %loss = dlm.reduce sum %sq {axes = array<i64: 0, 1>} : (tensor<8x8xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

// Fan-out: a value used twice receives the sum of both adjoints.
func.func @fan_out(%a: tensor<3xf32> {dlm.param = "a"}) -> tensor<f32> attributes {dlm.updated = ["a"]} {
  %e = dlm.exp %a : (tensor<3xf32>) -> tensor<3xf32>
  %y = dlm.mul %e, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %z = dlm.add %y, %e : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %loss = dlm.reduce sum %z {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

// Soft targets whose rows do not sum to 1 (label smoothing by hand, or a bug in
// the data) still get the exact gradient.
func.func @cross_entropy_unnormalized(%logits: tensor<4x5xf32> {dlm.param = "logits"}, %raw: tensor<4x5xf32> {dlm.param = "targets"}) -> tensor<f32> attributes {dlm.updated = ["logits", "targets"]} {
  %targets = dlm.exp %raw : (tensor<4x5xf32>) -> tensor<4x5xf32>
  %loss = dlm.cross_entropy %logits, %targets : (tensor<4x5xf32>, tensor<4x5xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}

// Negative axes count from the end in the evaluator as in the rules.
func.func @negative_axes(%a: tensor<3x4xf32> {dlm.param = "a"}, %b: tensor<3x2xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %c = dlm.concat %a, %b {axis = -1 : i64} : (tensor<3x4xf32>, tensor<3x2xf32>) -> tensor<3x6xf32>
  %s = dlm.log_softmax %c {axis = -1 : i64} : (tensor<3x6xf32>) -> tensor<3x6xf32>
  %w = dlm.softmax %c {axis = -2 : i64} : (tensor<3x6xf32>) -> tensor<3x6xf32>
  %p = dlm.mul %s, %w : (tensor<3x6xf32>, tensor<3x6xf32>) -> tensor<3x6xf32>
  %loss = dlm.reduce sum %p {axes = array<i64: 0, 1>} : (tensor<3x6xf32>) -> tensor<f32>
  return %loss : tensor<f32>
}
