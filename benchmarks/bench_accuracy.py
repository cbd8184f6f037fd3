"""Accuracy and speed of extraction on the committed labeled set, written to
benchmarks/results/accuracy-<backend>.json and .md so the history shows whether a change helped.

    .venv/bin/python benchmarks/bench_accuracy.py [--data datasets/labeled] [--backend onnx|paddle]

Runs ``nianbao evaluate`` in one process (models loaded once, included in the first report's time) and
records field accuracy, per table, non-zero, null/zero confusions, metadata, identity-check precision
and recall, seconds per page and per report, and the process's peak memory.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "benchmarks")]

from bench_throughput import machine_info  # noqa: E402

from nianbao.config import load_config  # noqa: E402
from nianbao.evaluate.report import headline  # noqa: E402
from nianbao.evaluate.run import run_evaluation  # noqa: E402
from nianbao.export.atomic import write_json_atomic, write_text_atomic  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO / "datasets" / "labeled")
    parser.add_argument("--backend", default="onnx", choices=("onnx", "paddle"))
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    config = load_config(None, {"ocr.backend": args.backend})
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        metrics = run_evaluation(args.data, Path(scratch), config)
    wall = time.perf_counter() - started
    summary = metrics.to_dict()
    summary.pop("per_field")
    result = {
        "benchmark": "accuracy",
        "backend": args.backend,
        "dataset": str(args.data.relative_to(REPO) if args.data.is_relative_to(REPO) else args.data),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO).stdout.strip(),
        "wall_seconds": round(wall, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "machine": machine_info(),
        **summary,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    write_json_atomic(args.out / f"accuracy-{args.backend}.json", result)
    lines = [f"# Accuracy on {result['dataset']} ({args.backend} backend)", "",
             f"{result['date']}, commit {result['commit']}, {result['machine']['cpu_count']} cores, "
             f"peak memory {result['peak_rss_mib']} MiB, wall {result['wall_seconds']} s", "",
             "| measure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in headline(metrics)]
    write_text_atomic(args.out / f"accuracy-{args.backend}.md", "\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
