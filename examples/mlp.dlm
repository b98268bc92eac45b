// mlp.dlm: a 784-256-10 multilayer perceptron classifying Fashion-MNIST.
//
// Recipe: ReLU, SGD with momentum 0.9, cosine learning rate from 0.05 to 0, batch 64, 2 epochs
//         (test accuracy 0.866 with seed 0).
// Run:    build/bin/dlmc examples/mlp.dlm -o mlp && ./mlp train

import std.nn
import std.datasets

block MLP(hidden: int = 256, classes: int = 10) {
  fc1 = Linear(28 * 28, hidden)
  fc2 = Linear(hidden, classes)

  forward(x: f32[N, 1, 28, 28]) -> f32[N, classes] {
    return fc2(relu(fc1(flatten(x))))
  }
}

train classify on fashion(batch = 64, epochs = 2) {
  net = MLP()
  loss = cross_entropy(net(x), y)
  update net with sgd(lr = cosine(0.05), momentum = 0.9)
  metric accuracy = mean(f32(argmax(net(x)) == y))
  predict label = argmax(net(x))
}
