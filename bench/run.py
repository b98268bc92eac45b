#!/usr/bin/python3
"""run.py - Trains the examples with dlm and with PyTorch in one run, interleaved, and prints ratios.

For every model (examples/mlp.dlm, lenet.dlm, resnet_small.dlm) and repetition it runs the dlm
executable and bench/torch_train.py one after the other, on the same data, recipe and thread
count, and records training images/s (steps only, per epoch), seconds per epoch, the final test
accuracy and the peak RSS of the process (from wait4). Medians over repetitions go into a table
and into bench/results/train-<time>.json (with a chart of the ratios beside it, .svg); ratios are
dlm over PyTorch (above 1: dlm is faster, or uses that many times less memory). It also records each example's compile time (dlmc wall time,
median of 3) and executable size.

PyTorch runs at the best configuration found on this machine (../shared/notes/peers-cpu.md):
intra-op threads set to --threads, OpenBLAS with one thread (two spinning pools on two cores
collapse), and OPENBLAS_CORETYPE removed from the environment so OpenBLAS 0.3.21 picks its
AVX-512 kernels instead of the Haswell ones this environment asks for.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import time

from chart import chart_for

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = ["mlp", "lenet", "resnet_small"]


def run(command):
    """Runs `command`; returns its wall seconds."""
    start = time.perf_counter()
    process = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed ({process.returncode}):\n{process.stderr}")
    return time.perf_counter() - start


def run_measured(command, env=None):
    """Runs `command` and returns (stdout, peak RSS in MiB) using wait4 on the child."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed ({process.returncode})")
    return stdout, usage.ru_maxrss / 1024


def compile_examples(out):
    results = {}
    for model in MODELS:
        executable = os.path.join(out, model)
        times = []
        for _ in range(3):
            times.append(run([os.path.join(ROOT, "build/bin/dlmc"), os.path.join(ROOT, "examples", model + ".dlm"),
                              "-o", executable]))
        results[model] = {"compile_seconds": statistics.median(times), "executable_bytes": os.path.getsize(executable)}
    return results


def train_dlm(model, out, epochs, threads, data):
    prefix = os.path.join(out, model + "-log")
    command = [os.path.join(out, model), "train", "--threads", str(threads), "--data", data, "--quiet",
               "--checkpoint", os.path.join(out, model + ".safetensors"), "--log", prefix]
    if epochs:
        command += ["--epochs", str(epochs)]
    _, rss = run_measured(command)
    with open(prefix + ".log.json") as f:
        log = json.load(f)["epochs"]
    return {"images_per_second": statistics.median(e["images_per_second"] for e in log),
            "seconds_per_epoch": statistics.median(e["seconds"] for e in log),
            "accuracy": log[-1]["accuracy"], "peak_rss_mib": rss}


def train_torch(model, epochs, threads, data):
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS=str(threads))
    env.pop("OPENBLAS_CORETYPE", None)
    command = [sys.executable, os.path.join(ROOT, "bench/torch_train.py"), model, "--threads", str(threads),
               "--data", data]
    if epochs:
        command += ["--epochs", str(epochs)]
    stdout, rss = run_measured(command, env)
    log = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    return {"images_per_second": statistics.median(e["images_per_second"] for e in log),
            "seconds_per_epoch": statistics.median(e["seconds"] for e in log),
            "accuracy": log[-1]["accuracy"], "peak_rss_mib": rss}


def median_of(runs, key):
    return statistics.median(r[key] for r in runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=MODELS, choices=MODELS)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=1,
                        help="epochs per run (0: each recipe's own, for the accuracy comparison)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()

    out = os.path.join(ROOT, "bench/out")
    os.makedirs(out, exist_ok=True)
    os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
    compiled = compile_examples(out)
    runs = {model: {"dlm": [], "pytorch": []} for model in args.models}
    for repetition in range(args.repetitions):
        for model in args.models:
            runs[model]["dlm"].append(train_dlm(model, out, args.epochs, args.threads, args.data))
            runs[model]["pytorch"].append(train_torch(model, args.epochs, args.threads, args.data))
            print(f"bench: {model} repetition {repetition + 1}/{args.repetitions}: "
                  f"dlm {runs[model]['dlm'][-1]['images_per_second']:.0f} img/s, "
                  f"pytorch {runs[model]['pytorch'][-1]['images_per_second']:.0f} img/s", file=sys.stderr)

    summary = {}
    header = f"{'model':<13} {'':<8} {'img/s':>9} {'s/epoch':>8} {'accuracy':>9} {'peak RSS':>10}"
    print(header)
    print("-" * len(header))
    for model in args.models:
        row = {}
        for system in ("dlm", "pytorch"):
            row[system] = {key: median_of(runs[model][system], key)
                           for key in ("images_per_second", "seconds_per_epoch", "accuracy", "peak_rss_mib")}
            r = row[system]
            print(f"{model:<13} {system:<8} {r['images_per_second']:>9.0f} {r['seconds_per_epoch']:>8.2f} "
                  f"{r['accuracy']:>9.4f} {r['peak_rss_mib']:>7.0f} MiB")
        speedup = row["dlm"]["images_per_second"] / row["pytorch"]["images_per_second"]
        # The guest loses its second vCPU for seconds at a time and both systems slow down
        # together: the ratio within each repetition (the two ran back to back) drifts less than
        # either median, so its median is printed beside the ratio of the medians.
        paired = statistics.median(d["images_per_second"] / p["images_per_second"]
                                   for d, p in zip(runs[model]["dlm"], runs[model]["pytorch"]))
        memory = row["pytorch"]["peak_rss_mib"] / row["dlm"]["peak_rss_mib"]
        row["throughput_ratio"], row["paired_throughput_ratio"], row["memory_ratio"] = speedup, paired, memory
        row.update(compiled[model])
        print(f"{model:<13} {'ratio':<8} {speedup:>8.2f}x {'':>8} {row['dlm']['accuracy'] - row['pytorch']['accuracy']:>+9.4f} "
              f"{memory:>7.2f}x less   (median of per-repetition ratios {paired:.2f}x)")
        summary[model] = row
    print()
    for model in args.models:
        print(f"{model:<13} compiles in {compiled[model]['compile_seconds']:.2f} s, "
              f"executable {compiled[model]['executable_bytes'] / 1024:.0f} KiB")

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = os.path.join(ROOT, "bench/results", f"train-{stamp}.json")
    with open(path, "w") as f:
        json.dump({"arguments": vars(args), "models": summary, "runs": runs}, f, indent=2)
    chart = os.path.splitext(path)[0] + ".svg"
    chart_for(path, chart)
    print(f"\nresults: {path}\nchart:   {chart}")


if __name__ == "__main__":
    main()
