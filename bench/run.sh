#!/usr/bin/env bash
# bench/run.sh [training|kernels [ARGS...]]: installs the peers, builds dlm and its kernel benchmarks,
# then runs bench/run.py (training) and bench/kernels.py (kernels), or just the one named, with ARGS.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/tools/install-deps.sh" --bench
DLM_BENCH=1 "$root/tools/build.sh" dlmc dlm_runtime dlm-bench-kernels dlm-bench-peers
# Debian's interpreter: python3-torch installs into its dist-packages, which a pyenv or venv python3 on
# PATH would not see.
python=/usr/bin/python3
case "${1:-}" in
  training) shift; exec "$python" "$root/bench/run.py" "$@" ;;
  kernels) shift; exec "$python" "$root/bench/kernels.py" "$@" ;;
  "") "$python" "$root/bench/kernels.py"; exec "$python" "$root/bench/run.py" ;;
  *) echo "usage: bench/run.sh [training|kernels [ARGS...]]" >&2; exit 2 ;;
esac
