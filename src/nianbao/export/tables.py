"""The run tables as rows: ``reports.csv`` (one row per document) and ``fields_long.csv`` (one row per
field value, with its status and Chinese label), and ``reports.xlsx`` beside them. Pure functions over
``Report``s (docs/OUTPUT.md); the writers at the bottom add the file I/O."""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nianbao.checks import Check
from nianbao.export.atomic import atomic_open
from nianbao.export.corrections import corrections_of, with_corrections
from nianbao.export.escape import safe_row
from nianbao.export.excel import ReportsWorkbook
from nianbao.report import UNREADABLE, UNSURE, Report
from nianbao.template import all_fields, tables

log = logging.getLogger(__name__)
CSV_ENCODING = "utf-8-sig"  # the BOM lets Excel open Chinese text correctly
DOCUMENT_COLUMNS = ("source", "sha256", "agency", "year", "published")  # then template.<table> per table
RUN_COLUMNS = (
    "checks.n",
    "checks_failed",
    "checks.failed_rules",
    "n_fields",
    "n_unsure",
    "n_unreadable",
    "status",
    "error",
    "pages",
    "output",
)
LONG_COLUMNS = ("report", "field", "label_zh", "value", "status", "reason", "text", "page", "confidence", "corrected")


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
    return [*DOCUMENT_COLUMNS, *(f"template.{table}" for table in tables()), *RUN_COLUMNS, *ids]


def format_value(value: Any) -> str:
    """A CSV cell: empty for null, integers without a decimal point, floats in their shortest form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def checks_summary(checks: Iterable[Check]) -> tuple[int, int, str]:
    """(number of checks, number failed, ``rule:scope`` of each failure joined by ``;``)."""
    count = 0
    failed: list[str] = []
    for check in checks:
        count += 1
        if not check.ok:
            failed.append(f"{check.rule}:{check.scope}" if check.scope else check.rule)
    return count, len(failed), ";".join(failed)


def summary_cells(report: Report | None) -> list[str]:
    """checks.n, checks_failed, checks.failed_rules, n_fields, n_unsure, n_unreadable (empty without a report)."""
    if report is None:
        return [""] * 6
    n_checks, n_failed, failed_rules = checks_summary(report.checks)
    counts = report.status_counts
    return [str(n_checks), str(n_failed), failed_rules, str(len(report.fields)), str(counts[UNSURE]),
            str(counts[UNREADABLE])]  # fmt: skip


def report_row(record: DocumentRecord, report: Report | None, field_ids: Sequence[str]) -> list[str]:
    """One ``reports.csv`` row; ``report`` is the document's (or its original's) Report, or None."""
    templates = report.template if report else {}
    fields = report.fields if report else {}
    pages = record.pages if record.pages is not None else (report.source.pages if report else None)
    leading = [
        record.source,
        record.sha256 or "",
        format_value(report.agency if report else None),
        format_value(report.year if report else None),
        format_value(report.published if report else None),
        *(format_value(templates.get(table)) for table in tables()),
        *summary_cells(report),
        record.status,
        record.error or "",
        format_value(pages),
        record.output or "",
    ]
    return leading + [format_value(fields.get(field_id)) for field_id in field_ids]


def fields_long_rows(source: str, report: Report) -> Iterator[list[str]]:
    """One ``fields_long.csv`` row per field of ``report``, in the report's field order."""
    corrected = corrections_of(report)
    for row in report.long_rows():
        field_id = row["field"]
        correction = "" if field_id not in corrected else format_value(corrected[field_id]) or "null"
        yield [format_value(source if name == "report" else row[name]) for name in LONG_COLUMNS[:-1]] + [correction]


def read_report(path: Path | None) -> Report | None:
    """The report JSON at ``path``; None where there is none or it cannot be parsed (logged)."""
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Report.from_dict(data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        log.warning("cannot read %s for the exports: %s", path, exc)
        return None


def write_run_tables(
    reports_csv: Path,
    fields_long_csv: Path,
    documents: Iterable[tuple[DocumentRecord, Path | None]],
    reports_xlsx: Path | None = None,
) -> int:
    """Write the run tables atomically in one pass over (record, JSON path of its report) pairs:
    both CSVs, and ``reports_xlsx`` (one sheet per table, Chinese headers) where given.

    Duplicates pass the JSON of their original, so their row carries the same values. Long rows are
    written for documents whose status is ``done`` only, so that no value is counted twice.
    Returns the number of report rows.
    """
    workbook = ReportsWorkbook() if reports_xlsx is not None else None
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
            shown = with_corrections(report) if report is not None else None  # corrected values replace read ones
            wide.writerow(safe_row(report_row(record, shown, field_ids)))
            if report is not None and record.status == "done":
                long.writerows(safe_row(row) for row in fields_long_rows(record.source, report))
            if workbook is not None:
                workbook.add(record, shown)
            count += 1
    if workbook is not None and reports_xlsx is not None:
        workbook.save(reports_xlsx)
    return count
