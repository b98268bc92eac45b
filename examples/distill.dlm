// distill.dlm: knowledge distillation (Hinton et al. 2015): a small MLP student learns
// Fashion-MNIST from a frozen LeNet-5 teacher's temperature-softened outputs and from the labels.
//
// Recipe: temperature 4, loss 0.9 * soft KL + 0.1 * hard cross-entropy, SGD with momentum 0.9,
//         learning rate 0.05, batch 64, 5 epochs.
// Teacher: train examples/lenet.dlm first and save its checkpoint as teacher.safetensors.
// Run:    build/bin/dlmc examples/distill.dlm -o distill && ./distill train

import std.nn
import std.losses
import std.datasets
import "lenet.dlm"

const temperature = 4.0
const alpha = 0.9

block Student(hidden: int = 64, classes: int = 10) {
  fc1 = Linear(28 * 28, hidden)
  fc2 = Linear(hidden, classes)

  forward(x: f32[N, 1, 28, 28]) -> f32[N, classes] {
    return fc2(relu(fc1(flatten(x))))
  }
}

train distill on fashion(batch = 64, epochs = 5) {
  teacher = LeNet() from "teacher.safetensors"
  student = Student()
  logits = student(x)
  soft_targets = softmax(teacher(x) / temperature)
  // temperature ** 2 keeps the soft term's gradients the same size whatever the temperature
  soft = temperature ** 2 * kl_div(log_softmax(logits / temperature), soft_targets)
  loss = alpha * soft + (1 - alpha) * cross_entropy(logits, y)
  update student with sgd(lr = 0.05, momentum = 0.9)
  metric accuracy = mean(f32(argmax(student(x)) == y))
}
