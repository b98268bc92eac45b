#!/usr/bin/python3
"""chart.py - An SVG bar chart of the ratios in a bench/results JSON file.

run.py and kernels.py call ratio_chart() after each run and write the chart beside the JSON
(bench/results/<name>.svg). `python3 bench/chart.py RESULTS.json [OUT.svg]` draws it again from a
results file. One horizontal bar per row: dlm's throughput over the peer's, with a line at parity
(1.0) and, where the issue sets one, a tick at the bar to clear.
"""

import html
import json
import os
import sys

ROW_HEIGHT = 22
LABEL_WIDTH = 330
PLOT_WIDTH = 420
MARGIN = 12


def ratio_chart(title, rows, path):
    """Writes `rows` [(label, ratio, target or None)] as a bar chart to `path`.

    Bars are drawn to scale from 0 to the largest ratio or target (at least 1.5); a bar at or
    above its target (or parity, where there is none) is green, below it orange.
    """
    rows = [(label, ratio, target) for label, ratio, target in rows if ratio is not None]
    top = max([1.5] + [ratio for _, ratio, _ in rows] + [target for _, _, target in rows if target])
    scale = PLOT_WIDTH / top
    height = 2 * MARGIN + 30 + ROW_HEIGHT * len(rows) + 20
    width = 2 * MARGIN + LABEL_WIDTH + PLOT_WIDTH + 60
    x0 = MARGIN + LABEL_WIDTH
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             f'<text x="{MARGIN}" y="{MARGIN + 12}" font-size="14">{html.escape(title)}</text>']
    for index, (label, ratio, target) in enumerate(rows):
        y = MARGIN + 30 + index * ROW_HEIGHT
        cleared = ratio >= (target if target else 1.0)
        color = "#2e8b57" if cleared else "#e07b00"
        parts.append(f'<text x="{x0 - 6}" y="{y + 14}" text-anchor="end">{html.escape(label)}</text>')
        parts.append(f'<rect x="{x0}" y="{y + 3}" width="{ratio * scale:.1f}" height="{ROW_HEIGHT - 6}" '
                     f'fill="{color}"><title>{html.escape(label)}: {ratio:.2f}x</title></rect>')
        # The value sits right of the bar, or of the target or parity line when the bar ends short of it.
        parts.append(f'<text x="{x0 + max(ratio, target or 1.0) * scale + 4:.1f}" y="{y + 14}">{ratio:.2f}x</text>')
        if target and target != 1.0:  # parity has its own line
            tick = x0 + target * scale
            parts.append(f'<line x1="{tick:.1f}" x2="{tick:.1f}" y1="{y + 1}" y2="{y + ROW_HEIGHT - 1}" '
                         f'stroke="black" stroke-width="2"/>')
    bottom = MARGIN + 30 + ROW_HEIGHT * len(rows)
    parity = x0 + scale
    parts.append(f'<line x1="{parity:.1f}" x2="{parity:.1f}" y1="{MARGIN + 26}" y2="{bottom + 4}" '
                 f'stroke="gray" stroke-dasharray="4 3"/>')
    parts.append(f'<text x="{parity:.1f}" y="{bottom + 16}" text-anchor="middle" fill="gray">1.0 (parity)</text>')
    parts.append("</svg>\n")
    with open(path, "w") as f:
        f.write("\n".join(parts))


# The bars of issue 5: training throughput over PyTorch's, per model.
TRAINING_TARGETS = {"mlp": 3.0, "lenet": 3.0, "resnet_small": 1.5}


def training_rows(results):
    """Per model: the median of the per-repetition throughput ratios, and its bar."""
    return [(f"{model} training vs PyTorch", row["paired_throughput_ratio"], TRAINING_TARGETS.get(model))
            for model, row in results["models"].items()]


def kernel_rows(results):
    """Per kernel and thread count: dlm over oneDNN (matmuls and convolutions must reach it)."""
    return [(f"{row['kernel']} ({row['threads']}t)", row["dlm_over_onednn"], 1.0) for row in results["rows"]]


def chart_for(results_path, svg_path):
    with open(results_path) as f:
        results = json.load(f)
    if "models" in results:
        ratio_chart("dlm training throughput over PyTorch's (median of per-repetition ratios)",
                    training_rows(results), svg_path)
    else:
        ratio_chart("dlm over oneDNN, GFLOP/s (medians)", kernel_rows(results), svg_path)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: bench/chart.py RESULTS.json [OUT.svg]")
    results_path = sys.argv[1]
    svg_path = sys.argv[2] if len(sys.argv) == 3 else os.path.splitext(results_path)[0] + ".svg"
    chart_for(results_path, svg_path)
    print(f"chart: {svg_path}")


if __name__ == "__main__":
    main()
