"""What one recognised crop costs: milliseconds per crop of the PP-OCRv6-small recogniser by input width
and batch size, with ONNX Runtime and OpenVINO, one thread; written to benchmarks/results/recogniser.json
and recogniser.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_recogniser.py [--repeats 4]

Random input of the recogniser's shape (3 x 48 x width): the cost of the network does not depend on what
the crop shows. Width 96 is nianbao's narrowest input (a number), 320 PaddleOCR's standard width (the
second look, and a long label line is wider still). The two runtimes run alternately in one process,
so a busy machine slows them alike. This is the floor under a scanned page's time: a page costs about
its recogniser columns (the sum of its crops' widths) times the cost of a column.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

import numpy as np

from nianbao.evaluate.environment import git_commit, machine_info
from nianbao.export.atomic import write_json_atomic, write_text_atomic
from nianbao.ocr.ppocr import REC_FILE, model_dir
from nianbao.ocr.sessions import OnnxSession, OpenVinoSession

WIDTHS = (96, 192, 320)
BATCHES = (1, 8, 24)


def measure(repeats: int) -> list[dict[str, Any]]:
    path = model_dir() / REC_FILE
    sessions = {"onnx": OnnxSession(path, 1), "openvino": OpenVinoSession(path, 1)}
    rows = []
    rng = np.random.default_rng(0)
    for width in WIDTHS:
        for batch in BATCHES:
            crops = rng.random((batch, 3, 48, width), dtype=np.float32)
            seconds = dict.fromkeys(sessions, 0.0)
            for session in sessions.values():
                session.run(crops)  # the first run of a shape compiles or allocates
            for _ in range(repeats):
                for name, session in sessions.items():
                    started = time.perf_counter()
                    session.run(crops)
                    seconds[name] += time.perf_counter() - started
            per_crop = {name: round(total / repeats / batch * 1000, 2) for name, total in seconds.items()}
            rows.append({"width": width, "batch": batch, "ms_per_crop": per_crop})
            print(rows[-1], flush=True)
    return rows


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "# Recogniser cost per crop",
        "",
        f"- date: {result['date']}",
        f"- commit: {result['commit']}",
        f"- machine: {result['machine']['cpu_model']}, {result['machine']['cpu_count']} cores, "
        f"Python {result['machine']['python']}; one thread per runtime; {result['repeats']} repeats",
        "",
        "| input width | batch | ONNX Runtime ms / crop | OpenVINO ms / crop | OpenVINO / ONNX Runtime |",
        "|---:|---:|---:|---:|---:|",
    ]
    for row in result["rows"]:
        onnx, openvino = row["ms_per_crop"]["onnx"], row["ms_per_crop"]["openvino"]
        ratio = round(openvino / onnx, 2) if onnx else ""
        lines.append(f"| {row['width']} | {row['batch']} | {onnx} | {openvino} | {ratio} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--results", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine_info(),
        "repeats": args.repeats,
        "rows": measure(args.repeats),
    }
    write_json_atomic(args.results / "recogniser.json", result)
    write_text_atomic(args.results / "recogniser.md", markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
