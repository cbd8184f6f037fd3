"""Calibration of cell confidence: of the value cells read at or above a cut, what share are right.

    .venv/bin/python benchmarks/calibrate_confidence.py DATASET:PREDICTIONS [DATASET:PREDICTIONS ...]
                                                        [--target 0.999] [--out benchmarks/results]

Each pair is a labeled folder (``<stem>.truth.json`` files, searched recursively) and the folder of
``<stem>.json`` outputs made from it (``nianbao evaluate DATASET -o OUT`` leaves them in
``OUT/predictions``). For every truth field whose output cell holds text that parses as a number (the
confidence cut ignored), the cell's confidence and whether that number is the printed one are collected.
Money fields are left out (their unit comes from the header, which the output does not repeat).
Writes ``calibration.json`` and ``calibration.md``: per cut, the cells kept, the share right and the
wrong ones, and the lowest cut at which a kept value is right at least ``--target`` of the time.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from nianbao.assemble.values import parse_value
from nianbao.config import load_config
from nianbao.evaluate.environment import git_commit
from nianbao.evaluate.scoring import values_equal
from nianbao.export.atomic import write_json_atomic, write_text_atomic
from nianbao.template import fields_by_id

NULL_AT_ANY_CUT = ("unsure", "unreadable")  # statuses of cells read above the cut and still left null
CUTS = (0.0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.95)


def collect(dataset: Path, predictions: Path) -> list[tuple[float, bool, str]]:
    """(confidence, right, where) for every value cell that parses as a number. A cell left unsure
    although read above the configured cut was left null by a judgement of its whole page (a badly
    damaged fax page: ``nianbao.assemble.damage``), and one left unreadable so by a rule of its cell (two
    numbers one under another, or read apart side by side: the rule between them lost), which no cut
    changes: it is kept at none."""
    specs = fields_by_id()
    configured = load_config().ocr.min_confidence
    samples = []
    for truth_path in sorted(dataset.rglob("*.truth.json")):
        stem = truth_path.name[: -len(".truth.json")]
        output = predictions / f"{stem}.json"
        if not output.is_file():
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        cells = json.loads(output.read_text(encoding="utf-8")).get("cells") or {}
        for field_id, expected in truth["fields"].items():
            cell, spec = cells.get(field_id), specs.get(field_id)
            if not cell or not cell.get("text") or spec is None or spec.type == "money":
                continue
            if cell.get("status") in NULL_AT_ANY_CUT and float(cell["confidence"]) >= configured:
                continue
            value = parse_value(cell["text"], spec.type).value
            if value is not None:
                samples.append((float(cell["confidence"]), values_equal(expected, value), f"{stem}:{field_id}"))
    return samples


def calibration(samples: list[tuple[float, bool, str]], target: float) -> dict[str, Any]:
    rows = []
    for cut in CUTS:
        kept = [s for s in samples if s[0] >= cut]
        wrong = [s for s in kept if not s[1]]
        share = round(1 - len(wrong) / len(kept), 6) if kept else None
        rows.append(
            {
                "cut": cut,
                "kept": len(kept),
                "right_share": share,
                "wrong": len(wrong),
                "wrong_cells": [f"{where} ({conf:.2f})" for conf, _, where in wrong][:20],
            }
        )
    meeting = [r["cut"] for r in rows if r["right_share"] is not None and r["right_share"] >= target]
    return {
        "target": target,
        "cells": len(samples),
        "rows": rows,
        "lowest_cut_meeting_target": min(meeting, default=None),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", help="DATASET:PREDICTIONS")
    parser.add_argument("--target", type=float, default=0.999)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args(argv)
    samples = []
    for pair in args.pairs:
        dataset, _, predictions = pair.partition(":")
        samples += collect(Path(dataset), Path(predictions))
    result = {
        "benchmark": "confidence calibration",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(REPO),
        "sets": args.pairs,
        **calibration(samples, args.target),
    }
    write_json_atomic(args.out / "calibration.json", result)
    lines = [
        "# Confidence calibration",
        "",
        f"Value cells that parse as a number: {result['cells']} "
        f"(sets: {', '.join(args.pairs)}; commit {result['commit']}).",
        "",
        "| cut | kept | right | wrong |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {r['cut']} | {r['kept']} | {100 * (r['right_share'] or 0):.3f}% | {r['wrong']} |" for r in result["rows"]
    ]
    configured = load_config().ocr.min_confidence
    row = calibration(samples, args.target)["rows"] if configured in CUTS else []
    at_cut = next((r for r in row if r["cut"] == configured), None)
    lines += [
        "",
        f"Lowest cut where a kept value is right at least {100 * args.target:.1f}% of the time: "
        f"{result['lowest_cut_meeting_target']}. Readings that no second reading confirms are capped at "
        "0.49 (nianbao.ocr.restore.UNAGREED_CAP), so the configured cut must lie above that.",
    ]
    if at_cut:
        lines.append(
            f"At the configured `ocr.min_confidence` {configured}: {at_cut['kept']} kept, "
            f"{100 * (at_cut['right_share'] or 0):.3f}% right, {at_cut['wrong']} wrong."
        )
    write_text_atomic(args.out / "calibration.md", "\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
