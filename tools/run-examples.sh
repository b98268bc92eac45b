#!/usr/bin/env bash
# README command (1): installs what is missing, builds dlm and compiles the examples.
# Until native executables land, "compile" means the whole front end: parse, resolve
# names, instantiate blocks, infer every shape and check the training programs; each
# program's checked summary is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install-deps.sh
./tools/build.sh
echo
status=0
for example in examples/*.dlm; do
  echo "== $example"
  if ! build/bin/dlmc "$example" --emit=summary; then
    status=1
  fi
done
exit $status
