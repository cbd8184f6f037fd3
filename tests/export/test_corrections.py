from __future__ import annotations

import json
from pathlib import Path

import pytest

from nianbao.export.atomic import write_json_atomic
from nianbao.export.corrections import apply_to_json, parse_corrected, read_corrections, with_corrections
from nianbao.export.tables import fields_long_rows
from nianbao.report import Report

REPORT = {"source": {"path": "a.pdf"}, "fields": {"x.a": 1, "x.b": None, "x.c": 7.5}, "cells": {}}


def test_parse_corrected() -> None:
    assert parse_corrected(" 12 ") == 12 and parse_corrected("1,234") == 1234 and parse_corrected("7.25") == 7.25
    assert parse_corrected("-") is None and parse_corrected("") is None and parse_corrected("null") is None
    assert parse_corrected("-3") == -3
    with pytest.raises(ValueError):
        parse_corrected("twelve")


def test_read_corrections_skips_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    path.write_text("\ufeffreport,field,value\na.json,x.b,5\na.json,x.a,abc\nb.json,x.a,-\n,x.a,1\n", encoding="utf-8")
    assert read_corrections(path) == {"a.json": {"x.b": 5}, "b.json": {"x.a": None}}
    assert read_corrections(tmp_path / "absent.csv") == {}
    (tmp_path / "wrong.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert read_corrections(tmp_path / "wrong.csv") == {}


def test_json_keeps_what_was_read_beside_the_corrections(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    write_json_atomic(path, REPORT)
    report = apply_to_json(path, "a.json", {"a.json": {"x.b": 5, "x.a": None, "nope": 1}})
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored == report and stored["fields"] == REPORT["fields"]
    assert stored["corrected"] == {"x.a": None, "x.b": 5}
    typed = Report.from_dict(stored)
    assert with_corrections(typed).fields == {"x.a": None, "x.b": 5, "x.c": 7.5}
    assert [row[-1] for row in fields_long_rows("a.pdf", typed)] == ["null", "5", ""]

    apply_to_json(path, "a.json", {})  # the line was taken out of corrections.csv
    assert "corrected" not in json.loads(path.read_text(encoding="utf-8"))
