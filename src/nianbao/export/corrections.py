"""Corrections a person made while reviewing (``OUT/corrections.csv``), applied apart from what was read.

The file has the columns ``report`` (the JSON's path in the run folder, as in the ``output`` column of
reports.csv), ``field`` (a field id) and ``value`` (the right number; ``-``, ``null`` or nothing for a
cell that is really empty). ``nianbao review`` writes it; every later export applies it: each JSON gets a
``corrected`` object beside ``fields`` (which keeps what was read), and reports.csv takes the corrected
value.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import logging
from pathlib import Path
from typing import Any

from nianbao.export.atomic import write_json_atomic
from nianbao.report import Report

log = logging.getLogger(__name__)
CORRECTIONS_CSV = "corrections.csv"
COLUMNS = ("report", "field", "value")
NULL_TEXTS = frozenset({"", "-", "null", "none", "—", "/"})

Corrections = dict[str, dict[str, int | float | None]]  # report -> field id -> value


def parse_corrected(text: str) -> int | float | None:
    """A typed correction: an int, a float, or None for a cell that is really empty; ValueError otherwise."""
    cleaned = text.strip().replace(",", "")
    if cleaned.lower() in NULL_TEXTS:
        return None
    try:
        return int(cleaned)
    except ValueError:
        return float(cleaned)


def read_corrections(path: Path) -> Corrections:
    """Every usable line of ``path`` (none where it does not exist); a bad line is logged and skipped."""
    if not path.is_file():
        return {}
    corrections: Corrections = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            log.warning("%s lacks the column(s) %s: no correction applied", path, ", ".join(missing))
            return {}
        for number, row in enumerate(reader, start=2):
            report, field = (row.get("report") or "").strip(), (row.get("field") or "").strip()
            try:
                value = parse_corrected(row.get("value") or "")
            except ValueError:
                log.warning("%s line %d: %r is not a number: skipped", path.name, number, row.get("value"))
                continue
            if report and field:
                corrections.setdefault(report, {})[field] = value
    return corrections


def corrected_object(report: dict[str, Any], wanted: dict[str, int | float | None], name: str) -> dict[str, Any]:
    """The ``corrected`` object for ``report``: the corrections of fields it has, in field order."""
    fields = report.get("fields") or {}
    for field in wanted:
        if field not in fields:
            log.warning("corrections.csv: %s has no field %s: skipped", name, field)
    return {field: wanted[field] for field in fields if field in wanted}


def apply_to_json(path: Path, name: str, corrections: Corrections) -> dict[str, Any] | None:
    """Bring the ``corrected`` object of the JSON at ``path`` in line with ``corrections``; the report."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("cannot apply corrections to %s: %s", path, exc)
        return None
    if not isinstance(report, dict):
        return None
    corrected = corrected_object(report, corrections.get(name, {}), name)
    if corrected == (report.get("corrected") or {}):
        return report
    updated = {key: value for key, value in report.items() if key != "corrected"}
    if corrected:
        updated["corrected"] = corrected
    write_json_atomic(path, updated)
    return updated


def corrections_of(report: Report) -> dict[str, Any]:
    return dict(report.extra.get("corrected") or {})


def with_corrections(report: Report) -> Report:
    """The report with its corrected values in place of those read (for the tables people analyse)."""
    corrected = corrections_of(report)
    if not corrected:
        return report
    return dataclasses.replace(report, fields={**report.fields, **corrected})
