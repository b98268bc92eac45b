#!/usr/bin/python3
"""torch_train.py - The examples' models and recipes in PyTorch, the peer bench/run.py measures dlm against.

Each model mirrors examples/<model>.dlm layer for layer (PyTorch's default initialization is the
one std.nn uses), trains with the same optimizer, learning-rate schedule, batch size and epochs on
the same Fashion-MNIST files, keeps the data in memory as dlm's runtime does, and drops the last
partial batch as dlm does. It prints one JSON line per epoch: training images/s (steps only), the
epoch's seconds, the test accuracy on the full test batches, and the peak RSS so far.
"""
import argparse
import gzip
import json
import math
import os
import resource
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_split(directory, images, labels):
    x = torch.from_numpy(read_idx(os.path.join(directory, images)).astype(np.float32) / 255).unsqueeze(1)
    y = torch.from_numpy(read_idx(os.path.join(directory, labels)).astype(np.int64))
    return x.contiguous(), y


class MLP(nn.Module):
    def __init__(self, hidden=256, classes=10):
        super().__init__()
        self.fc1 = nn.Linear(28 * 28, hidden)
        self.fc2 = nn.Linear(hidden, classes)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


class LeNet(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, classes)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.conv1(x)), 2)
        h = F.max_pool2d(F.relu(self.conv2(h)), 2)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(h.flatten(1))))))


class BasicBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        return F.relu(x + self.bn2(self.conv2(h)))


class ResNetSmall(nn.Module):
    def __init__(self, blocks=3, width=32, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, width, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.layer1 = nn.Sequential(*[BasicBlock(width) for _ in range(blocks)])
        self.fc = nn.Linear(width, classes)

    def forward(self, x):
        h = self.layer1(F.relu(self.bn1(self.conv1(x))))
        return self.fc(h.mean(dim=(2, 3)))


# The recipes stated in examples/*.dlm.
RECIPES = {
    "mlp": dict(model=MLP, optimizer="sgd", lr=0.05, epochs=2),
    "lenet": dict(model=LeNet, optimizer="sgd", lr=0.05, epochs=10),
    "resnet_small": dict(model=ResNetSmall, optimizer="adam", lr=1e-3, epochs=5),
}


def cosine(rate, step, total):
    """dlm's cosine(rate): from rate to 0 over all steps, evaluated before each step."""
    return rate * (1 + math.cos(math.pi * min(step, total) / total)) / 2


def evaluate(net, x, y, batch):
    net.eval()
    correct, count = 0, 0
    with torch.no_grad():
        for first in range(0, len(x) - batch + 1, batch):
            logits = net(x[first:first + batch])
            correct += (logits.argmax(1) == y[first:first + batch]).sum().item()
            count += batch
    net.train()
    return correct / count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", choices=sorted(RECIPES))
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()

    recipe = RECIPES[args.model]
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    x_train, y_train = load_split(args.data, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
    x_test, y_test = load_split(args.data, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
    net = recipe["model"]()
    if recipe["optimizer"] == "sgd":
        optimizer = torch.optim.SGD(net.parameters(), lr=recipe["lr"], momentum=0.9)
    else:
        optimizer = torch.optim.Adam(net.parameters(), lr=recipe["lr"])
    epochs = args.epochs or recipe["epochs"]
    steps_per_epoch = len(x_train) // args.batch
    total_steps = epochs * steps_per_epoch
    generator = torch.Generator().manual_seed(args.seed)
    step = 0
    for epoch in range(epochs):
        order = torch.randperm(len(x_train), generator=generator)
        start = time.perf_counter()
        for b in range(steps_per_epoch):
            index = order[b * args.batch:(b + 1) * args.batch]
            for group in optimizer.param_groups:
                group["lr"] = cosine(recipe["lr"], step, total_steps)
            loss = F.cross_entropy(net(x_train[index]), y_train[index])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            step += 1
        seconds = time.perf_counter() - start
        accuracy = evaluate(net, x_test, y_test, args.batch)
        print(json.dumps({
            "epoch": epoch + 1,
            "images_per_second": steps_per_epoch * args.batch / seconds,
            "seconds": seconds,
            "accuracy": accuracy,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }), flush=True)


if __name__ == "__main__":
    main()
