#!/usr/bin/env bash
# README command (2): installs what is missing, builds dlm and runs every test (lit suites and unit tests).
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install-deps.sh
./tools/build.sh
./tools/build.sh check-dlm
