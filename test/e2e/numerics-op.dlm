// With `dlmc --check-numerics`, `train --check-numerics` names the op that first produced a NaN
// (the log of a negative number below), not the loss it reached; without it, the message says how
// to find the op. Either way the run exits non-zero and writes no checkpoint.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: dlmc --check-numerics %s -o instrumented
// RUN: not ./instrumented train --epochs 1 --limit-train 64 --limit-test 0 --check-numerics --quiet 2> instrumented.txt
// RUN: FileCheck %s --check-prefix=OP < instrumented.txt
// RUN: test ! -e instrumented.safetensors
// RUN: dlmc %s -o plain
// RUN: not ./plain train --epochs 1 --limit-train 64 --limit-test 0 --check-numerics --quiet 2> plain.txt
// RUN: FileCheck %s --check-prefix=HINT < plain.txt
// RUN: test ! -e plain.safetensors

import std.nn
import std.datasets

train diverge on fashion(batch = 4, epochs = 1) {
  net = Linear(28 * 28, 10)
  scores = net(flatten(x))
  // OP: error: step 1 (epoch 1): first non-finite value produced at {{.*}}numerics-op.dlm:[[@LINE+2]]:42 (log); then loss is nan
  // HINT: error: step 1 (epoch 1): loss is nan ({{.*}}numerics-op.dlm:[[@LINE+1]]:35) (rebuild with `dlmc --check-numerics` to find the op that produced it)
  loss = cross_entropy(scores, y) + mean(log(scores - 1000.0))
  update net with sgd(lr = 0.01)
}
