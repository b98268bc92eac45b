// RUN: dlmc %s --emit=ast | FileCheck --check-prefix=AST %s
// RUN: dlmc %s --emit=typed | FileCheck --check-prefix=TYPED %s
// RUN: dlmc %s --emit=summary | FileCheck --check-prefix=SUMMARY %s
// Tests 'predict' (docs/language.md §5.10): each prediction is elaborated on its own in
// evaluation mode (no dropout), keeps the batch dimension ([B] values or [B, k] scores), and
// 'predict' stays an ordinary name where no 'identifier =' follows it (§2.3).

import std.nn
import std.datasets

fn twice(predict) {
  return predict * 2
}

train classify on fashion(batch = 32) {
  net = Linear(784, 10)
  logits = dropout(net(flatten(x)), 0.5)
  loss = cross_entropy(logits, y)
  update net with sgd(lr = 0.1)
  metric accuracy = mean(f32(argmax(logits) == y))
  predict label = argmax(logits)
  predict scores = softmax(twice(logits))
}

eval test on fashion(batch = 100) {
  net = Linear(784, 10)
  predict = net(flatten(x))
  predict label = argmax(predict)
}

// AST:      Function twice @11:1
// AST-NEXT:   Parameter predict @11:10
// AST:      Predict label @21:3
// AST-NEXT:   value: Call @21:19
// AST-NEXT:     Name argmax @21:19
// AST-NEXT:     Name logits @21:26
// AST-NEXT: Predict scores @22:3
// AST:      Assign predict @27:3
// AST:      Predict label @28:3
// AST-NEXT:   value: Call @28:19
// AST-NEXT:     Name argmax @28:19
// AST-NEXT:     Name predict @28:26

// The step drops out; the predictions, like the metric, do not.
// TYPED-LABEL: train classify on fashion
// TYPED:       dropout
// TYPED-LABEL: metric accuracy
// TYPED-NOT:   dropout
// TYPED-LABEL: predict label
// TYPED-NOT:   dropout
// TYPED:       = add(%{{[0-9]+}}, %{{[0-9]+}}) : f32[32, 10] @nn.dlm
// TYPED-NEXT:  %[[LABEL:[0-9]+]] = argmax(%{{[0-9]+}}) {axis = 1} : i32[32] @predict.dlm:21:19
// TYPED-NEXT:  value %[[LABEL]]
// TYPED-LABEL: predict scores
// TYPED-NOT:   dropout
// TYPED:       %[[SCORES:[0-9]+]] = softmax(%{{[0-9]+}}) {axis = 1} : f32[32, 10] @predict.dlm:22:20
// TYPED-NEXT:  value %[[SCORES]]
// TYPED-LABEL: eval test on fashion
// TYPED:       predict label
// TYPED:       argmax({{.*}} : i32[100] @predict.dlm:28:19

// SUMMARY: train classify on fashion: batch 32, 1 epoch, 2 parameter tensors (7850 trainable values), 1 step [step: 1 update], 1 metric, 2 predictions
// SUMMARY-NEXT: eval test on fashion: batch 100, 1 epoch, 2 parameter tensors (7850 trainable values), 0 steps, 0 metrics, 1 prediction
