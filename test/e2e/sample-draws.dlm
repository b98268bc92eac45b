// `sample` runs per batch on the raw data, so its random draws are fresh every training epoch,
// yet the same in every evaluation and prediction, and a resumed run still repeats an
// uninterrupted one bit for bit. In `draws` the loss is 1000 × the batch's mean draw and the
// data order is fixed, so the loss of an epoch changes only if the draws do; the metric is the
// test split's mean draw, which must not change.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: dlmc %s -o noise
// RUN: ./noise train draws --epochs 3 --limit-train 640 --limit-test 640 --quiet > train.txt
// RUN: ./noise eval draws --limit-test 640 > eval.txt
// RUN: cat train.txt eval.txt | FileCheck %s
// RUN: awk -F, 'NR > 1 { loss[NR] = $2; drawn[NR] = $3 } \
// RUN:   END { exit !(loss[2] != loss[3] && loss[3] != loss[4] && loss[2] != loss[4] && drawn[2] == drawn[3] && drawn[3] == drawn[4]) }' noise.log.csv
// RUN: ./noise predict draws --count 100 > first.txt
// RUN: ./noise predict draws --count 100 > again.txt
// RUN: cmp first.txt again.txt
// Each thread gathers its share of a batch with its own sample call (uneven with three): the
// draws and their order do not depend on the thread count.
// RUN: ./noise predict draws --count 100 --threads 1 > one.txt
// RUN: ./noise predict draws --count 100 --threads 3 > three.txt
// RUN: cmp first.txt one.txt
// RUN: cmp first.txt three.txt
// A file of images only: the label each sample lacks is zero.
// RUN: ./noise predict draws --count 3 --input /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz | FileCheck --check-prefix=INPUT %s

// Two epochs straight against one, a stop and a resume: the resumed epoch draws epoch 2's noise.
// RUN: ./noise train learn --epochs 2 --limit-train 640 --limit-test 0 --threads 2 --checkpoint straight.safetensors --quiet > /dev/null
// RUN: ./noise train learn --epochs 2 --limit-train 640 --limit-test 0 --threads 2 --checkpoint resumed.safetensors --stop-after-epoch 1 --quiet > /dev/null
// RUN: ./noise train learn --epochs 2 --limit-train 640 --limit-test 0 --threads 2 --checkpoint resumed.safetensors --resume --quiet > /dev/null
// RUN: cmp straight.safetensors resumed.safetensors

// CHECK: epoch 1/3  train loss {{[0-9.]+}}  drawn [[DRAWN:[0-9.]+]]
// CHECK: epoch 2/3  train loss {{[0-9.]+}}  drawn [[DRAWN]]
// CHECK: epoch 3/3  train loss {{[0-9.]+}}  drawn [[DRAWN]]
// CHECK: drawn [[DRAWN]] on 640 of 10000 test images (noise.safetensors, trained for 3 epochs)

// INPUT:      {{^}}sample drawn{{$}}
// INPUT-NEXT: {{^}}0 0.{{[0-9]+$}}
// INPUT-NEXT: {{^}}1 0.{{[0-9]+$}}
// INPUT-NEXT: {{^}}2 0.{{[0-9]+$}}
// INPUT-NOT:  {{.}}

import std.nn

data noisy {
  train = idx("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
  test = idx("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")

  sample(image: u8[28, 28], label: u8) -> (x: f32[1, 28, 28], y: i32, u: f32) {
    u = uniform([])
    return reshape(f32(image), [1, 28, 28]) / 255 + u, i32(label), u
  }
}

train draws on noisy(batch = 64, shuffle = false) {
  net = Linear(28 * 28, 10)
  loss = 1000 * mean(u) + 0 * cross_entropy(net(flatten(x)), y)
  update net with sgd(lr = 0.01)
  metric drawn = mean(u)
  predict drawn = u
}

train learn on noisy(batch = 64) {
  net = Linear(28 * 28, 10)
  loss = cross_entropy(net(flatten(x)), y)
  update net with sgd(lr = 0.01)
}
