"""One unattended run, with the real extractor, over an archive holding what nobody looked through:
a FIFO, a symbolic link loop, a page-size bomb PDF, a pixel bomb PNG, a 16-bit scan, a ruled page that
is not a report, a formula-like file name, and a user's own file in the output folder."""

from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from typer.testing import CliRunner

from tests.bulk.conftest import csv_rows, db_rows, make_app
from tests.fixtures.hostile import pdf_with_page, png_bomb, save_16bit_png
from tests.fixtures.pages import SpecCell, draw_table
from tests.fixtures.report import consistent_values, render_report

pytestmark = pytest.mark.ocr
TITLE = "淮安市洪泽区人民政府\n2023年政府信息公开工作年度报告"
FORMULA_NAME = '=HYPERLINK("http:x","y").pdf'
MEMORY_LIMIT_MB = 2048


def _timetable_page() -> np.ndarray:
    texts = [["车次", "出发站", "到达站", "开点", "到点"], ["G101", "北京南", "上海虹桥", "06:36", "12:40"],
             ["G103", "北京南", "上海虹桥", "07:00", "12:54"], ["G105", "北京南", "上海虹桥", "07:17", "13:17"]]  # fmt: skip
    cells = [SpecCell(r, c, text) for r, row in enumerate(texts) for c, text in enumerate(row)]
    return draw_table(cells, [220] * 5, 80, origin=(200, 400), title="列车时刻表")


def _archive(root: Path) -> dict[str, int]:
    root.mkdir(parents=True)
    values = consistent_values(random.Random(11))
    report = root.parent / "report.pdf"
    render_report(values, TITLE, report)
    document = pdfium.PdfDocument(str(report))
    for index in range(len(document)):
        gray = np.asarray(document[index].render(scale=200 / 72).to_pil().convert("L"))
        save_16bit_png(gray, root / f"scan16_p{index + 1}.png")
    document.close()
    Image.fromarray(_timetable_page()).save(root / "timetable.png")
    (root / "bomb.pdf").write_bytes(pdf_with_page(7200, 7200))  # 100 × 100 inches in a few hundred bytes
    png_bomb(root / "pixels.png", 12000, 12000)
    (root / FORMULA_NAME).write_bytes(b"%PDF-1.7 not really")
    os.mkfifo(root / "pipe.pdf")
    (root / "loop").symlink_to(root)
    return values


def test_one_run_over_a_hostile_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "archive"
    values = _archive(root)
    out = tmp_path / "out"
    out.mkdir()
    (out / "scan16_p1.json").write_text("my own notes", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # the workers inherit it: nothing may be written there
    monkeypatch.chdir(root)

    result = CliRunner().invoke(make_app(), ["extract", ".", "-o", str(out), "--workers", "1", "--quiet"])

    assert result.exit_code == 1, result.output
    rows = {row["display_path"]: row for row in db_rows(out).values()}
    assert set(rows) == {"scan16_p1.png", "timetable.png", "bomb.pdf", "pixels.png", FORMULA_NAME, "pipe.pdf"}
    failures = {name: (row["error_kind"], row["error"]) for name, row in rows.items() if row["status"] == "failed"}
    assert failures["pipe.pdf"][0] == "InputError" and "not a regular file" in failures["pipe.pdf"][1]
    assert failures["timetable.png"][0] == "NoTablesError" and "none is one of" in failures["timetable.png"][1]
    assert failures["bomb.pdf"][0] == "NoTablesError"  # drawn within the pixel budget: a blank page
    assert failures["pixels.png"][0] == "InputError" and "12000×12000 pixels" in failures["pixels.png"][1]
    assert failures[FORMULA_NAME][0] == "InputError"

    scan = rows["scan16_p1.png"]
    assert scan["status"] == "done" and scan["output_path"] != "scan16_p1.json"
    assert (out / "scan16_p1.json").read_text(encoding="utf-8") == "my own notes"
    wide = {row["source"]: row for row in csv_rows(out / "reports.csv")}
    assert "'" + FORMULA_NAME in wide
    read = wide["scan16_p1.png"]
    wrong = {k: (v, read[k]) for k, v in values.items() if read[k] != str(v)}
    assert len(wrong) <= 2, wrong  # the 16-bit scan reads like the 8-bit one (not a blank page)
    assert all(row["peak_rss_mb"] is None or row["peak_rss_mb"] < MEMORY_LIMIT_MB for row in rows.values())
    assert [p.relative_to(home).as_posix() for p in home.rglob("*")] == []
