// resnet_small.dlm: a small ResNet (He et al. 2015) classifying Fashion-MNIST: a 3x3 stem and
// three 32-channel BasicBlocks at full resolution, global average pooling, one linear layer.
//
// Recipe: Adam, cosine learning rate from 1e-3 to 0, batch 64, 5 epochs.
// Run:    build/bin/dlmc examples/resnet_small.dlm -o resnet_small && ./resnet_small train

import std.nn
import std.datasets

// The convolutions have no bias: the batch norm after each one subtracts it again.
block BasicBlock(channels: int) {
  conv1 = Conv2d(channels, channels, kernel = 3, pad = 1, has_bias = false)
  bn1 = BatchNorm2d(channels)
  conv2 = Conv2d(channels, channels, kernel = 3, pad = 1, has_bias = false)
  bn2 = BatchNorm2d(channels)

  forward(x: f32[N, channels, H, W]) -> f32[N, channels, H, W] {
    h = relu(bn1(conv1(x)))
    return relu(x + bn2(conv2(h)))
  }
}

// Names follow torchvision: conv1, bn1, layer1.0.conv1.weight, ..., fc.
block ResNetSmall(blocks: int = 3, width: int = 32, classes: int = 10) {
  conv1 = Conv2d(1, width, kernel = 3, pad = 1, has_bias = false)
  bn1 = BatchNorm2d(width)
  for i in 0..blocks {
    layer1[i] = BasicBlock(width)
  }
  fc = Linear(width, classes)

  forward(x: f32[N, 1, 28, 28]) -> f32[N, classes] {
    h = relu(bn1(conv1(x)))
    for i in 0..blocks {
      h = layer1[i](h)
    }
    return fc(mean(h, axis = [2, 3]))
  }
}

train classify on fashion(batch = 64, epochs = 5) {
  net = ResNetSmall()
  loss = cross_entropy(net(x), y)
  update net with adam(lr = cosine(1e-3))
  metric accuracy = mean(f32(argmax(net(x)) == y))
  predict label = argmax(net(x))
}
