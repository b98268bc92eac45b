// RUN: dlmc %s -I %dlm_src/examples --emit=typed | FileCheck %s
// Tests the parameters of examples/lenet.dlm's LeNet (names as in PyTorch's state_dict, shapes
// and std.nn's initializer bounds 1 / sqrt(fan_in)) and the shapes through its forward method,
// in a program of this file with batch 32. Importing lenet.dlm does not import its program.

import lenet
import std.datasets

train lenet_shapes on fashion(batch = 32, epochs = 3, seed = 7) {
  net = LeNet(classes = 10)
  loss = cross_entropy(net(x), y)
  update net with sgd(lr = 0.05, momentum = 0.9)
}

// CHECK:      train lenet_shapes on fashion (batch 32, epochs 3, seed 7)
// CHECK-NEXT:   field x : f32[1, 28, 28]
// CHECK-NEXT:   field y : i32
// conv1: 1 -> 6 channels, 5x5; bound 1 / sqrt(1 * 5 * 5) = 0.2
// CHECK-NEXT:   param net.conv1.weight : f32[6, 1, 5, 5] = uniform(high = 0.2, low = -0.2)
// CHECK-NEXT:   param net.conv1.bias : f32[6] = uniform(high = 0.2, low = -0.2)
// conv2: 6 -> 16 channels, 5x5; bound 1 / sqrt(6 * 5 * 5) = 0.0816496581
// CHECK-NEXT:   param net.conv2.weight : f32[16, 6, 5, 5] = uniform(high = 0.081649658, low = -0.081649658)
// CHECK-NEXT:   param net.conv2.bias : f32[16] = uniform(high = 0.081649658, low = -0.081649658)
// fc1: 16 * 5 * 5 = 400 -> 120; bound 1 / sqrt(400) = 0.05
// CHECK-NEXT:   param net.fc1.weight : f32[120, 400] = uniform(high = 0.05, low = -0.05)
// CHECK-NEXT:   param net.fc1.bias : f32[120] = uniform(high = 0.05, low = -0.05)
// fc2: 120 -> 84; bound 1 / sqrt(120) = 0.0912870929
// CHECK-NEXT:   param net.fc2.weight : f32[84, 120] = uniform(high = 0.091287093, low = -0.091287093)
// CHECK-NEXT:   param net.fc2.bias : f32[84] = uniform(high = 0.091287093, low = -0.091287093)
// fc3: 84 -> 10; bound 1 / sqrt(84) = 0.1091089451
// CHECK-NEXT:   param net.fc3.weight : f32[10, 84] = uniform(high = 0.10910895, low = -0.10910895)
// CHECK-NEXT:   param net.fc3.bias : f32[10] = uniform(high = 0.10910895, low = -0.10910895)
// CHECK-NEXT:   step step
//
// 28x28 padded by 2 stays 28x28; pooling halves it; a 5x5 conv makes 10x10; pooling 5x5.
// CHECK:        = conv({{.*}}) {stride = [1, 1], pad = [2, 2], dilation = [1, 1], groups = 1} : f32[32, 6, 28, 28] @nn.dlm:
// CHECK:        = maxpool({{.*}}) {kernel = [2, 2], stride = [2, 2], pad = [0, 0]} : f32[32, 6, 14, 14] @lenet.dlm:
// CHECK:        = conv({{.*}}) {stride = [1, 1], pad = [0, 0], dilation = [1, 1], groups = 1} : f32[32, 16, 10, 10] @nn.dlm:
// CHECK:        = maxpool({{.*}}) {{{.*}}} : f32[32, 16, 5, 5] @lenet.dlm:
// CHECK:        = reshape({{.*}}) : f32[32, 400] @lenet.dlm:
// CHECK:        = index_notation n,o({{.*}}) : f32[32, 120] @nn.dlm:
// CHECK:        = index_notation n,o({{.*}}) : f32[32, 84] @nn.dlm:
// CHECK:        = index_notation n,o({{.*}}) : f32[32, 10] @nn.dlm:
// CHECK:        = cross_entropy({{.*}}) : f32 @lenet-parameters.dlm:11:10
// CHECK-NEXT:   loss %{{[0-9]+}}
// CHECK-NEXT:   update net.conv1.weight, net.conv1.bias, net.conv2.weight, net.conv2.bias, net.fc1.weight, net.fc1.bias, net.fc2.weight, net.fc2.bias, net.fc3.weight, net.fc3.bias with sgd(lr = 0.05, momentum = 0.9)
// CHECK-NOT:  metric
