"""The run tables as rows: ``reports.csv`` (one row per document) and ``fields_long.csv`` (one row per
field value). Pure functions over report dicts (OUTPUT.md); the writers at the bottom add the file I/O."""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nianbao.export.atomic import atomic_open
from nianbao.export.escape import safe_row
from nianbao.fields import TABLES, all_fields

log = logging.getLogger(__name__)
CSV_ENCODING = "utf-8-sig"  # the BOM lets Excel open Chinese text correctly
LEADING_COLUMNS = (
    "source",
    "sha256",
    "agency",
    "year",
    "published",
    *(f"template.{table}" for table in TABLES),
    "checks.n",
    "checks.failed",
    "checks.failed_rules",
    "status",
    "error",
    "pages",
    "output",
)
LONG_COLUMNS = ("report", "field", "value", "text", "page", "confidence")


@dataclass(frozen=True)
class DocumentRecord:
    """What the run database knows of one input document."""

    source: str  # the display path, as in the report's source.path
    sha256: str | None
    status: str  # pending, running, done, failed, duplicate
    error: str | None = None  # "Kind: message" for failures, "duplicate of …" for duplicates
    pages: int | None = None
    output: str | None = None  # JSON path relative to the run folder


def report_columns(field_ids: Sequence[str] | None = None) -> list[str]:
    ids = field_ids if field_ids is not None else [spec.field_id for spec in all_fields()]
    return [*LEADING_COLUMNS, *ids]


def format_value(value: Any) -> str:
    """A CSV cell: empty for null, integers without a decimal point, floats in their shortest form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def checks_summary(checks: Iterable[dict[str, Any]]) -> tuple[int, int, str]:
    """(number of checks, number failed, ``rule:scope`` of each failure joined by ``;``)."""
    count = 0
    failed: list[str] = []
    for check in checks:
        count += 1
        if not check.get("ok", False):
            scope = check.get("scope")
            failed.append(f"{check.get('rule', '?')}:{scope}" if scope else str(check.get("rule", "?")))
    return count, len(failed), ";".join(failed)


def report_row(record: DocumentRecord, report: dict[str, Any] | None, field_ids: Sequence[str]) -> list[str]:
    """One ``reports.csv`` row; ``report`` is the JSON of the document (or of its original) or None."""
    report = report or {}
    templates = report.get("template") or {}
    fields = report.get("fields") or {}
    if report:
        n_checks, n_failed, failed_rules = checks_summary(report.get("checks") or [])
        check_cells = [str(n_checks), str(n_failed), failed_rules]
    else:
        check_cells = ["", "", ""]
    pages = record.pages if record.pages is not None else (report.get("source") or {}).get("pages")
    leading = [
        record.source,
        record.sha256 or "",
        format_value(report.get("agency")),
        format_value(report.get("year")),
        format_value(report.get("published")),
        *(format_value(templates.get(table)) for table in TABLES),
        *check_cells,
        record.status,
        record.error or "",
        format_value(pages),
        record.output or "",
    ]
    return leading + [format_value(fields.get(field_id)) for field_id in field_ids]


def fields_long_rows(source: str, report: dict[str, Any]) -> Iterator[list[str]]:
    """One ``fields_long.csv`` row per field of ``report``, in the report's field order."""
    cells = report.get("cells") or {}
    for field_id, value in (report.get("fields") or {}).items():
        cell = cells.get(field_id) or {}
        yield [
            source,
            field_id,
            format_value(value),
            format_value(cell.get("text")),
            format_value(cell.get("page")),
            format_value(cell.get("confidence")),
        ]


def read_report(path: Path | None) -> dict[str, Any] | None:
    """The report JSON at ``path``; None where there is none or it cannot be parsed (logged)."""
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s for the exports: %s", path, exc)
        return None
    return data if isinstance(data, dict) else None


def write_run_tables(
    reports_csv: Path, fields_long_csv: Path, documents: Iterable[tuple[DocumentRecord, Path | None]]
) -> int:
    """Write both run tables atomically in one pass over (record, JSON path of its report) pairs.

    Duplicates pass the JSON of their original, so their row carries the same values. Long rows are
    written for documents whose status is ``done`` only, so that no value is counted twice.
    Returns the number of report rows.
    """
    field_ids = [spec.field_id for spec in all_fields()]
    count = 0
    with (
        atomic_open(reports_csv, encoding=CSV_ENCODING, newline="") as wide_handle,
        atomic_open(fields_long_csv, encoding=CSV_ENCODING, newline="") as long_handle,
    ):
        wide = csv.writer(wide_handle)
        long = csv.writer(long_handle)
        wide.writerow(safe_row(report_columns(field_ids)))
        long.writerow(safe_row(LONG_COLUMNS))
        for record, json_path in documents:
            report = read_report(json_path)
            wide.writerow(safe_row(report_row(record, report, field_ids)))
            if report is not None and record.status == "done":
                long.writerows(safe_row(row) for row in fields_long_rows(record.source, report))
            count += 1
    return count
