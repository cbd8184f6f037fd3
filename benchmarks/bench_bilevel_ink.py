"""What keeping a black-and-white page's thin strokes in its ink mask costs, written to
benchmarks/results/bilevel_ink.json and bilevel_ink.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_bilevel_ink.py [--data datasets/labeled] [--repeat 5]

For every scanned page of the labeled set: whether it is black and white as scanned
(``preprocess.geometry.is_bilevel``), and, in this one process, the ink mask as nianbao makes it for that
page (``ink_mask(..., bilevel=...)``: on a black-and-white page the median's thin strokes are given back)
against the yardstick, the median mask alone, best of ``--repeat``. Other pages pay only the check.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from bench_fax_gate import best_seconds, page_benchmark, scanned_pages

from nianbao.preprocess.geometry import ink_mask, is_bilevel, to_gray


def measure(data: Path, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for name, profile, raw in scanned_pages(data):
        gray = to_gray(raw.image)
        bilevel = is_bilevel(gray)
        check = best_seconds(lambda g=gray: is_bilevel(g), repeat)
        mask = best_seconds(lambda g=gray, d=raw.dpi, b=bilevel: ink_mask(g, d, bilevel=b), repeat)
        yardstick = best_seconds(lambda g=gray, d=raw.dpi: ink_mask(g, d), repeat)
        rows.append(
            {
                "report": name,
                "page": raw.number,
                "profile": profile,
                "bilevel": bilevel,
                "check_ms": round(check * 1000, 2),
                "mask_ms": round(mask * 1000, 2),
                "median_mask_ms": round(yardstick * 1000, 2),
            }
        )
    return rows


def render(rows: list[dict[str, Any]], header: str) -> str:
    lines = [header, "", "| profile | pages | black and white | check ms (median) | mask ms (median) | "
             "median mask ms (median) | (check + mask) / median mask |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for profile in sorted({r["profile"] for r in rows}):
        group = [r for r in rows if r["profile"] == profile]
        check = statistics.median(r["check_ms"] for r in group)
        mask = statistics.median(r["mask_ms"] for r in group)
        yardstick = statistics.median(r["median_mask_ms"] for r in group)
        lines.append(
            f"| {profile} | {len(group)} | {sum(r['bilevel'] for r in group)} | {check:.2f} | {mask:.2f} | "
            f"{yardstick:.2f} | {(check + mask) / yardstick:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    page_benchmark(
        __doc__.splitlines()[0],
        "The ink mask of black-and-white pages on the labeled set's scanned pages",
        "the yardstick is the median ink mask every page was given before (two or three times a page).",
        "bilevel_ink",
        measure,
        render,
    )


if __name__ == "__main__":
    main()
