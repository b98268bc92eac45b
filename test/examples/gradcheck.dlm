// Tests that every example's training steps pass the float64 gradient check
// (relative error <= 1e-6 along mixed random/gradient directions, batch 2).
// RUN: dlmc %dlm_src/examples/mlp.dlm --gradcheck | FileCheck %s
// RUN: dlmc %dlm_src/examples/lenet.dlm --gradcheck | FileCheck %s
// RUN: dlmc %dlm_src/examples/gan.dlm --gradcheck | FileCheck %s
// RUN: dlmc %dlm_src/examples/distill.dlm --gradcheck | FileCheck %s
// RUN: dlmc %dlm_src/examples/resnet_small.dlm --gradcheck | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: gradient check passed (tolerance 1e-06)
