"""End-to-end runs of ``nianbao extract`` over a fake archive, with the fake extractor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from nianbao.template import all_fields
from tests.bulk.conftest import (
    BAD,
    BAD_KINDS,
    DUPLICATES,
    GOOD,
    UNSUPPORTED,
    Archive,
    csv_rows,
    db_rows,
    run_cli,
    workbook_cells,
    write_archive,
)
from tests.bulk.fakes import BUILDS_FILE_ENV


def test_archive_run_counts_outputs_and_exit_code(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(str(archive.root), "-o", str(out), "--workers", "2", "--dpi", "150", "--backend", "paddle")

    assert result.exit_code == 1, result.output
    config = yaml.safe_load((out / "config.yaml").read_text(encoding="utf-8"))
    assert (config["ingest"]["dpi"], config["ocr"]["backend"], config["run"]["workers"]) == (150, "paddle", 2)
    rows = db_rows(out)
    statuses = [row["status"] for row in rows.values()]
    assert len(rows) == archive.documents
    assert statuses.count("done") == len(GOOD)
    assert statuses.count("failed") == len(BAD)
    assert statuses.count("duplicate") == len(DUPLICATES)
    kinds = {}
    for row in rows.values():
        if row["status"] == "failed":
            kinds[row["error_kind"]] = kinds.get(row["error_kind"], 0) + 1
    assert kinds == BAD_KINDS
    summary = result.output.strip().splitlines()[-1]
    assert f"{len(GOOD)} done" in summary and f"{len(BAD)} failed" in summary
    assert f"{len(DUPLICATES)} duplicates" in summary and f"{len(UNSUPPORTED)} skipped" in summary

    json_files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert len(json_files) == len(GOOD)
    assert {"hz2023.json", "y/hz2023.json", "y/hz2023.pdf.json", "report00.json", "SCAN.json"} <= set(json_files)
    report = json.loads((out / "hz2023.json").read_text(encoding="utf-8"))
    assert report["source"]["path"].endswith("x/hz2023.pdf")

    assert (out / "run.log").stat().st_size > 0
    assert not [p for p in out.rglob("*") if "tmp" in p.name]


def test_reports_csv_has_one_row_per_document_and_field_columns(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli(str(archive.root), "-o", str(out), "--workers", "2")

    rows = {Path(r["source"]).relative_to(archive.root).as_posix(): r for r in csv_rows(out / "reports.csv")}
    assert set(rows) == set(GOOD) | set(BAD) | set(DUPLICATES)
    good = rows["city/2021/report03.pdf"]
    report = json.loads((out / "report03.json").read_text(encoding="utf-8"))
    assert good["status"] == "done" and good["agency"] == report["agency"]
    assert good["template.requests"] == "2021" and good["template.proactive"] == ""
    assert good["requests.new_received.natural_person"] == str(report["fields"]["requests.new_received.natural_person"])
    assert good["checks.n"] == "2"
    assert rows["broken/locked.pdf"]["status"] == "failed"
    assert rows["broken/locked.pdf"]["error"].startswith("EncryptedDocumentError:")
    copy = rows["copies/again.pdf"]
    assert copy["status"] == "duplicate" and "report00.pdf" in copy["error"]
    assert copy["agency"] == rows["city/2021/report00.pdf"]["agency"]

    long_rows = csv_rows(out / "fields_long.csv")
    assert {r["report"] for r in long_rows} == {good_row["source"] for good_row in rows.values()
                                                if good_row["status"] == "done"}  # fmt: skip
    assert len(long_rows) == len(GOOD) * len(report["fields"])
    assert good["n_fields"] == str(len(report["fields"])) and good["n_unreadable"] == "0"
    assert report["cells"]["requests.new_received.commercial_enterprise"]["status"] == "dash"  # the fake's "—"

    sheets = dict(workbook_cells(out / "reports.xlsx"))
    assert len(sheets["报告"]) == len(rows) + 1 and len(sheets["表三 依申请公开"]) == len(GOOD) + 1
    codebook = csv_rows(out / "codebook.csv")
    assert len(codebook) == len(all_fields()) and codebook[0]["label_zh"]


def test_rerun_redoes_nothing_and_retry_failed_redoes_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "archive"
    write_archive(root, {"a.pdf": b"REPORT a", "b.pdf": b"FLAKY b", "sub/c.png": b"REPORT c"})
    out = tmp_path / "out"
    monkeypatch.setenv("NIANBAO_FAKE_FLAKY", "1")
    assert run_cli(str(root), "-o", str(out), "--workers", "1").exit_code == 1
    first = db_rows(out)

    monkeypatch.delenv("NIANBAO_FAKE_FLAKY")
    assert run_cli(str(root), "-o", str(out), "--workers", "1", "--quiet").exit_code == 1
    second = db_rows(out)
    for name, row in first.items():
        assert (second[name]["attempts"], second[name]["finished_at"]) == (row["attempts"], row["finished_at"])

    result = run_cli(str(root), "-o", str(out), "--workers", "1", "--retry-failed", "--quiet")
    assert result.exit_code == 0, result.output
    third = db_rows(out)
    flaky = next(name for name in third if name.endswith("b.pdf"))
    assert third[flaky]["status"] == "done" and third[flaky]["attempts"] == 2
    assert all(third[n]["attempts"] == 1 for n in third if n != flaky)
    assert len(result.output.strip().splitlines()) == 1  # --quiet: the summary line only


def test_timeout_and_dying_worker_fail_one_document_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "archive"
    write_archive(root, {"hang.pdf": b"HANG", "die.pdf": b"DIE", "ok1.pdf": b"REPORT 1", "ok2.pdf": b"REPORT 2"})
    builds = tmp_path / "builds.txt"
    monkeypatch.setenv(BUILDS_FILE_ENV, str(builds))
    out = tmp_path / "out"
    result = run_cli(str(root), "-o", str(out), "--workers", "2", "--timeout", "1")

    assert result.exit_code == 1, result.output
    rows = {Path(k).name: r for k, r in db_rows(out).items()}
    assert (rows["hang.pdf"]["status"], rows["hang.pdf"]["error_kind"]) == ("failed", "Timeout")
    assert (rows["die.pdf"]["status"], rows["die.pdf"]["error_kind"]) == ("failed", "WorkerDied")
    assert rows["ok1.pdf"]["status"] == rows["ok2.pdf"]["status"] == "done"
    assert len(builds.read_text().split()) <= 4  # one extractor per worker: 2, plus the 2 replacements


def test_each_worker_builds_its_extractor_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "archive"
    write_archive(root, {f"r{i}.pdf": f"REPORT {i}".encode() for i in range(10)})
    builds = tmp_path / "builds.txt"
    monkeypatch.setenv(BUILDS_FILE_ENV, str(builds))
    result = run_cli(str(root), "-o", str(tmp_path / "out"), "--workers", "2")
    assert result.exit_code == 0, result.output
    pids = builds.read_text().split()
    assert 1 <= len(pids) <= 2 and len(set(pids)) == len(pids)


def test_list_file_and_explicit_unsupported_file(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    write_archive(root, {"a.pdf": b"REPORT a", "b.docx": b"REPORT b", "c.pdf": b"REPORT c"})
    listing = root / "inputs.lst"
    listing.write_text("# my list\na.pdf\n\nmissing.pdf\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(str(root / "b.docx"), "-o", str(out), "--list", str(listing), "--workers", "1")

    assert result.exit_code == 1, result.output
    rows = {Path(k).name: r for k, r in db_rows(out).items()}
    assert set(rows) == {"a.pdf", "b.docx", "missing.pdf"}  # c.pdf was not named
    assert rows["missing.pdf"]["status"] == "failed" and rows["missing.pdf"]["error_kind"] == "InputError"
    assert rows["b.docx"]["status"] == "done"  # named explicitly: tried (the fake reads anything)


@pytest.mark.parametrize(
    "args",
    [
        ["{missing}"],  # an input that does not exist
        ["{archive}", "--backend", "tesseract"],
        ["{archive}", "--dpi", "5"],
        [],  # no input at all
    ],
)
def test_usage_errors_exit_2(archive: Archive, tmp_path: Path, args: list[str]) -> None:
    filled = [a.format(missing=tmp_path / "nowhere.pdf", archive=archive.root) for a in args]
    result = run_cli(*filled, "-o", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert "error:" in result.output


def test_unknown_config_key_exits_2(archive: Archive, tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text("run:\n  wrokers: 2\n", encoding="utf-8")
    result = run_cli(str(archive.root), "-o", str(tmp_path / "out"), "--config", str(config))
    assert result.exit_code == 2 and "wrokers" in result.output
