"""What looking for a folded sheet's creases costs, and where they are found, written to
benchmarks/results/creases.json and creases.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_creases.py [--data datasets/labeled] [--repeat 5]

Every scanned page of the labeled set is straightened once as nianbao does (creases left in); then, in
this one process, the crease search (``preprocess.creases.find_creases``, and lifting what it found) and a
yardstick every page pays anyway (the ink mask, ``preprocess.geometry.ink_mask``) are timed on it, best of
``--repeat``. Reports per kind of page how many pages had creases found (only the folded report should)
and the search's time as a share of the yardstick's; where creases were found, also what painting out
their faint remnants costs (``preprocess.crease_residue``, on the lifted page and its ink mask).
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from bench_fax_gate import best_seconds, page_benchmark, scanned_pages

from nianbao.config import load_config
from nianbao.preprocess import prepare_page
from nianbao.preprocess.crease_residue import residue_mask, without_residue
from nianbao.preprocess.creases import find_creases, without_creases
from nianbao.preprocess.geometry import ink_mask


def measure(data: Path, repeat: int) -> list[dict[str, Any]]:
    config = replace(load_config(None).preprocess, fix_orientation=False, remove_creases=False)
    rows = []
    for name, profile, raw in scanned_pages(data):
        page = prepare_page(raw.image, raw.dpi, None, config, raw.fax_axis)  # type: ignore[arg-type]
        creases = find_creases(page.clean, page.ink, raw.dpi)
        search = best_seconds(lambda p=page, d=raw.dpi: find_creases(p.clean, p.ink, d), repeat)
        lifting = best_seconds(lambda p=page, c=creases, d=raw.dpi: without_creases(p.clean, c, d), repeat)
        yardstick = best_seconds(lambda p=page, d=raw.dpi: ink_mask(p.clean, d), repeat)
        lifted = without_creases(page.clean, creases, raw.dpi)
        lifted_ink = ink_mask(lifted, raw.dpi)
        remnants = best_seconds(
            lambda g=lifted, i=lifted_ink, c=creases: without_residue(g, residue_mask(g, i, c)), repeat
        )
        rows.append(
            {
                "report": name,
                "page": raw.number,
                "profile": profile,
                "creases": len(creases),
                "search_ms": round(search * 1000, 2),
                "lift_ms": round(lifting * 1000, 2) if creases else 0.0,
                "remnants_ms": round(remnants * 1000, 2) if creases else 0.0,
                "ink_mask_ms": round(yardstick * 1000, 2),
            }
        )
    return rows


def render(rows: list[dict[str, Any]], header: str) -> str:
    lines = [header, "", "| profile | pages | pages with creases found | creases | search ms (median) | "
             "lifting ms (median, where found) | remnants ms (median, where found) | ink mask ms (median) | "
             "search / ink mask |",
             "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for profile in sorted({r["profile"] for r in rows}):
        group = [r for r in rows if r["profile"] == profile]
        search = statistics.median(r["search_ms"] for r in group)
        mask = statistics.median(r["ink_mask_ms"] for r in group)
        found = [r for r in group if r["creases"]]
        lifting = f"{statistics.median(r['lift_ms'] for r in found):.2f}" if found else "-"
        remnants = f"{statistics.median(r['remnants_ms'] for r in found):.2f}" if found else "-"
        lines.append(
            f"| {profile} | {len(group)} | {len(found)} | {sum(r['creases'] for r in group)} | {search:.2f} | "
            f"{lifting} | {remnants} | {mask:.2f} | {search / mask:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    page_benchmark(
        __doc__.splitlines()[0],
        "Looking for creases on the labeled set's scanned pages",
        "the yardstick is the ink mask every page is given anyway (twice on a page whose creases were lifted).",
        "creases",
        measure,
        render,
    )


if __name__ == "__main__":
    main()
