"""A real run over a folder holding a digital PDF, HTML and DOCX side by side, and a broken Word file:
one ledger, one archive table, the broken file failed with its reason."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.bulk.conftest import csv_rows, db_rows, make_app
from tests.fixtures.born_digital import report_spec, write_forms


def test_born_digital_files_run_side_by_side(tmp_path: Path) -> None:
    root = tmp_path / "in"
    spec = report_spec("2021", 8)
    forms = write_forms(spec, root)
    for name in ("html_gbk", "kangxi"):
        forms.pop(name).unlink()
    (root / "broken.docx").write_bytes(b"PK\x03\x04 cut short")
    out = tmp_path / "out"
    result = CliRunner().invoke(make_app(), ["extract", str(root), "-o", str(out), "--workers", "1", "--quiet"])
    rows = db_rows(out)
    assert sorted(Path(p).name for p in rows) == ["broken.docx", "digital.pdf", "docx.docx", "html.html"]
    assert result.exit_code != 0 and "1" in result.output
    failed = [row for row in rows.values() if row["status"] != "done"]
    assert len(failed) == 1 and "docx" in (failed[0]["error"] or "")
    assert len(csv_rows(out / "reports.csv")) == 4  # the failed one too, with its error
    for stem, kind in (("digital", "digital"), ("html", "html"), ("docx", "docx")):
        report = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        assert report["source"]["kind"] == kind
        assert {k: v for k, v in report["fields"].items() if spec.fields[k] != v} == {}
