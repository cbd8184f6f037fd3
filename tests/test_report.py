"""The Report model: the JSON contract round-trips, statuses are counted, long format for pandas."""

from __future__ import annotations

import json

import pytest

from nianbao.checks import Check
from nianbao.report import LONG_COLUMNS, STATUSES, CellReading, Report, Source, Unmapped, infer_status

FIELDS = {"appeals.review.upheld": 3, "appeals.review.corrected": None, "appeals.review.other": None,
          "appeals.review.pending": None, "appeals.review.total": None}  # fmt: skip
CELLS = {
    "appeals.review.upheld": CellReading("ok", 4, (10.0, 20.0, 30.0, 40.0), "3", 0.98, read_by="ocr:onnx"),
    "appeals.review.corrected": CellReading("blank", 4, (30.0, 20.0, 50.0, 40.0), "", 1.0),
    "appeals.review.other": CellReading("dash", 4, (50.0, 20.0, 70.0, 40.0), "—", 0.91),
    "appeals.review.pending": CellReading(
        "unsure", 4, (70.0, 20.0, 90.0, 40.0), "8", 0.31, "read '8' with confidence 0.31: left null"
    ),
    "appeals.review.total": CellReading("unreadable", reason="no cell found"),
}


def sample() -> Report:
    return Report(
        source=Source("scans/hz.pdf", "ab" * 32, 5, "scanned"), agency="淮安市洪泽区人民政府", year=2023,
        published="2024-01-17", template={"appeals": "2021"}, fields=FIELDS, cells=CELLS,
        checks=(Check("I4", "review", False, "3+-+-+- ≠ -"),),
        unmapped=(Unmapped(4, "其他", "no canonical field", context="行政复议", probability=0.41),),
        warnings=("table proactive was not found: its fields are left out",),
        run={"nianbao_version": "0.1.0"},
    )  # fmt: skip


def test_the_json_round_trips_through_the_model() -> None:
    data = json.loads(json.dumps(sample().to_dict(), ensure_ascii=False))
    again = Report.from_dict(data)
    assert again == sample()
    assert again.to_dict() == data


def test_every_cell_has_a_status_and_the_doubtful_ones_a_reason() -> None:
    data = sample().to_dict()
    assert [cell["status"] for cell in data["cells"].values()] == ["ok", "blank", "dash", "unsure", "unreadable"]
    assert "reason" not in data["cells"]["appeals.review.upheld"]
    assert data["cells"]["appeals.review.total"] == {"page": None, "bbox": None, "text": None, "confidence": None,
                                                     "status": "unreadable", "reason": "no cell found"}  # fmt: skip
    assert data["status_counts"] == {"ok": 1, "blank": 1, "dash": 1, "unsure": 1, "unreadable": 1}
    assert list(data["status_counts"]) == list(STATUSES)


def test_a_cell_of_an_html_or_docx_table_is_placed_by_table_row_and_column() -> None:
    cell = CellReading("ok", text="7", confidence=1.0, read_by="markup", table=3, row=4, col=5)
    data = cell.to_dict()
    assert data == {"table": 3, "row": 4, "col": 5, "text": "7", "confidence": 1.0, "read_by": "markup", "status": "ok"}
    assert CellReading.from_dict(data) == cell


def test_a_field_without_any_cell_entry_counts_as_unreadable() -> None:
    report = Report(Source("x.pdf"), fields={"appeals.review.total": None})
    assert report.status_counts["unreadable"] == 1 and report.status_of("appeals.review.total") == "unreadable"


def test_json_written_before_statuses_existed_gets_them_inferred() -> None:
    legacy = {"source": {"path": "a.pdf"}, "fields": {"a": 1, "b": None, "c": None, "d": None, "e": None},
              "cells": {"a": {"text": "1"}, "b": {"text": ""}, "c": {"text": "/"}, "d": {"text": "一"},
                        "e": {"text": "x7"}}}  # fmt: skip
    report = Report.from_dict(legacy)
    assert [report.status_of(k) for k in "abcde"] == ["ok", "blank", "dash", "dash", "unreadable"]
    assert infer_status(0, "0") == "ok" and infer_status(None, None) == "blank"


def test_unknown_top_level_keys_are_kept() -> None:
    data = {**sample().to_dict(), "corrected": {"appeals.review.total": 3}}
    assert Report.from_dict(data).to_dict()["corrected"] == {"appeals.review.total": 3}


def test_dict_style_access_reads_the_json_keys() -> None:
    report = sample()
    assert report["fields"]["appeals.review.upheld"] == 3 and report["source"]["pages"] == 5
    with pytest.raises(KeyError):
        report["nonsense"]


def test_to_pandas_is_long_with_labels_and_typed_columns() -> None:
    frame = sample().to_pandas()
    assert list(frame.columns) == list(LONG_COLUMNS) and len(frame) == len(FIELDS)
    first = frame.iloc[0]
    assert (first["report"], first["field"], first["value"], first["status"]) == (
        "scans/hz.pdf",
        "appeals.review.upheld",
        3.0,
        "ok",
    )
    assert first["label_zh"] == "行政复议 / 结果维持" and first["table"] == "appeals" and first["page"] == 4
    assert frame["value"].isna().sum() == 4 and str(frame["page"].dtype) == "Int64"
    assert frame.set_index("field").loc["appeals.review.pending", "reason"].startswith("read '8'")
