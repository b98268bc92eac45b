// RUN: dlm-opt %s -dlm-duplicate-shared-fills | FileCheck %s
// Tests that a filled tensor used as the initial accumulator of two reductions
// becomes one fill per user, each into its own empty tensor and placed before its user,
// so that bufferization neither shares nor copies the buffer.

// CHECK-LABEL: func.func @two_sums
// CHECK: %[[E0:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT: %[[F0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E0]] : tensor<4xf32>)
// CHECK-NEXT: linalg.generic {{.*}} outs(%[[F0]] : tensor<4xf32>)
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT: %[[F1:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E1]] : tensor<4xf32>)
// CHECK-NEXT: linalg.generic {{.*}} outs(%[[F1]] : tensor<4xf32>)
// CHECK-NOT: linalg.fill
#row = affine_map<(i, j) -> (i, j)>
#out = affine_map<(i, j) -> (i)>
func.func @two_sums(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %a = linalg.generic {indexing_maps = [#row, #out], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%z : tensor<4xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %acc, %v : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  %b = linalg.generic {indexing_maps = [#row, #out], iterator_types = ["parallel", "reduction"]}
      ins(%y : tensor<4x8xf32>) outs(%z : tensor<4xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %acc, %v : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %a, %b : tensor<4xf32>, tensor<4xf32>
}

// Tests that the slices that write a padded copy's interior in place keep the fill they share
// (a copy of the fill for the insert would be a second buffer and a copy between the two),
// while a reduction that accumulates into the same filled tensor gets its own.
// CHECK-LABEL: func.func @padded_copy
// CHECK: %[[ZEROS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<6x6xf32>)
// CHECK: %[[INTERIOR:.*]] = tensor.extract_slice %[[ZEROS]][1, 1] [4, 4] [1, 1]
// CHECK: %[[COPIED:.*]] = linalg.copy ins(%{{.*}} : tensor<4x4xf32>) outs(%[[INTERIOR]] : tensor<4x4xf32>)
// CHECK: tensor.insert_slice %[[COPIED]] into %[[ZEROS]][1, 1] [4, 4] [1, 1]
// CHECK: %[[OWN:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<6x6xf32>)
// CHECK-NEXT: linalg.generic {{.*}} outs(%[[OWN]] : tensor<6x6xf32>)
#same = affine_map<(i, j) -> (i, j)>
func.func @padded_copy(%x: tensor<4x4xf32>, %y: tensor<6x6xf32>) -> (tensor<6x6xf32>, tensor<6x6xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<6x6xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<6x6xf32>) -> tensor<6x6xf32>
  %interior = tensor.extract_slice %z[1, 1] [4, 4] [1, 1] : tensor<6x6xf32> to tensor<4x4xf32>
  %copied = linalg.copy ins(%x : tensor<4x4xf32>) outs(%interior : tensor<4x4xf32>) -> tensor<4x4xf32>
  %padded = tensor.insert_slice %copied into %z[1, 1] [4, 4] [1, 1] : tensor<4x4xf32> into tensor<6x6xf32>
  %sum = linalg.generic {indexing_maps = [#same, #same], iterator_types = ["parallel", "parallel"]}
      ins(%y : tensor<6x6xf32>) outs(%z : tensor<6x6xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %acc, %v : f32
    linalg.yield %s : f32
  } -> tensor<6x6xf32>
  return %padded, %sum : tensor<6x6xf32>, tensor<6x6xf32>
}
