// RUN: dlm-opt %s -split-input-file -verify-diagnostics
// Tests every verifier and shape-function error of the dlm dialect. A shape function's
// message is followed by InferTypeOpInterface's own "failed to infer returned types".

func.func @add_broadcast(%a: tensor<64x10xf32>, %b: tensor<7xf32>) {
  // expected-error@+2 {{operands do not broadcast: dimension 1 is 10 and 7 (expected equal extents or 1)}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.add %a, %b : (tensor<64x10xf32>, tensor<7xf32>) -> tensor<64x10xf32>
  return
}

// -----

func.func @add_element_types(%a: tensor<4xf32>, %b: tensor<4xi32>) {
  // expected-error@+2 {{expected operands of the same element type}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.add %a, %b : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  return
}

// -----

func.func @add_wrong_result(%a: tensor<64x10xf32>, %b: tensor<10xf32>) {
  // expected-error@+2 {{inferred type(s) 'tensor<64x10xf32>' are incompatible with return type(s) of operation 'tensor<64x9xf32>'}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.add %a, %b : (tensor<64x10xf32>, tensor<10xf32>) -> tensor<64x9xf32>
  return
}

// -----

func.func @compare_result(%a: tensor<4xf32>) {
  // expected-error@+1 {{result #0 must be tensor of 1-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = dlm.compare eq, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @select_branches(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf64>) {
  // expected-error@+2 {{expected operands of the same element type}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.select %c, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<4xf64>) -> tensor<4xf32>
  return
}

// -----

func.func @unary_result(%a: tensor<4xf32>) {
  // expected-error@+2 {{inferred type(s) 'tensor<4xf32>' are incompatible}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.exp %a : (tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @convert_shape(%a: tensor<4xi32>) {
  // expected-error@+1 {{expected the result to keep the operand's shape [4], got [5]}}
  %0 = dlm.convert %a : (tensor<4xi32>) -> tensor<5xf32>
  return
}

// -----

func.func @reduce_axes(%a: tensor<4x5xf32>) {
  // expected-error@+2 {{expected strictly increasing axes in [0, 2), got 2}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.reduce sum %a {axes = array<i64: 2>} : (tensor<4x5xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @reduce_axes_order(%a: tensor<4x5xf32>) {
  // expected-error@+2 {{expected strictly increasing axes in [0, 2), got 0 after 1}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.reduce sum %a {axes = array<i64: 1, 0>} : (tensor<4x5xf32>) -> tensor<f32>
  return
}

// -----

func.func @argmax_axis(%a: tensor<4x5xf32>) {
  // expected-error@+2 {{expected an axis in [-2, 2), got 3}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.argmax %a {axis = 3 : i64} : (tensor<4x5xf32>) -> tensor<4xi32>
  return
}

// -----

func.func @matmul_contraction(%a: tensor<64x784xf32>, %b: tensor<783x10xf32>) {
  // expected-error@+2 {{expected the contracted extents to agree: 784 (last of the left operand) and 783 (second to last of the right)}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.matmul %a, %b : (tensor<64x784xf32>, tensor<783x10xf32>) -> tensor<64x10xf32>
  return
}

// -----

func.func @matmul_rank(%a: tensor<784xf32>, %b: tensor<784x10xf32>) {
  // expected-error@+2 {{expected operands of rank >= 2}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.matmul %a, %b : (tensor<784xf32>, tensor<784x10xf32>) -> tensor<10xf32>
  return
}

// -----

func.func @matmul_batch(%a: tensor<2x4x5xf32>, %b: tensor<3x5x6xf32>) {
  // expected-error@+2 {{batch dimensions [2] and [3] do not broadcast}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.matmul %a, %b : (tensor<2x4x5xf32>, tensor<3x5x6xf32>) -> tensor<2x4x6xf32>
  return
}

// -----

func.func @contract_maps(%a: tensor<4x5xf32>) {
  // expected-error@+1 {{expected one indexing map per input, got 2 for 1 inputs}}
  %0 = dlm.contract sum (%a) {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], output_rank = 1 : i64} : (tensor<4x5xf32>) -> tensor<4xf32> {
  ^bb0(%x: f32):
    dlm.yield %x : f32
  }
  return
}

// -----

func.func @contract_map_rank(%a: tensor<4x5xf32>) {
  // expected-error@+1 {{indexing map 0 has 1 results, but input 0 has rank 2}}
  %0 = dlm.contract sum (%a) {indexing_maps = [affine_map<(i, j) -> (i)>], output_rank = 1 : i64} : (tensor<4x5xf32>) -> tensor<4xf32> {
  ^bb0(%x: f32):
    dlm.yield %x : f32
  }
  return
}

// -----

func.func @contract_output_rank(%a: tensor<4x5xf32>) {
  // expected-error@+1 {{expected output_rank to equal the result's rank 1, got 2}}
  %0 = dlm.contract sum (%a) {indexing_maps = [affine_map<(i, j) -> (i, j)>], output_rank = 2 : i64} : (tensor<4x5xf32>) -> tensor<4xf32> {
  ^bb0(%x: f32):
    dlm.yield %x : f32
  }
  return
}

// -----

func.func @contract_body_argument(%a: tensor<4x5xf32>) {
  // expected-error@+1 {{body argument 0 has type 'f64', expected 'f32'}}
  %0 = dlm.contract sum (%a) {indexing_maps = [affine_map<(i, j) -> (i, j)>], output_rank = 1 : i64} : (tensor<4x5xf32>) -> tensor<4xf32> {
  ^bb0(%x: f64):
    %y = arith.truncf %x : f64 to f32
    dlm.yield %y : f32
  }
  return
}

// -----

func.func @contract_yield(%a: tensor<4x5xf32>) {
  // expected-error@+1 {{expected the body to yield one 'f32'}}
  %0 = dlm.contract sum (%a) {indexing_maps = [affine_map<(i, j) -> (i, j)>], output_rank = 1 : i64} : (tensor<4x5xf32>) -> tensor<4xf32> {
  ^bb0(%x: f32):
    %y = arith.extf %x : f32 to f64
    dlm.yield %y : f64
  }
  return
}

// -----

func.func @reshape_count(%a: tensor<4x5xf32>) {
  // expected-error@+1 {{expected 20 elements in the result, like [4, 5], got 21}}
  %0 = dlm.reshape %a : (tensor<4x5xf32>) -> tensor<3x7xf32>
  return
}

// -----

func.func @transpose_permutation(%a: tensor<4x5xf32>) {
  // expected-error@+2 {{expected a permutation of 0..1, got [0, 0]}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.transpose %a {permutation = array<i64: 0, 0>} : (tensor<4x5xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @broadcast_target(%a: tensor<3xf32>) {
  // expected-error@+1 {{expected 'tensor<3xf32>' to broadcast to 'tensor<4x5xf32>'}}
  %0 = dlm.broadcast %a : (tensor<3xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @slice_bounds(%a: tensor<4x5xf32>) {
  // expected-error@+2 {{dimension 1: expected 0 <= start < limit <= 5 and a positive stride, got [0, 6) step 1}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.slice %a {start = array<i64: 0, 0>, limit = array<i64: 4, 6>, stride = array<i64: 1, 1>} : (tensor<4x5xf32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @slice_arity(%a: tensor<4x5xf32>) {
  // expected-error@+2 {{expected start, limit and stride with 2 values each}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.slice %a {start = array<i64: 0>, limit = array<i64: 4>, stride = array<i64: 1>} : (tensor<4x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @concat_shapes(%a: tensor<4x5xf32>, %b: tensor<3x6xf32>) {
  // expected-error@+2 {{input 1 is 'tensor<3x6xf32>', expected 'tensor<4x5xf32>' except along axis 1}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.concat %a, %b {axis = 1 : i64} : (tensor<4x5xf32>, tensor<3x6xf32>) -> tensor<4x11xf32>
  return
}

// -----

func.func @pad_negative(%a: tensor<4x5xf32>) {
  // expected-error@+2 {{expected non-negative padding, got -1 and 0 in dimension 0}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.pad %a {low = array<i64: -1, 0>, high = array<i64: 0, 0>, value = 0.0 : f64} : (tensor<4x5xf32>) -> tensor<3x5xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<64x3x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error@+2 {{expected the filter's dimension 1 to be 3 (input channels / groups), got 1}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64} : (tensor<64x3x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<64x6x24x24xf32>
  return
}

// -----

func.func @conv_groups(%x: tensor<64x3x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error@+2 {{expected groups to divide 3 input and 6 output channels, got 2}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 2 : i64} : (tensor<64x3x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<64x6x24x24xf32>
  return
}

// -----

func.func @conv_stride(%x: tensor<64x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error@+2 {{expected 'stride' values >= 1, got 0}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.conv %x, %w {stride = array<i64: 0, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64} : (tensor<64x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<64x6x24x24xf32>
  return
}

// -----

func.func @conv_window(%x: tensor<64x1x4x4xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error@+2 {{the filter is larger than the padded input in spatial dimension 0}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64} : (tensor<64x1x4x4xf32>, tensor<6x1x5x5xf32>) -> tensor<64x6x1x1xf32>
  return
}

// -----

func.func @pool_arity(%x: tensor<64x6x28x28xf32>) {
  // expected-error@+2 {{expected 2 values in 'window' (one per spatial dimension), got 1}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.maxpool %x {window = array<i64: 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<64x6x28x28xf32>) -> tensor<64x6x14x14xf32>
  return
}

// -----

func.func @softmax_axis(%x: tensor<64x10xf32>) {
  // expected-error@+2 {{expected an axis in [-2, 2), got 2}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.softmax %x {axis = 2 : i64} : (tensor<64x10xf32>) -> tensor<64x10xf32>
  return
}

// -----

func.func @cross_entropy_labels(%x: tensor<64x10xf32>, %y: tensor<32xi32>) {
  // expected-error@+2 {{expected integer labels [64] or probabilities 'tensor<64x10xf32>', got 'tensor<32xi32>'}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.cross_entropy %x, %y : (tensor<64x10xf32>, tensor<32xi32>) -> tensor<f32>
  return
}

// -----

func.func @bce_targets(%x: tensor<64x1xf32>, %t: tensor<64x2xf32>) {
  // expected-error@+2 {{expected targets that broadcast to the logits' shape [64, 1], got 'tensor<64x2xf32>'}}
  // expected-error@+1 {{failed to infer returned types}}
  %0 = dlm.bce_logits %x, %t : (tensor<64x1xf32>, tensor<64x2xf32>) -> tensor<f32>
  return
}

// -----

func.func @one_hot_shape(%y: tensor<64xi32>) {
  // expected-error@+1 {{expected the result to be the labels' shape [64] plus a class dimension}}
  %0 = dlm.one_hot %y : (tensor<64xi32>) -> tensor<32x10xf32>
  return
}

// -----

func.func @dropout_probability(%x: tensor<4xf32>, %key: tensor<i64>) {
  // expected-error@+1 {{expected a drop probability in [0, 1), got 1}}
  %0 = dlm.dropout %x, %key {p = 1.0 : f64, id = 0 : i64} : (tensor<4xf32>, tensor<i64>) -> tensor<4xf32>
  return
}

// -----

func.func @conv_backward_input_shape(%g: tensor<2x4x6x6xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error@+1 {{the convolution of 'tensor<2x3x9x9xf32>' by 'tensor<4x3x3x3xf32>' gives 'tensor<2x4x7x7xf32>', not the gradient's 'tensor<2x4x6x6xf32>'}}
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64} : (tensor<2x4x6x6xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x9x9xf32>
  return
}

// -----

func.func @conv_backward_filter_shape(%x: tensor<2x3x8x8xf32>, %g: tensor<2x4x6x6xf32>) {
  // expected-error@+1 {{expected the filter's dimension 1 to be 3 (input channels / groups), got 2}}
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64} : (tensor<2x3x8x8xf32>, tensor<2x4x6x6xf32>) -> tensor<4x2x3x3xf32>
  return
}

// -----

func.func @pool_backward_kind(%x: tensor<2x3x8x8xf32>, %p: tensor<2x3x4x4xf32>) {
  // expected-error@+1 {{expected max or mean pooling}}
  %0 = dlm.pool_backward sum %x, %p {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  return
}

// -----

func.func @pool_backward_gradient(%x: tensor<2x3x8x8xf32>, %p: tensor<2x3x3x3xf32>) {
  // expected-error@+1 {{expected the output gradient to be 'tensor<2x3x4x4xf32>', got 'tensor<2x3x3x3xf32>'}}
  %0 = dlm.pool_backward max %x, %p {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x8x8xf32>, tensor<2x3x3x3xf32>) -> tensor<2x3x8x8xf32>
  return
}

// -----

func.func @grad_types(%l: tensor<f32>, %x: tensor<3xf32>) {
  // expected-error@+1 {{all of {wrt, result} have same type}}
  %0 = dlm.grad %l, %x : (tensor<f32>, tensor<3xf32>) -> tensor<4xf32>
  return
}
