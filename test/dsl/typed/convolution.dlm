// RUN: dlmc %s --emit=typed | FileCheck %s
// Tests the inferred shapes of convolution and pooling (docs/language.md §6.6): the spatial
// output size is floor((in + 2 * pad - dilation * (k - 1) - 1) / stride) + 1, and for
// conv_transpose (in - 1) * stride - 2 * pad + dilation * (k - 1) + output_pad + 1.
// x is f32[64, 1, 28, 28].

import std.datasets

eval shapes on fashion(batch = 64) {
  // (28 + 2 - 2 - 1) / 2 + 1 = 14
  a = conv(x, normal([8, 1, 3, 3]), stride = 2, pad = 1)
  // dilation 2 spreads a 5-wide kernel over 9: (28 - 8 - 1) / 1 + 1 = 20
  b = conv(x, normal([4, 1, 5, 5]), dilation = 2)
  // 8 channels in 4 groups of 2; per-dimension stride and pad:
  // H (14 - 2 - 1) / 1 + 1 = 12, W (14 + 2 - 2 - 1) / 2 + 1 = 7
  c = conv(a, normal([16, 2, 3, 3]), groups = 4, stride = [1, 2], pad = [0, 1])
  // (784 - 6 - 1) / 3 + 1 = 260
  d = conv1d(reshape(x, [B, 1, 784]), normal([2, 1, 7]), stride = 3)
  // D (4 - 1 - 1) + 1 = 3, H and W (14 + 2 - 2 - 1) + 1 = 14
  e = conv3d(reshape(x, [B, 1, 4, 14, 14]), normal([3, 1, 2, 3, 3]), pad = [0, 1, 1])
  // (14 - 1) * 2 - 2 + 3 + 1 = 28; out channels are w's dimension 1
  f = conv_transpose(a, normal([8, 4, 4, 4]), stride = 2, pad = 1)
  // The stride defaults to the window: 28 / 2 = 14
  g = maxpool2d(x, 2)
  // (28 + 2 - 2 - 1) / 2 + 1 = 14
  h = avgpool(x, 3, stride = 2, pad = 1)
  // H (28 - 1 - 1) / 2 + 1 = 14, W (28 - 3 - 1) / 3 + 1 = 9
  k = maxpool(x, [2, 4], stride = [2, 3])
  // (28 - 4 - 1) / 5 + 1 = 5
  l = maxpool1d(reshape(x, [B, 28, 28]), 5)
  metric ma = mean(a)
  metric mb = mean(b)
  metric mc = mean(c)
  metric md = mean(d)
  metric me = mean(e)
  metric mf = mean(f)
  metric mg = mean(g)
  metric mh = mean(h)
  metric mk = mean(k)
  metric ml = mean(l)
}

// CHECK-LABEL: eval shapes on fashion (batch 64, epochs 1, seed 0)
// CHECK-LABEL: metric ma
// CHECK: = conv(%{{[0-9]+}}, %{{[0-9]+}}) {stride = [2, 2], pad = [1, 1], dilation = [1, 1], groups = 1} : f32[64, 8, 14, 14] @convolution.dlm:11:7
// CHECK-LABEL: metric mb
// CHECK: = conv({{.*}}) {stride = [1, 1], pad = [0, 0], dilation = [2, 2], groups = 1} : f32[64, 4, 20, 20] @convolution.dlm:13:7
// CHECK-LABEL: metric mc
// CHECK: = conv({{.*}} : f32[64, 8, 14, 14] @convolution.dlm:11:7
// CHECK: = conv({{.*}}) {stride = [1, 2], pad = [0, 1], dilation = [1, 1], groups = 4} : f32[64, 16, 12, 7] @convolution.dlm:16:7
// CHECK-LABEL: metric md
// CHECK: = reshape({{.*}}) : f32[64, 1, 784] @convolution.dlm:18:14
// CHECK: = conv({{.*}}) {stride = [3], pad = [0], dilation = [1], groups = 1} : f32[64, 2, 260] @convolution.dlm:18:7
// CHECK-LABEL: metric me
// CHECK: = conv({{.*}}) {stride = [1, 1, 1], pad = [0, 1, 1], dilation = [1, 1, 1], groups = 1} : f32[64, 3, 3, 14, 14] @convolution.dlm:20:7
// CHECK-LABEL: metric mf
// CHECK: = conv_transpose({{.*}}) {stride = [2, 2], pad = [1, 1], output_pad = [0, 0], dilation = [1, 1], groups = 1} : f32[64, 4, 28, 28] @convolution.dlm:22:7
// CHECK-LABEL: metric mg
// CHECK: = maxpool({{.*}}) {kernel = [2, 2], stride = [2, 2], pad = [0, 0]} : f32[64, 1, 14, 14] @convolution.dlm:24:7
// CHECK-LABEL: metric mh
// CHECK: = avgpool({{.*}}) {kernel = [3, 3], stride = [2, 2], pad = [1, 1]} : f32[64, 1, 14, 14] @convolution.dlm:26:7
// CHECK-LABEL: metric mk
// CHECK: = maxpool({{.*}}) {kernel = [2, 4], stride = [2, 3], pad = [0, 0]} : f32[64, 1, 14, 9] @convolution.dlm:28:7
// CHECK-LABEL: metric ml
// CHECK: = maxpool({{.*}}) {kernel = [5], stride = [5], pad = [0]} : f32[64, 28, 5] @convolution.dlm:30:7
