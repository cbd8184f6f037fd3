"""Reports an hour with ``--executor ray`` against the local process pool, on this machine, written to
benchmarks/results/executors.json and executors.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_executors.py [--data datasets/labeled] [--workers 2]

Two workloads, each run with the local pool (the yardstick) and with Ray, in this process, in the order
local, ray, ray, local (``--rounds 2``), so that a change in the machine's other load during the benchmark
falls on both alike; the table gives every run and the mean per executor:

- ``ocr``: the real extractor on the labeled set, model loading included, as an archive run pays it;
- ``dispatch``: a few hundred documents read by the test suite's fake extractor (no OCR, instant), which
  leaves only what each executor costs per document and to start.

The Ray runs start a local Ray instance (no address), so Ray's own start-up and shutdown are inside the
wall time: that is what a user without a cluster pays. On two cores no speed-up is expected; the figure of
interest is the overhead, reported as the ratio to the local pool measured in the same process.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]
# The Ray instance and its workers inherit this environment: they import nianbao (and the fake extractor)
# from this checkout, and keep their session files in a temporary folder, not in /tmp/ray or ~/.ray.
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), str(REPO), os.environ.get("PYTHONPATH"))
                                           if p)  # fmt: skip
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # a local instance that lives for one run

from nianbao.bulk.executor import RaySettings
from nianbao.bulk.runner import DATABASE, LOG, RunOptions, run_extract
from nianbao.bulk.worker import DEFAULT_FACTORY
from nianbao.evaluate.environment import git_commit, machine_info
from nianbao.export.atomic import write_json_atomic, write_text_atomic

FAKE_FACTORY = "tests.bulk.fakes:make"
LOG_TIME = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) ")


def _log_seconds(log: Path, started: datetime, marker: str) -> float | None:
    """Seconds from ``started`` to the first log line containing ``marker``."""
    for line in log.read_text(encoding="utf-8").splitlines():
        match = LOG_TIME.match(line)
        if match and marker in line:
            stamp = datetime.strptime(match[1], "%Y-%m-%d %H:%M:%S,%f")
            return round((stamp - started).total_seconds(), 2)
    return None


def measure(data: Path, workers: int, factory: str, executor: str, scratch: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="nbbench", dir=scratch) as folder:
        out = Path(folder) / "out"
        load = os.getloadavg()[0]
        started_at = datetime.now()
        started = time.perf_counter()
        summary = run_extract(RunOptions(inputs=(str(data),), out_dir=out, workers=workers, quiet=True,
                                         factory=factory, argv=("bench_executors",), executor=executor,
                                         ray=RaySettings(actor_memory_mb=0)))  # fmt: skip
        wall = time.perf_counter() - started
        with sqlite3.connect(out / DATABASE) as db:
            pages, busy = db.execute(
                "SELECT COALESCE(SUM(pages), 0), COALESCE(SUM(seconds), 0) FROM documents WHERE status = 'done'"
            ).fetchone()
        ready = _log_seconds(out / LOG, started_at, "executor ray: cluster at" if executor == "ray" else "run 1:")
    return {
        "executor": executor,
        "workers": workers,
        "documents": summary.documents,
        "done": summary.done,
        "failed": sum(summary.failed.values()),
        "pages": pages,
        "wall_seconds": round(wall, 2),
        "seconds_to_ready": ready,
        "seconds_per_report_after_ready": round((wall - (ready or 0)) / summary.done, 3) if summary.done else None,
        "load_average_before": round(load, 2),
        "reports_per_hour": round(summary.done / wall * 3600, 1) if wall else None,
        "pages_per_second": round(pages / wall, 3) if wall else None,
        "extractor_seconds_total": round(busy, 2),
    }


def write_fake_archive(root: Path, count: int) -> Path:
    for i in range(count):
        path = root / f"set{i % 10}" / f"doc{i:04d}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"REPORT {i}".encode())
    return root


def means(runs: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per executor, the mean of its runs' wall time, reports/hour and start-up."""
    result = {}
    for executor in ("local", "ray"):
        mine = [run for run in runs if run["executor"] == executor]
        result[executor] = {key: round(sum(run[key] or 0 for run in mine) / len(mine), 3)
                            for key in ("wall_seconds", "reports_per_hour", "seconds_to_ready",
                                        "seconds_per_report_after_ready")}  # fmt: skip
    return result


def first_reports(data: Path, limit: int, folder: Path) -> tuple[Path, int]:
    """A folder holding copies of the first ``limit`` PDFs of ``data`` (all of them when limit is 0)."""
    pdfs = sorted(data.rglob("*.pdf"))
    chosen = pdfs[:limit] if limit else pdfs
    folder.mkdir(parents=True)
    for pdf in chosen:
        shutil.copyfile(pdf, folder / pdf.name)
    return folder, len(chosen)


def markdown(result: dict[str, Any]) -> str:
    machine = result["machine"]
    lines = [
        "# nianbao extract: Ray executor against the local pool",
        "",
        f"- date: {result['date']}",
        f"- commit: {result['commit']}",
        f"- machine: {machine['cpu_model']}, {machine['cpu_count']} cores, {machine['memory_gib']} GiB, "
        f"Python {machine['python']}, Ray {result['ray']}",
        "- Ray: a local instance started by the run (no address); its start-up and shutdown are in the wall time",
        "",
        "| workload | executor | workers | done | pages | wall s | ready after s | s/report after | reports/hour "
        "| pages/s | vs local mean | load before |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, workload in result["workloads"].items():
        local = workload["mean"]["local"]["reports_per_hour"]
        for run in workload["runs"]:
            ratio = f"{run['reports_per_hour'] / local:.2f}" if local else "-"
            lines.append(f"| {name} | {run['executor']} | {run['workers']} | {run['done']} | {run['pages']} | "
                         f"{run['wall_seconds']} | {run['seconds_to_ready']} | "
                         f"{run['seconds_per_report_after_ready']} | {run['reports_per_hour']} | "
                         f"{run['pages_per_second']} | {ratio} | {run['load_average_before']} |")  # fmt: skip
    lines += [
        "",
        "| workload | executor | mean wall s | mean ready after s | mean s/report after | mean reports/hour "
        "| vs local |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, workload in result["workloads"].items():
        local = workload["mean"]["local"]["reports_per_hour"]
        for executor, mean in workload["mean"].items():
            ratio = f"{mean['reports_per_hour'] / local:.2f}" if local else "-"
            lines.append(
                f"| {name} | {executor} | {mean['wall_seconds']:.2f} | {mean['seconds_to_ready']:.2f} | "
                f"{mean['seconds_per_report_after_ready']:.3f} | {mean['reports_per_hour']:.1f} | {ratio} |"
            )
    lines += [
        "",
        "Workloads: " + "; ".join(f"**{n}**: {w['data']}" for n, w in result["workloads"].items()) + ".",
        "'ready after': seconds from the call to the first document being sent (the local pool) or to Ray's "
        "cluster being up (Ray). 'load before': the machine's 1-minute load average when the run began "
        "(other work on the machine slows both executors alike, but not necessarily equally).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "datasets" / "labeled")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fake-documents", type=int, default=300)
    parser.add_argument("--ocr-documents", type=int, default=6, help="the first N reports of --data (0: all)")
    parser.add_argument("--rounds", type=int, default=2, help="local, ray, then ray, local, ... this often")
    parser.add_argument("--results", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    if not args.data.is_dir():
        parser.error(f"{args.data} is not a folder of reports")
    import ray

    with tempfile.TemporaryDirectory(prefix="nbbench") as scratch_name:
        scratch = Path(scratch_name)
        os.environ["RAY_TMPDIR"] = str(scratch)
        fake = write_fake_archive(scratch / "fake", args.fake_documents)
        reports, count = first_reports(args.data, args.ocr_documents, scratch / "reports")
        plan = {"dispatch": (fake, FAKE_FACTORY, f"{args.fake_documents} documents, fake extractor (no OCR)"),
                "ocr": (reports, DEFAULT_FACTORY, f"{count} reports of {args.data.name}, real OCR (onnx)")}  # fmt: skip
        workloads: dict[str, Any] = {}
        for name, (data, factory, label) in plan.items():
            runs = []
            order = [e for r in range(args.rounds) for e in (("local", "ray") if r % 2 == 0 else ("ray", "local"))]
            for executor in order:
                print(f"{name}: {executor} executor, {args.workers} worker(s)...", flush=True)
                runs.append(measure(data, args.workers, factory, executor, scratch))
                print(json.dumps(runs[-1]), flush=True)
            workloads[name] = {"data": label, "runs": runs, "mean": means(runs)}
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "ray": ray.__version__,
        "machine": machine_info(),
        "workloads": workloads,
    }
    write_json_atomic(args.results / "executors.json", result)
    write_text_atomic(args.results / "executors.md", markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
