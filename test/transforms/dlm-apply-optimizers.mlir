// RUN: dlm-opt %s -dlm-autodiff -dlm-apply-optimizers | FileCheck %s
// Tests that a step's gradients become the SGD-with-momentum update: the step
// gains a learning-rate, a step-count and a momentum-buffer argument and
// returns the loss, the new parameter and the new buffer.

// CHECK-LABEL: func.func @step
// CHECK-SAME: %[[W:[a-z0-9]+]]: tensor<4xf32> {dlm.param = "w"}
// CHECK-SAME: %[[LR:[a-z0-9]+]]: tensor<f32> {dlm.learning_rate = 0 : i64}
// CHECK-SAME: tensor<f32> {dlm.step_count}
// CHECK-SAME: %[[V:[a-z0-9]+]]: tensor<4xf32> {dlm.optimizer_state = "w.momentum_buffer"}
// CHECK-SAME: -> (tensor<f32>, tensor<4xf32>, tensor<4xf32>)
// CHECK-SAME: dlm.updated_optimizer_state = ["w.momentum_buffer"]
// CHECK-SAME: dlm.updated_params = ["w"]
// CHECK: %[[MOMENTUM:.*]] = dlm.constant dense<0.899999976> : tensor<f32>
// CHECK: %[[DECAYED:.*]] = dlm.mul %[[MOMENTUM]], %[[V]]
// CHECK: %[[NEXT:.*]] = dlm.add %[[DECAYED]], %[[G:.*]] :
// CHECK: %[[STEP:.*]] = dlm.mul %[[LR]], %[[NEXT]]
// CHECK: %[[NEW:.*]] = dlm.sub %[[W]], %[[STEP]]
// CHECK: return %{{.*}}, %[[NEW]], %[[NEXT]]
func.func @step(%w: tensor<4xf32> {dlm.param = "w"}, %x: tensor<4xf32>) -> tensor<f32>
    attributes {dlm.updated = ["w"], dlm.optimizers = [{name = "sgd", params = ["w"], momentum = 0.9 : f64}]} {
  %y = dlm.mul %w, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
