"""Throughput of ``nianbao extract``: reports/hour, pages/second and peak memory per worker, with 1 and 2
workers, written to benchmarks/results/throughput.json and throughput.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_throughput.py [--data datasets/labeled] [--workers 1 2]
                                                                   [--backends onnx openvino]

Each configuration runs into a fresh temporary folder, so model loading (once per worker) is included:
that is what an archive run pays. Peak memory is each worker's own ru_maxrss, reported by the worker
after every document and recorded in the run database. With one worker the OCR runtime uses every core
(``ocr.threads: 0``); with N workers each gets its share (one thread each on two cores): comparing the
two rows is the measurement behind one single-threaded process per core.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from nianbao.bulk.runner import DATABASE, RunOptions, run_extract
from nianbao.bulk.worker import DEFAULT_FACTORY
from nianbao.evaluate.environment import git_commit, machine_info
from nianbao.export.atomic import write_json_atomic, write_text_atomic


def measure(data: Path, workers: int, factory: str, backend: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as folder:
        out = Path(folder) / "out"
        started = time.perf_counter()
        summary = run_extract(RunOptions(inputs=(str(data),), out_dir=out, workers=workers, quiet=True,
                                         factory=factory, backend=backend, argv=("bench_throughput",)))  # fmt: skip
        wall = time.perf_counter() - started
        with sqlite3.connect(out / DATABASE) as db:
            per_worker = db.execute(
                "SELECT worker_pid, MAX(peak_rss_mb), COUNT(*) FROM documents WHERE worker_pid IS NOT NULL "
                "GROUP BY worker_pid"
            ).fetchall()
            pages, doc_seconds = db.execute(
                "SELECT COALESCE(SUM(pages), 0), COALESCE(AVG(seconds), 0) FROM documents WHERE status = 'done'"
            ).fetchone()
    return {
        "backend": backend,
        "workers": workers,
        "ocr_threads_per_worker": "all cores" if workers == 1 else max(1, (os.cpu_count() or 1) // workers),
        "documents": summary.documents,
        "done": summary.done,
        "failed": summary.failed,
        "pages": pages,
        "wall_seconds": round(wall, 2),
        "reports_per_hour": round(summary.done / wall * 3600, 1) if wall else None,
        "pages_per_second": round(pages / wall, 3) if wall else None,
        "mean_seconds_per_report_in_worker": round(doc_seconds, 2),
        "peak_rss_mb_per_worker": [round(row[1] or 0, 1) for row in per_worker],
        "documents_per_worker": [row[2] for row in per_worker],
        "peak_rss_mb_children": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "# nianbao extract throughput",
        "",
        f"- date: {result['date']}",
        f"- commit: {result['commit']}",
        f"- data: {result['data']}",
        f"- machine: {result['machine']['cpu_model']}, {result['machine']['cpu_count']} cores, "
        f"{result['machine']['memory_gib']} GiB, Python {result['machine']['python']}",
        "",
        "| backend | workers | OCR threads each | done | failed | pages | wall s | reports/hour | pages/s "
        "| peak RSS per worker (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in result["runs"]:
        failed = sum(run["failed"].values())
        rss = ", ".join(f"{v:g}" for v in run["peak_rss_mb_per_worker"])
        lines.append(f"| {run.get('backend', 'onnx')} | {run['workers']} | {run.get('ocr_threads_per_worker', '')} |"
                     f" {run['done']} | {failed} | {run['pages']} | {run['wall_seconds']} | "
                     f"{run['reports_per_hour']} | {run['pages_per_second']} | {rss} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "datasets" / "labeled")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--backends", nargs="+", default=["onnx"])
    parser.add_argument("--results", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--factory", default=DEFAULT_FACTORY, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.data.is_dir():
        parser.error(f"{args.data} is not a folder of reports")
    runs = []
    for backend in args.backends:
        for workers in args.workers:
            print(f"extracting {args.data} with {workers} worker(s), {backend}...", flush=True)
            runs.append(measure(args.data, workers, args.factory, backend))
            print(json.dumps(runs[-1], ensure_ascii=False), flush=True)
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "data": str(args.data),
        "factory": args.factory,
        "machine": machine_info(),
        "runs": runs,
    }
    write_json_atomic(args.results / "throughput.json", result)
    write_text_atomic(args.results / "throughput.md", markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
