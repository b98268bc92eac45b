// RUN: dlmc %s --emit=dlm | FileCheck %s
// RUN: dlmc %s --emit=linalg | FileCheck --check-prefix=MANIFEST %s
// Tests the translation of predictions: one function, <program>.predict, takes exactly what
// <program>.eval takes and returns every prediction in the order written, each keeping the
// batch dimension; the manifest lists it as the entry 'predict' with 'prediction' results.

import std.nn
import std.datasets

train fit on fashion(batch = 32) {
  net = Linear(784, 10)
  loss = cross_entropy(net(flatten(x)), y)
  update net with sgd(lr = 0.1)
  metric accuracy = mean(f32(argmax(net(flatten(x))) == y))
  predict label = argmax(net(flatten(x)))
  predict scores = softmax(net(flatten(x)))
}

// CHECK-LABEL: func.func @fit.eval(
// CHECK-SAME:  [[ARGUMENTS:.*]]) -> tensor<f32> attributes {dlm.metrics = ["accuracy"]}
// CHECK-LABEL: func.func @fit.predict(
// CHECK-SAME:  [[ARGUMENTS]]) -> (tensor<32xi32>, tensor<32x10xf32>) attributes {dlm.predictions = ["label", "scores"]}
// CHECK:       %[[LABEL:.*]] = dlm.argmax %{{.*}} {axis = 1 : i64} : (tensor<32x10xf32>) -> tensor<32xi32>
// CHECK:       %[[SCORES:.*]] = dlm.softmax %{{.*}} {axis = 1 : i64} : (tensor<32x10xf32>) -> tensor<32x10xf32>
// CHECK:       return %[[LABEL]], %[[SCORES]] : tensor<32xi32>, tensor<32x10xf32>

// MANIFEST: \22entry\22:\22predict\22,\22results\22:[{\22dtype\22:\22i32\22,\22loc\22:\22{{[^\\]*}}predict.dlm:15:19\22,\22name\22:\22label\22,\22role\22:\22prediction\22,\22shape\22:[32]},{\22dtype\22:\22f32\22,\22loc\22:\22{{[^\\]*}}predict.dlm:16:20\22,\22name\22:\22scores\22,\22role\22:\22prediction\22,\22shape\22:[32,10]}],\22symbol\22:\22dlm_fit_predict\22
// MANIFEST: func.func @fit.predict({{.*}}dlm.entry_symbol = "dlm_fit_predict"
