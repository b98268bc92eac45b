// RUN: dlmc %s --gradcheck | FileCheck %s
// Tests programs that use grad(loss, x) with respect to the input: FGSM-style
// adversarial training (the sign cuts the gradient path) and a gradient penalty
// (the input gradient is itself differentiated). Both pass the float64 check.

import std.nn
import std.datasets

block Net {
  fc = Linear(784, 10)
  forward(x: f32[N, 784]) -> f32[N, 10] { return fc(x) }
}

train robust on fashion(batch = 8) {
  net = Net()
  step main {
    flat = reshape(x, [B, 784])
    clean = cross_entropy(net(flat), y)
    adversarial = flat + 0.1 * sign(grad(clean, flat))
    loss = clean + cross_entropy(net(adversarial), y)
    update net with sgd(lr = 0.1)
  }
}
// CHECK-NOT: FAIL
// CHECK: gradient check passed

// A gradient penalty: the loss depends on grad(...) itself, so the expanded
// adjoint ops are differentiated again (second order).
train penalty on fashion(batch = 8) {
  net = Net()
  step main {
    flat = reshape(x, [B, 784])
    clean = cross_entropy(net(flat), y)
    g = grad(clean, flat)
    loss = clean + 0.1 * sum(g * g)
    update net with sgd(lr = 0.1)
  }
}
