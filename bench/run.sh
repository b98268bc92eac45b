#!/usr/bin/env bash
# bench/run.sh: installs the peers, builds dlm, and runs bench/run.py (arguments are passed on).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/tools/install-deps.sh" --bench
"$root/tools/build.sh" dlmc dlm_runtime
# Debian's interpreter: python3-torch installs into its dist-packages, which a pyenv or venv python3 on
# PATH would not see.
exec /usr/bin/python3 "$root/bench/run.py" "$@"
