// std.nn: layers as blocks, with PyTorch's parameter names and default initializations.

// PyTorch initializes Linear and Conv weights with kaiming_uniform(a = sqrt(5)), which is
// U(-1/sqrt(fan_in), 1/sqrt(fan_in)); the biases share that bound. `bound` below is that number.

block Linear(in: int, out: int, has_bias: bool = true) {
  const bound = 1 / sqrt(in)
  param weight: f32[out, in] = uniform(-bound, bound)
  if has_bias {
    param bias: f32[out] = uniform(-bound, bound)
  }

  forward(x: f32[N, in]) -> f32[N, out] {
    y[n, o] = sum(i) x[n, i] * weight[o, i]
    if has_bias {
      y = y + bias
    }
    return y
  }
}

block Conv1d(in: int, out: int, kernel: int, stride: int = 1, pad: int = 0, dilation: int = 1,
             groups: int = 1, has_bias: bool = true) {
  const bound = 1 / sqrt(in / groups * kernel)
  param weight: f32[out, in / groups, kernel] = uniform(-bound, bound)
  if has_bias {
    param bias: f32[out] = uniform(-bound, bound)
  }

  forward(x: f32[N, in, L]) {
    y = conv1d(x, weight, stride = stride, pad = pad, dilation = dilation, groups = groups)
    if has_bias {
      y = y + reshape(bias, [out, 1])
    }
    return y
  }
}

block Conv2d(in: int, out: int, kernel: int, stride: int = 1, pad: int = 0, dilation: int = 1,
             groups: int = 1, has_bias: bool = true) {
  const bound = 1 / sqrt(in / groups * kernel * kernel)
  param weight: f32[out, in / groups, kernel, kernel] = uniform(-bound, bound)
  if has_bias {
    param bias: f32[out] = uniform(-bound, bound)
  }

  forward(x: f32[N, in, H, W]) {
    y = conv2d(x, weight, stride = stride, pad = pad, dilation = dilation, groups = groups)
    if has_bias {
      y = y + reshape(bias, [out, 1, 1])
    }
    return y
  }
}

block Conv3d(in: int, out: int, kernel: int, stride: int = 1, pad: int = 0, dilation: int = 1,
             groups: int = 1, has_bias: bool = true) {
  const bound = 1 / sqrt(in / groups * kernel * kernel * kernel)
  param weight: f32[out, in / groups, kernel, kernel, kernel] = uniform(-bound, bound)
  if has_bias {
    param bias: f32[out] = uniform(-bound, bound)
  }

  forward(x: f32[N, in, D, H, W]) {
    y = conv3d(x, weight, stride = stride, pad = pad, dilation = dilation, groups = groups)
    if has_bias {
      y = y + reshape(bias, [out, 1, 1, 1])
    }
    return y
  }
}

// One filter per input channel (MobileNet); PyTorch spells it Conv2d(c, c * multiplier, groups = c).
block DepthwiseConv2d(channels: int, kernel: int, stride: int = 1, pad: int = 0, dilation: int = 1,
                      multiplier: int = 1, has_bias: bool = true) {
  const bound = 1 / sqrt(kernel * kernel)
  param weight: f32[channels * multiplier, 1, kernel, kernel] = uniform(-bound, bound)
  if has_bias {
    param bias: f32[channels * multiplier] = uniform(-bound, bound)
  }

  forward(x: f32[N, channels, H, W]) {
    y = conv2d(x, weight, stride = stride, pad = pad, dilation = dilation, groups = channels)
    if has_bias {
      y = y + reshape(bias, [channels * multiplier, 1, 1])
    }
    return y
  }
}

// The gradient of a convolution with respect to its input, used to upsample (FCN, U-Net, DCGAN).
// The weight is laid out [in, out / groups, k, k] and its fan-in is out / groups * k * k, as in PyTorch.
block ConvTranspose2d(in: int, out: int, kernel: int, stride: int = 1, pad: int = 0,
                      output_pad: int = 0, groups: int = 1, has_bias: bool = true, dilation: int = 1) {
  const bound = 1 / sqrt(out / groups * kernel * kernel)
  param weight: f32[in, out / groups, kernel, kernel] = uniform(-bound, bound)
  if has_bias {
    param bias: f32[out] = uniform(-bound, bound)
  }

  forward(x: f32[N, in, H, W]) {
    y = conv_transpose(x, weight, stride = stride, pad = pad, output_pad = output_pad,
                       dilation = dilation, groups = groups)
    if has_bias {
      y = y + reshape(bias, [out, 1, 1])
    }
    return y
  }
}

// Batch statistics while training, running estimates otherwise. The batch is normalized with its
// biased variance but the running estimate tracks the unbiased one, as in PyTorch.
block BatchNorm2d(C: int, eps: float = 1e-5, momentum: float = 0.1) {
  param weight: f32[C] = ones()
  param bias: f32[C] = zeros()
  state running_mean: f32[C] = zeros()
  state running_var: f32[C] = ones()

  forward(x: f32[N, C, H, W]) -> f32[N, C, H, W] {
    if training {
      mu = mean(x, axis = [0, 2, 3])
      v = var(x, axis = [0, 2, 3])
      count = N * H * W
      running_mean <- (1 - momentum) * running_mean + momentum * mu
      running_var <- (1 - momentum) * running_var + momentum * v * (count / (count - 1.0))
    } else {
      mu = running_mean
      v = running_var
    }
    y[n, c, h, w] = (x[n, c, h, w] - mu[c]) * rsqrt(v[c] + eps) * weight[c] + bias[c]
    return y
  }
}

block BatchNorm1d(C: int, eps: float = 1e-5, momentum: float = 0.1) {
  param weight: f32[C] = ones()
  param bias: f32[C] = zeros()
  state running_mean: f32[C] = zeros()
  state running_var: f32[C] = ones()

  forward(x: f32[N, C]) -> f32[N, C] {
    if training {
      mu = mean(x, axis = 0)
      v = var(x, axis = 0)
      running_mean <- (1 - momentum) * running_mean + momentum * mu
      running_var <- (1 - momentum) * running_var + momentum * v * (N / (N - 1.0))
    } else {
      mu = running_mean
      v = running_var
    }
    return (x - mu) * rsqrt(v + eps) * weight + bias
  }
}

// Statistics over the last dimension of each sample, so it behaves the same in training and eval.
block LayerNorm(D: int, eps: float = 1e-5) {
  param weight: f32[D] = ones()
  param bias: f32[D] = zeros()

  forward(x: f32[..., D]) -> f32[..., D] {
    mu = mean(x, axis = -1, keepdims = true)
    v = var(x, axis = -1, keepdims = true)
    return (x - mu) * rsqrt(v + eps) * weight + bias
  }
}

// Statistics per sample and channel (style transfer); PyTorch's default has no affine parameters.
block InstanceNorm2d(C: int, eps: float = 1e-5, affine: bool = false) {
  if affine {
    param weight: f32[C] = ones()
    param bias: f32[C] = zeros()
  }

  forward(x: f32[N, C, H, W]) -> f32[N, C, H, W] {
    mu = mean(x, axis = [2, 3])
    v = var(x, axis = [2, 3])
    y[n, c, h, w] = (x[n, c, h, w] - mu[n, c]) * rsqrt(v[n, c] + eps)
    if affine {
      y = y * reshape(weight, [C, 1, 1]) + reshape(bias, [C, 1, 1])
    }
    return y
  }
}

// AlexNet's normalization: each channel is divided by the energy of its `size` neighbours across
// channels, zero-padded at both ends (PyTorch's LocalResponseNorm).
block LocalResponseNorm(size: int, alpha: float = 1e-4, beta: float = 0.75, k: float = 1.0) {
  forward(x: f32[N, C, H, W]) -> f32[N, C, H, W] {
    sq = pad(x * x, [0, 0, size / 2, (size - 1) / 2, 0, 0, 0, 0])
    s[n, c, h, w] = sum(j: size) sq[n, c + j, h, w]
    return x / (k + alpha / size * s) ** beta
  }
}

block Dropout(p: float = 0.5) {
  forward(x) {
    return dropout(x, p)
  }
}

block MaxPool2d(kernel: int, stride: int = kernel, pad: int = 0) {
  forward(x: f32[N, C, H, W]) {
    return maxpool2d(x, kernel, stride = stride, pad = pad)
  }
}

block AvgPool2d(kernel: int, stride: int = kernel, pad: int = 0) {
  forward(x: f32[N, C, H, W]) {
    return avgpool2d(x, kernel, stride = stride, pad = pad)
  }
}

block GlobalAvgPool2d {
  forward(x: f32[N, C, H, W]) -> f32[N, C] {
    y[n, c] = mean(h, w) x[n, c, h, w]
    return y
  }
}

block Flatten {
  forward(x) {
    return flatten(x)
  }
}

// A lookup table. Multiplying by the one-hot rows keeps the lookup a matmul, whose gradient
// (a scatter-add into the used rows) the compiler already has.
block Embedding(num: int, dim: int) {
  param weight: f32[num, dim] = normal()

  forward(ids: i32[...]) -> f32[..., dim] {
    return one_hot(ids, num) @ weight
  }
}
