// lenet.dlm: LeNet-5 (LeCun et al. 1998) classifying Fashion-MNIST, with ReLU and max pooling.
//
// Recipe: SGD with momentum 0.9, cosine learning rate from 0.05 to 0, batch 64, 10 epochs.
// Run:    build/bin/dlmc examples/lenet.dlm -o lenet && ./lenet train

import std.nn
import std.datasets

block LeNet(classes: int = 10) {
  // padding 2 turns the 28x28 images into the 32x32 inputs LeNet-5 was designed for
  conv1 = Conv2d(1, 6, kernel = 5, pad = 2)
  conv2 = Conv2d(6, 16, kernel = 5)
  fc1 = Linear(16 * 5 * 5, 120)
  fc2 = Linear(120, 84)
  fc3 = Linear(84, classes)

  forward(x: f32[N, 1, 28, 28]) -> f32[N, classes] {
    h = maxpool2d(relu(conv1(x)), 2)
    h = maxpool2d(relu(conv2(h)), 2)
    return fc3(relu(fc2(relu(fc1(flatten(h))))))
  }
}

train classify on fashion(batch = 64, epochs = 10) {
  net = LeNet()
  loss = cross_entropy(net(x), y)
  update net with sgd(lr = cosine(0.05), momentum = 0.9)
  metric accuracy = mean(f32(argmax(net(x)) == y))
  predict label = argmax(net(x))
}
