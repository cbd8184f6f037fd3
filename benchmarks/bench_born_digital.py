"""Speed of born-digital input: a digital PDF page, an HTML and a DOCX report, and a digital PDF against
its own scan (the same pages rasterised into an image-only PDF and OCR'd), written to
benchmarks/results/born_digital.json and born_digital.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_born_digital.py [--reports 3] [--seed 7]

One Extractor, models loaded first (a warm-up report of every form is read and not timed), then every
form of each generated report timed in the same process; the scan of the same report is the yardstick.
Targets (issue 9): a digital PDF page <= 0.1 s, an HTML or DOCX report <= 0.2 s, a digital PDF <= 1/10
of its scan's time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from nianbao.config import load_config
from nianbao.evaluate.environment import git_commit, machine_info
from nianbao.export.atomic import write_json_atomic, write_text_atomic
from nianbao.pipeline import Extractor
from tests.fixtures.born_digital import report_spec, write_forms

FORMS = ("digital", "html", "docx", "scan")
SCAN_DPI = 200


def rasterise(pdf: Path, out: Path, dpi: int = SCAN_DPI) -> Path:
    """The PDF's pages as an image-only PDF: its own scan, without damage."""
    document = pdfium.PdfDocument(str(pdf))
    images = [document[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(document))]
    document.close()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return out


def make_reports(folder: Path, count: int, seed: int) -> list[dict[str, Path]]:
    reports = []
    for k in range(count + 1):  # the first is the warm-up
        spec = report_spec("2021" if k % 2 == 0 else "2019", seed * 100 + k)
        forms = write_forms(spec, folder / f"r{k}")
        forms["scan"] = rasterise(forms["digital"], folder / f"r{k}" / "scan.pdf")
        reports.append({name: forms[name] for name in FORMS})
    return reports


def timed(extractor: Extractor, path: Path) -> tuple[float, float, dict[str, Any]]:
    """(wall seconds, CPU seconds of this process, the report)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = extractor.extract(path)
    return time.perf_counter() - started, time.process_time() - cpu, result


def run(count: int, seed: int) -> dict[str, Any]:
    extractor = Extractor(load_config())
    with tempfile.TemporaryDirectory(prefix="nianbao-born-") as folder:
        warm_up, *reports = make_reports(Path(folder), count, seed)
        for path in warm_up.values():
            extractor.extract(path)
        rows = []
        for k, forms in enumerate(reports, start=1):
            row: dict[str, Any] = {"report": k}
            for name, path in forms.items():
                seconds, cpu, result = timed(extractor, path)
                row[name] = {
                    "seconds": round(seconds, 4),
                    "cpu_seconds": round(cpu, 4),
                    "pages": result["source"]["pages"],
                    "kind": result["source"]["kind"],
                }
            row["digital_over_scan"] = round(row["digital"]["seconds"] / row["scan"]["seconds"], 4)
            row["digital_over_scan_cpu"] = round(row["digital"]["cpu_seconds"] / row["scan"]["cpu_seconds"], 4)
            rows.append(row)
    return {"reports": rows, "summary": summarise(rows)}


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for clock, key in (("wall", "seconds"), ("cpu", "cpu_seconds")):
        digital_page = [r["digital"][key] / r["digital"]["pages"] for r in rows]
        summary[clock] = {
            "digital_per_page_mean": round(statistics.mean(digital_page), 4),
            "digital_per_page_max": round(max(digital_page), 4),
            "html_per_report_max": round(max(r["html"][key] for r in rows), 4),
            "docx_per_report_max": round(max(r["docx"][key] for r in rows), 4),
            "scan_per_page_mean": round(statistics.mean(r["scan"][key] / r["scan"]["pages"] for r in rows), 4),
            "digital_over_scan_max": round(max(r["digital"][key] / r["scan"][key] for r in rows), 4),
        }
    return summary


def markdown(results: dict[str, Any], meta: dict[str, Any]) -> str:
    wall, cpu = results["summary"]["wall"], results["summary"]["cpu"]
    machine = meta["machine"]
    lines = [
        "# Born-digital input: speed",
        "",
        f"- date: {meta['date']}",
        f"- commit: {meta['commit']}",
        (
            f"- machine: {machine.get('cpu_model')}, {machine.get('usable_cores')} cores, {machine.get('memory_gib')} GiB, "
            f"Python {machine.get('python')}; load average at the start: {meta['load']}"
        ),
        (
            "- one process, models loaded, a warm-up report of every form read first (not timed); CPU is this "
            "process's CPU time (all threads), steadier than wall time on a shared machine"
        ),
        "",
        "| measure | wall | CPU | target |",
        "|---|---:|---:|---:|",
        f"| digital PDF, s / page (mean) | {wall['digital_per_page_mean']} | {cpu['digital_per_page_mean']} | <= 0.1 |",
        f"| digital PDF, s / page (max) | {wall['digital_per_page_max']} | {cpu['digital_per_page_max']} | <= 0.1 |",
        f"| HTML report, s (max) | {wall['html_per_report_max']} | {cpu['html_per_report_max']} | <= 0.2 |",
        f"| DOCX report, s (max) | {wall['docx_per_report_max']} | {cpu['docx_per_report_max']} | <= 0.2 |",
        f"| its own scan (OCR), s / page (mean) | {wall['scan_per_page_mean']} | {cpu['scan_per_page_mean']} | (yardstick) |",
        f"| digital PDF / its scan (max) | {wall['digital_over_scan_max']} | {cpu['digital_over_scan_max']} | <= 0.1 |",
        "",
        "| report | pages | digital s | html s | docx s | scan s | digital / scan |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["reports"]:
        lines.append(
            f"| {r['report']} | {r['digital']['pages']} | {r['digital']['seconds']} | {r['html']['seconds']} | "
            f"{r['docx']['seconds']} | {r['scan']['seconds']} | {r['digital_over_scan']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    meta = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine_info(),
        "load": round(os.getloadavg()[0], 1),
    }
    results = run(args.reports, args.seed)
    write_json_atomic(args.out / "born_digital.json", {**meta, **results})
    write_text_atomic(args.out / "born_digital.md", markdown(results, meta))
    print(json.dumps(results["summary"], indent=1))


if __name__ == "__main__":
    main()
