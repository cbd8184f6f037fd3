"""What telling fax pages apart costs a page that is not one, written to benchmarks/results/fax_gate.json
and fax_gate.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_fax_gate.py [--data datasets/labeled] [--repeat 5]

Every scanned page of the labeled set is rendered once; then, in this one process, the gate
(``preprocess.fax.upright_fax``) and a yardstick every page pays anyway (the ink mask,
``preprocess.geometry.ink_mask``) are timed on it, best of ``--repeat``. Reports each page's verdict and
the gate's time as a share of the yardstick's, per kind of page.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from nianbao.evaluate.environment import git_commit, machine_info
from nianbao.export.atomic import write_json_atomic, write_text_atomic
from nianbao.ingest import RawPage, document_stem, is_later_page, iter_pages, open_document
from nianbao.preprocess.fax import upright_fax
from nianbao.preprocess.geometry import ink_mask, to_gray

SCANNED = (".pdf", ".png", ".jpg", ".tiff", ".tif")


def best_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def scanned_pages(data: Path) -> Iterator[tuple[str, str, RawPage]]:
    """Every page of the scanned documents of a labeled set: (file name, profile, page)."""
    for path in sorted(data.iterdir()):
        if path.suffix.lower() not in SCANNED or is_later_page(path):
            continue
        document = open_document(path, 60)
        if document.kind not in ("scanned", "image"):
            continue  # born-digital input is never OCR'd, so never gated
        truth = json.loads((data / f"{document_stem(path.name)}.truth.json").read_text(encoding="utf-8"))
        for raw in iter_pages(document, 200, 40_000_000):
            yield path.name, truth.get("profile", "unlabeled"), raw


def measure(data: Path, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for name, profile, raw in scanned_pages(data):
        gray = to_gray(raw.image)
        gate = best_seconds(lambda g=gray: upright_fax(g, 0), repeat)
        yardstick = best_seconds(lambda g=gray, d=raw.dpi: ink_mask(g, d), repeat)
        rows.append(
            {
                "report": name,
                "page": raw.number,
                "profile": profile,
                "fax": bool(upright_fax(gray, 0)),
                "gate_ms": round(gate * 1000, 2),
                "ink_mask_ms": round(yardstick * 1000, 2),
            }
        )
    return rows


def render(rows: list[dict[str, Any]], header: str) -> str:
    lines = [header, "", "| profile | pages | judged fax | gate ms (median) | ink mask ms (median) | gate / ink mask |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    for profile in sorted({r["profile"] for r in rows}):
        group = [r for r in rows if r["profile"] == profile]
        gate = statistics.median(r["gate_ms"] for r in group)
        mask = statistics.median(r["ink_mask_ms"] for r in group)
        faxed = sum(r["fax"] for r in group)
        lines.append(f"| {profile} | {len(group)} | {faxed} | {gate:.2f} | {mask:.2f} | {gate / mask:.2f} |")
    return "\n".join(lines) + "\n"


def page_benchmark(
    description: str,
    title: str,
    yardstick: str,
    stem: str,
    measure: Callable[[Path, int], list[dict[str, Any]]],
    render: Callable[[list[dict[str, Any]], str], str],
) -> None:
    """Run a per-page timing over a labeled set (``--data``), best of ``--repeat``, and write
    ``<stem>.json`` and ``<stem>.md`` under ``--out``; ``yardstick`` says what the times are compared with."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=REPO / "datasets" / "labeled")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = measure(args.data, args.repeat)
    machine = machine_info()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    header = (
        f"# {title}\n\n{stamp}, commit {git_commit()}, "
        f"{machine.get('usable_cores')} cores ({machine.get('cpu_model')}), best of {args.repeat} per page, "
        f"one process; {yardstick}"
    )
    write_json_atomic(
        args.out / f"{stem}.json", {"date": stamp, "commit": git_commit(), "machine": machine, "pages": rows}
    )
    write_text_atomic(args.out / f"{stem}.md", render(rows, header))
    print(render(rows, header))


def main() -> None:
    page_benchmark(
        __doc__.splitlines()[0],
        "The fax gate on the labeled set's scanned pages",
        "the yardstick is the ink mask every page is given anyway.",
        "fax_gate",
        measure,
        render,
    )


if __name__ == "__main__":
    main()
