"""The run database ``OUT/nianbao.sqlite``: one row per input document, so that a run can resume.

Only the main process writes it (workers report back through pipes); WAL mode lets a reader (a test, a
curious user with ``sqlite3``) look at it during a run. Every state change is committed at once, so a
killed run loses at most the documents that were being processed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nianbao.bulk.inputs import Candidate
from nianbao.bulk.naming import choose_output_name
from nianbao.errors import ConfigError
from nianbao.export.tables import DocumentRecord
from nianbao.provenance import Provenance

SCHEMA_VERSION = "1"
STATUSES = ("pending", "running", "done", "failed", "duplicate")
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    input_path    TEXT PRIMARY KEY,
    display_path  TEXT NOT NULL,
    rel_path      TEXT NOT NULL,
    size          INTEGER,
    mtime_ns      INTEGER,
    sha256        TEXT,
    output_path   TEXT UNIQUE,
    status        TEXT NOT NULL CHECK (status IN ({", ".join(repr(s) for s in STATUSES)})),
    duplicate_of  TEXT,
    error_kind    TEXT,
    error         TEXT,
    pages         INTEGER,
    seconds       REAL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    peak_rss_mb   REAL,
    worker_pid    INTEGER,
    registered_at TEXT NOT NULL,
    started_at    TEXT,
    finished_at   TEXT,
    last_run      INTEGER,
    settings_sha256 TEXT,
    nianbao_version TEXT
);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256);
CREATE TABLE IF NOT EXISTS adopted (output_path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, settings_sha256 TEXT,
                                    nianbao_version TEXT);
CREATE TABLE IF NOT EXISTS runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    argv        TEXT,
    workers     INTEGER,
    executor    TEXT,
    skipped     INTEGER NOT NULL DEFAULT 0,
    outcome     TEXT,
    nianbao_version TEXT,
    settings_sha256 TEXT
);
CREATE TABLE IF NOT EXISTS settings (
    sha256     TEXT PRIMARY KEY,
    config     TEXT NOT NULL,
    provenance TEXT NOT NULL,
    first_run  INTEGER
);
"""
ADDED_COLUMNS = tuple((table, column) for table in ("documents", "runs", "adopted")
                      for column in ("settings_sha256", "nianbao_version"))  # fmt: skip


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Registration:
    """What to do with a candidate: ``process`` it, or nothing because it is done/failed/duplicate."""

    action: str  # process, done, failed, duplicate
    output_path: str | None  # relative to the run folder
    duplicate_of: str | None = None


class BrokenDatabaseError(ConfigError):
    """The run database is damaged (not a database, malformed): it can be set aside and rebuilt."""


class RunStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    @classmethod
    def open(cls, path: Path) -> RunStore:
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=30)
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(SCHEMA)
            _add_missing_columns(connection)
        except sqlite3.OperationalError as exc:
            raise ConfigError(
                f"cannot open the run database {path} ({exc}); choose a folder you can write to"
            ) from None
        except sqlite3.DatabaseError as exc:
            raise BrokenDatabaseError(f"{path} is not a usable nianbao run database ({exc})") from None
        store = cls(connection)
        store._check_version(path)
        return store

    def _check_version(self, path: Path) -> None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        elif row["value"] != SCHEMA_VERSION:
            raise ConfigError(
                f"{path} was written by another nianbao version (schema {row['value']}); use another -o folder"
            )

    def close(self) -> None:
        self.db.close()

    # runs -----------------------------------------------------------------------------------------
    def begin_run(self, argv: list[str], workers: int, executor: str = "local", provenance: Provenance | None = None,
                  settings: dict[str, Any] | None = None) -> int:  # fmt: skip
        version = provenance.nianbao_version if provenance else None
        key = provenance.settings_sha256 if provenance else None
        cursor = self.db.execute(
            "INSERT INTO runs (started_at, argv, workers, executor, nianbao_version, settings_sha256) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (now(), json.dumps(argv), workers, executor, version, key),
        )
        run_id = int(cursor.lastrowid or 0)
        if provenance is not None:
            self.db.execute(
                "INSERT OR IGNORE INTO settings (sha256, config, provenance, first_run) VALUES (?, ?, ?, ?)",
                (key, json.dumps(settings or {}, ensure_ascii=False), json.dumps(provenance.to_dict()), run_id),
            )
        return run_id

    def finish_run(self, run_id: int, skipped: int, outcome: str) -> None:
        self.db.execute(
            "UPDATE runs SET finished_at = ?, skipped = ?, outcome = ? WHERE id = ?", (now(), skipped, outcome, run_id)
        )

    def reset_interrupted(self) -> int:
        """Documents left ``running`` by a killed run go back to ``pending``."""
        return self.db.execute("UPDATE documents SET status = 'pending' WHERE status = 'running'").rowcount

    # provenance -----------------------------------------------------------------------------------
    def stale_outputs(self, settings_sha256: str) -> dict[str | None, int]:
        """Documents done or failed with other settings (None: not recorded), counted by settings."""
        rows = self.db.execute(
            "SELECT settings_sha256, COUNT(*) AS n FROM (SELECT settings_sha256 FROM documents WHERE status IN "
            "('done', 'failed') AND sha256 IS NOT NULL UNION ALL SELECT settings_sha256 FROM adopted) "
            "WHERE settings_sha256 IS NULL OR settings_sha256 != ? GROUP BY settings_sha256",
            (settings_sha256,),
        )
        return {row["settings_sha256"]: row["n"] for row in rows}

    def output_settings(self) -> dict[str | None, int]:
        """How many documents with an outcome (done or failed) each settings made."""
        rows = self.db.execute(
            "SELECT settings_sha256, COUNT(*) AS n FROM documents WHERE status IN ('done', 'failed') "
            "AND sha256 IS NOT NULL GROUP BY settings_sha256"
        )
        return {row["settings_sha256"]: row["n"] for row in rows}

    def settings_of(self, settings_sha256: str) -> tuple[dict[str, Any], Provenance] | None:
        row = self.db.execute("SELECT * FROM settings WHERE sha256 = ?", (settings_sha256,)).fetchone()
        if row is None:
            return None
        return json.loads(row["config"]), Provenance.from_dict(json.loads(row["provenance"]))

    def older_versions(self, version: str) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT nianbao_version, COUNT(*) AS n FROM documents WHERE status = 'done' AND nianbao_version IS NOT "
            "NULL AND nianbao_version != ? GROUP BY nianbao_version",
            (version,),
        )
        return {row["nianbao_version"]: row["n"] for row in rows}

    # registration ---------------------------------------------------------------------------------
    def cached_sha256(self, path: Path, size: int, mtime_ns: int) -> str | None:
        row = self.db.execute(
            "SELECT sha256 FROM documents WHERE input_path = ? AND size = ? AND mtime_ns = ?",
            (str(path), size, mtime_ns),
        ).fetchone()
        return row["sha256"] if row else None

    def adopt(self, reports: Iterable[tuple[str, str]], runs: Callable[[str], dict[str, Any]] = lambda name: {}) -> int:
        """Remember report JSON already in the folder ((relative path, source sha256) pairs) when the
        database is new: a document with that sha256 is then done, and no new output takes that name.
        ``runs(name)`` gives the JSON's ``run`` object, so that what made it is known."""
        count = 0
        for output_path, sha256 in reports:
            if not self._output_taken(output_path):
                run = runs(output_path)
                self.db.execute(
                    "INSERT INTO adopted (output_path, sha256, settings_sha256, nianbao_version) VALUES (?, ?, ?, ?)",
                    (output_path, sha256, run.get("settings_sha256"), run.get("nianbao_version")),
                )
                count += 1
        return count

    def register(
        self, candidate: Candidate, sha256: str, size: int, mtime_ns: int, run_id: int, retry_failed: bool,
        on_disk: Callable[[str], bool] = lambda name: False, redo: Provenance | None = None,
    ) -> Registration:  # fmt: skip
        """``on_disk(name)``: whether a file of that relative name exists; such names are never chosen.
        ``redo``: extract again a document done or failed with other settings or another version."""
        key = str(candidate.path)
        row = self.db.execute("SELECT * FROM documents WHERE input_path = ?", (key,)).fetchone()
        if row is not None and row["sha256"] == sha256:
            return self._known(row, run_id, retry_failed, redo is not None and _made_otherwise(row, redo))
        original = self.db.execute(
            "SELECT input_path FROM documents WHERE sha256 = ? AND status != 'duplicate' AND input_path != ? "
            "ORDER BY registered_at LIMIT 1",
            (sha256, key),
        ).fetchone()
        if row is not None:
            self.db.execute("DELETE FROM documents WHERE input_path = ?", (key,))  # content changed: start over
        if original is not None:
            self._insert(candidate, sha256, size, mtime_ns, run_id, "duplicate", None, original["input_path"])
            return Registration("duplicate", None, original["input_path"])
        adopted = self.db.execute("SELECT * FROM adopted WHERE sha256 = ? ORDER BY output_path LIMIT 1",
                                  (sha256,)).fetchone()  # fmt: skip
        if adopted is not None:
            self.db.execute("DELETE FROM adopted WHERE output_path = ?", (adopted["output_path"],))
            again = redo is not None and _made_otherwise(adopted, redo)
            self._insert(candidate, sha256, size, mtime_ns, run_id, "pending" if again else "done",
                         adopted["output_path"], None)  # fmt: skip
            self.db.execute("UPDATE documents SET settings_sha256 = ?, nianbao_version = ? WHERE input_path = ?",
                            (adopted["settings_sha256"], adopted["nianbao_version"], key))  # fmt: skip
            return Registration("process" if again else "done", adopted["output_path"])
        output = choose_output_name(candidate.rel_path, sha256, lambda name: self._output_taken(name) or on_disk(name))
        self._insert(candidate, sha256, size, mtime_ns, run_id, "pending", output, None)
        return Registration("process", output)

    def _known(self, row: sqlite3.Row, run_id: int, retry_failed: bool, again: bool = False) -> Registration:
        self.db.execute("UPDATE documents SET last_run = ? WHERE input_path = ?", (run_id, row["input_path"]))
        status = row["status"]
        if status == "duplicate":
            return Registration("duplicate", None, row["duplicate_of"])
        if status in ("done", "failed") and not again and not (status == "failed" and retry_failed):
            return Registration(status, row["output_path"])
        self.db.execute("UPDATE documents SET status = 'pending' WHERE input_path = ?", (row["input_path"],))
        return Registration("process", row["output_path"])

    def requeue(self, input_path: str) -> None:
        """A ``done`` document whose JSON has gone missing is processed again."""
        self.db.execute("UPDATE documents SET status = 'pending' WHERE input_path = ?", (input_path,))

    def _output_taken(self, name: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM documents WHERE output_path = ?", (name,)).fetchone() is not None
            or self.db.execute("SELECT 1 FROM adopted WHERE output_path = ?", (name,)).fetchone() is not None
        )

    def _insert(
        self, candidate: Candidate, sha256: str | None, size: int | None, mtime_ns: int | None, run_id: int,
        status: str, output: str | None, duplicate_of: str | None,
    ) -> None:  # fmt: skip
        self.db.execute(
            "INSERT INTO documents (input_path, display_path, rel_path, size, mtime_ns, sha256, output_path, "
            "status, duplicate_of, registered_at, last_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (str(candidate.path), candidate.display_path, candidate.rel_path, size, mtime_ns, sha256, output,
             status, duplicate_of, now(), run_id),
        )  # fmt: skip

    def register_unreadable(self, candidate: Candidate, run_id: int, kind: str, message: str) -> None:
        """A document that cannot even be hashed (missing, no permission) is recorded as failed."""
        self.db.execute("DELETE FROM documents WHERE input_path = ?", (str(candidate.path),))
        self._insert(candidate, None, None, None, run_id, "failed", None, None)
        self.db.execute(
            "UPDATE documents SET error_kind = ?, error = ?, finished_at = ? WHERE input_path = ?",
            (kind, message, now(), str(candidate.path)),
        )

    # processing -----------------------------------------------------------------------------------
    def mark_running(self, input_path: str, worker_pid: int) -> None:
        self.db.execute(
            "UPDATE documents SET status = 'running', attempts = attempts + 1, started_at = ?, finished_at = NULL, "
            "worker_pid = ? WHERE input_path = ?",
            (now(), worker_pid, input_path),
        )

    def mark_finished(self, input_path: str, outcome: dict[str, Any], provenance: Provenance | None = None) -> None:
        """Record a worker's outcome (the dict ``nianbao.bulk.worker.process_task`` returns) and what it was
        made with."""
        status = "done" if outcome["ok"] else "failed"
        version = provenance.nianbao_version if provenance else None
        key = provenance.settings_sha256 if provenance else None
        self.db.execute(
            "UPDATE documents SET status = ?, error_kind = ?, error = ?, pages = ?, seconds = ?, peak_rss_mb = ?, "
            "finished_at = ?, settings_sha256 = ?, nianbao_version = ? WHERE input_path = ?",
            (status, outcome.get("error_kind"), outcome.get("error"), outcome.get("pages"),
             outcome.get("seconds"), outcome.get("peak_rss_mb"), now(), key, version, input_path),
        )  # fmt: skip

    # reading --------------------------------------------------------------------------------------
    def run_counts(self, run_id: int) -> list[sqlite3.Row]:
        """(status, error_kind, n, pages) for the documents named by run ``run_id``."""
        return self.db.execute(
            "SELECT status, error_kind, COUNT(*) AS n, SUM(pages) AS pages FROM documents WHERE last_run = ? "
            "GROUP BY status, error_kind ORDER BY status, error_kind",
            (run_id,),
        ).fetchall()

    def export_records(self) -> Iterator[tuple[DocumentRecord, str | None]]:
        """Every document, by display path, with the JSON (relative path) its CSV row is built from."""
        rows = self.db.execute(
            "SELECT d.*, o.output_path AS original_output, o.status AS original_status, "
            "o.display_path AS original_display FROM documents d "
            "LEFT JOIN documents o ON o.input_path = d.duplicate_of ORDER BY d.display_path, d.input_path"
        )
        for row in rows:
            yield _record(row), _json_of(row)

    def documents_with_settings(self) -> list[sqlite3.Row]:
        """Every document with the extraction settings (JSON, column ``settings_config``) that made it."""
        return self.db.execute(
            "SELECT d.*, s.config AS settings_config FROM documents d LEFT JOIN settings s "
            "ON s.sha256 = d.settings_sha256 ORDER BY d.display_path"
        ).fetchall()

    def rows(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM documents ORDER BY display_path").fetchall()


def _add_missing_columns(connection: sqlite3.Connection) -> None:
    """Columns added since schema 1 was first written: a database of an earlier run gains them."""
    runs = {row[1] for row in connection.execute("PRAGMA table_info(runs)")}
    if "executor" not in runs:
        connection.execute("ALTER TABLE runs ADD COLUMN executor TEXT")
    for table, column in ADDED_COLUMNS:  # the provenance of each run and document
        if column not in {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}:
            connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")


def _made_otherwise(row: sqlite3.Row, current: Provenance) -> bool:
    if "status" in row and row["status"] not in ("done", "failed"):
        return False
    return row["settings_sha256"] != current.settings_sha256 or row["nianbao_version"] != current.nianbao_version


def _record(row: sqlite3.Row) -> DocumentRecord:
    if row["status"] == "duplicate":
        error = f"duplicate of {row['original_display'] or row['duplicate_of']}"
    elif row["error_kind"]:
        error = f"{row['error_kind']}: {row['error']}"
    else:
        error = None
    output = row["output_path"] if row["status"] == "done" else None
    return DocumentRecord(row["display_path"], row["sha256"], row["status"], error, row["pages"], output)


def _json_of(row: sqlite3.Row) -> str | None:
    if row["status"] == "done":
        return row["output_path"]
    if row["status"] == "duplicate" and row["original_status"] == "done":
        return row["original_output"]
    return None
