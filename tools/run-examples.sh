#!/usr/bin/env bash
# README command (1): installs what is missing, builds dlm, compiles examples/lenet.dlm into a
# native executable and trains it on Fashion-MNIST (3 epochs by default; DLM_EPOCHS overrides),
# then evaluates the checkpoint it wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install-deps.sh
./tools/build.sh
mkdir -p out
echo
echo "== compiling examples/lenet.dlm"
time build/bin/dlmc examples/lenet.dlm -o out/lenet
cd out
echo
echo "== training (data: /usr/share/datasets/fashion-mnist)"
./lenet train --epochs "${DLM_EPOCHS:-3}"
echo
echo "== evaluating the checkpoint"
./lenet eval --checkpoint lenet.safetensors
echo
echo "files in $(pwd): lenet (the executable), lenet.safetensors, lenet.log.csv, lenet.log.json, lenet.svg"
