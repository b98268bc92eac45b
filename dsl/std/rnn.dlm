// std.rnn: recurrent cells with PyTorch's parameter layout, and layers that scan them over time.

// PyTorch initializes every recurrent weight and bias from U(-1/sqrt(hidden), 1/sqrt(hidden)).
// Gate blocks are stacked along the rows of weight_ih / weight_hh in PyTorch's order.

// x W^T + b. The cells hold their weights directly rather than in Linear instances so that the
// names are PyTorch's (weight_ih, not ih.weight).
fn affine(x: f32[N, I], weight: f32[G, I], bias: f32[G]) -> f32[N, G] {
  y[n, g] = sum(i) x[n, i] * weight[g, i]
  return y + bias
}

block RNNCell(input: int, hidden: int) {
  const bound = 1 / sqrt(hidden)
  param weight_ih: f32[hidden, input] = uniform(-bound, bound)
  param weight_hh: f32[hidden, hidden] = uniform(-bound, bound)
  param bias_ih: f32[hidden] = uniform(-bound, bound)
  param bias_hh: f32[hidden] = uniform(-bound, bound)

  forward(x: f32[N, input], h: f32[N, hidden]) -> f32[N, hidden] {
    return tanh(affine(x, weight_ih, bias_ih) + affine(h, weight_hh, bias_hh))
  }
}

// Gates in the order input, forget, cell, output.
block LSTMCell(input: int, hidden: int) {
  const bound = 1 / sqrt(hidden)
  param weight_ih: f32[4 * hidden, input] = uniform(-bound, bound)
  param weight_hh: f32[4 * hidden, hidden] = uniform(-bound, bound)
  param bias_ih: f32[4 * hidden] = uniform(-bound, bound)
  param bias_hh: f32[4 * hidden] = uniform(-bound, bound)

  forward(x: f32[N, input], h: f32[N, hidden], c: f32[N, hidden]) -> (f32[N, hidden], f32[N, hidden]) {
    gates = affine(x, weight_ih, bias_ih) + affine(h, weight_hh, bias_hh)
    i = sigmoid(gates[:, 0:hidden])
    f = sigmoid(gates[:, hidden:2 * hidden])
    g = tanh(gates[:, 2 * hidden:3 * hidden])
    o = sigmoid(gates[:, 3 * hidden:4 * hidden])
    c = f * c + i * g
    return o * tanh(c), c
  }
}

// Gates in the order reset, update, new. The reset gate scales the recurrent part of the new
// gate after its bias is added, as in PyTorch (and cuDNN), not before.
block GRUCell(input: int, hidden: int) {
  const bound = 1 / sqrt(hidden)
  param weight_ih: f32[3 * hidden, input] = uniform(-bound, bound)
  param weight_hh: f32[3 * hidden, hidden] = uniform(-bound, bound)
  param bias_ih: f32[3 * hidden] = uniform(-bound, bound)
  param bias_hh: f32[3 * hidden] = uniform(-bound, bound)

  forward(x: f32[N, input], h: f32[N, hidden]) -> f32[N, hidden] {
    a = affine(x, weight_ih, bias_ih)
    b = affine(h, weight_hh, bias_hh)
    r = sigmoid(a[:, 0:hidden] + b[:, 0:hidden])
    z = sigmoid(a[:, hidden:2 * hidden] + b[:, hidden:2 * hidden])
    n = tanh(a[:, 2 * hidden:3 * hidden] + r * b[:, 2 * hidden:3 * hidden])
    return (1 - z) * n + z * h
  }
}

// The sequence layers take x: f32[N, T, input] (batch first) and return every time step's output
// of the top layer, f32[N, T, hidden]; layer l + 1 reads the outputs of layer l. States start at 0.

block RNN(input: int, hidden: int, layers: int = 1) {
  for l in 0..layers {
    if l == 0 {
      cells[l] = RNNCell(input, hidden)
    } else {
      cells[l] = RNNCell(hidden, hidden)
    }
  }

  forward(x: f32[N, T, input]) -> f32[N, T, hidden] {
    for l in 0..layers {
      ys = scan t in 0..T carry (h = zeros([N, hidden])) {
        h = cells[l](x[:, t], h)
        yield h
      }
      x = transpose(ys, [1, 0, 2])
    }
    return x
  }
}

block LSTM(input: int, hidden: int, layers: int = 1) {
  for l in 0..layers {
    if l == 0 {
      cells[l] = LSTMCell(input, hidden)
    } else {
      cells[l] = LSTMCell(hidden, hidden)
    }
  }

  forward(x: f32[N, T, input]) -> f32[N, T, hidden] {
    for l in 0..layers {
      ys = scan t in 0..T carry (h = zeros([N, hidden]), c = zeros([N, hidden])) {
        h, c = cells[l](x[:, t], h, c)
        yield h
      }
      x = transpose(ys, [1, 0, 2])
    }
    return x
  }
}

block GRU(input: int, hidden: int, layers: int = 1) {
  for l in 0..layers {
    if l == 0 {
      cells[l] = GRUCell(input, hidden)
    } else {
      cells[l] = GRUCell(hidden, hidden)
    }
  }

  forward(x: f32[N, T, input]) -> f32[N, T, hidden] {
    for l in 0..layers {
      ys = scan t in 0..T carry (h = zeros([N, hidden])) {
        h = cells[l](x[:, t], h)
        yield h
      }
      x = transpose(ys, [1, 0, 2])
    }
    return x
  }
}
