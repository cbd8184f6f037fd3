"""What drawing a fax's unsure numbers again costs (ocr.fax_drawing), written to
benchmarks/results/fax_drawing.json and fax_drawing.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_fax_drawing.py [--data datasets/labeled ...] [--repeat 2]

Every fax document under ``--data`` (a report whose truth file says profile ``fax``, or any document of a
folder given with ``--all``) is extracted in this one process by two extractors that share one OCR
engine: one as configured, with a new drawer each time (no drawing kept from an earlier run, as for a
document in a face not seen before), and the yardstick with ``ocr.fax_fonts`` empty (nothing drawn),
alternately, ``--repeat`` times each. Reports seconds a page of both, their ratio, and the most a drawer
kept in memory after one document.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from nianbao.config import load_config
from nianbao.evaluate.environment import git_commit, machine_info
from nianbao.export.atomic import write_json_atomic, write_text_atomic
from nianbao.pipeline import Extractor

DOCUMENTS = (".pdf", ".png", ".jpg", ".tiff", ".tif")


def fax_documents(folders: list[Path], everything: bool) -> list[Path]:
    found = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in DOCUMENTS:
                continue
            truth = path.with_name(path.name[: -len(path.suffix)] + ".truth.json")
            profile = json.loads(truth.read_text(encoding="utf-8")).get("profile") if truth.exists() else None
            if everything or profile == "fax":
                found.append(path)
    return found


def timed(extractor: Extractor, path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    report = extractor.extract(path)
    return time.perf_counter() - started, int(report.source.pages or 0)


def measure(documents: list[Path], repeat: int) -> dict[str, Any]:
    config = load_config()
    warm = Extractor(config)
    yardstick = Extractor(load_config(overrides={"ocr.fax_fonts": ""}), engine=warm.engine)
    per_document, held = [], 0
    for path in documents:
        timed(warm, path)  # the first run loads the models
        runs: dict[str, list[float]] = {"drawing": [], "yardstick": []}
        for _ in range(repeat):
            # a new drawer each time: a document in a face not seen before finds none of its drawings kept
            drawing = Extractor(config, engine=warm.engine, classifier=warm.classifier)
            for name, extractor in (("yardstick", yardstick), ("drawing", drawing)):
                seconds, pages = timed(extractor, path)
                runs[name].append(seconds / max(pages, 1))
            held = max(held, drawing.fax_drawer.held_bytes())
        best = {name: min(values) for name, values in runs.items()}
        per_document.append(
            {"document": path.name, "pages": pages, **best, "ratio": best["drawing"] / best["yardstick"]}
        )
    return {"documents": per_document, "median_ratio": statistics.median(d["ratio"] for d in per_document),
            "drawer_cache_mib": round(held / 2**20, 1)}  # fmt: skip


def write(result: dict[str, Any], out: Path) -> None:
    write_json_atomic(out / "fax_drawing.json", result)
    lines = [
        "# Drawing a fax's unsure numbers again: seconds a page",
        "",
        f"{result['date']}, commit {result['commit']}, {result['machine']}; best of {result['repeat']} per "
        "document, one process, each drawing run with a new drawer; the yardstick is the same extraction with "
        "`ocr.fax_fonts` empty.",
        "",
        "| document | pages | drawing s/page | yardstick s/page | ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    for doc in result["documents"]:
        lines.append(f"| {doc['document']} | {doc['pages']} | {doc['drawing']:.2f} | {doc['yardstick']:.2f} | "
                     f"{doc['ratio']:.2f} |")  # fmt: skip
    lines += ["", f"Median ratio {result['median_ratio']:.2f}; the drawer held {result['drawer_cache_mib']} MiB of "
              "drawings after one document at most (it keeps at most `MAX_DRAWINGS`)."]  # fmt: skip
    write_text_atomic(out / "fax_drawing.md", "\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="+", default=[REPO / "datasets" / "labeled"])
    parser.add_argument("--all", action="store_true", help="every document of the folders, not only fax ones")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    documents = fax_documents(args.data, args.all)
    if not documents:
        sys.exit(f"no fax documents under {', '.join(map(str, args.data))}")
    result = measure(documents, args.repeat)
    info = machine_info()
    machine = f"{info.get('usable_cores')} cores ({info.get('cpu_model')})"
    result.update(date=datetime.now(UTC).isoformat(timespec="seconds"), commit=git_commit(), machine=machine,
                  repeat=args.repeat, data=[str(d) for d in args.data])  # fmt: skip
    write(result, args.out)
    print((args.out / "fax_drawing.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
