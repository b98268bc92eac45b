// RUN: dlm-difftest %s | FileCheck %s
// Differential test of loops shared by dlm-outline-repeated-loops: two equal conv + relu layers
// in sequence, each followed by a per-channel sum, as a network's repeated blocks. The static
// memory plan gives each layer its own workspace views, so the layers' parallel convolution
// bodies become one function called with different views, and the two serial sums one
// function returning its accumulators (checked with dlm-opt when this was written: two calls
// of each). Compiled against the float64 evaluator on the same random inputs; a result passes
// within 1e-5 + 1e-4 * max|reference|.

// CHECK-NOT: FAIL
// CHECK: {{^}}# repeated_layers{{$}}
// CHECK-NEXT: {{^}}PASS repeated_layers result 0:
// CHECK-NEXT: {{^}}PASS repeated_layers result 1:
// CHECK-NEXT: {{^}}PASS repeated_layers result 2:
func.func @repeated_layers(%x: tensor<8x16x12x12xf32>, %w1: tensor<16x16x5x5xf32>, %w2: tensor<16x16x5x5xf32>)
    -> (tensor<8x16x12x12xf32>, tensor<16xf32>, tensor<16xf32>) {
  %c1 = dlm.conv %x, %w1 {stride = array<i64: 1, 1>, padding = array<i64: 2, 2>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<8x16x12x12xf32>, tensor<16x16x5x5xf32>) -> tensor<8x16x12x12xf32>
  %r1 = dlm.relu %c1 : (tensor<8x16x12x12xf32>) -> tensor<8x16x12x12xf32>
  %s1 = dlm.reduce sum %r1 {axes = array<i64: 0, 2, 3>} : (tensor<8x16x12x12xf32>) -> tensor<16xf32>
  %c2 = dlm.conv %r1, %w2 {stride = array<i64: 1, 1>, padding = array<i64: 2, 2>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<8x16x12x12xf32>, tensor<16x16x5x5xf32>) -> tensor<8x16x12x12xf32>
  %r2 = dlm.relu %c2 : (tensor<8x16x12x12xf32>) -> tensor<8x16x12x12xf32>
  %s2 = dlm.reduce sum %r2 {axes = array<i64: 0, 2, 3>} : (tensor<8x16x12x12xf32>) -> tensor<16xf32>
  return %r2, %s1, %s2 : tensor<8x16x12x12xf32>, tensor<16xf32>, tensor<16xf32>
}
