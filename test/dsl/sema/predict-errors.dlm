// RUN: not dlmc %s --check 2>&1 | FileCheck %s --strict-whitespace
// Tests the errors of 'predict' (docs/language.md §5.10): a prediction is a tensor whose first
// dimension is the batch, [B] or [B, k]; its name is unique in the program; it belongs to the
// program, not to a step or a function; and no step may take the name of the predict entry.

import std.nn
import std.datasets

fn helper(v) {
  // CHECK: {{^}}{{.*}}predict-errors.dlm:[[@LINE+3]]:3: error: 'predict' is not allowed in a function{{$}}
  // CHECK-NEXT: {{^}}  predict inner = v{{$}}
  // CHECK-NEXT: {{^}}  ^{{$}}
  predict inner = v
  return v
}

train classify on fashion(batch = 64) {
  net = Linear(784, 10)
  logits = net(flatten(x))
  loss = cross_entropy(logits, y)
  update net with sgd(lr = 0.1)
  // CHECK-NEXT: {{^}}{{.*}}predict-errors.dlm:[[@LINE+3]]:19: note: 'helper' called here{{$}}
  // CHECK-NEXT: {{^}}  predict inner = helper(logits){{$}}
  // CHECK-NEXT: {{^}}                  ^{{$}}
  predict inner = helper(logits)
  // One value per sample, even a bool, is a prediction.
  predict correct = argmax(logits) == y
  predict label = argmax(logits)
  // CHECK-NOT: error
  // CHECK: {{^}}{{.*}}predict-errors.dlm:[[@LINE+6]]:11: error: redefinition of prediction 'label'{{$}}
  // CHECK-NEXT: {{^}}  predict label = softmax(logits){{$}}
  // CHECK-NEXT: {{^}}          ^{{$}}
  // CHECK-NEXT: {{^}}{{.*}}predict-errors.dlm:[[@LINE-5]]:11: note: previous definition is here{{$}}
  // CHECK-NEXT: {{^}}  predict label = argmax(logits){{$}}
  // CHECK-NEXT: {{^}}          ^{{$}}
  predict label = softmax(logits)
  // A batch statistic is a metric.
  // CHECK-NEXT: {{^}}{{.*}}predict-errors.dlm:[[@LINE+3]]:24: error: prediction 'confidence': expected a tensor [64] or [64, k] (one value or one row of scores per sample), got a tensor f32; keep the batch dimension: a prediction is per sample{{$}}
  // CHECK-NEXT: {{^}}  predict confidence = mean(softmax(logits)){{$}}
  // CHECK-NEXT: {{^}}                       ^{{$}}
  predict confidence = mean(softmax(logits))
  // CHECK-NEXT: {{^}}{{.*}}predict-errors.dlm:[[@LINE+3]]:25: error: prediction 'weights': expected a tensor [64] or [64, k] (one value or one row of scores per sample), got a tensor f32[10, 784]{{$}}
  // CHECK-NEXT: {{^}}  predict weights = net.weight{{$}}
  // CHECK-NEXT: {{^}}                        ^{{$}}
  predict weights = net.weight
  // More than one row per sample.
  // CHECK-NEXT: {{^}}{{.*}}predict-errors.dlm:[[@LINE+3]]:20: error: prediction 'images': expected a tensor [64] or [64, k] (one value or one row of scores per sample), got a tensor f32[64, 1, 28, 28]{{$}}
  // CHECK-NEXT: {{^}}  predict images = x{{$}}
  // CHECK-NEXT: {{^}}                   ^{{$}}
  predict images = x
  // CHECK-NEXT: {{^}}{{.*}}predict-errors.dlm:[[@LINE+3]]:19: error: prediction 'count': expected a tensor [64] or [64, k] (one value or one row of scores per sample), got an int (3){{$}}
  // CHECK-NEXT: {{^}}  predict count = 3{{$}}
  // CHECK-NEXT: {{^}}                  ^{{$}}
  predict count = 3
}

train steps on fashion(batch = 64) {
  net = Linear(784, 10)
  step fit {
    loss = cross_entropy(net(flatten(x)), y)
    update net with sgd(lr = 0.1)
    // CHECK-NEXT: {{^}}{{.*}}predict-errors.dlm:[[@LINE+3]]:5: error: 'predict' is not allowed in a step; metrics, predictions and steps belong to the program{{$}}
    // CHECK-NEXT: {{^}}    predict label = argmax(net(flatten(x))){{$}}
    // CHECK-NEXT: {{^}}    ^{{$}}
    predict label = argmax(net(flatten(x)))
  }
  // The step would become the function steps.predict, the program's predict entry.
  // CHECK-NEXT: {{^}}{{.*}}predict-errors.dlm:[[@LINE+3]]:8: error: step 'predict': expected a name other than init, sample, eval or predict, which name the program's other entry points{{$}}
  // CHECK-NEXT: {{^}}  step predict {{[{]}}{{$}}
  // CHECK-NEXT: {{^}}       ^{{$}}
  step predict {
    loss = cross_entropy(net(flatten(x)), y)
  }
}
// CHECK-NOT: error
