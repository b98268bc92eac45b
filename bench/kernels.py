#!/usr/bin/python3
"""kernels.py - Times dlm-generated matmuls and convolutions against oneDNN, OpenBLAS and the FMA ceiling.

For every round and thread count it runs build/bin/dlm-bench-kernels (each kernel as a one-op dlm
function, compiled by dlm's pipeline) and build/bin/dlm-bench-peers (oneDNN, OpenBLAS, and 512-bit
FMA chains for the machine's ceiling) one after the other on the same kernel list, so both see the
same machine. GFLOP/s count the direct algorithm's multiply-adds for every peer; oneDNN's
convolution_auto may pick Winograd, which does fewer, and is shown beside its direct algorithm.
Prints medians and ratios and writes bench/results/kernels-<time>.json, with a chart of dlm over
oneDNN beside it (.svg, bench/chart.py).

Peers run at their best on this machine (../shared/notes/peers-cpu.md): OPENBLAS_CORETYPE removed
(OpenBLAS 0.3.21 then uses its AVX-512 kernels), OPENBLAS_NUM_THREADS and OMP_NUM_THREADS (oneDNN's
OpenMP) set to the thread count, and oneDNN free to choose its convolution layouts, whose reorders
are not timed.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys

from chart import chart_for

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def convolution(n, c, h, w, k, r, s, padding, stride, directions):
    return [f"conv_{d}:{n},{c},{h},{w},{k},{r},{s},{padding},{stride}" for d in directions]


ALL_DIRECTIONS = ("forward", "backward_input", "backward_filter")
# The first convolution of a model has no input gradient to compute.
FIRST_LAYER = ("forward", "backward_filter")

KERNELS = (
    # Square matmuls, and sizes that no power-of-two tile divides.
    [f"matmul:{n},{n},{n}" for n in (256, 512, 1024, 2048, 257, 1000, 1500)]
    # The models' Linear layers at batch 64, as row-major M,K,N: forward, input and weight gradients.
    + ["matmul:64,784,256", "matmul:256,64,784", "matmul:64,256,10",
       "matmul:64,256,120", "matmul:64,120,84", "matmul:120,64,256"]
    # LeNet-5's convolutions, then the small ResNet's stem and its 32-channel blocks.
    + convolution(64, 1, 28, 28, 6, 5, 5, 2, 1, FIRST_LAYER)
    + convolution(64, 6, 14, 14, 16, 5, 5, 0, 1, ALL_DIRECTIONS)
    + convolution(64, 1, 28, 28, 32, 3, 3, 1, 1, FIRST_LAYER)
    + convolution(64, 32, 28, 28, 32, 3, 3, 1, 1, ALL_DIRECTIONS)
)


def run_lines(command, env=None):
    process = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command[:3])} ... failed ({process.returncode}):\n{process.stderr}")
    return [json.loads(line) for line in process.stdout.splitlines() if line.startswith("{")]


def measure(kernels, threads, samples):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    env.pop("OPENBLAS_CORETYPE", None)
    common = ["--num-threads", str(threads), "--samples", str(samples)]
    results = run_lines([os.path.join(ROOT, "build/bin/dlm-bench-kernels")] + common + kernels, env)
    results += run_lines([os.path.join(ROOT, "build/bin/dlm-bench-peers")] + common + ["fma_ceiling"] + kernels, env)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="alternations of dlm and the peers")
    parser.add_argument("--samples", type=int, default=5, help="timed samples per kernel and round")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--kernels", nargs="+", default=KERNELS, help="kernel specifications (bench/kernels/KernelSpec.h)")
    args = parser.parse_args()

    samples = {}
    for round_index in range(args.rounds):
        for threads in args.threads:
            for result in measure(list(args.kernels), threads, args.samples):
                samples.setdefault((result["kernel"], threads, result["peer"]), []).extend(result["gflops"])
            print(f"bench: kernels round {round_index + 1}/{args.rounds}, {threads} thread(s) done", file=sys.stderr)
    median = {key: statistics.median(values) for key, values in samples.items()}

    header = (f"{'kernel':<44} {'thr':>3} {'dlm':>7} {'oneDNN':>7} {'direct':>7} {'OpenBLAS':>8} {'ceiling':>7}"
              f" {'dlm/oneDNN':>10} {'dlm/ceil':>8}")
    print("GFLOP/s, medians (direct: oneDNN's direct convolution; ceiling: FMA chains)")
    print(header)
    print("-" * len(header))
    rows = []
    for threads in args.threads:
        ceiling = median.get(("fma_ceiling", threads, "fma_ceiling"))
        for kernel in args.kernels:
            row = {"kernel": kernel, "threads": threads, "fma_ceiling": ceiling}
            for peer in ("dlm", "onednn", "onednn_direct", "openblas"):
                row[peer] = median.get((kernel, threads, peer))
            row["dlm_over_onednn"] = row["dlm"] / row["onednn"] if row["dlm"] and row["onednn"] else None
            row["dlm_over_ceiling"] = row["dlm"] / ceiling if row["dlm"] and ceiling else None
            rows.append(row)
            cell = lambda value, width, digits=0: f"{value:>{width}.{digits}f}" if value else f"{'-':>{width}}"
            print(f"{kernel:<44} {threads:>3} {cell(row['dlm'], 7)} {cell(row['onednn'], 7)} "
                  f"{cell(row['onednn_direct'], 7)} {cell(row['openblas'], 8)} {cell(ceiling, 7)} "
                  f"{cell(row['dlm_over_onednn'], 10, 2)} {cell(row['dlm_over_ceiling'], 8, 2)}")

    os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = os.path.join(ROOT, "bench/results", f"kernels-{stamp}.json")
    with open(path, "w") as f:
        json.dump({"arguments": vars(args), "rows": rows,
                   "samples": [{"kernel": k, "threads": t, "peer": p, "gflops": v} for (k, t, p), v in samples.items()]},
                  f, indent=2)
    chart = os.path.splitext(path)[0] + ".svg"
    chart_for(path, chart)
    print(f"\nresults: {path}\nchart:   {chart}")


if __name__ == "__main__":
    main()
