// RUN: dlmc %s --check -verify-diagnostics
// Tests train and eval programs (docs/language.md §5.10): options, the data set, the loss of a
// step, updates and their gradients, metrics, steps, state updates and checkpoints. Every
// program is elaborated on its own.

import std.nn
import std.datasets

block Counter {
  fc = Linear(784, 10)
  state calls: f32[1] = zeros()
  forward(v: f32[N, 784]) -> f32[N, 10] {
    // Reached from a metric, where 'training' is false.
    // expected-error@+1:5 {{state updates run only in training mode; guard this one with 'if training { ... }'}}
    calls <- calls + 1
    return fc(v)
  }
}

// expected-error@+1:7 {{train no_batch: missing argument 'batch'}}
train no_batch on fashion {
}
// expected-error@+1:38 {{argument 'batch' of program 'float_batch': expected an int, got a float}}
train float_batch on fashion(batch = 64.5) {
}
// expected-error@+1:18 {{unknown data set 'mnist'; declare it with 'data mnist { ... }'}}
train no_data on mnist(batch = 64) {
}

train losses on fashion(batch = 64) {
  fc = Linear(784, 10)
  step per_sample {
    // expected-error@+1:12 {{loss: expected a scalar floating-point tensor, got a tensor f32[64, 10]; reduce it, e.g. mean(...)}}
    loss = fc(reshape(x, [B, 784]))
    update fc with sgd(lr = 0.1)
  }
  step integer {
    // expected-error@+1:12 {{loss: expected a scalar floating-point tensor, got a tensor i32}}
    loss = sum(y)
    update fc with sgd(lr = 0.1)
  }
  step boolean {
    // expected-error@+1:20 {{loss: expected a scalar floating-point tensor, got a tensor bool}}
    loss = mean(x) > 0
    update fc with sgd(lr = 0.1)
  }
  step two_losses {
    loss = mean(fc(reshape(x, [B, 784])))
    // expected-error@+1:5 {{step 'two_losses' has two losses; add them into one}}
    loss = mean(fc(reshape(x, [B, 784])))
    update fc with sgd(lr = 0.1)
  }
  step no_loss {
    // expected-error@+1:5 {{step 'no_loss' updates parameters but has no 'loss = ...'}}
    update fc with sgd(lr = 0.1)
  }
}

train gradients on fashion(batch = 64) {
  fc = Linear(784, 10)
  other = Linear(784, 10)
  h = reshape(x, [B, 784])
  step cut {
    loss = cross_entropy(stopgrad(fc(h)), y)
    // expected-error@+1:5 {{no updated parameter receives a gradient from the loss of step 'cut' (fc.weight, ...); is the loss cut by stopgrad or computed from another block?}}
    update fc with sgd(lr = 0.1)
  }
  step unrelated {
    loss = cross_entropy(fc(h), y)
    // expected-error@+1:5 {{no updated parameter receives a gradient from the loss of step 'unrelated' (other.weight, ...)}}
    update other with sgd(lr = 0.1)
  }
  step twice {
    loss = cross_entropy(fc(h), y)
    update fc with sgd(lr = 0.1)
    // expected-error@+1:12 {{parameter 'fc.weight' is updated twice in step 'twice'}}
    update fc.weight with adam(lr = 0.1)
  }
}

train metrics on fashion(batch = 64) {
  fc = Linear(784, 10)
  counter = Counter()
  h = reshape(x, [B, 784])
  loss = cross_entropy(fc(h) + counter(h), y)
  update fc, counter with sgd(lr = 0.1)
  // expected-error@+1:14 {{metric 'm': expected a numeric scalar, got a tensor f32[64, 10]; reduce it, e.g. mean(...)}}
  metric m = fc(h)
  // expected-error@+1:31 {{metric 'a': expected a numeric scalar, got a tensor bool; convert it, e.g. mean(f32(...))}}
  metric a = argmax(fc(h))[0] == y[0]
  // expected-note@+1:19 {{'Counter.forward' called here}}
  metric c = mean(counter(h))
}

train structure on fashion(batch = 64) {
  fc = Linear(784, 10)
  // expected-error@+1:7 {{only a block instance can be loaded 'from' a checkpoint}}
  z = normal([B, 3]) from "z.safetensors"
  step a {
    loss = cross_entropy(fc(reshape(x, [B, 784])), y)
    update fc with sgd(lr = 0.1)
  }
  // expected-error@+1:3 {{this program has named steps; put 'loss' and 'update' inside one}}
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
}

// expected-error@+1:7 {{training program 'nothing' has no loss and no update}}
train nothing on fashion(batch = 64) {
  fc = Linear(784, 10)
  metric m = mean(fc(reshape(x, [B, 784])))
}

eval evaluation on fashion(batch = 100) {
  fc = Linear(784, 10)
  // expected-error@+1:3 {{an eval program has no steps; use 'train'}}
  step s {
    loss = mean(fc(reshape(x, [B, 784])))
  }
  // expected-error@+1:3 {{an eval program does not train; use 'train'}}
  loss = mean(fc(reshape(x, [B, 784])))
  // expected-error@+1:3 {{an eval program does not train; use 'train'}}
  update fc with sgd(lr = 0.1)
  metric m = mean(fc(reshape(x, [B, 784])))
}
