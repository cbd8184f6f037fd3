"""Accuracy and speed of extraction on the labeled set, written to benchmarks/results/accuracy-<backend>.json
and .md so the history shows whether a change helped.

    .venv/bin/python benchmarks/bench_accuracy.py [--data datasets/labeled] [--backend onnx|openvino|paddle]
                                                  [--out benchmarks/results] [--keep DIR]

Runs ``nianbao evaluate`` in this one process (models built once; their loading is inside the first
report's time) and records field accuracy overall, per table and on non-zero cells, null/zero
confusions, metadata accuracy, identity-check precision/recall/F1, seconds per page and per report, the
process's peak resident memory, the machine, library versions, the git commit and the date.
``--keep DIR`` keeps the evaluation's predictions, metrics.json, report.md and crops there.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from nianbao.config import load_config
from nianbao.evaluate.environment import git_commit, machine_info, peak_rss_mib
from nianbao.evaluate.report import PageImages, headline
from nianbao.evaluate.run import ExtractorFactory, run_evaluation
from nianbao.evaluate.scoring import Metrics
from nianbao.export.atomic import write_json_atomic, write_text_atomic

WORST_FIELDS = 10


def _display(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def summarize(metrics: Metrics, backend: str, data: Path, wall: float) -> dict[str, Any]:
    """The benchmark record: the metrics without the per-cell lists, plus where and how they were measured."""
    figures = metrics.to_dict()
    figures.pop("misses")
    per_field = figures.pop("per_field")
    worst = sorted(per_field.items(), key=lambda item: (item[1]["accuracy"] or 0.0, item[0]))
    return {
        "benchmark": "accuracy",
        "backend": backend,
        "dataset": _display(data),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(REPO),
        "wall_seconds": round(wall, 1),
        "peak_rss_mib": peak_rss_mib(),
        "machine": machine_info(),
        **figures,
        "worst_fields": {fid: tally for fid, tally in worst[:WORST_FIELDS] if tally["right"] < tally["total"]},
    }


def render_markdown(result: dict[str, Any], metrics: Metrics) -> str:
    machine = result["machine"]
    lines = [
        f"# Accuracy on {result['dataset']} ({result['backend']} backend)", "",
        f"{result['date']}, commit {result['commit']}, {machine['cpu_count']} cores ({machine['cpu_model']}), "
        f"Python {machine['python']}, peak memory {result['peak_rss_mib']} MiB, wall {result['wall_seconds']} s", "",
        "| measure | value |", "|---|---|",
    ]  # fmt: skip
    lines += [f"| {name.strip()} | {value} |" for name, value in headline(metrics)]
    if result["worst_fields"]:
        lines += ["", "Worst fields: " + ", ".join(
            f"{fid} {t['right']}/{t['total']}" for fid, t in result["worst_fields"].items())]  # fmt: skip
    return "\n".join(lines) + "\n"


def run_benchmark(
    data: Path,
    backend: str,
    out: Path,
    keep: Path | None = None,
    factory: ExtractorFactory | None = None,
    page_images: PageImages | None = None,
) -> dict[str, Any]:
    """Evaluate on ``data``; write out/accuracy-<backend>.json and .md; return the JSON record."""
    config = load_config(None, {"ocr.backend": backend})
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nianbao-accuracy-") as scratch:
        metrics = run_evaluation(data, keep or Path(scratch), config, factory=factory, page_images=page_images)
    result = summarize(metrics, backend, data, time.perf_counter() - started)
    write_json_atomic(out / f"accuracy-{backend}.json", result)
    write_text_atomic(out / f"accuracy-{backend}.md", render_markdown(result, metrics))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO / "datasets" / "labeled")
    parser.add_argument("--backend", default="onnx", choices=("onnx", "openvino", "paddle"))
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--keep", type=Path, default=None, help="keep predictions, report.md and crops here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    run_benchmark(args.data, args.backend, args.out, args.keep)
    print((args.out / f"accuracy-{args.backend}.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
