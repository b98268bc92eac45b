// Tests that every example program passes the front end's checks.
// RUN: dlmc %dlm_src/examples/mlp.dlm --check
// RUN: dlmc %dlm_src/examples/lenet.dlm --check
// RUN: dlmc %dlm_src/examples/resnet_small.dlm --check
// RUN: dlmc %dlm_src/examples/gan.dlm --check
// RUN: dlmc %dlm_src/examples/distill.dlm --check
// RUN: dlmc %dlm_src/examples/lstm.dlm --check
