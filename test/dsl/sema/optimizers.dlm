// RUN: dlmc %s --check -verify-diagnostics
// Tests 'update ... with optimizer(...)' (docs/language.md §6.8): the optimizer's name and
// arguments, and learning-rate schedules, also nested ones.

import std.nn
import std.datasets

train unknown_optimizer on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  // expected-error@+1:18 {{expected an optimizer after 'with', one of sgd, adagrad, rmsprop, adam, adamw}}
  update fc with sgdd(lr = 0.1)
}

train not_a_call on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  // expected-error@+1:18 {{expected an optimizer after 'with', one of sgd, adagrad, rmsprop, adam, adamw}}
  update fc with 0.1
}

train unknown_argument on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  // No column: the caret should be on 'beta1' but is on its value (calls-keyword-location.dlm).
  // expected-error@+1 {{sgd has no parameter 'beta1'; expected one of: lr, momentum, nesterov, weight_decay, clip_norm}}
  update fc with sgd(lr = 0.1, beta1 = 0.9)
}

train missing_lr on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  // expected-error@+1:18 {{sgd: missing argument 'lr'}}
  update fc with sgd(momentum = 0.9)
}

train string_lr on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  // expected-error@+1:27 {{argument 'lr' of sgd: expected a number, got a string}}
  update fc with sgd(lr = "fast")
}

train unknown_schedule on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  // expected-error@+1:27 {{unknown schedule 'cosinus'; expected a number or one of: constant, cosine, step_decay, linear, exponential, inverse_sqrt, warmup}}
  update fc with sgd(lr = cosinus(0.1))
}

train unknown_nested_schedule on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  // expected-error@+1:40 {{unknown schedule 'cosinus'}}
  update fc with adam(lr = warmup(100, cosinus(0.1)))
}

train tensor_lr on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  // A call after 'lr =' is read as a schedule, so mean(...) is an unknown schedule.
  // expected-error@+1:28 {{unknown schedule 'mean'}}
  update fc with adam(lr = mean(x))
}

train schedule_arguments on fashion(batch = 64) {
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  // expected-error@+1:28 {{step_decay: missing argument 'every'}}
  update fc with adam(lr = step_decay(0.1))
}

train nothing_to_update on fashion(batch = 64) {
  fc = Linear(784, 10)
  norm = BatchNorm2d(1)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
  // A state is not trainable: running_mean alone gives the optimizer nothing to do.
  // expected-error@+1:3 {{nothing to update: the targets have no trainable parameters}}
  update norm.running_mean with sgd(lr = 0.1)
}
