// lstm.dlm: an LSTM classifying Fashion-MNIST by reading each image top to bottom, one row of 28
// pixels per time step; the last hidden state goes through a linear layer to the 10 classes.
//
// Recipe: LSTM(28, 128), Adam with learning rate 1e-3 and gradient clipping at norm 1, batch 64,
//         5 epochs.
// Run:    build/bin/dlmc examples/lstm.dlm -o lstm && ./lstm train

import std.nn
import std.rnn
import std.datasets

block RowLSTM(hidden: int = 128, classes: int = 10) {
  lstm = LSTM(28, hidden)
  fc = Linear(hidden, classes)

  forward(x: f32[N, 1, 28, 28]) -> f32[N, classes] {
    h = lstm(reshape(x, [N, 28, 28]))
    // only the last step has seen every row
    return fc(h[:, 27])
  }
}

train classify on fashion(batch = 64, epochs = 5) {
  net = RowLSTM()
  loss = cross_entropy(net(x), y)
  // clipping guards against the occasional exploding gradient of backpropagation through time
  update net with adam(lr = 1e-3, clip_norm = 1.0)
  metric accuracy = mean(f32(argmax(net(x)) == y))
}
