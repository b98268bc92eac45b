// RUN: dlmc %s --emit=dlm | FileCheck %s
// Tests that ops carry the .dlm line and column they came from.

import std.datasets

fn loss_of(x: f32[N, 1, 28, 28]) -> f32 {
  h = relu(x)
  return mean(h)
}

train t on fashion(batch = 8) {
  loss = loss_of(x)
}

// CHECK: dlm.relu %{{.*}} loc(#[[RELU:loc[0-9]*]])
// CHECK: dlm.reduce mean %{{.*}} loc(#[[MEAN:loc[0-9]*]])
// CHECK-DAG: #[[RELU]] = loc("{{.*}}locations.dlm":7:7)
// CHECK-DAG: #[[MEAN]] = loc("{{.*}}locations.dlm":8:10)
