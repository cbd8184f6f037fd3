"""A rerun into the same folder with other settings: refused with a message naming --redo, or redone."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import yaml

from nianbao import __version__
from nianbao.config import load_config
from nianbao.provenance import classifier_files, config_sha256, ocr_model_files
from tests.bulk.conftest import db_rows, run_cli, write_archive

FILES = {"a.pdf": b"REPORT a", "b.pdf": b"REPORT b", "sub/c.png": b"REPORT c", "bad.pdf": b"BAD"}


def jsons(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json"))}


def first_run(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "archive"
    write_archive(root, FILES)
    out = tmp_path / "out"
    result = run_cli(str(root), "-o", str(out), "--workers", "1", "--quiet")
    assert result.exit_code == 1, result.output  # bad.pdf fails
    return root, out


def sha256_of(path: Path | None) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None and path.is_file() else None


def test_every_json_and_the_ledger_record_what_made_them(tmp_path: Path) -> None:
    _, out = first_run(tmp_path)
    config = load_config()
    reports = [json.loads(text) for text in jsons(out).values()]
    assert len(reports) == 3
    run = reports[0]["run"]
    assert all(report["run"] == run for report in reports)
    assert run["nianbao_version"] == __version__
    assert run["config_sha256"] == config_sha256(config)
    assert run["ocr_backend"] == "onnx"
    assert run["ocr_models"] == {name: sha256_of(path) for name, path in ocr_model_files("onnx").items()}
    assert run["classifier"] == {name: sha256_of(path) for name, path in classifier_files(config).items()}
    assert run["classifier"]["model.joblib"] is not None

    rows = db_rows(out)
    assert {row["settings_sha256"] for row in rows.values()} == {run["settings_sha256"]}  # bad.pdf too
    assert {row["nianbao_version"] for row in rows.values()} == {__version__}
    with sqlite3.connect(out / "nianbao.sqlite") as db:
        ((version, key),) = db.execute("SELECT nianbao_version, settings_sha256 FROM runs").fetchall()
        ((stored,),) = db.execute("SELECT provenance FROM settings WHERE sha256 = ?", (key,)).fetchall()
    assert (version, key) == (__version__, run["settings_sha256"])
    assert json.loads(stored) == run


def test_rerun_with_other_settings_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    root, out = first_run(tmp_path)
    before_json, before_config, before_rows = jsons(out), (out / "config.yaml").read_bytes(), db_rows(out)

    for flags, change in (
        (["--dpi", "300"], "ingest.dpi 200 → 300"),
        (["--backend", "paddle"], "ocr.backend onnx → paddle"),
    ):
        result = run_cli(str(root), "-o", str(out), "--workers", "1", *flags)
        assert result.exit_code == 2, result.output
        message = result.output.strip()
        assert len(message.splitlines()) == 1 and "--redo" in message and "4 report(s)" in message
        assert change in message
    config = tmp_path / "mine.yaml"
    config.write_text("ocr:\n  min_confidence: 0.7\n", encoding="utf-8")
    result = run_cli(str(root), "-o", str(out), "--config", str(config))
    assert result.exit_code == 2 and "ocr.min_confidence 0.5 → 0.7" in result.output

    assert jsons(out) == before_json
    assert (out / "config.yaml").read_bytes() == before_config
    after_rows = db_rows(out)
    assert [tuple(r) for r in after_rows.values()] == [tuple(r) for r in before_rows.values()]


def test_speed_settings_do_not_count_as_other_settings(tmp_path: Path) -> None:
    root, out = first_run(tmp_path)
    before = db_rows(out)
    result = run_cli(str(root), "-o", str(out), "--workers", "2", "--timeout", "30", "--quiet")
    assert result.exit_code == 1, result.output
    assert all(row["attempts"] == before[name]["attempts"] for name, row in db_rows(out).items())


def test_redo_extracts_again_and_config_yaml_follows(tmp_path: Path) -> None:
    root, out = first_run(tmp_path)
    old_key = json.loads((out / "a.json").read_text(encoding="utf-8"))["run"]["settings_sha256"]

    result = run_cli(str(root), "-o", str(out), "--workers", "1", "--dpi", "300", "--redo", "--quiet")
    assert result.exit_code == 1, result.output
    rows = db_rows(out)
    assert all(row["attempts"] == 2 for row in rows.values())  # the failed document too: dpi may matter
    new_config = load_config(overrides={"ingest.dpi": 300})
    for text in jsons(out).values():
        run = json.loads(text)["run"]
        assert run["config_sha256"] == config_sha256(new_config) and run["settings_sha256"] != old_key
    written = (out / "config.yaml").read_text(encoding="utf-8")
    assert not written.startswith("#") and yaml.safe_load(written)["ingest"]["dpi"] == 300

    again = run_cli(str(root), "-o", str(out), "--workers", "1", "--dpi", "300", "--quiet")
    assert again.exit_code == 1 and all(row["attempts"] == 2 for row in db_rows(out).values())


def test_redo_of_part_of_a_folder_says_it_is_mixed(tmp_path: Path) -> None:
    root, out = first_run(tmp_path)
    result = run_cli(str(root / "a.pdf"), "-o", str(out), "--dpi", "300", "--redo", "--quiet")
    assert result.exit_code == 0, result.output
    written = (out / "config.yaml").read_text(encoding="utf-8")
    assert written.startswith("# Mixed folder: 3 of 4 documents")
    assert yaml.safe_load(written)["ingest"]["dpi"] == 300
    runs = {json.loads(text)["run"]["config_sha256"] for text in jsons(out).values()}
    assert len(runs) == 2


def test_a_folder_of_an_older_nianbao_is_migrated_and_asks_for_redo(tmp_path: Path) -> None:
    root, out = first_run(tmp_path)
    with sqlite3.connect(out / "nianbao.sqlite") as db:  # what a database of an earlier version looked like
        db.execute("DROP TABLE settings")
        for table, column in (("documents", "settings_sha256"), ("documents", "nianbao_version"),
                              ("runs", "nianbao_version"), ("runs", "settings_sha256")):  # fmt: skip
            db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    result = run_cli(str(root), "-o", str(out), "--quiet")
    assert result.exit_code == 2 and "did not record its settings" in result.output and "--redo" in result.output
    result = run_cli(str(root), "-o", str(out), "--quiet", "--redo")
    assert result.exit_code == 1, result.output
    assert all(row["attempts"] == 2 and row["settings_sha256"] for row in db_rows(out).values())


def test_a_rerun_applies_corrections_kept_apart_from_what_was_read(tmp_path: Path) -> None:
    from tests.bulk.conftest import csv_rows

    root, out = first_run(tmp_path)
    read = json.loads((out / "a.json").read_text(encoding="utf-8"))
    field = next(iter(read["fields"]))
    (out / "corrections.csv").write_text(f"report,field,value\na.json,{field},424242\n", encoding="utf-8")
    assert run_cli(str(root), "-o", str(out), "--quiet").exit_code == 1

    after = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert after["fields"] == read["fields"] and after["corrected"] == {field: 424242}
    row = next(r for r in csv_rows(out / "reports.csv") if r["output"] == "a.json")
    assert row[field] == "424242"
    long = [r for r in csv_rows(out / "fields_long.csv") if r["field"] == field and r["corrected"]]
    assert [(r["value"], r["corrected"]) for r in long] == [(str(read["fields"][field]), "424242")]


def test_config_yaml_is_not_rewritten_by_a_run_that_made_nothing(tmp_path: Path) -> None:
    _, out = first_run(tmp_path)
    before = (out / "config.yaml").read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli(str(empty), "-o", str(out), "--dpi", "300", "--redo", "--quiet")
    assert result.exit_code == 0, result.output
    assert (out / "config.yaml").read_bytes() == before


def test_reports_adopted_by_a_new_database_keep_their_settings(tmp_path: Path) -> None:
    root, out = first_run(tmp_path)
    key = json.loads((out / "a.json").read_text(encoding="utf-8"))["run"]["settings_sha256"]
    (out / "nianbao.sqlite").unlink()
    result = run_cli(str(root), "-o", str(out), "--workers", "1", "--quiet")
    assert result.exit_code == 1, result.output
    adopted = {Path(name).name: row for name, row in db_rows(out).items()}
    assert adopted["a.pdf"]["attempts"] == 0 and adopted["a.pdf"]["settings_sha256"] == key

    (out / "nianbao.sqlite").unlink()
    refused = run_cli(str(root), "-o", str(out), "--dpi", "300", "--quiet")
    assert refused.exit_code == 2 and "3 report(s) made with other settings" in refused.output
    redone = run_cli(str(root), "-o", str(out), "--dpi", "300", "--redo", "--quiet")
    assert redone.exit_code == 1, redone.output
    assert all(row["attempts"] == 1 for row in db_rows(out).values())
