// std.datasets: the data sets the examples train on; file names are relative to the data directory.

// Fashion-MNIST (Xiao et al. 2017): 28x28 grey images of clothing in 10 classes, 60000 for training
// and 10000 for testing, as IDX files (Debian: dataset-fashion-mnist). Pixels are scaled to [0, 1].
data fashion {
  train = idx("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
  test = idx("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")

  sample(image: u8[28, 28], label: u8) -> (x: f32[1, 28, 28], y: i32) {
    return reshape(f32(image), [1, 28, 28]) / 255, i32(label)
  }
}
