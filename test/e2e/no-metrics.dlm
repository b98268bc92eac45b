// A train block without metrics compiles to a program without an eval entry: `train` trains on
// the loss alone and says there is nothing to evaluate, and `eval` fails with a message that
// names what is missing (it used to stop `train` after its first epoch with "manifest: program
// 'classify' has no eval entry").
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: dlmc %s -o nometrics
// RUN: ./nometrics train --epochs 1 --limit-train 640 --seed 0 | FileCheck --check-prefix=TRAIN %s
// RUN: awk -F, 'NR == 2 { exit !($2 > 0 && $2 < 2.31) }' nometrics.log.csv
// RUN: not ./nometrics eval --checkpoint nometrics.safetensors 2>&1 | FileCheck --check-prefix=EVAL %s

import std.nn
import std.datasets

train classify on fashion(batch = 64, epochs = 1) {
  net = Linear(784, 10)
  loss = cross_entropy(net(flatten(x)), y)
  update net with sgd(lr = 0.1)
}

// TRAIN: training 'classify' for 1 epoch, seed 0: 10 batches of 64 from 640 of 60000 images; no metrics to evaluate
// TRAIN: epoch 1/1
// EVAL: error: program 'classify' has no metrics to evaluate: add one to its train block, e.g. `metric accuracy = mean(f32(argmax(net(x)) == y))`
