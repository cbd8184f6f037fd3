from __future__ import annotations

import csv
from pathlib import Path

from nianbao.export.atomic import write_json_atomic
from nianbao.export.tables import (
    DocumentRecord,
    checks_summary,
    fields_long_rows,
    format_value,
    report_columns,
    report_row,
    write_run_tables,
)
from nianbao.fields import all_fields

REPORT = {
    "source": {"path": "scans/hz.pdf", "sha256": "ab", "pages": 5, "kind": "scanned"},
    "agency": "淮安市洪泽区人民政府",
    "year": 2023,
    "published": "2024-01-17",
    "template": {"proactive": "2021", "requests": "2021"},
    "fields": {"requests.new_received.natural_person": 21, "proactive.fees.amount_10k_yuan": 7730.28,
               "requests.new_received.total": None},  # fmt: skip
    "cells": {"requests.new_received.natural_person": {"page": 3, "bbox": [0, 0, 1, 1], "text": "21",
                                                       "confidence": 0.99},
              "requests.new_received.total": {"page": 3, "bbox": [0, 0, 1, 1], "text": "—", "confidence": 0.8}},
    "checks": [{"rule": "I1", "scope": "natural_person", "ok": True, "detail": ""},
               {"rule": "I2", "scope": "total", "ok": False, "detail": ""},
               {"rule": "I4", "ok": False, "detail": ""}],
}  # fmt: skip


def test_columns_follow_fields_tsv_order() -> None:
    columns = report_columns()
    tsv = Path(__file__).resolve().parents[2] / "src" / "nianbao" / "data" / "fields.tsv"
    ids = [line.split("\t")[0] for line in tsv.read_text("utf-8").splitlines()[1:] if line.strip()]
    assert columns[:2] == ["source", "sha256"] and columns.index("status") < columns.index(ids[0])
    assert columns[-len(ids) :] == ids and len(ids) == len(all_fields())


def test_report_row_values() -> None:
    ids = ["requests.new_received.natural_person", "proactive.fees.amount_10k_yuan", "requests.new_received.total",
           "appeals.review.total"]  # fmt: skip
    record = DocumentRecord("scans/hz.pdf", "ab", "done", None, 5, "hz.json")
    row = dict(zip(report_columns(ids), report_row(record, REPORT, ids), strict=True))
    assert row["agency"] == "淮安市洪泽区人民政府" and row["year"] == "2023"
    assert (row["template.proactive"], row["template.requests"], row["template.appeals"]) == ("2021", "2021", "")
    assert (row["checks.n"], row["checks.failed"], row["checks.failed_rules"]) == ("3", "2", "I2:total;I4")
    assert row["requests.new_received.natural_person"] == "21"
    assert row["proactive.fees.amount_10k_yuan"] == "7730.28"
    assert row["requests.new_received.total"] == "" and row["appeals.review.total"] == ""
    failed = report_row(DocumentRecord("x.pdf", None, "failed", "InputError: bad"), None, ids)
    assert failed[0] == "x.pdf" and "InputError: bad" in failed and failed[-4:] == ["", "", "", ""]


def test_checks_summary_and_values() -> None:
    assert checks_summary([]) == (0, 0, "")
    assert format_value(None) == "" and format_value(0) == "0" and format_value(-3) == "-3"
    assert format_value(12.5) == "12.5" and format_value(True) == "true"


def test_long_rows_carry_provenance() -> None:
    rows = list(fields_long_rows("scans/hz.pdf", REPORT))
    assert rows[0] == ["scans/hz.pdf", "requests.new_received.natural_person", "21", "21", "3", "0.99"]
    assert rows[1] == ["scans/hz.pdf", "proactive.fees.amount_10k_yuan", "7730.28", "", "", ""]
    assert rows[2][2:4] == ["", "—"]


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
