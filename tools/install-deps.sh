#!/usr/bin/env bash
# Installs the Debian packages dlm needs to build, test and train (with --bench: and to benchmark),
# skipping those already present.
set -euo pipefail

packages=(
  cmake ninja-build ccache pkg-config
  clang-22 lld-22 llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools libomp-22-dev
  libboost-dev libfmt-dev zlib1g-dev libgtest-dev nlohmann-json3-dev
  dataset-fashion-mnist
)
# bench/ compares against these peers; only `tools/install-deps.sh --bench` installs them.
if [ "${1:-}" = "--bench" ]; then
  packages+=(python3-torch python3-numpy libopenblas-dev libdnnl-dev hyperfine)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
