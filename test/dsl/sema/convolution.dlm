// RUN: dlmc %s --check -verify-diagnostics
// Tests convolution and pooling: channels and groups, ranks, windows larger than the input,
// per-dimension lists, strides, element types, and conv_transpose's weight layout. x is
// f32[64, 1, 28, 28].

import std.nn
import std.datasets

// A layer with the wrong number of input channels: Conv2d.forward's signature rejects the input.
block TwoChannels {
  conv = Conv2d(2, 6, kernel = 5)
  forward(v: f32[N, 1, 28, 28]) {
    // expected-error@+2:17 {{argument 'x' of Conv2d.forward: expected f32[N, in, H, W], got f32[64, 1, 28, 28]: dimension 1 expected 2 (in), got 1}}
    // expected-note@* {{the expected type is declared here}}
    return conv(v)
  }
}

train conv_errors on fashion(batch = 64) {
  fc = Linear(784, 10)
  // expected-error@+1:7 {{conv: the input has 1 channels, so the weight's dimension 1 must be 1 (channels / groups); expected 1, got 3 (weight f32[6, 3, 5, 5])}}
  a = conv(x, normal([6, 3, 5, 5]))
  // expected-error@+1:46 {{argument 'groups' of conv: expected a divisor of 1 input and 6 output channels, got 2}}
  b = conv(x, normal([6, 1, 5, 5]), groups = 2)
  // expected-error@+1:7 {{conv: kernel extent 31 is larger than the padded input extent 28 in spatial dimension 0}}
  c = conv(x, normal([6, 1, 31, 31]))
  // With pad = 2 the padded input is 32 wide, and a 31-wide kernel fits.
  d = conv(x, normal([6, 1, 31, 31]), pad = 2)
  // expected-error@+1:14 {{argument 'x' of conv2d: expected rank 4 (batch, channels, spatial), got f32[64, 1, 784]}}
  e = conv2d(reshape(x, [B, 1, 784]), normal([6, 1, 5]))
  // expected-error@+1:15 {{argument 'w' of conv: expected rank 4 (out channels, in channels / groups, kernel...), got f32[6, 1, 5]}}
  f = conv(x, normal([6, 1, 5]))
  // expected-error@+1:46 {{argument 'stride' of conv: expected 2 values (one per spatial dimension), got 3}}
  g = conv(x, normal([6, 1, 5, 5]), stride = [1, 2, 3])
  // expected-error@+1:7 {{conv: expected positive strides and dilations and non-negative padding}}
  k = conv(x, normal([6, 1, 5, 5]), stride = 0)
  // expected-error@+1:12 {{argument 'x' of conv: expected a floating-point tensor, got i32[64, 1, 28, 28]}}
  l = conv(i32(x), normal([6, 1, 5, 5]))
  // conv_transpose weights are [in, out / groups, k...]: dimension 0 must be x's channels.
  // expected-error@+1:25 {{conv_transpose: the weight's dimension 0 must equal the input's 1 channels; expected 1, got 2}}
  m = conv_transpose(x, normal([2, 6, 3, 3]))
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}

train pool_errors on fashion(batch = 64) {
  fc = Linear(784, 10)
  // expected-error@+1:20 {{maxpool2d: expected a window no larger than the input, got 29 for extent 28}}
  a = maxpool2d(x, 29)
  // expected-error@+1:17 {{argument 'x' of maxpool1d: expected rank 3 (batch, channels, spatial), got f32[64, 1, 28, 28]}}
  b = maxpool1d(x, 2)
  // expected-error@+1:18 {{argument 'kernel' of avgpool: expected 2 values (one per spatial dimension), got 3}}
  c = avgpool(x, [2, 2, 2])
  // expected-error@+1:15 {{argument 'x' of maxpool: expected rank at least 3 (batch, channels, spatial), got f32[64, 784]}}
  d = maxpool(reshape(x, [B, 784]), 2)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}

train in_layer on fashion(batch = 64) {
  net = TwoChannels()
  fc = Linear(784, 10)
  // expected-note@+1:7 {{'TwoChannels.forward' called here}}
  a = net(x)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}
