"""Unattended runs over archives nobody looked through: no hang, no blow-up, nothing overwritten.

The fake extractor (tests/bulk/fakes.py) stands in for the models; runs that could hang before the fix
run in a subprocess with a time limit.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nianbao.bulk import runner
from nianbao.export.escape import escape_formula
from tests.bulk.conftest import FAKE, csv_rows, db_rows, run_cli, write_archive
from tests.bulk.test_resume import LAUNCHER, REPO, done_count

HANG_LIMIT_S = 90


def run_process(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
                wait: bool = True) -> subprocess.Popen[bytes] | subprocess.CompletedProcess[bytes]:  # fmt: skip
    full_env = dict(os.environ, **(env or {}))
    full_env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), str(REPO), full_env.get("PYTHONPATH", "")])
    command = [sys.executable, "-c", LAUNCHER, "extract", *args, "--extractor-factory", FAKE]
    if not wait:
        return subprocess.Popen(command, env=full_env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return subprocess.run(command, env=full_env, cwd=cwd, capture_output=True, timeout=HANG_LIMIT_S)


def by_name(out: Path) -> dict[str, sqlite3.Row]:
    return {Path(k).name: r for k, r in db_rows(out).items()}


# 1 ------------------------------------------------------------------------------------------------
def test_fifo_and_device_fail_alone_and_the_run_goes_on(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_archive(root, {"a.pdf": b"REPORT a", "b.pdf": b"REPORT b"})
    os.mkfifo(root / "pipe.pdf")
    (root / "zero.pdf").symlink_to("/dev/zero")
    out = tmp_path / "out"
    result = run_process(str(root), "-o", str(out), "--workers", "1", "--quiet")
    assert result.returncode == 1, result.stderr
    rows = by_name(out)
    for name in ("pipe.pdf", "zero.pdf"):
        assert rows[name]["status"] == "failed" and "not a regular file" in rows[name]["error"]
    assert rows["a.pdf"]["status"] == rows["b.pdf"]["status"] == "done"
    assert len(csv_rows(out / "reports.csv")) == 4


# 5 ------------------------------------------------------------------------------------------------
def test_symlink_loops_end_and_each_real_folder_is_walked_once(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_archive(root, {"a/one.pdf": b"REPORT 1", "b/two.pdf": b"REPORT 2"})
    (root / "a" / "up").symlink_to(root)  # loop 1: back to the top
    (root / "b" / "to_a").symlink_to(root / "a")  # loop 2 through loop 1
    (root / "a" / "self").symlink_to(root / "a")
    out = tmp_path / "out"
    result = run_process(str(root), "-o", str(out), "--workers", "1", "--quiet")
    assert result.returncode == 0, result.stderr
    rows = db_rows(out)
    assert sorted(Path(k).name for k in rows) == ["one.pdf", "two.pdf"]
    assert len(csv_rows(out / "reports.csv")) == 2


# 3 ------------------------------------------------------------------------------------------------
def test_a_users_own_json_in_out_is_never_overwritten(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_archive(root, {"report.pdf": b"REPORT r"})
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "report.json"
    mine.write_text('{"my": "notes"}', encoding="utf-8")
    result = run_cli(str(root), "-o", str(out), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert mine.read_text(encoding="utf-8") == '{"my": "notes"}'
    written = by_name(out)["report.pdf"]["output_path"]
    assert written != "report.json" and json.loads((out / written).read_text(encoding="utf-8"))["fields"]
    assert "did not write" in result.output


def test_a_users_own_reports_csv_stops_the_run_before_anything_is_written(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_archive(root, {"report.pdf": b"REPORT r"})
    out = tmp_path / "out"
    out.mkdir()
    (out / "reports.csv").write_text("my,own\n1,2\n", encoding="utf-8")
    result = run_cli(str(root), "-o", str(out), "--workers", "1")
    assert result.exit_code == 2 and "reports.csv was not written by nianbao" in result.output
    assert (out / "reports.csv").read_text(encoding="utf-8") == "my,own\n1,2\n"


def test_a_users_own_reports_xlsx_stops_the_run_and_ours_is_replaced(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_archive(root, {"report.pdf": b"REPORT r"})
    out = tmp_path / "out"
    out.mkdir()
    (out / "reports.xlsx").write_bytes(b"PK\x03\x04 my own workbook")
    result = run_cli(str(root), "-o", str(out), "--workers", "1")
    assert result.exit_code == 2 and "reports.xlsx was not written by nianbao" in result.output
    assert (out / "reports.xlsx").read_bytes() == b"PK\x03\x04 my own workbook"
    (out / "reports.xlsx").unlink()
    assert run_cli(str(root), "-o", str(out), "--workers", "1").exit_code == 0
    assert run_cli(str(root), "-o", str(out), "--workers", "1").exit_code == 0  # our own workbook is rewritten


def test_out_pointing_at_the_archive_keeps_its_sidecar_files(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_archive(root, {"sub/report.pdf": b"REPORT r", "sub/report.json": b'{"sidecar": true}'})
    result = run_cli(str(root), "-o", str(root), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert (root / "sub" / "report.json").read_bytes() == b'{"sidecar": true}'
    assert "overlaps the input folder" in result.output


def test_deleted_ledger_then_other_inputs_keep_the_earlier_reports(tmp_path: Path) -> None:
    write_archive(tmp_path / "first", {"report.pdf": b"REPORT first"})
    write_archive(tmp_path / "second", {"report.pdf": b"REPORT second"})
    out = tmp_path / "out"
    assert run_cli(str(tmp_path / "first"), "-o", str(out), "--workers", "1").exit_code == 0
    before = (out / "report.json").read_bytes()
    for name in ("nianbao.sqlite", "nianbao.sqlite-wal", "nianbao.sqlite-shm"):
        (out / name).unlink(missing_ok=True)
    result = run_cli(str(tmp_path / "second"), "-o", str(out), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert (out / "report.json").read_bytes() == before
    assert by_name(out)["report.pdf"]["output_path"] != "report.json"


# 16: a broken ledger is rebuilt from the JSON in OUT ----------------------------------------------
def test_broken_ledger_is_set_aside_and_rebuilt_from_the_reports(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_archive(root, {"a.pdf": b"REPORT a", "sub/b.pdf": b"REPORT b", "c.pdf": b"BAD"})
    out = tmp_path / "out"
    assert run_cli(str(root), "-o", str(out), "--workers", "1").exit_code == 1
    outputs = {p.name: p.read_bytes() for p in out.rglob("*.json")}
    for name in ("nianbao.sqlite-wal", "nianbao.sqlite-shm"):
        (out / name).unlink(missing_ok=True)
    (out / "nianbao.sqlite").write_bytes(b"this is not a database" * 100)

    result = run_cli(str(root), "-o", str(out), "--workers", "1")
    assert result.exit_code == 1, result.output
    assert "rebuilt" in result.output and list(out.glob("nianbao.sqlite-broken-*"))
    rows = by_name(out)
    assert rows["a.pdf"]["status"] == rows["b.pdf"]["status"] == "done"
    assert rows["a.pdf"]["attempts"] == rows["b.pdf"]["attempts"] == 0  # adopted, not extracted again
    assert rows["c.pdf"]["status"] == "failed"
    assert {p.name: p.read_bytes() for p in out.rglob("*.json")} == outputs


# 7 ------------------------------------------------------------------------------------------------
def test_disk_full_stops_the_run_leaves_documents_pending_and_a_rerun_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "in"
    write_archive(root, {"a.pdf": b"REPORT a", "b.pdf": b"NOSPACE b", "c.pdf": b"REPORT c"})
    out = tmp_path / "out"
    monkeypatch.setenv("NIANBAO_FAKE_DISK_FULL", "1")
    result = run_cli(str(root), "-o", str(out), "--workers", "1", "--quiet")
    assert result.exit_code == 3, result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    rows = by_name(out)
    assert rows["b.pdf"]["status"] == "pending" and rows["b.pdf"]["error_kind"] is None
    assert "failed" not in {row["status"] for row in rows.values()}

    monkeypatch.delenv("NIANBAO_FAKE_DISK_FULL")  # space freed: a plain rerun finishes the job
    assert run_cli(str(root), "-o", str(out), "--workers", "1", "--quiet").exit_code == 0
    assert {row["status"] for row in by_name(out).values()} == {"done"}


def test_disk_full_while_writing_the_tables_is_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_archive(tmp_path / "in", {"a.pdf": b"REPORT a"})

    def full(*args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(runner, "write_run_tables", full)
    result = run_cli(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "1", "--quiet")
    assert result.exit_code == 3 and result.output.startswith("error: ") and "Traceback" not in result.output


# 8 ------------------------------------------------------------------------------------------------
def test_a_250_byte_name_is_extracted(tmp_path: Path) -> None:
    name = "年度报告" * 20 + "x" * 6 + ".pdf"  # 240 + 6 + 4 = 250 bytes
    assert len(name.encode()) == 250
    write_archive(tmp_path / "in", {name: b"REPORT long", "sub/" + name: b"REPORT long 2"})
    out = tmp_path / "out"
    result = run_cli(str(tmp_path / "in"), "-o", str(out), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert len(list(out.rglob("*.json"))) == 2


# 9 ------------------------------------------------------------------------------------------------
def test_an_uncreatable_out_is_a_one_line_usage_error(tmp_path: Path) -> None:
    write_archive(tmp_path / "in", {"a.pdf": b"REPORT a"})
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run_cli(str(tmp_path / "in"), "-o", str(tmp_path / "file" / "out"))
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: cannot write to the output folder") and len(result.output.splitlines()) == 1


def test_a_read_only_out_is_a_one_line_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_archive(tmp_path / "in", {"a.pdf": b"REPORT a"})
    out = tmp_path / "out"
    out.mkdir()
    if os.geteuid() != 0:
        out.chmod(0o555)
    else:  # root writes anywhere: make the first write fail as a read-only file system would

        def read_only(folder: Path) -> object:
            raise OSError(errno.EROFS, "Read-only file system", str(folder / ".nianbao.lock"))

        monkeypatch.setattr(runner, "_exclusive", read_only)
    try:
        result = run_cli(str(tmp_path / "in"), "-o", str(out))
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: cannot write to the output folder") and len(result.output.splitlines()) == 1


# 10 -----------------------------------------------------------------------------------------------
def test_a_replaced_later_page_is_extracted_again(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_archive(root, {"scan_p1.png": b"REPORT page 1", "scan_p2.png": b"page two, first"})
    out = tmp_path / "out"
    assert run_cli(str(root), "-o", str(out), "--workers", "1").exit_code == 0
    first = by_name(out)["scan_p1.png"]
    page2 = root / "scan_p2.png"
    page2.write_bytes(b"page two, other")  # same size
    os.utime(page2, ns=(time.time_ns(), page2.stat().st_mtime_ns + 5_000_000_000))
    assert run_cli(str(root), "-o", str(out), "--workers", "1").exit_code == 0
    again = by_name(out)["scan_p1.png"]
    assert again["sha256"] != first["sha256"] and again["finished_at"] != first["finished_at"]


# 13 -----------------------------------------------------------------------------------------------
def test_formula_like_names_are_text_in_the_csv_and_numbers_stay_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = '=HYPERLINK("http:x","y").pdf'
    write_archive(tmp_path / "in", {name: b"BAD formula", "+ok.pdf": b"REPORT ok"})
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path / "in")  # the source column holds names relative to the working folder
    run_cli(".", "-o", str(out), "--workers", "1")
    for path in (out / "reports.csv", out / "fields_long.csv"):
        for row in csv_rows(path):
            for value in row.values():
                assert not value.startswith(("=", "+", "@")) and not (
                    value.startswith("-") and not value.lstrip("-").replace(".", "").isdigit()
                ), (path.name, value)
    sources = {r["source"] for r in csv_rows(out / "reports.csv")}
    assert any(s.startswith("'") and name in s for s in sources)
    assert escape_formula("-18") == "-18" and escape_formula("-1.5e3") == "-1.5e3"
    assert escape_formula("-1+2") == "'-1+2" and escape_formula("@SUM(A1)") == "'@SUM(A1)"
    assert escape_formula("\tx") == "'\tx" and escape_formula("国务院") == "国务院"


# 14 -----------------------------------------------------------------------------------------------
def test_a_newline_in_a_name_cannot_split_or_forge_lines(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_archive(root, {"bad\nERROR forged [red]line.pdf": b"BAD x", "ok.pdf": b"REPORT ok"})
    out = tmp_path / "out"
    result = run_process(str(root), "-o", str(out), "--workers", "1", "--quiet")
    assert result.returncode == 1
    stderr = result.stderr.decode()
    failures = [line for line in stderr.splitlines() if line.startswith("failed")]
    assert len(failures) == 1 and "\\n" in failures[0] and "[red]line.pdf" in failures[0]
    assert not [line for line in stderr.splitlines() if line.startswith("ERROR forged")]
    log_lines = (out / "run.log").read_text(encoding="utf-8").splitlines()
    assert not [line for line in log_lines if line.startswith("ERROR forged")]


# 15 -----------------------------------------------------------------------------------------------
def test_sigterm_is_handled_like_ctrl_c(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_archive(root, {f"doc{i:02d}.pdf": f"REPORT {i}".encode() for i in range(12)})
    out = tmp_path / "out"
    process = run_process(str(root), "-o", str(out), "--workers", "1", "--quiet",
                          env={"NIANBAO_FAKE_DELAY": "0.3"}, wait=False)  # fmt: skip
    deadline = time.monotonic() + 60
    while done_count(out) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert "interrupted" in stdout.decode()
    rows = db_rows(out)
    assert "running" not in {row["status"] for row in rows.values()}
    assert 2 <= len([r for r in rows.values() if r["status"] == "done"]) < 12
    assert len(csv_rows(out / "reports.csv")) == len(rows)


# 16: the smaller ones -----------------------------------------------------------------------------
def test_a_negative_timeout_is_a_usage_error(tmp_path: Path) -> None:
    write_archive(tmp_path / "in", {"a.pdf": b"REPORT a"})
    result = run_cli(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--timeout", "-1")
    assert result.exit_code == 2 and "run.timeout_s" in result.output


def test_a_folder_named_like_the_json_does_not_crash_the_document(tmp_path: Path) -> None:
    write_archive(tmp_path / "in", {"x.pdf": b"REPORT x"})
    out = tmp_path / "out"
    (out / "x.json").mkdir(parents=True)
    result = run_cli(str(tmp_path / "in"), "-o", str(out), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert by_name(out)["x.pdf"]["status"] == "done"


def test_model_loading_is_not_counted_in_the_first_documents_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_archive(tmp_path / "in", {"a.pdf": b"REPORT a", "b.pdf": b"REPORT b"})
    monkeypatch.setenv("NIANBAO_FAKE_BUILD_DELAY", "1.6")  # longer than the timeout below
    out = tmp_path / "out"
    result = run_cli(str(tmp_path / "in"), "-o", str(out), "--workers", "1", "--timeout", "1")
    assert result.exit_code == 0, result.output
    assert {row["status"] for row in db_rows(out).values()} == {"done"}
