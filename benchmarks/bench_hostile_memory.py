"""Peak memory of one worker on hostile input: page-size bombs, pixel bombs, deep and huge scans,
against a yardstick (an ordinary two-page report) measured in the same process. Written to
benchmarks/results/hostile_memory.json and hostile_memory.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_hostile_memory.py

Each input is extracted by its own ``nianbao extract`` run with one worker, so every figure is a fresh
worker's own ru_maxrss (models included), as recorded in the run database. The limit to hold is 2 GB.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from nianbao.bulk.runner import DATABASE, RunOptions, run_extract
from nianbao.evaluate.environment import git_commit, machine_info
from nianbao.export.atomic import write_json_atomic, write_text_atomic
from tests.fixtures.hostile import pdf_with_page, png_bomb, save_16bit_png
from tests.fixtures.report import consistent_values, render_report

LIMIT_MB = 2048
TITLE = "淮安市洪泽区人民政府\n2023年政府信息公开工作年度报告"


def _report(folder: Path) -> Path:
    path = folder / "report.pdf"
    render_report(consistent_values(random.Random(3)), TITLE, path)
    return path


def _scan16_600dpi(folder: Path) -> Path:
    document = pdfium.PdfDocument(str(_report(folder)))
    gray = np.asarray(document[0].render(scale=600 / 72).to_pil().convert("L"))
    document.close()
    return save_16bit_png(gray, folder / "scan16_600dpi.png")


def _pdf(width_in: float, height_in: float, name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(pdf_with_page(width_in * 72, height_in * 72))
        return path

    return make


def _white_rgb(width: int, height: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / f"white_{width}x{height}.png"
        Image.new("RGB", (width, height), (255, 255, 255)).save(path)
        return path

    return make


# (label, how to make the file, dpi)
CASES: list[tuple[str, Callable[[Path], Path], int]] = [
    ("yardstick: 2-page report PDF, 200 dpi", _report, 200),
    ("2-page report PDF, 600 dpi (A4 is over the page budget there)", _report, 600),
    ("page-size bomb PDF, 100×100 in, 200 dpi", _pdf(100, 100, "bomb.pdf"), 200),
    ("page-size bomb PDF, 100×100 in, 600 dpi", _pdf(100, 100, "bomb.pdf"), 600),
    ("A0 page PDF, 600 dpi", _pdf(33.1, 46.8, "a0.pdf"), 600),
    ("16-bit A4 scan at 600 dpi (35 Mpx)", _scan16_600dpi, 200),
    ("RGB image just under the page budget (24 Mpx)", _white_rgb(6000, 4000), 200),
    ("gray image just under the refusal limit (99.8 Mpx)", lambda f: png_bomb(f / "big.png", 9990, 9990), 200),
    ("pixel bomb PNG (900 Mpx)", lambda f: png_bomb(f / "bomb.png", 30000, 30000), 200),
]


def measure(label: str, make: Callable[[Path], Path], dpi: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="nianbao-hostile-") as folder:
        path = make(Path(folder))
        out = Path(folder) / "out"
        started = time.perf_counter()
        run_extract(RunOptions(inputs=(str(path),), out_dir=out, workers=1, dpi=dpi, quiet=True,
                               argv=("bench_hostile_memory",)))  # fmt: skip
        wall = time.perf_counter() - started
        with sqlite3.connect(out / DATABASE) as db:
            status, kind, peak = db.execute("SELECT status, error_kind, peak_rss_mb FROM documents").fetchone()
        return {"input": label, "file_bytes": path.stat().st_size, "dpi": dpi, "status": status,
                "error_kind": kind, "peak_rss_mb": peak, "wall_seconds": round(wall, 1)}  # fmt: skip


def markdown(result: dict[str, Any]) -> str:
    machine = result["machine"]
    lines = [
        "# Peak memory per worker on hostile input",
        "",
        f"- date: {result['date']}",
        f"- commit: {result['commit']}",
        f"- machine: {machine['cpu_model']}, {machine['cpu_count']} cores, {machine['memory_gib']} GiB",
        f"- limit: {LIMIT_MB} MB per worker; every figure is a fresh worker's peak RSS, models included",
        "",
        "| input | file | dpi | outcome | peak RSS (MB) | × yardstick | under limit |",
        "|---|---:|---:|---|---:|---:|---|",
    ]
    yardstick = result["runs"][0]["peak_rss_mb"] or 1.0
    for run in result["runs"]:
        outcome = run["status"] + (f" ({run['error_kind']})" if run["error_kind"] else "")
        peak = run["peak_rss_mb"]
        ratio = f"{peak / yardstick:.2f}" if peak else "–"
        under = "yes" if peak is not None and peak < LIMIT_MB else ("–" if peak is None else "**no**")
        lines.append(
            f"| {run['input']} | {run['file_bytes']:,} B | {run['dpi']} | {outcome} | {peak} | {ratio} | {under} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    runs = []
    for label, make, dpi in CASES:
        print(f"{label} ...", flush=True)
        runs.append(measure(label, make, dpi))
        print(runs[-1], flush=True)
    result = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "commit": git_commit(),
              "machine": machine_info(), "limit_mb": LIMIT_MB, "runs": runs}  # fmt: skip
    write_json_atomic(args.results / "hostile_memory.json", result)
    write_text_atomic(args.results / "hostile_memory.md", markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
