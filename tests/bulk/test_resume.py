"""Kill a run with SIGKILL half-way, rerun it, and compare with a run that was never interrupted."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bulk.conftest import FAKE, db_rows, output_files, run_cli, write_archive

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = (
    "import typer\n"
    "from nianbao.bulk.cli import register\n"
    "app = typer.Typer()\n"
    "app.callback()(lambda: None)\n"
    "register(app)\n"
    "if __name__ == '__main__':\n"
    "    app()\n"
)
DOCUMENTS = 16


def start(root: Path, out: Path, delay: float) -> subprocess.Popen[bytes]:
    env = dict(os.environ, NIANBAO_FAKE_DELAY=str(delay))
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), str(REPO), env.get("PYTHONPATH", "")])
    args = [sys.executable, "-c", LAUNCHER, "extract", str(root), "-o", str(out), "--workers", "2", "--quiet",
            "--extractor-factory", FAKE]  # fmt: skip
    return subprocess.Popen(args, env=env, cwd=root.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def done_count(out: Path) -> int:
    try:
        with sqlite3.connect(out / "nianbao.sqlite", timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM documents WHERE status = 'done'").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_then_rerun_matches_an_uninterrupted_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where the killed run starts: paths are shown relative to it
    root = tmp_path / "archive"
    files = {f"set{i % 3}/doc{i:02d}.pdf": f"REPORT {i}".encode() for i in range(DOCUMENTS)}
    write_archive(root, files | {"set0/bad.pdf": b"BAD", "set1/doc00.png": b"REPORT 0"})

    reference = tmp_path / "reference"  # the runs that are not killed run in this process
    assert run_cli(str(root), "-o", str(reference), "--workers", "2", "--quiet").exit_code == 1

    out = tmp_path / "out"
    victim = start(root, out, delay=0.25)
    deadline = time.monotonic() + 30
    while done_count(out) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=10)
    before = {k: r for k, r in db_rows(out).items() if r["status"] == "done"}
    assert 4 <= len(before) < DOCUMENTS, "the run must be killed half-way"
    assert not (out / "reports.csv").exists()  # a killed run never wrote its exports

    again = run_cli(str(root), "-o", str(out), "--workers", "2", "--quiet")
    assert again.exit_code == 1, again.output
    after = db_rows(out)
    for name, row in before.items():  # finished documents were not redone
        assert (after[name]["attempts"], after[name]["finished_at"]) == (1, row["finished_at"])
    assert output_files(out) == output_files(reference)
    assert not [p for p in out.rglob("*") if "tmp" in p.name]
