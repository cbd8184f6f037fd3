"""Choosing the executor: names, a missing Ray, and the executor recorded with each run."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from nianbao.bulk.executor import RaySettings, actor_config
from nianbao.bulk.store import RunStore
from nianbao.config import Config, OcrConfig
from tests.bulk.conftest import Archive, run_cli


def test_executor_ray_without_ray_installed_says_what_to_install(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # makes ``import ray`` fail as if it were not installed
    out = tmp_path / "out"
    result = run_cli(str(archive.root), "-o", str(out), "--executor", "ray")
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        "error: the Ray executor needs Ray: pip install 'nianbao[ray]' (or pip install 'ray==2.60.0')"
    ]
    assert not out.exists()  # refused before anything was written


def test_unknown_executor_exits_2(archive: Archive, tmp_path: Path) -> None:
    result = run_cli(str(archive.root), "-o", str(tmp_path / "out"), "--executor", "dask")
    assert result.exit_code == 2
    assert "unknown executor 'dask': use local or ray" in result.output


def test_local_run_records_its_executor(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli(str(archive.root), "-o", str(out), "--workers", "1", "--quiet")
    with sqlite3.connect(out / "nianbao.sqlite") as db:
        assert db.execute("SELECT executor, workers FROM runs").fetchall() == [("local", 1)]
    assert "executor local: 1 worker process(es)" in (out / "run.log").read_text(encoding="utf-8")


def test_a_database_from_before_the_executor_column_gains_it(tmp_path: Path) -> None:
    path = tmp_path / "nianbao.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, "
            "finished_at TEXT, argv TEXT, workers INTEGER, skipped INTEGER NOT NULL DEFAULT 0, outcome TEXT)"
        )
        db.execute("INSERT INTO runs (started_at, argv, workers) VALUES ('then', '[]', 2)")
    store = RunStore.open(path)
    store.begin_run([], 4, "ray")
    rows = store.db.execute("SELECT workers, executor FROM runs ORDER BY id").fetchall()
    store.close()
    assert [tuple(row) for row in rows] == [(2, None), (4, "ray")]


def test_an_actor_runs_its_ocr_on_the_cpus_it_reserves() -> None:
    assert actor_config(Config(), RaySettings(actor_cpus=4)).ocr.threads == 4
    assert actor_config(Config(), RaySettings(actor_cpus=0.5)).ocr.threads == 1
    pinned = Config(ocr=OcrConfig(threads=3))
    assert actor_config(pinned, RaySettings(actor_cpus=4)).ocr.threads == 3
