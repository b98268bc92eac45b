// gan.dlm: a generative adversarial network (Goodfellow et al. 2014) drawing Fashion-MNIST
// images, with MLP generator and discriminator.
//
// Recipe: per batch a critic step then a generator step, each Adam with learning rate 2e-4 and
//         beta1 = 0.5 (Radford et al. 2015), batch 64, 20 epochs, 64-dimensional Gaussian noise.
// Run:    build/bin/dlmc examples/gan.dlm -o gan && ./gan train

import std.nn
import std.datasets

const latent = 64

block Generator(z_dim: int = latent) {
  fc1 = Linear(z_dim, 256)
  fc2 = Linear(256, 512)
  fc3 = Linear(512, 28 * 28)

  forward(z: f32[N, z_dim]) -> f32[N, 1, 28, 28] {
    h = leaky_relu(fc1(z), 0.2)
    h = leaky_relu(fc2(h), 0.2)
    return reshape(tanh(fc3(h)), [N, 1, 28, 28])
  }
}

// Outputs a logit: bce_logits is stable where a sigmoid output would saturate.
block Discriminator {
  fc1 = Linear(28 * 28, 512)
  fc2 = Linear(512, 256)
  fc3 = Linear(256, 1)

  forward(x: f32[N, 1, 28, 28]) -> f32[N, 1] {
    h = leaky_relu(fc1(flatten(x)), 0.2)
    h = leaky_relu(fc2(h), 0.2)
    return fc3(h)
  }
}

train gan on fashion(batch = 64, epochs = 20) {
  G = Generator()
  D = Discriminator()
  z = normal([B, latent])
  // the generator's tanh ranges over [-1, 1], so the real images are moved there too
  real = 2 * x - 1

  step critic {
    // stopgrad: this step updates D only, so nothing needs to flow back into G
    loss = bce_logits(D(real), ones([B, 1])) + bce_logits(D(stopgrad(G(z))), zeros([B, 1]))
    update D with adam(lr = 2e-4, beta1 = 0.5)
  }
  step generator {
    // the non-saturating loss: maximize log D(G(z)) rather than minimize log(1 - D(G(z))), whose
    // gradient vanishes while D still rejects every fake
    loss = bce_logits(D(G(z)), ones([B, 1]))
    update G with adam(lr = 2e-4, beta1 = 0.5)
  }

  // both drift towards 0.5 as the generator catches up
  metric real_score = mean(sigmoid(D(real)))
  metric fake_score = mean(sigmoid(D(G(z))))
}
