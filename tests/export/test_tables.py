from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from nianbao.export.atomic import write_json_atomic
from nianbao.export.codebook import write_codebook
from nianbao.export.tables import (
    LONG_COLUMNS,
    DocumentRecord,
    checks_summary,
    fields_long_rows,
    format_value,
    report_columns,
    report_row,
    write_run_tables,
)
from nianbao.report import Report
from nianbao.template import all_fields
from tests.bulk.conftest import workbook_cells

REPORT = {
    "source": {"path": "scans/hz.pdf", "sha256": "ab", "pages": 5, "kind": "scanned"},
    "agency": "淮安市洪泽区人民政府",
    "year": 2023,
    "published": "2024-01-17",
    "template": {"proactive": "2021", "requests": "2021"},
    "fields": {
        "requests.new_received.natural_person": 21,
        "proactive.fees.amount_10k_yuan": 7730.28,
        "requests.new_received.total": None,
    },
    "cells": {
        "requests.new_received.natural_person": {"page": 3, "bbox": [0, 0, 1, 1], "text": "21", "confidence": 0.99},
        "requests.new_received.total": {"page": 3, "bbox": [0, 0, 1, 1], "text": "—", "confidence": 0.8},
    },
    "checks": [
        {"rule": "I1", "scope": "natural_person", "ok": True, "detail": ""},
        {"rule": "I2", "scope": "total", "ok": False, "detail": ""},
        {"rule": "I4", "ok": False, "detail": ""},
    ],
}


def test_columns_follow_fields_tsv_order() -> None:
    columns = report_columns()
    tsv = Path(__file__).resolve().parents[2] / "src" / "nianbao" / "template" / "fields.tsv"
    ids = [line.split("\t")[0] for line in tsv.read_text("utf-8").splitlines()[1:] if line.strip()]
    assert columns[:2] == ["source", "sha256"] and columns.index("status") < columns.index(ids[0])
    assert columns[-len(ids) :] == ids and len(ids) == len(all_fields())


def test_report_row_values() -> None:
    ids = ["requests.new_received.natural_person", "proactive.fees.amount_10k_yuan", "requests.new_received.total",
           "appeals.review.total"]  # fmt: skip
    record = DocumentRecord("scans/hz.pdf", "ab", "done", None, 5, "hz.json")
    row = dict(zip(report_columns(ids), report_row(record, Report.from_dict(REPORT), ids), strict=True))
    assert row["agency"] == "淮安市洪泽区人民政府" and row["year"] == "2023"
    assert (row["template.proactive"], row["template.requests"], row["template.appeals"]) == ("2021", "2021", "")
    assert (row["checks.n"], row["checks_failed"], row["checks.failed_rules"]) == ("3", "2", "I2:total;I4")
    # three fields: one read, one dash, one without a cell (unreadable); none unsure
    assert (row["n_fields"], row["n_unsure"], row["n_unreadable"]) == ("3", "0", "1")
    assert row["requests.new_received.natural_person"] == "21"
    assert row["proactive.fees.amount_10k_yuan"] == "7730.28"
    assert row["requests.new_received.total"] == "" and row["appeals.review.total"] == ""
    failed = report_row(DocumentRecord("x.pdf", None, "failed", "InputError: bad"), None, ids)
    assert failed[0] == "x.pdf" and "InputError: bad" in failed and failed[-4:] == ["", "", "", ""]
    assert failed[8:14] == [""] * 6


def test_checks_summary_and_values() -> None:
    assert checks_summary([]) == (0, 0, "")
    assert format_value(None) == "" and format_value(0) == "0" and format_value(-3) == "-3"
    assert format_value(12.5) == "12.5" and format_value(True) == "true"


def test_long_rows_carry_provenance_status_and_label() -> None:
    rows = [
        dict(zip(LONG_COLUMNS, row, strict=True)) for row in fields_long_rows("scans/hz.pdf", Report.from_dict(REPORT))
    ]
    assert rows[0] == {"report": "scans/hz.pdf", "field": "requests.new_received.natural_person",
                       "label_zh": "一、本年新收政府信息公开申请数量 × 自然人", "value": "21", "status": "ok",
                       "reason": "", "text": "21", "page": "3", "confidence": "0.99",
                       "corrected": ""}  # fmt: skip
    assert (rows[1]["value"], rows[1]["status"], rows[1]["reason"]) == ("7730.28", "unreadable", "no cell found")
    assert rows[1]["label_zh"].startswith("第二十条第（八）项")
    assert (rows[2]["value"], rows[2]["text"], rows[2]["status"]) == ("", "—", "dash")


def test_write_run_tables_with_bom(tmp_path: Path) -> None:
    write_json_atomic(tmp_path / "hz.json", REPORT)
    documents = [
        (DocumentRecord("scans/hz.pdf", "ab", "done", None, 5, "hz.json"), tmp_path / "hz.json"),
        (DocumentRecord("scans/copy.pdf", "ab", "duplicate", "duplicate of scans/hz.pdf"), tmp_path / "hz.json"),
        (DocumentRecord("scans/bad.pdf", "cd", "failed", "InputError: corrupt"), None),
    ]
    assert write_run_tables(tmp_path / "reports.csv", tmp_path / "long.csv", documents) == 3
    for name in ("reports.csv", "long.csv"):
        assert (tmp_path / name).read_bytes().startswith(b"\xef\xbb\xbf")
    wide = list(csv.DictReader((tmp_path / "reports.csv").read_text("utf-8-sig").splitlines()))
    assert [r["status"] for r in wide] == ["done", "duplicate", "failed"]
    assert wide[1]["agency"] == "淮安市洪泽区人民政府"
    long = list(csv.DictReader((tmp_path / "long.csv").read_text("utf-8-sig").splitlines()))
    assert len(long) == 3 and {r["report"] for r in long} == {"scans/hz.pdf"}  # duplicates are not repeated


def test_workbook_has_a_sheet_per_table_with_chinese_headers(tmp_path: Path) -> None:
    report = {**REPORT, "agency": '=HYPERLINK("http://x")'}
    write_json_atomic(tmp_path / "hz.json", report)
    documents = [
        (DocumentRecord("scans/hz.pdf", "ab", "done", None, 5, "hz.json"), tmp_path / "hz.json"),
        (DocumentRecord("scans/copy.pdf", "ab", "duplicate", "duplicate of scans/hz.pdf"), tmp_path / "hz.json"),
        (DocumentRecord("scans/bad.pdf", "cd", "failed", "InputError: corrupt"), None),
    ]
    write_run_tables(tmp_path / "reports.csv", tmp_path / "long.csv", documents, tmp_path / "reports.xlsx")
    sheets = dict(workbook_cells(tmp_path / "reports.xlsx"))
    assert list(sheets) == ["报告", "表二 主动公开", "表三 依申请公开", "表四 复议诉讼"]
    assert [row[0] for row in sheets["报告"]] == ["来源文件", "scans/hz.pdf", "scans/copy.pdf", "scans/bad.pdf"]
    header = sheets["报告"][0]
    status, failed, counts = header.index("处理状态"), header.index("未通过校验数"), header.index("无法识别单元格数")
    assert [row[status] for row in sheets["报告"][1:]] == ["done", "duplicate", "failed"]
    assert [row[failed] for row in sheets["报告"][1:]] == [2, 2, None]
    assert sheets["报告"][1][counts] == 1 and sheets["报告"][3][header.index("错误")] == "InputError: corrupt"
    requests = sheets["表三 依申请公开"]
    column = requests[0].index("一、本年新收政府信息公开申请数量 × 自然人")
    assert len(requests) == 2 and requests[1][column] == 21  # a number, and the duplicate is not repeated
    assert requests[1][requests[0].index("一、本年新收政府信息公开申请数量 × 总计")] is None
    proactive = sheets["表二 主动公开"]
    assert (
        proactive[1][proactive[0].index("第二十条第（八）项 / 行政事业性收费 / 本年收费金额（单位：万元）（2021年版）")]
        == 7730.28
    )
    assert len(sheets["表四 复议诉讼"]) == 1  # no report holds table 四
    assert requests[1][1] == '\'=HYPERLINK("http://x")'  # escaped like the CSVs, and stored as text
    raw = zipfile.ZipFile(tmp_path / "reports.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in raw


def test_codebook_lists_every_field_once(tmp_path: Path) -> None:
    write_codebook(tmp_path / "codebook.csv")
    rows = list(csv.DictReader((tmp_path / "codebook.csv").read_text("utf-8-sig").splitlines()))
    assert [r["field_id"] for r in rows] == [s.field_id for s in all_fields()]
    by_id = {r["field_id"]: r for r in rows}
    assert by_id["proactive.regulations.issued"] == {
        "field_id": "proactive.regulations.issued", "label_zh": "第二十条第（一）项 / 规章 / 本年制发件数",
        "table": "proactive", "table_zh": "表二 主动公开政府信息情况", "templates": "2021", "type": "integer"}  # fmt: skip
    assert by_id["appeals.review.total"]["templates"] == "2019;2021"
    assert by_id["requests.result.other.unsplit.total"]["templates"] == "2019"
