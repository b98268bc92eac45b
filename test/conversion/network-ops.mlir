// RUN: dlm-opt %s -split-input-file -dlm-convert-to-linalg | FileCheck %s
// Tests the lowering of the network ops (convolutions and their adjoints, pooling and its
// adjoint, softmax, the losses, one_hot, argmax, matmul) to linalg.generic on tensors.

// Tests a convolution with stride 2 and padding 1: the input is padded with
// zeros by tensor.pad, the stride is a coefficient in the input's map, and the
// window loops (c, k, l) are reductions into a zero-filled output.
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4, d2 * 2 + d5, d3 * 2 + d6)>
// CHECK-DAG: #[[W:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d4, d5, d6)>
// CHECK-DAG: #[[OUT:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PADDED:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[ZERO]] : f32
// CHECK: } : tensor<2x3x8x8xf32> to tensor<2x3x10x10xf32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x4x4x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[W]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[PADDED]], %arg1 : tensor<2x3x10x10xf32>, tensor<4x3x3x3xf32>) outs(%[[INIT]] : tensor<2x4x4x4xf32>)
// CHECK: %[[P:.*]] = arith.mulf
// CHECK: arith.addf %{{.*}}, %[[P]] : f32
func.func @conv(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32>
  return %0 : tensor<2x4x4x4xf32>
}

// -----

// Tests a grouped, dilated convolution: the channels of the input (4 = 2 x 2)
// and of the filter's outputs (6 = 2 x 3) are split into (group, channel) by
// expand_shape, the group is one more parallel loop shared by all three maps,
// the dilation a coefficient of the window loops, and the result is collapsed
// back; no tensor.pad without padding.
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d3 + d6 * 2, d4 + d7 * 2)>
// CHECK-DAG: #[[W:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d5, d6, d7)>
// CHECK-DAG: #[[OUT:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @grouped_conv
// CHECK-NOT: tensor.pad
// CHECK: %[[GROUPED_X:.*]] = tensor.expand_shape %arg0 {{\[}}[0], [1, 2], [3], [4]] output_shape [2, 2, 2, 8, 8] : tensor<2x4x8x8xf32> into tensor<2x2x2x8x8xf32>
// CHECK: %[[GROUPED_W:.*]] = tensor.expand_shape %arg1 {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3] : tensor<6x2x3x3xf32> into tensor<2x3x2x3x3xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[W]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[GROUPED_X]], %[[GROUPED_W]] : tensor<2x2x2x8x8xf32>, tensor<2x3x2x3x3xf32>)
// CHECK: %[[Y:.*]] = tensor.collapse_shape %[[G]] {{\[}}[0], [1, 2], [3], [4]] : tensor<2x2x3x4x4xf32> into tensor<2x6x4x4xf32>
// CHECK: return %[[Y]]
func.func @grouped_conv(%x: tensor<2x4x8x8xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<2x6x4x4xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 2, 2>, groups = 2 : i64}
      : (tensor<2x4x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<2x6x4x4xf32>
  return %0 : tensor<2x6x4x4xf32>
}

// -----

// Tests the filter gradient: loops (o, c, k, l, n, p, q), the padded input read
// at p * stride + k, the output gradient at (n, o, p, q), reduced over (n, p, q).
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d1, d5 * 2 + d2, d6 * 2 + d3)>
// CHECK-DAG: #[[G:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d0, d5, d6)>
// CHECK-DAG: #[[DW:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_backward_filter
// CHECK: %[[PADDED:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[G]], #[[DW]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[PADDED]], %arg1 : tensor<2x3x10x10xf32>, tensor<2x4x4x4xf32>) outs(%{{.*}} : tensor<4x3x3x3xf32>)
func.func @conv_backward_filter(%x: tensor<2x3x8x8xf32>, %g: tensor<2x4x4x4xf32>) -> tensor<4x3x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x3x8x8xf32>, tensor<2x4x4x4xf32>) -> tensor<4x3x3x3xf32>
  return %0 : tensor<4x3x3x3xf32>
}

// -----

// Tests the channels-last forward convolution (16 output channels, rows of 4 that fill a
// quarter of a register, 6 x 3 x 3 = 54 products per output): the filter is transposed to
// (c, k, l, o) by a named op, the sum runs over loops (n, p, q, o, c, k, l) into (n, p, q, o),
// and a named transpose brings that back to (n, o, p, q).
// CHECK-DAG: #[[X:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4, d1 * 2 + d5, d2 * 2 + d6)>
// CHECK-DAG: #[[WT:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d5, d6, d3)>
// CHECK-DAG: #[[YT:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_channels_last
// CHECK: %[[PADDED:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[FILTER:.*]] = linalg.transpose ins(%arg1 : tensor<16x6x3x3xf32>) outs(%{{.*}} : tensor<6x3x3x16xf32>) permutation = [1, 2, 3, 0]
// CHECK: %[[YSUM:.*]] = linalg.generic {indexing_maps = [#[[X]], #[[WT]], #[[YT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[PADDED]], %[[FILTER]] : tensor<2x6x9x9xf32>, tensor<6x3x3x16xf32>) outs(%{{.*}} : tensor<2x4x4x16xf32>)
// CHECK: linalg.transpose ins(%[[YSUM]] : tensor<2x4x4x16xf32>) outs(%{{.*}} : tensor<2x16x4x4xf32>) permutation = [0, 3, 1, 2]
func.func @conv_channels_last(%x: tensor<2x6x7x7xf32>, %w: tensor<16x6x3x3xf32>) -> tensor<2x16x4x4xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x6x7x7xf32>, tensor<16x6x3x3xf32>) -> tensor<2x16x4x4xf32>
  return %0 : tensor<2x16x4x4xf32>
}

// -----

// Tests the channels-last filter gradient (16 output channels, 8 x 3 x 3 = 72 products per
// gradient element), image by image: an scf.forall over two ranges of one image each (the batch
// of 2 shares no larger divisor with 4) sums, in an scf.for over the range's images, each padded
// image times its gradient transposed to (p, q, o) by a named op (a generic copy would be fused
// back), over loops (c, k, l, o, p, q) into (c, k, l, o). The two partial sums are added, and a
// copy generic transposes the result to (o, c, k, l).
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d4 * 2 + d1, d5 * 2 + d2)>
// CHECK-DAG: #[[G:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5, d3)>
// CHECK-DAG: #[[DWT:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[PARTIALS:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[SUM:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>
// CHECK-DAG: #[[BACK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3, d0)>
// CHECK-LABEL: func.func @conv_backward_filter_channels_last
// CHECK: %[[ALL:.*]] = scf.forall (%[[CHUNK:.*]]) in (2) shared_outs(%[[SHARED:.*]] = %{{.*}}) -> (tensor<2x8x3x3x16xf32>)
// CHECK: %[[END:.*]] = arith.addi %[[CHUNK]], %{{.*}} : index
// CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<8x3x3x16xf32>)
// CHECK: %[[RANGE:.*]] = scf.for %[[N:.*]] = %[[CHUNK]] to %[[END]] step %{{.*}} iter_args(%[[ACC:.*]] = %[[ZERO]])
// CHECK: %[[IMAGE:.*]] = tensor.extract_slice %arg0[%[[N]], 0, 0, 0] [1, 8, 6, 6] [1, 1, 1, 1] : tensor<2x8x6x6xf32> to tensor<8x6x6xf32>
// CHECK: %[[PADDED:.*]] = tensor.pad %[[IMAGE]] low[0, 1, 1] high[0, 1, 1]
// CHECK: %[[GRADIENT:.*]] = tensor.extract_slice %arg1[%[[N]], 0, 0, 0] [1, 16, 3, 3] [1, 1, 1, 1] : tensor<2x16x3x3xf32> to tensor<16x3x3xf32>
// CHECK: %[[GT:.*]] = linalg.transpose ins(%[[GRADIENT]] : tensor<16x3x3xf32>) outs(%{{.*}} : tensor<3x3x16xf32>) permutation = [1, 2, 0]
// CHECK: %[[DW:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[G]], #[[DWT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[PADDED]], %[[GT]] : tensor<8x8x8xf32>, tensor<3x3x16xf32>) outs(%[[ACC]] : tensor<8x3x3x16xf32>)
// CHECK: scf.yield %[[DW]]
// CHECK: tensor.parallel_insert_slice %[[RANGE]] into %[[SHARED]][%[[CHUNK]], 0, 0, 0, 0] [1, 8, 3, 3, 16]
// CHECK: %[[TOTAL:.*]] = linalg.generic {indexing_maps = [#[[PARTIALS]], #[[SUM]]], iterator_types = ["reduction", "parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[ALL]] : tensor<2x8x3x3x16xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[BACK]], #{{map[0-9]*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[TOTAL]] : tensor<8x3x3x16xf32>) outs(%{{.*}} : tensor<16x8x3x3xf32>)
func.func @conv_backward_filter_channels_last(%x: tensor<2x8x6x6xf32>, %g: tensor<2x16x3x3xf32>) -> tensor<16x8x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x8x6x6xf32>, tensor<2x16x3x3xf32>) -> tensor<16x8x3x3xf32>
  return %0 : tensor<16x8x3x3xf32>
}

// -----

// Tests the input gradient: the output gradient is spread into a zero tensor
// by an insert_slice with the convolution's stride (at offset (K - 1) - pad =
// 1), the filter is flipped spatially by a copy generic reading index 2 - k,
// and a stride-1 correlation of the two gives dx.
// CHECK-DAG: #[[FLIP:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, -d2 + 2, -d3 + 2)>
// CHECK-DAG: #[[ID4:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[SPREAD:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4, d2 + d5, d3 + d6)>
// CHECK-DAG: #[[W:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d1, d5, d6)>
// CHECK-DAG: #[[DX:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_backward_input
// CHECK: %[[ZEROS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x4x10x10xf32>)
// CHECK: %[[SPREAD_G:.*]] = tensor.insert_slice %arg0 into %[[ZEROS]][0, 0, 1, 1] [2, 4, 4, 4] [1, 1, 2, 2] : tensor<2x4x4x4xf32> into tensor<2x4x10x10xf32>
// CHECK: %[[FLIPPED:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%arg1 : tensor<4x3x3x3xf32>)
// CHECK-NEXT: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[V]] : f32
// CHECK: linalg.generic {indexing_maps = [#[[SPREAD]], #[[W]], #[[DX]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[SPREAD_G]], %[[FLIPPED]] : tensor<2x4x10x10xf32>, tensor<4x3x3x3xf32>) outs(%{{.*}} : tensor<2x3x8x8xf32>)
func.func @conv_backward_input(%g: tensor<2x4x4x4xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x3x8x8xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x4x4x4xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x8x8xf32>
  return %0 : tensor<2x3x8x8xf32>
}

// -----

// Tests pooling: the window loops appear only inside the input's affine
// expressions, so a window-shaped tensor.empty operand fixes their extents.
// Max pooling pads with -inf and combines with maximumf; average pooling sums
// and multiplies by 1 / (window size) = 0.25.
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)>
// CHECK-DAG: #[[WINDOW:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[OUT:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @pooling
// CHECK-DAG: %[[QUARTER:.*]] = arith.constant 2.500000e-01 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[LOWEST:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[PADDED:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[LOWEST]] : f32
// CHECK: %[[MAXIMA:.*]] = linalg.fill ins(%[[LOWEST]] : f32) outs(%{{.*}} : tensor<2x3x4x4xf32>)
// CHECK: %[[WINDOW3:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[WINDOW]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[PADDED]], %[[WINDOW3]] : tensor<2x3x10x10xf32>, tensor<3x3xf32>) outs(%[[MAXIMA]] : tensor<2x3x4x4xf32>)
// CHECK: arith.maximumf
// CHECK: %[[SUMS:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x3x4x4xf32>)
// CHECK: %[[WINDOW2:.*]] = tensor.empty() : tensor<2x2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[WINDOW]], #[[OUT]]]
// CHECK-SAME: ins(%arg0, %[[WINDOW2]] : tensor<2x3x8x8xf32>, tensor<2x2xf32>) outs(%[[SUMS]] : tensor<2x3x4x4xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK: arith.mulf %{{.*}}, %[[QUARTER]] : f32
func.func @pooling(%x: tensor<2x3x8x8xf32>) -> (tensor<2x3x4x4xf32>, tensor<2x3x4x4xf32>) {
  %0 = dlm.maxpool %x {window = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : (tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32>
  %1 = dlm.avgpool %x {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>}
      : (tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32>
  return %0, %1 : tensor<2x3x4x4xf32>, tensor<2x3x4x4xf32>
}

// -----

// Tests the pooling adjoints with overlapping windows (3, stride 2, padding 1).
// Max: each window's maximum (the forward pooling's generic, which CSE merges with
// it), then the offset of its first maximum: the least entry of a constant table of
// window offsets 0..8 whose element equals the maximum (9, the window size, where
// none does). Every input position then gathers from the ceil(3 / 2) = 2 candidate
// windows j at (i + pad) floordiv stride - j, read from the gradient and the offsets
// padded by one on each side; constant tables give, per dimension, the position's
// offset in candidate window j times the dimension's weight in the window (3 rows,
// 1 column), or -2^20 outside it, so the offsets' sum equals the window's first
// maximum only where the position is it. Mean: the same gather of the gradient,
// scaled by 1/9, where the sum is not negative.
// CHECK-DAG: #[[IN:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)>
// CHECK-DAG: #[[WINDOW:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[OUT:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[GATHER:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, (d2 + 1) floordiv 2 - d4 + 1, (d3 + 1) floordiv 2 - d5 + 1)>
// CHECK-DAG: #[[ROWS:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d2)>
// CHECK-DAG: #[[COLUMNS:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d5, d3)>
// CHECK-LABEL: func.func @pool_backward
// CHECK-DAG: %[[NINTH:.*]] = arith.constant 0.111111112 : f32
// CHECK-DAG: %[[COLUMN_OFFSETS:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00, 1.000000e+00, 0xC9800000], [0xC9800000, 2.000000e+00, 0xC9800000, 2.000000e+00, 0xC9800000, 2.000000e+00, 0xC9800000, 2.000000e+00]]> : tensor<2x8xf32>
// CHECK-DAG: %[[ROW_OFFSETS:.*]] = arith.constant dense<{{\[\[}}3.000000e+00, 0.000000e+00, 3.000000e+00, 0.000000e+00, 3.000000e+00, 0.000000e+00, 3.000000e+00, 0xC9800000], [0xC9800000, 6.000000e+00, 0xC9800000, 6.000000e+00, 0xC9800000, 6.000000e+00, 0xC9800000, 6.000000e+00]]> : tensor<2x8xf32>
// CHECK-DAG: %[[OUTSIDE:.*]] = arith.constant 0xC9800000 : f32
// CHECK-DAG: %[[NONE:.*]] = arith.constant 9.000000e+00 : f32
// CHECK-DAG: %[[OFFSETS:.*]] = arith.constant dense<{{\[\[}}0.000000e+00, 1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00, 5.000000e+00], [6.000000e+00, 7.000000e+00, 8.000000e+00]]> : tensor<3x3xf32>
// CHECK: %[[G:.*]] = tensor.pad %arg1 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: } : tensor<2x3x4x4xf32> to tensor<2x3x6x6xf32>
// CHECK: %[[MAXIMA:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[WINDOW]], #[[OUT]]]
// CHECK: arith.maximumf
// CHECK: %[[X:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[NONE_YET:.*]] = linalg.fill ins(%[[NONE]] : f32)
// CHECK: %[[FIRST:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]], #[[WINDOW]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[MAXIMA]], %[[OFFSETS]] : tensor<2x3x10x10xf32>, tensor<2x3x4x4xf32>, tensor<3x3xf32>) outs(%[[NONE_YET]] : tensor<2x3x4x4xf32>)
// CHECK-NEXT: ^bb0(%[[E:.*]]: f32, %[[M:.*]]: f32, %[[OFFSET:.*]]: f32, %[[LEAST:.*]]: f32):
// CHECK-NEXT: %[[IS_MAXIMUM:.*]] = arith.cmpf oeq, %[[E]], %[[M]] : f32
// CHECK-NEXT: %[[CANDIDATE:.*]] = arith.select %[[IS_MAXIMUM]], %[[OFFSET]], %[[NONE]] : f32
// CHECK-NEXT: arith.minimumf %[[LEAST]], %[[CANDIDATE]] : f32
// CHECK: %[[PADDED_FIRST:.*]] = tensor.pad %[[FIRST]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[OUTSIDE]] : f32
// CHECK: linalg.generic {indexing_maps = [#[[GATHER]], #[[GATHER]], #[[ROWS]], #[[COLUMNS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[G]], %[[PADDED_FIRST]], %[[ROW_OFFSETS]], %[[COLUMN_OFFSETS]] : tensor<2x3x6x6xf32>, tensor<2x3x6x6xf32>, tensor<2x8xf32>, tensor<2x8xf32>)
// CHECK-NEXT: ^bb0(%[[GRADIENT:.*]]: f32, %[[FIRST_OFFSET:.*]]: f32, %[[ROW:.*]]: f32, %[[COLUMN:.*]]: f32, %[[SUM:.*]]: f32):
// CHECK-NEXT: %[[POSITION:.*]] = arith.addf %[[ROW]], %[[COLUMN]] : f32
// CHECK-NEXT: %[[IS_FIRST:.*]] = arith.cmpf oeq, %[[POSITION]], %[[FIRST_OFFSET]] : f32
// CHECK-NEXT: %[[TERM:.*]] = arith.select %[[IS_FIRST]], %[[GRADIENT]]
// CHECK-NEXT: arith.addf %[[SUM]], %[[TERM]] : f32
// CHECK: linalg.generic {indexing_maps = [#[[GATHER]], #[[ROWS]], #[[COLUMNS]], #[[OUT]]]
// CHECK: arith.cmpf oge
// CHECK: arith.mulf %{{.*}}, %[[NINTH]] : f32
func.func @pool_backward(%x: tensor<2x3x8x8xf32>, %g: tensor<2x3x4x4xf32>) -> (tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>) {
  %0 = dlm.pool_backward max %x, %g {window = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  %1 = dlm.pool_backward mean %x, %g {window = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  return %0, %1 : tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>
}

// -----

// Tests max pooling's adjoint when windows do not overlap (2x2, stride 2): each position has one
// candidate window, so the gather has no window loops, no zero fill and no sum, and reads the first
// row of each offset table.
// CHECK-DAG: #[[ONE_WINDOW:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 floordiv 2, d3 floordiv 2)>
// CHECK-DAG: #[[ROWS:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (0, d2)>
// CHECK-DAG: #[[COLUMNS:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (0, d3)>
// CHECK-DAG: #[[POSITION:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @pool_backward_one_window
// CHECK-DAG: arith.constant dense<{{\[\[}}0.000000e+00, 1.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00, 1.000000e+00]]> : tensor<1x8xf32>
// CHECK-DAG: arith.constant dense<{{\[\[}}0.000000e+00, 2.000000e+00, 0.000000e+00, 2.000000e+00, 0.000000e+00, 2.000000e+00, 0.000000e+00, 2.000000e+00]]> : tensor<1x8xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x3x8x8xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ONE_WINDOW]], #[[ONE_WINDOW]], #[[ROWS]], #[[COLUMNS]], #[[POSITION]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: outs(%[[EMPTY]] : tensor<2x3x8x8xf32>)
// CHECK: %[[TERM:.*]] = arith.select
// CHECK-NEXT: linalg.yield %[[TERM]] : f32
func.func @pool_backward_one_window(%x: tensor<2x3x8x8xf32>, %g: tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32> {
  %0 = dlm.pool_backward max %x, %g {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>}
      : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  return %0 : tensor<2x3x8x8xf32>
}

// -----

// Tests softmax along axis 1 and log_softmax along axis 0: the maximum along
// the axis (kept with extent 1, read back through a constant-0 subscript), the
// sum of exp(x - max), then exp(x - max) / sum, or x - max - log(sum).
// CHECK-DAG: #[[ID:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:map[0-9]*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[COLUMN:map[0-9]*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @softmax
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.maximumf
// CHECK: %[[EXP:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]]
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[EXP]]
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%arg0, %[[MAX]], %[[SUM]]
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: arith.divf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[COLUMN]]], iterator_types = ["reduction", "parallel"]}
// CHECK: arith.maximumf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[COLUMN]], #[[COLUMN]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK: %[[SHIFTED:.*]] = arith.subf
// CHECK: %[[LOG:.*]] = math.log
// CHECK: arith.subf %[[SHIFTED]], %[[LOG]] : f32
func.func @softmax(%x: tensor<4x10xf32>) -> (tensor<4x10xf32>, tensor<4x10xf32>) {
  %0 = dlm.softmax %x {axis = 1 : i64} : (tensor<4x10xf32>) -> tensor<4x10xf32>
  %1 = dlm.log_softmax %x {axis = 0 : i64} : (tensor<4x10xf32>) -> tensor<4x10xf32>
  return %0, %1 : tensor<4x10xf32>, tensor<4x10xf32>
}

// -----

// Tests cross-entropy with integer labels: the picked logit is a reduction over
// classes that adds the logit whose index equals the label; per row
// log(sum) + max - picked; the mean over 4 rows multiplies by 0.25.
// CHECK-DAG: #[[ID:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROWS:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @cross_entropy_labels
// CHECK-DAG: %[[QUARTER:.*]] = arith.constant 2.500000e-01 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROWS]], #[[ROWS]]], iterator_types = ["parallel", "reduction"]} ins(%arg0, %arg1 : tensor<4x10xf32>, tensor<4xi32>)
// CHECK-NEXT: ^bb0(%[[LOGIT:.*]]: f32, %[[LABEL:.*]]: i32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[L:.*]] = arith.index_cast %[[LABEL]] : i32 to index
// CHECK-NEXT: %[[C:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[MATCH:.*]] = arith.cmpi eq, %[[C]], %[[L]] : index
// CHECK-NEXT: %[[TERM:.*]] = arith.select %[[MATCH]], %[[LOGIT]], %[[ZERO]] : f32
// CHECK-NEXT: arith.addf %[[ACC]], %[[TERM]] : f32
// CHECK: math.log
// CHECK: arith.addf
// CHECK: arith.subf
// CHECK: arith.mulf %{{.*}}, %[[QUARTER]] : f32
// CHECK: return %{{.*}} : tensor<f32>
func.func @cross_entropy_labels(%l: tensor<4x10xf32>, %labels: tensor<4xi32>) -> tensor<f32> {
  %0 = dlm.cross_entropy %l, %labels : (tensor<4x10xf32>, tensor<4xi32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Tests cross-entropy with probabilities: -t * log_softmax(l) per element,
// summed over classes, then the mean over rows.
// CHECK-LABEL: func.func @cross_entropy_probabilities
// CHECK: linalg.generic {{.*}} ins(%arg0, %{{.*}}, %{{.*}}, %arg1 : tensor<4x10xf32>, tensor<4x1xf32>, tensor<4x1xf32>, tensor<4x10xf32>)
// CHECK: math.log
// CHECK: %[[P:.*]] = arith.mulf
// CHECK: arith.negf %[[P]] : f32
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK: return %{{.*}} : tensor<f32>
func.func @cross_entropy_probabilities(%l: tensor<4x10xf32>, %t: tensor<4x10xf32>) -> tensor<f32> {
  %0 = dlm.cross_entropy %l, %t : (tensor<4x10xf32>, tensor<4x10xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Tests binary cross-entropy on logits with targets broadcast along rows:
// max(x, 0) - x * t + log1p(exp(-|x|)), then the mean of all 40 elements.
// CHECK-DAG: #[[ID:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[TARGETS:map[0-9]*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ALL:map[0-9]*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @bce_logits
// CHECK-DAG: %[[FORTIETH:.*]] = arith.constant 2.500000e-02 : f32
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[TARGETS]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%arg0, %arg1 : tensor<4x10xf32>, tensor<10xf32>)
// CHECK: arith.maxnumf
// CHECK: math.absf
// CHECK: arith.negf
// CHECK: math.exp
// CHECK: math.log1p
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ALL]]], iterator_types = ["reduction", "reduction"]}
// CHECK: arith.mulf %{{.*}}, %[[FORTIETH]] : f32
func.func @bce_logits(%l: tensor<4x10xf32>, %t: tensor<10xf32>) -> tensor<f32> {
  %0 = dlm.bce_logits %l, %t : (tensor<4x10xf32>, tensor<10xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Tests one_hot (the class index compared with the label, as 0.0 or 1.0) and
// argmax along axis 0: one generic with two outputs, the running maximum from
// -inf and its index from 0, replaced only when strictly greater (the first
// maximum wins); only the indices are returned.
// CHECK-DAG: #[[LABELS:map[0-9]*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[ID:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[TRANSPOSED:map[0-9]*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @one_hot_and_argmax
// CHECK-DAG: %[[ZERO_I32:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[LOWEST:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.generic {indexing_maps = [#[[LABELS]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%arg0 : tensor<4xi32>) outs(%{{.*}} : tensor<4x10xf32>)
// CHECK: %[[LABEL:.*]] = arith.index_cast %{{.*}} : i32 to index
// CHECK: %[[CLASS:.*]] = linalg.index 1 : index
// CHECK: %[[HOT:.*]] = arith.cmpi eq, %[[CLASS]], %[[LABEL]] : index
// CHECK: arith.uitofp %[[HOT]] : i1 to f32
// CHECK: %[[MAXIMA:.*]] = linalg.fill ins(%[[LOWEST]] : f32) outs(%{{.*}} : tensor<10xf32>)
// CHECK: %[[INDICES:.*]] = linalg.fill ins(%[[ZERO_I32]] : i32) outs(%{{.*}} : tensor<10xi32>)
// CHECK: %[[ARGMAX:.*]]:2 = linalg.generic {indexing_maps = [#[[TRANSPOSED]], #[[LABELS]], #[[LABELS]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%arg1 : tensor<4x10xf32>) outs(%[[MAXIMA]], %[[INDICES]] : tensor<10xf32>, tensor<10xi32>)
// CHECK: %[[GREATER:.*]] = arith.cmpf ogt
// CHECK: %[[ROW:.*]] = linalg.index 1 : index
// CHECK: %[[INDEX:.*]] = arith.index_cast %[[ROW]] : index to i32
// CHECK: arith.select %[[GREATER]], %[[INDEX]], %{{.*}} : i32
// CHECK: return %{{.*}}, %[[ARGMAX]]#1 : tensor<4x10xf32>, tensor<10xi32>
func.func @one_hot_and_argmax(%labels: tensor<4xi32>, %x: tensor<4x10xf32>) -> (tensor<4x10xf32>, tensor<10xi32>) {
  %0 = dlm.one_hot %labels : (tensor<4xi32>) -> tensor<4x10xf32>
  %1 = dlm.argmax %x {axis = 0 : i64} : (tensor<4x10xf32>) -> tensor<10xi32>
  return %0, %1 : tensor<4x10xf32>, tensor<10xi32>
}

// -----

// Tests matmul with broadcast batch dimensions, [2, 1, 4, 5] x [3, 5, 6]: the
// stretched extent-1 batch dimension is read at 0, the missing one not at all.
// CHECK-DAG: #[[LHS:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG: #[[RHS:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG: #[[OUT:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @batched_matmul
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%arg0, %arg1 : tensor<2x1x4x5xf32>, tensor<3x5x6xf32>) outs(%{{.*}} : tensor<2x3x4x6xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @batched_matmul(%a: tensor<2x1x4x5xf32>, %b: tensor<3x5x6xf32>) -> tensor<2x3x4x6xf32> {
  %0 = dlm.matmul %a, %b : (tensor<2x1x4x5xf32>, tensor<3x5x6xf32>) -> tensor<2x3x4x6xf32>
  return %0 : tensor<2x3x4x6xf32>
}

// -----

// Tests that a 3x3 convolution with stride 1 and 16-channel multiples, and the input gradient
// of one, become F(4x4, 3x3) Winograd: both call one function per shape (never inlined), the
// forward with the filter copied to taps [i, j, c, o], the gradient with the filter flipped and
// its channels swapped, padded by 2 - pad. The function transforms the taps with G (two passes), then for
// each image (an scf.forall) transposes it channels-last into the interior of a zeroed, padded
// copy, transforms that with B^T (two passes),
// multiplies 36 matrices, transforms back with A^T (two passes) and transposes the 4x4 tiles
// into the output image.
// CHECK-DAG: #[[TAPS_FORWARD:.*]] = affine_map<(d0, d1, d2, d3) -> (d3, d2, d0, d1)>
// CHECK-DAG: #[[TAPS_GRADIENT:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3, -d0 + 2, -d1 + 2)>
// CHECK-DAG: #[[G_ROWS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d4)>
// CHECK-DAG: #[[TAPS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d4, d1, d2, d3)>
// CHECK-DAG: #[[G_COLUMNS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4)>
// CHECK-DAG: #[[HALF:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d4, d2, d3)>
// CHECK-DAG: #[[IMAGE_ROWS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1 * 4 + d4, d2, d3)>
// CHECK-DAG: #[[IMAGE_COLUMNS:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d2, d3 * 4 + d5, d4)>
// CHECK-DAG: #[[V:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>
// CHECK-DAG: #[[U:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d5, d4)>
// CHECK-DAG: #[[M:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d5, d1, d2, d3, d4)>
// CHECK-DAG: #[[R:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d1, d5, d0, d2, d4)>
// CHECK-LABEL: func.func @conv_winograd
// CHECK: %[[TAPS_F:.*]] = linalg.generic {indexing_maps = [#[[TAPS_FORWARD]], #{{.*}}]{{.*}} ins(%arg1 : tensor<16x16x3x3xf32>) outs(%{{.*}} : tensor<3x3x16x16xf32>)
// CHECK: %[[Y:.*]] = call @[[WINOGRAD:dlm.winograd_4x4_3x3.2x16x12x12.pad1x1.16]](%arg0, %[[TAPS_F]])
// CHECK: %[[TAPS_B:.*]] = linalg.generic {indexing_maps = [#[[TAPS_GRADIENT]], #{{.*}}]{{.*}} ins(%arg1 : tensor<16x16x3x3xf32>) outs(%{{.*}} : tensor<3x3x16x16xf32>)
// CHECK: %[[DX:.*]] = call @[[WINOGRAD]](%arg2, %[[TAPS_B]])
// CHECK: return %[[Y]], %[[DX]]
// CHECK: func.func private @[[WINOGRAD]](%[[INPUT:.*]]: tensor<2x16x12x12xf32>, %[[TAPS_IN:.*]]: tensor<3x3x16x16xf32>) -> tensor<2x16x12x12xf32> attributes {passthrough = ["noinline"]}
// CHECK-DAG: %[[AT:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00, -1.000000e+00, 2.000000e+00, -2.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00, 1.000000e+00, 4.000000e+00, 4.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00, -1.000000e+00, 8.000000e+00, -8.000000e+00, 1.000000e+00]]> : tensor<4x6xf32>
// CHECK-DAG: %[[BT:.*]] = arith.constant dense<{{\[\[}}4.000000e+00, 0.000000e+00, -5.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00], [0.000000e+00, -4.000000e+00, -4.000000e+00, 1.000000e+00, 1.000000e+00, 0.000000e+00], [0.000000e+00, 4.000000e+00, -4.000000e+00, -1.000000e+00, 1.000000e+00, 0.000000e+00], [0.000000e+00, -2.000000e+00, -1.000000e+00, 2.000000e+00, 1.000000e+00, 0.000000e+00], [0.000000e+00, 2.000000e+00, -1.000000e+00, -2.000000e+00, 1.000000e+00, 0.000000e+00], [0.000000e+00, 4.000000e+00, 0.000000e+00, -5.000000e+00, 0.000000e+00, 1.000000e+00]]> : tensor<6x6xf32>
// CHECK-DAG: %[[GT:.*]] = arith.constant dense<{{\[\[}}2.500000e-01, 0.000000e+00, 0.000000e+00], [-0.166666672, -0.166666672, -0.166666672], [-0.166666672, 0.166666672, -0.166666672], [0.0416666679, 0.0833333358, 0.166666672], [0.0416666679, -0.0833333358, 0.166666672], [0.000000e+00, 0.000000e+00, 1.000000e+00]]> : tensor<6x3xf32>
// CHECK: %[[HALF_U:.*]] = linalg.generic {indexing_maps = [#[[G_ROWS]], #[[TAPS]], #{{.*}}]{{.*}} ins(%[[GT]], %[[TAPS_IN]] : tensor<6x3xf32>, tensor<3x3x16x16xf32>) outs(%{{.*}} : tensor<6x3x16x16xf32>)
// CHECK: %[[U_ALL:.*]] = linalg.generic {indexing_maps = [#[[G_COLUMNS]], #[[HALF]], #{{.*}}]{{.*}} ins(%[[GT]], %[[HALF_U]] : tensor<6x3xf32>, tensor<6x3x16x16xf32>) outs(%{{.*}} : tensor<6x6x16x16xf32>)
// CHECK: scf.forall (%[[N:.*]]) in (2) shared_outs(%[[OUT:.*]] = %{{.*}}) -> (tensor<2x16x12x12xf32>)
// CHECK: %[[IMAGE:.*]] = tensor.extract_slice %[[INPUT]][%[[N]], 0, 0, 0] [1, 16, 12, 12] [1, 1, 1, 1] : tensor<2x16x12x12xf32> to tensor<16x12x12xf32>
// CHECK: %[[DESTINATION:.*]] = tensor.extract_slice %[[OUT]][%[[N]], 0, 0, 0] [1, 16, 12, 12] [1, 1, 1, 1]
// CHECK: %[[ZEROS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<14x14x16xf32>)
// CHECK: %[[INTERIOR:.*]] = tensor.extract_slice %[[ZEROS]][1, 1, 0] [12, 12, 16] [1, 1, 1]
// CHECK: %[[TRANSPOSED:.*]] = linalg.transpose ins(%[[IMAGE]] : tensor<16x12x12xf32>) outs(%[[INTERIOR]] : tensor<12x12x16xf32>) permutation = [1, 2, 0]
// CHECK: %[[CHANNELS_LAST:.*]] = tensor.insert_slice %[[TRANSPOSED]] into %[[ZEROS]][1, 1, 0] [12, 12, 16] [1, 1, 1]
// CHECK: %[[T:.*]] = linalg.generic {indexing_maps = [#[[G_ROWS]], #[[IMAGE_ROWS]], #{{.*}}]{{.*}} ins(%[[BT]], %[[CHANNELS_LAST]] : tensor<6x6xf32>, tensor<14x14x16xf32>) outs(%{{.*}} : tensor<6x3x14x16xf32>)
// CHECK: %[[V_ALL:.*]] = linalg.generic {{{.*}}, #[[IMAGE_COLUMNS]], {{.*}}} ins(%[[BT]], %[[T]] : tensor<6x6xf32>, tensor<6x3x14x16xf32>) outs(%{{.*}} : tensor<6x6x3x3x16xf32>)
// CHECK: %[[PRODUCTS:.*]] = linalg.generic {indexing_maps = [#[[V]], #[[U]], #{{.*}}]{{.*}} ins(%[[V_ALL]], %[[U_ALL]] : tensor<6x6x3x3x16xf32>, tensor<6x6x16x16xf32>) outs(%{{.*}} : tensor<6x6x3x3x16xf32>)
// CHECK: %[[ROWS_BACK:.*]] = linalg.generic {{{.*}}, #[[M]], {{.*}}} ins(%[[AT]], %[[PRODUCTS]] : tensor<4x6xf32>, tensor<6x6x3x3x16xf32>) outs(%{{.*}} : tensor<4x6x3x3x16xf32>)
// CHECK: %[[TILES:.*]] = linalg.generic {{{.*}}, #[[R]], {{.*}}} ins(%[[AT]], %[[ROWS_BACK]] : tensor<4x6xf32>, tensor<4x6x3x3x16xf32>) outs(%{{.*}} : tensor<3x4x3x4x16xf32>)
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %[[TILES]] {{\[\[}}0, 1], [2, 3], [4]] : tensor<3x4x3x4x16xf32> into tensor<12x12x16xf32>
// CHECK: %[[RESULT:.*]] = linalg.transpose ins(%[[ROWS]] : tensor<12x12x16xf32>) outs(%[[DESTINATION]] : tensor<16x12x12xf32>) permutation = [2, 0, 1]
// CHECK: tensor.parallel_insert_slice %[[RESULT]] into %[[OUT]][%[[N]], 0, 0, 0] [1, 16, 12, 12] [1, 1, 1, 1]
func.func @conv_winograd(%x: tensor<2x16x12x12xf32>, %w: tensor<16x16x3x3xf32>, %g: tensor<2x16x12x12xf32>) -> (tensor<2x16x12x12xf32>, tensor<2x16x12x12xf32>) {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x16x12x12xf32>, tensor<16x16x3x3xf32>) -> tensor<2x16x12x12xf32>
  %1 = dlm.conv_backward_input %g, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x16x12x12xf32>, tensor<16x16x3x3xf32>) -> tensor<2x16x12x12xf32>
  return %0, %1 : tensor<2x16x12x12xf32>, tensor<2x16x12x12xf32>
}
