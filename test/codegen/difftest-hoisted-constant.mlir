// The reference evaluator reads a constant that canonicalize/CSE hoisted out of a dlm.contract
// body (as in every --emit=grad module: batch norm's adjoints use a hoisted -1.0 and eps); it
// used to read it as 0, which made the small ResNet's compiled gradients look wrong.
// RUN: dlm-difftest %s | FileCheck %s
func.func @hoisted_constant(%x: tensor<4x5xf32>) -> tensor<4xf32> {
  %minus_one = arith.constant -1.0 : f32
  %0 = dlm.contract sum (%x) {indexing_maps = [affine_map<(n, i) -> (n, i)>], output_rank = 1 : i64}
      : (tensor<4x5xf32>) -> tensor<4xf32> {
  ^bb0(%a: f32):
    %p = arith.mulf %a, %minus_one : f32
    dlm.yield %p : f32
  }
  return %0 : tensor<4xf32>
}

// CHECK-NOT: FAIL
// CHECK: PASS hoisted_constant result 0
