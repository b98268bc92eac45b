#!/usr/bin/env bash
# Configures (once) and builds dlm into build/ with Ninja, clang-22, ccache and the shared libMLIR.so.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs="${DLM_BUILD_JOBS:-2}"
# One build at a time: the machine has two cores, and two Ninjas in one build/ corrupt its log.
exec 9>build.lock
flock 9
# DLM_BENCH=1 (bench/run.sh) adds the kernel benchmarks of bench/kernels.
bench=OFF
if [ "${DLM_BENCH:-0}" = 1 ]; then bench=ON; fi
if [ ! -f build/build.ninja ] || { [ "$bench" = ON ] && ! grep -q '^DLM_BENCH:BOOL=ON' build/CMakeCache.txt; }; then
  cmake -G Ninja -S . -B build -DDLM_BENCH="$bench" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DMLIR_LINK_MLIR_DYLIB=ON \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit
fi
ninja -C build -j "$jobs" "$@"
