"""``reports.xlsx``: the run's reports for Excel, one sheet per template table, Chinese headers.

Sheet 报告 has one row per document (as reports.csv, without the field columns); the sheets 表二, 表三
and 表四 have one row per report that holds the table, one column per field id (headed by its Chinese
label path; codebook.csv maps labels to ids). Numbers are written as numbers, null as an empty cell,
and text always as text, escaped like the CSVs' (``nianbao.export.escape``), so nothing in a cell is
ever taken for a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nianbao.export.atomic import atomic_path
from nianbao.export.escape import escape_formula
from nianbao.report import UNREADABLE, UNSURE, Report
from nianbao.template import FieldSpec, all_fields, tables

REPORT_SHEET = "报告"
SHEET_NAMES = {"proactive": "表二 主动公开", "requests": "表三 依申请公开", "appeals": "表四 复议诉讼"}
REPORT_HEADERS = ("来源文件", "SHA-256", "机关", "年度", "发布日期", "表二模板", "表三模板", "表四模板",
                  "校验数", "未通过校验数", "未通过的校验", "字段数", "存疑单元格数", "无法识别单元格数",
                  "处理状态", "错误", "页数", "输出文件")  # fmt: skip
TABLE_LEADING_HEADERS = ("来源文件", "机关", "年度", "模板版本")


def field_header(spec: FieldSpec) -> str:
    """The Chinese label path, with the template version where only one version has the field."""
    if spec.template == "both":
        return spec.label_zh
    return f"{spec.label_zh}（{'、'.join(spec.versions)}年版）"


def report_sheet_row(record: Any, report: Report | None) -> list[Any]:
    """The 报告 row of one document; ``record`` is an export.tables.DocumentRecord."""
    pages = record.pages if record.pages is not None or report is None else report.source.pages
    if report is None:
        return [record.source, record.sha256, *[None] * 12, record.status, record.error, pages, record.output]
    failed = [f"{c.rule}:{c.scope}" if c.scope else c.rule for c in report.failed_checks]
    counts = report.status_counts
    return [
        record.source, record.sha256, report.agency, report.year, report.published,
        *(report.template.get(table) for table in tables()),
        len(report.checks), len(failed), ";".join(failed) or None,
        len(report.fields), counts[UNSURE], counts[UNREADABLE],
        record.status, record.error, pages, record.output,
    ]  # fmt: skip


def table_sheet_row(record: Any, report: Report, table: str, specs: Sequence[FieldSpec]) -> list[Any]:
    values = [report.fields.get(spec.field_id) for spec in specs]
    return [record.source, report.agency, report.year, report.template.get(table), *values]


def is_reports_workbook(path: Path) -> bool:
    """Whether ``path`` is a reports.xlsx that nianbao wrote (an .xlsx whose first sheet is 报告)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            workbook = archive.read("xl/workbook.xml").decode("utf-8", errors="replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return f'name="{REPORT_SHEET}"' in workbook


class ReportsWorkbook:
    """Rows are added one document at a time and streamed to disk (openpyxl's write-only mode)."""

    def __init__(self) -> None:
        from openpyxl import Workbook

        self._book = Workbook(write_only=True)
        self._specs = {table: [s for s in all_fields() if s.table == table] for table in tables()}
        self._sheets = {REPORT_SHEET: self._book.create_sheet(REPORT_SHEET)}
        self._append(REPORT_SHEET, list(REPORT_HEADERS))
        for table in tables():
            self._sheets[table] = self._book.create_sheet(SHEET_NAMES[table])
            headers = [*TABLE_LEADING_HEADERS, *(field_header(spec) for spec in self._specs[table])]
            self._append(table, headers)

    def add(self, record: Any, report: Report | None) -> None:
        self._append(REPORT_SHEET, report_sheet_row(record, report))
        if report is None or record.status != "done":
            return  # a duplicate's numbers are its original's: one row each in the table sheets
        for table in tables():
            if table in report.template:
                self._append(table, table_sheet_row(record, report, table, self._specs[table]))

    def save(self, path: Path) -> None:
        with atomic_path(path) as temp:
            self._book.save(temp)

    def _append(self, sheet: str, values: list[Any]) -> None:
        worksheet = self._sheets[sheet]
        worksheet.append([_cell(worksheet, value) for value in values])


def _cell(worksheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if value is None or isinstance(value, (bool, int, float)):
        return value
    cell = WriteOnlyCell(worksheet, value=escape_formula(str(value)))
    cell.data_type = "s"  # openpyxl would store a text starting with "=" as a formula
    return cell
