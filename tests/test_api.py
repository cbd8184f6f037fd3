"""The Python API: nianbao.extract on str and Path inputs, nianbao.read_run on a run folder."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import nianbao
from nianbao.errors import InputError
from tests.bulk.conftest import run_cli, write_archive
from tests.fixtures.report import consistent_values, render_report

TITLE = "淮安市洪泽区人民政府\n2023年政府信息公开工作年度报告"
# printed text of a cell -> the statuses it may get; the words are no number: never read as one
PRINTED_NULLS = {"": {"blank"}, "—": {"dash"}, "/": {"dash"}, "见附表": {"unreadable", "unsure"}}


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    values: dict = consistent_values(random.Random(11))
    zeros = [k for k, v in values.items() if v == 0 and not k.endswith(".total") and ".result.total." not in k]
    printed = dict(zip(zeros, PRINTED_NULLS, strict=False))  # in place of zeros: I1-I3 still hold
    values.update(printed)
    path = tmp_path_factory.mktemp("api") / "hz2023.pdf"
    render_report(values, TITLE, path)
    return path, printed


@pytest.mark.ocr
def test_extract_takes_a_str_and_a_path_and_says_how_each_cell_was_read(scan: tuple[Path, dict]) -> None:
    path, printed = scan
    report = nianbao.extract(str(path))
    assert isinstance(report, nianbao.Report) and report.source.path == str(path)
    assert (report.agency, report.year) == ("淮安市洪泽区人民政府", 2023)
    for field_id, text in printed.items():
        assert report.fields[field_id] is None and report.cells[field_id].status in PRINTED_NULLS[text], field_id
    words = next(fid for fid, text in printed.items() if text == "见附表")
    assert report.cells[words].reason
    counts = report.status_counts
    assert counts["blank"] == 1 and counts["dash"] == 2 and counts["unsure"] + counts["unreadable"] == 1
    assert counts["ok"] == len(report.fields) - len(printed)
    assert not report.failed_checks
    again = nianbao.extract(path)  # a Path, the models reused
    assert again.fields == report.fields and again.to_dict()["status_counts"] == counts


def test_extract_of_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot open"):
        nianbao.extract(tmp_path / "nothing.pdf", config=Path("configs/default.yaml"))


def test_read_run_is_every_done_report_in_long_format(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    write_archive(root, {"a.pdf": b"REPORT a", "b/c.png": b"REPORT c", "d.pdf": b"BAD", "e.pdf": b"REPORT a"})
    out = tmp_path / "out"
    assert run_cli(str(root), "-o", str(out), "--workers", "1").exit_code == 1  # d.pdf fails
    frame = nianbao.read_run(out)
    reports = sorted(Path(name).relative_to(root).as_posix() for name in frame["report"].unique())
    assert reports == ["a.pdf", "b/c.png"]  # the failed document and the duplicate have no rows
    assert len(frame) == 2 * len(frame[frame["report"] == frame["report"].iloc[0]])
    assert list(frame.columns)[:3] == ["report", "agency", "year"] and "status" in frame and "label_zh" in frame
    assert set(frame["status"]) <= {"ok", "dash"} and (frame["status"] == "dash").sum() == 2
    assert frame["value"].dtype == "float64" and frame["year"].notna().all()
    with pytest.raises(InputError, match="reports.csv"):
        nianbao.read_run(tmp_path)
