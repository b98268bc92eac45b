// RUN: dlm-opt %s -dlm-instrument-numerics | FileCheck %s
// Tests that each training step gets a `.numerics` clone returning, last, the index of the first
// op whose float result is non-finite, with the ops' locations and kinds for the manifest.

// Tests that the step itself is unchanged.
// CHECK-LABEL: func.func @prog.step(
// CHECK-SAME: -> (tensor<f32>, tensor<4xf32>) attributes {dlm.updated = ["w"]}
// CHECK-NOT: linalg.generic
// CHECK: return

// Tests that the clone has the step's arguments, one more result and one check per float op:
// the log (index 0), the reduction (1) and the update (2); the integer compare and the constant
// are not checked.
// CHECK-LABEL: func.func @prog.step.numerics(
// CHECK-SAME: %{{.*}}: tensor<4xf32> {dlm.param = "w"}
// CHECK-SAME: -> (tensor<f32>, tensor<4xf32>, tensor<i32>)
// CHECK-SAME: dlm.numerics_locations = ["x.dlm:3:5", "x.dlm:4:5", "x.dlm:5:5"]
// CHECK-SAME: dlm.numerics_ops = ["log", "reduce", "sub"]
// CHECK-SAME: dlm.updated = ["w"]
// CHECK: %[[MINUS_ONE:.*]] = arith.constant -1 : i32
// CHECK: %[[LOG:.*]] = dlm.log
// CHECK: linalg.fill
// CHECK: %[[ANY0:.*]] = linalg.generic {{.*}}iterator_types = ["reduction"]{{.*}} ins(%[[LOG]] : tensor<4xf32>) outs(%{{.*}} : tensor<i1>)
// CHECK: arith.cmpf uno
// CHECK: math.absf
// CHECK: arith.cmpf oeq
// CHECK: linalg.yield
// CHECK: %[[BAD0:.*]] = tensor.extract %[[ANY0]][] : tensor<i1>
// CHECK: %[[INDEX0:.*]] = arith.constant 0 : i32
// CHECK: %[[NONE0:.*]] = arith.cmpi eq, %[[MINUS_ONE]], %[[MINUS_ONE]] : i32
// CHECK: %[[NOW0:.*]] = arith.andi %[[BAD0]], %[[NONE0]] : i1
// CHECK: %[[FIRST0:.*]] = arith.select %[[NOW0]], %[[INDEX0]], %[[MINUS_ONE]] : i32
// CHECK: dlm.compare
// CHECK-NOT: tensor.extract
// CHECK: dlm.reduce
// CHECK: arith.constant 1 : i32
// CHECK: %[[NONE1:.*]] = arith.cmpi eq, %[[FIRST0]], %[[MINUS_ONE]] : i32
// CHECK: %[[FIRST1:.*]] = arith.select
// CHECK: dlm.sub
// CHECK: arith.constant 2 : i32
// CHECK: %[[FIRST2:.*]] = arith.select
// CHECK: %[[RESULT:.*]] = tensor.from_elements %[[FIRST2]] : tensor<i32>
// CHECK: return %{{.*}}, %{{.*}}, %[[RESULT]] : tensor<f32>, tensor<4xf32>, tensor<i32>
func.func @prog.step(%w: tensor<4xf32> {dlm.param = "w"}, %k: tensor<4xi32> {dlm.input = "k"})
    -> (tensor<f32>, tensor<4xf32>) attributes {dlm.updated = ["w"]} {
  %c = dlm.constant dense<1.0> : tensor<f32> loc("x.dlm":2:5)
  %l = dlm.log %w : (tensor<4xf32>) -> tensor<4xf32> loc("x.dlm":3:5)
  %b = dlm.compare lt, %k, %k : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1> loc("x.dlm":3:9)
  %m = dlm.reduce mean %l {axes = array<i64: 0>} : (tensor<4xf32>) -> tensor<f32> loc("x.dlm":4:5)
  %u = dlm.sub %w, %c : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32> loc("x.dlm":5:5)
  return %m, %u : tensor<f32>, tensor<4xf32> loc("x.dlm":6:5)
}

// Tests that functions other than steps (no dlm.updated) get no clone.
// CHECK-NOT: func.func @prog.eval.numerics
func.func @prog.eval(%w: tensor<4xf32> {dlm.param = "w"}) -> tensor<4xf32> {
  %l = dlm.log %w : (tensor<4xf32>) -> tensor<4xf32>
  return %l : tensor<4xf32>
}
