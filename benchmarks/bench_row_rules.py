"""What joining the rules a fax left as dashes costs, and where it joins any, written to
benchmarks/results/row_rules.json and row_rules.md.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_row_rules.py [--data datasets/labeled] [--repeat 5]

Every scanned page of the labeled set is straightened once as nianbao does (its orientation left as
it is: no recogniser is loaded); then, in this one process,
the three steps that draw in rules from dashes (``table.row_rules.with_dashed_rules_joined``, a rule left
as dashes all along; ``with_dashed_row_rules``, a lone row framed by its column rules; and
``with_dashed_rules_between_columns``, a row rule left as a dash in most cells between long column rules,
which the pipeline runs on fax pages only but is timed here on every page) and a yardstick every page
pays anyway (the rule masks, ``table.lines.rule_masks``) are timed on it, best of ``--repeat``. Reports
per kind of page on how many pages each drew a rule in, and the steps' time as a share of the
yardstick's.
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
from nianbao.table.lines import rule_masks
from nianbao.table.row_rules import with_dashed_row_rules, with_dashed_rules_between_columns, with_dashed_rules_joined


def measure(data: Path, repeat: int) -> list[dict[str, Any]]:
    config = load_config(None)
    table, preprocess = config.table, replace(config.preprocess, fix_orientation=False)  # no recogniser here
    rows = []
    for name, profile, raw in scanned_pages(data):
        page = prepare_page(raw.image, raw.dpi, None, preprocess, raw.fax_axis)  # type: ignore[arg-type]
        masks = rule_masks(page.ink, table)
        joined = with_dashed_rules_joined(page.ink, masks, raw.dpi)
        framed = with_dashed_row_rules(page.ink, joined, raw.dpi, table.min_table_width_fraction)
        between = with_dashed_rules_between_columns(page.ink, framed, raw.dpi)
        rows.append(
            {
                "report": name,
                "page": raw.number,
                "profile": profile,
                "dashes_joined": joined is not masks,
                "row_framed": framed is not joined,
                "drawn_between_columns": between is not framed,
                "join_ms": round(
                    best_seconds(lambda p=page, m=masks, d=raw.dpi: with_dashed_rules_joined(p.ink, m, d), repeat)
                    * 1000,
                    2,
                ),
                "frame_ms": round(
                    best_seconds(
                        lambda p=page, m=joined, d=raw.dpi: with_dashed_row_rules(
                            p.ink, m, d, table.min_table_width_fraction
                        ),
                        repeat,
                    )
                    * 1000,
                    2,
                ),
                "between_ms": round(
                    best_seconds(
                        lambda p=page, m=framed, d=raw.dpi: with_dashed_rules_between_columns(p.ink, m, d), repeat
                    )
                    * 1000,
                    2,
                ),
                "rule_masks_ms": round(best_seconds(lambda p=page: rule_masks(p.ink, table), repeat) * 1000, 2),
            }
        )
    return rows


def render(rows: list[dict[str, Any]], header: str) -> str:
    lines = [header, "", "| profile | pages | dashes joined on | row framed on | drawn between columns on | "
             "join ms (median) | frame ms (median) | between columns ms (median) | rule masks ms (median) | "
             "all three / rule masks |",
             "|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for profile in sorted({r["profile"] for r in rows}):
        group = [r for r in rows if r["profile"] == profile]
        join = statistics.median(r["join_ms"] for r in group)
        frame = statistics.median(r["frame_ms"] for r in group)
        between = statistics.median(r["between_ms"] for r in group)
        masks = statistics.median(r["rule_masks_ms"] for r in group)
        lines.append(
            f"| {profile} | {len(group)} | {sum(r['dashes_joined'] for r in group)} | "
            f"{sum(r['row_framed'] for r in group)} | {sum(r['drawn_between_columns'] for r in group)} | "
            f"{join:.2f} | {frame:.2f} | {between:.2f} | {masks:.2f} | {(join + frame + between) / masks:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    page_benchmark(
        __doc__.splitlines()[0],
        "Drawing in rules a fax left as dashes, on the labeled set's scanned pages",
        "the yardstick is the rule masks every page is given anyway.",
        "row_rules",
        measure,
        render,
    )


if __name__ == "__main__":
    main()
