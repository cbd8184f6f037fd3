"""The OCR backends side by side in one run, with img2table + RapidOCR as a yardstick; written to
benchmarks/results/backends.json and backends.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_backends.py [--data datasets/labeled]
        [--backends onnx openvino] [--threads 1] [--yardstick-reports 3]

In one process, each report is extracted by every backend in turn (the order rotates from report to
report), so a busy machine slows them alike and the ratios hold; seconds per page are given with the
ratio to the first backend beside them. Every backend's predictions are scored against the truth:
field accuracy per report and silent errors (a number that is wrong, not null). ``--threads 1`` is one
single-threaded process per core, what ``nianbao extract`` runs with as many workers as cores.

The yardstick is img2table 2.0 with RapidOCR 3.10 on the same PP-OCRv6-small ONNX files (whole-page
OCR, tables only, no mapping), reading the same rendered pages of the first three reports (its ratio
is over those reports); install it by hand
(``pip install img2table``), it is no dependency of nianbao.

Model loading is measured in fresh interpreters (what each worker pays): importing the runtime and
building the engine, and the resident memory after it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

import cv2
import numpy as np

from nianbao.config import load_config
from nianbao.evaluate.environment import git_commit, machine_info
from nianbao.evaluate.run import labeled_documents
from nianbao.evaluate.scoring import score_reports
from nianbao.export.atomic import write_json_atomic, write_text_atomic
from nianbao.ingest import iter_pages, open_document
from nianbao.ocr.base import build_engine
from nianbao.pipeline import Extractor

YARDSTICK = "img2table+rapidocr"
LOAD_SNIPPET = """
import resource, sys, time
started = time.perf_counter()
from nianbao.config import load_config
from nianbao.ocr.base import build_engine
engine = build_engine(load_config(None, {{"ocr.backend": "{backend}", "ocr.threads": {threads}}}).ocr)
seconds = time.perf_counter() - started
print(seconds, getattr(engine, "load_seconds", seconds), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def load_costs(backend: str, threads: int, repeats: int = 3) -> dict[str, Any]:
    """Median seconds to import the runtime and build the engine in a fresh interpreter, and its RSS."""
    runs = []
    for _ in range(repeats):
        done = subprocess.run([sys.executable, "-c", LOAD_SNIPPET.format(backend=backend, threads=threads)],
                              capture_output=True, text=True, check=True, env={"PYTHONPATH": str(REPO / "src")})  # fmt: skip
        runs.append([float(v) for v in done.stdout.split()])
    return {
        "import_and_load_s": round(statistics.median(r[0] for r in runs), 3),
        "models_load_s": round(statistics.median(r[1] for r in runs), 3),
        "rss_after_load_mib": round(statistics.median(r[2] for r in runs), 1),
    }


class Yardstick:
    """img2table's ruled-table extraction with RapidOCR on the rapidocr wheel's PP-OCRv6-small files."""

    name = YARDSTICK

    def __init__(self, threads: int) -> None:
        from img2table.ocr import RapidOCR
        from rapidocr import LangRec

        from nianbao.ocr.ppocr import CLS_FILE, DET_FILE, REC_FILE, model_dir

        folder = model_dir()
        self.ocr = RapidOCR(params={
            "Rec.lang_type": LangRec.CH, "Global.log_level": "error",
            "Det.model_path": str(folder / DET_FILE), "Rec.model_path": str(folder / REC_FILE),
            "Cls.model_path": str(folder / CLS_FILE),
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        })  # fmt: skip

    def extract(self, path: Path, dpi: int) -> dict[str, Any]:
        from img2table.document import Image

        started, pages, tables = time.perf_counter(), 0, 0
        for page in iter_pages(open_document(path, 60), dpi):
            encoded = cv2.imencode(".png", page.image, [cv2.IMWRITE_PNG_COMPRESSION, 1])[1].tobytes()
            paused = time.perf_counter()
            document = Image(encoded, detect_rotation=False)
            started += time.perf_counter() - paused  # the PNG encoding is ours, not the yardstick's
            tables += len(document.extract_tables(ocr=self.ocr, implicit_rows=False, borderless_tables=False))
            pages += 1
        return {"seconds": time.perf_counter() - started, "pages": pages, "tables": tables}


def run_round(documents: dict[str, tuple[Path, dict]], extractors: dict[str, Extractor],
              yardstick: Yardstick | None, yardstick_reports: int, dpi: int) -> tuple[dict[str, dict[str, Any]], dict[str, dict]]:  # fmt: skip
    """Every report through every runner, the order rotated per report: seconds and pages per runner."""
    names = list(extractors) + ([yardstick.name] if yardstick else [])
    yardstick_stems = set(list(documents)[:yardstick_reports])
    timings: dict[str, dict[str, Any]] = {name: {} for name in names}
    predictions: dict[str, dict] = {name: {} for name in extractors}
    for index, (stem, (path, _)) in enumerate(documents.items()):
        for name in names[index % len(names) :] + names[: index % len(names)]:
            if name == YARDSTICK:
                if yardstick is not None and stem in yardstick_stems:
                    timings[name][stem] = yardstick.extract(path, dpi)
                continue
            started = time.perf_counter()
            result = extractors[name].extract(path)
            seconds = time.perf_counter() - started
            predictions[name][stem] = result
            timings[name][stem] = {"seconds": seconds, "pages": int(result["source"]["pages"])}
        line = ", ".join(
            f"{n} {timings[n][stem]['seconds'] / timings[n][stem]['pages']:.2f}" for n in names if stem in timings[n]
        )
        print(f"{stem}: s/page {line}", flush=True)
    return timings, predictions


def summarize_speed(timings: dict[str, dict[str, Any]], reference: str) -> dict[str, Any]:
    """Seconds per page and the time ratio to ``reference`` over the reports both read."""
    summary = {}
    for name, per_report in timings.items():
        per_page = [t["seconds"] / t["pages"] for t in per_report.values() if t["pages"]]
        total = sum(t["seconds"] for t in per_report.values())
        ref_total = sum(timings[reference][stem]["seconds"] for stem in per_report)
        summary[name] = {
            "median_s_per_page": round(statistics.median(per_page), 3),
            "total_s": round(total, 2),
            "pages": sum(t["pages"] for t in per_report.values()),
            "reports": len(per_report),
            f"time_ratio_to_{reference}": round(total / ref_total, 3),
            "per_report_s": {stem: round(t["seconds"], 3) for stem, t in per_report.items()},
        }
    return summary


def summarize_accuracy(documents: dict[str, tuple[Path, dict]], predictions: dict[str, dict]) -> dict[str, Any]:
    truths = {stem: truth for stem, (_, truth) in documents.items()}
    summary = {}
    for name, predicted in predictions.items():
        metrics = score_reports(truths, predicted, {})
        summary[name] = {
            "field_accuracy": metrics.overall.to_dict(),
            "non_zero_accuracy": metrics.non_zero.to_dict(),
            "silent_errors": sum(1 for m in metrics.misses if m.present and m.predicted is not None),
            "zero_read_as_null": metrics.zero_read_as_null,
            "per_report_accuracy": {stem: t.accuracy for stem, t in sorted(metrics.per_report.items())},
        }
    return summary


def markdown(result: dict[str, Any]) -> str:
    reference = result["reference"]
    machine = result["machine"]
    lines = [
        "# OCR backends side by side", "",
        f"- date: {result['date']}", f"- commit: {result['commit']}", f"- data: {result['data']}",
        f"- machine: {machine['cpu_model']}, {machine['cpu_count']} cores, {machine['memory_gib']} GiB, "
        f"Python {machine['python']}; load average at start {result['load_average']}",
        f"- OCR threads per process: {result['threads']}; one process, every report through every runner in "
        "turn (ratios are comparable, seconds depend on how busy the machine was)", "",
        f"| runner | median s / page | total s | time ratio to {reference} | field accuracy | silent errors "
        "| import + load s | RSS after load MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]  # fmt: skip
    for name, speed in result["speed"].items():
        accuracy = result["accuracy"].get(name)
        load = result["load"].get(name, {})
        field = f"{accuracy['field_accuracy']['accuracy']:.2%}" if accuracy else "tables only, no fields"
        silent = accuracy["silent_errors"] if accuracy else "-"
        name = f"{name} ({speed['reports']} reports)" if name == YARDSTICK else name
        lines.append(f"| {name} | {speed['median_s_per_page']} | {speed['total_s']} | "
                     f"{speed[f'time_ratio_to_{reference}']} | {field} | {silent} | "
                     f"{load.get('import_and_load_s', '-')} | {load.get('rss_after_load_mib', '-')} |")  # fmt: skip
    names = list(result["accuracy"])
    if len(names) > 1:
        lines += ["", "Field accuracy per report:", "", "| report | " + " | ".join(names) + " |",
                  "|---|" + "---:|" * len(names)]  # fmt: skip
        for stem in result["accuracy"][names[0]]["per_report_accuracy"]:
            cells = [f"{result['accuracy'][n]['per_report_accuracy'].get(stem, 0):.2%}" for n in names]
            lines.append(f"| {stem} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO / "datasets" / "labeled")
    parser.add_argument("--backends", nargs="+", default=["onnx", "openvino"])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--yardstick-reports",
        type=int,
        default=3,
        help="the yardstick reads only the first N reports (it is slow); 0: none",
    )
    parser.add_argument("--results", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    load_average = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    commit = git_commit(REPO)  # at the start: the code that is measured
    load = {backend: load_costs(backend, args.threads) for backend in args.backends}
    print(json.dumps(load), flush=True)
    documents = labeled_documents(args.data)
    configs = {b: load_config(None, {"ocr.backend": b, "ocr.threads": args.threads}) for b in args.backends}
    classifier = Extractor(configs[args.backends[0]]).classifier
    extractors = {b: Extractor(c, build_engine(c.ocr), classifier) for b, c in configs.items()}
    yardstick = Yardstick(args.threads) if args.yardstick_reports > 0 else None
    warm = next(iter(documents.values()))[0]
    for extractor in extractors.values():
        extractor.extract(warm)  # first-call costs (allocations, OpenVINO shape compilation) not timed
    if yardstick:
        yardstick.ocr.engine(np.full((64, 256, 3), 255, np.uint8))  # its first-call costs, not timed
    timings, predictions = run_round(
        documents, extractors, yardstick, args.yardstick_reports, configs[args.backends[0]].ingest.dpi
    )
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "data": str(args.data.resolve().relative_to(REPO))
        if args.data.resolve().is_relative_to(REPO)
        else str(args.data),
        "threads": args.threads,
        "load_average": load_average,
        "machine": machine_info(),
        "reference": args.backends[0],
        "load": load,
        "speed": summarize_speed(timings, args.backends[0]),
        "accuracy": summarize_accuracy(documents, predictions),
    }
    write_json_atomic(args.results / "backends.json", result)
    write_text_atomic(args.results / "backends.md", markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
