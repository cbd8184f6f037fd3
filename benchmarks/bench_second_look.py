"""What reading a grey page's numbers with an 8 again costs (ocr.restore.second_look_below), written to
benchmarks/results/second_look.json and second_look.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_second_look.py [--data datasets/labeled] [--repeat 2]

A number with an 8 in it is read again on grey paper however surely it was read, on white paper only
below 0.99 (noise that closes a 3's open side makes an 8 of it). Every scanned document under ``--data``
but the faxes (a fax page's readings are checked by its own rules) is extracted in this one process with
that rule and with the yardstick, the same extraction where no crop counts as grey paper (the rule as it
was before), alternately, ``--repeat`` times each. Reports, per profile, seconds a page of both, their
ratio, and the value lines a page sends to a second look with each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from nianbao.config import load_config
from nianbao.evaluate.environment import git_commit, machine_info
from nianbao.export.atomic import write_json_atomic, write_text_atomic
from nianbao.ocr import restore
from nianbao.pipeline import Extractor
from nianbao.table import cells

SCANNED = (".pdf", ".png", ".jpg", ".tiff", ".tif")


def scanned_documents(data: Path) -> list[tuple[Path, str]]:
    """The scanned documents of a labeled set but its faxes, with their profile."""
    found = []
    for path in sorted(data.iterdir()):
        truth = path.with_name(path.name[: -len(path.suffix)] + ".truth.json")
        if path.suffix.lower() not in SCANNED or not truth.exists():
            continue
        profile = json.loads(truth.read_text(encoding="utf-8")).get("profile", "unlabeled")
        if profile not in ("fax", "digital"):
            found.append((path, profile))
    return found


@contextmanager
def counted_second_looks() -> Iterator[list[int]]:
    """Counts the value lines sent to a second look (``table.cells._settle``) while it is open."""
    count = [0]
    settle = cells._settle

    def counting(engine: Any, images: Any, reads: Any, unsure: Any, grey: bool = True) -> list[list[str]]:
        count[0] += len(unsure)
        return settle(engine, images, reads, unsure, grey)

    cells._settle = counting
    try:
        yield count
    finally:
        cells._settle = settle


@contextmanager
def white_paper_only() -> Iterator[None]:
    """The yardstick: no crop counts as grey paper, so an 8 is read again only below 0.99."""
    grey = restore.on_grey_paper
    restore.on_grey_paper = lambda gray: False
    try:
        yield
    finally:
        restore.on_grey_paper = grey


def timed(extract: Callable[[], Any]) -> tuple[float, int, int]:
    """Seconds, pages and second looks of one extraction."""
    with counted_second_looks() as looks:
        started = time.perf_counter()
        report = extract()
        seconds = time.perf_counter() - started
    return seconds, int(report.source.pages or 0), looks[0]


def measure(documents: list[tuple[Path, str]], repeat: int) -> list[dict[str, Any]]:
    extractor = Extractor(load_config())
    rows = []
    for path, profile in documents:
        extractor.extract(path)  # the first run loads the models
        runs: dict[str, list[tuple[float, int, int]]] = defaultdict(list)
        for _ in range(repeat):
            with white_paper_only():
                runs["yardstick"].append(timed(lambda p=path: extractor.extract(p)))
            runs["rule"].append(timed(lambda p=path: extractor.extract(p)))
        pages = runs["rule"][0][1] or 1
        row: dict[str, Any] = {"document": path.name, "profile": profile, "pages": pages}
        for name, found in runs.items():
            row[f"{name}_s_per_page"] = round(min(seconds for seconds, _, _ in found) / pages, 3)
            row[f"{name}_looks_per_page"] = round(found[0][2] / pages, 2)
        rows.append(row)
    return rows


def render(rows: list[dict[str, Any]], header: str) -> str:
    lines = [header, "", "| profile | documents | s/page with the rule | s/page yardstick | ratio | second looks a page "
             "with the rule | yardstick |", "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for profile in sorted({row["profile"] for row in rows}):
        group = [row for row in rows if row["profile"] == profile]
        rule = statistics.median(row["rule_s_per_page"] for row in group)
        yardstick = statistics.median(row["yardstick_s_per_page"] for row in group)
        looks = statistics.mean(row["rule_looks_per_page"] for row in group)
        before = statistics.mean(row["yardstick_looks_per_page"] for row in group)
        lines.append(f"| {profile} | {len(group)} | {rule:.3f} | {yardstick:.3f} | {rule / yardstick:.2f} | "
                     f"{looks:.2f} | {before:.2f} |")  # fmt: skip
    ratios = [row["rule_s_per_page"] / row["yardstick_s_per_page"] for row in rows]
    lines += ["", f"Median ratio over the documents {statistics.median(ratios):.2f}."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "datasets" / "labeled")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    documents = scanned_documents(args.data)
    if not documents:
        sys.exit(f"no scanned documents under {args.data}")
    rows = measure(documents, args.repeat)
    info = machine_info()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    header = (
        f"# Reading a grey page's numbers with an 8 again: seconds a page\n\n{stamp}, commit {git_commit()}, "
        f"{info.get('usable_cores')} cores ({info.get('cpu_model')}), best of {args.repeat} per document, one "
        "process; the yardstick is the same extraction where no crop counts as grey paper."
    )
    write_json_atomic(
        args.out / "second_look.json",
        {"date": stamp, "commit": git_commit(), "machine": info, "repeat": args.repeat, "documents": rows},
    )
    write_text_atomic(args.out / "second_look.md", render(rows, header))
    print(render(rows, header))


if __name__ == "__main__":
    main()
