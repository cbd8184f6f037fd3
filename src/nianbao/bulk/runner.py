"""``nianbao extract`` as a library call: discover, register, extract in parallel, export, summarise.

The layout of the run folder is described in the docstring of ``nianbao.bulk``. Scripts that call
``run_extract`` need the usual ``if __name__ == "__main__":`` guard: workers are spawned processes.
"""

from __future__ import annotations

import dataclasses
import fcntl
import logging
import os
import signal
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from nianbao.bulk import outdir
from nianbao.bulk.executor import RaySettings, actor_config, check_executor, make_executor
from nianbao.bulk.inputs import Candidate, Discovery, discover
from nianbao.bulk.progress import EXIT_SIGINT, EXIT_SIGTERM, ProgressReporter, RunSummary, print_summary
from nianbao.bulk.rerun import check_settings, run_object, write_config
from nianbao.bulk.store import BrokenDatabaseError, RunStore
from nianbao.bulk.worker import DEFAULT_FACTORY, Factory, Task, is_output_full, resolve_factory
from nianbao.config import Config, load_config
from nianbao.errors import ConfigError, InputError, OutputFullError
from nianbao.export.atomic import remove_stale_temp_files
from nianbao.export.codebook import write_codebook
from nianbao.export.corrections import CORRECTIONS_CSV, apply_to_json, read_corrections
from nianbao.export.excel import is_reports_workbook
from nianbao.export.tables import write_run_tables
from nianbao.ingest import file_sha256, page_image_group
from nianbao.provenance import Provenance, describe, extraction_settings

log = logging.getLogger(__name__)
DATABASE = "nianbao.sqlite"
LOCK = ".nianbao.lock"
LOG = "run.log"
CONFIG = "config.yaml"
REPORTS_CSV = "reports.csv"
REPORTS_XLSX = "reports.xlsx"
FIELDS_LONG_CSV = "fields_long.csv"
CODEBOOK_CSV = "codebook.csv"
CSV_HEADERS = {REPORTS_CSV: b"\xef\xbb\xbfsource,", FIELDS_LONG_CSV: b"\xef\xbb\xbfreport,",
               CODEBOOK_CSV: b"\xef\xbb\xbffield_id,"}  # fmt: skip
OWN_NAMES = (DATABASE, LOG, CONFIG, REPORTS_CSV, REPORTS_XLSX, FIELDS_LONG_CSV, CODEBOOK_CSV)


@dataclass(frozen=True)
class RunOptions:
    inputs: tuple[str, ...]
    out_dir: Path
    config_path: Path | None = None
    list_files: tuple[Path, ...] = ()
    workers: int | None = None  # None: run.workers of the config; 0: one per core
    backend: str | None = None
    dpi: int | None = None
    timeout_s: int | None = None
    retry_failed: bool = False
    redo: bool = False  # extract again what was made with other settings or another nianbao version
    quiet: bool | None = None
    factory: str | Factory = DEFAULT_FACTORY
    argv: tuple[str, ...] = ()
    executor: str = "local"  # local: a process pool on this machine; ray: actors on a Ray cluster
    ray: RaySettings = field(default_factory=RaySettings)


def resolve_config(options: RunOptions) -> Config:
    overrides = {
        "ocr.backend": options.backend,
        "ingest.dpi": options.dpi,
        "run.workers": options.workers,
        "run.timeout_s": options.timeout_s,
        "run.quiet": options.quiet,
    }
    return load_config(options.config_path, overrides=overrides)


def worker_count(config: Config) -> int:
    return config.run.workers or os.cpu_count() or 1


def share_threads(config: Config, workers: int) -> Config:
    """With several workers and ``ocr.threads: 0``, give each worker its share of the cores.

    Left alone, every worker's OCR runtime starts one thread per core and N workers fight over the
    cores (measured: 2 workers on 2 cores were slower than 1).
    """
    if workers <= 1 or config.ocr.threads:
        return config
    threads = max(1, (os.cpu_count() or 1) // workers)
    return dataclasses.replace(config, ocr=dataclasses.replace(config.ocr, threads=threads))


def run_extract(options: RunOptions) -> RunSummary:
    """Run (or resume) an extraction into ``options.out_dir``; ConfigError for a usage problem,
    OutputFullError when the output disk fills up (or turns read-only) during the run."""
    config = resolve_config(options)
    check_executor(options.executor)
    if options.executor == "ray":
        config = actor_config(config, options.ray)
    else:
        config = share_threads(config, worker_count(config))
    provenance = describe(config)
    resolve_factory(options.factory)  # fail now, not once per document, when it cannot be imported
    if not options.inputs and not options.list_files:
        raise ConfigError("no input given: name files, folders, glob patterns or --list FILE")
    found = discover(options.inputs, options.list_files)
    out_dir = options.out_dir
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"output {out_dir} is a file: -o needs a folder")
    with ExitStack() as stack:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            stack.enter_context(_exclusive(out_dir))
            stack.enter_context(_file_log(out_dir / LOG))
            outdir.check_fixed_names(out_dir, CSV_HEADERS, CONFIG)
            outdir.check_own_file(out_dir / REPORTS_XLSX, is_reports_workbook)
            removed = remove_stale_temp_files(out_dir)
            if removed:
                log.info("removed %d temporary file(s) left by an interrupted run", removed)
            store, notices = open_store(out_dir)
            stack.callback(store.close)
            check_settings(store, config, provenance, out_dir, options.redo)
        except OSError as exc:
            raise outdir.setup_error(out_dir, exc) from None
        overlaps = outdir.overlapping_inputs(out_dir, options.inputs)
        if overlaps:
            notices.append(f"the output folder overlaps the input folder {overlaps[0]}: nianbao's files are "
                           "written among the inputs (none is overwritten); a separate -o folder is tidier")  # fmt: skip
        with _on_sigterm():
            summary = _run(options, config, provenance, found, store, notices)
    return summary


def open_store(out_dir: Path) -> tuple[RunStore, list[str]]:
    """The run database, set aside and rebuilt when damaged. A new one adopts the report JSON an
    earlier run left in the folder; notices say what the user should know."""
    path = out_dir / DATABASE
    notices: list[str] = []
    fresh = not path.exists()
    try:
        store = RunStore.open(path)
    except BrokenDatabaseError as exc:
        aside = path.with_name(f"{DATABASE}-broken-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(path, aside)
        for suffix in ("-wal", "-shm"):
            if path.with_name(DATABASE + suffix).exists():
                os.replace(path.with_name(DATABASE + suffix), aside.with_name(aside.name + suffix))
        notices.append(f"{exc}: set aside as {aside.name} and rebuilt from the report JSON in the folder")
        store, fresh = RunStore.open(path), True
    if fresh:
        scan = outdir.scan_folder(out_dir, OWN_NAMES)
        adopted = store.adopt(scan.reports, runs=lambda name: run_object(out_dir / name))
        if adopted:
            notices.append(f"{adopted} report JSON file(s) of an earlier run found: their documents count as done")
        if scan.foreign:
            notices.append(f"{out_dir} holds {len(scan.foreign)} file(s) nianbao did not write (e.g. "
                           f"{scan.foreign[0]}): they are left alone")  # fmt: skip
    return store, notices


def _run(options: RunOptions, config: Config, provenance: Provenance, found: Discovery, store: RunStore,
         notices: list[str]) -> RunSummary:  # fmt: skip
    out_dir = options.out_dir
    pool = make_executor(options.executor, options.factory, config, str(out_dir / LOG), options.ray)
    workers = pool.size
    interrupted_before = store.reset_interrupted()
    if interrupted_before:
        log.info("resuming: %d document(s) were being processed when the last run stopped", interrupted_before)
    run_id = store.begin_run(list(options.argv), workers, options.executor, provenance, extraction_settings(config))
    log.info("run %d: %d document(s), %d skipped, %d worker(s)", run_id, len(found.candidates), found.skipped, workers)
    quiet = config.run.quiet
    started = time.monotonic()
    interrupt_code = 0
    total = len(found.candidates) + len(found.missing)
    reporter = ProgressReporter(total=total, quiet=quiet)
    for notice in notices:
        log.warning("%s", notice)
        reporter.notice(notice)
    try:
        with reporter, pool:
            tasks = _plan(found, store, run_id, out_dir, options.retry_failed, reporter,
                          provenance if options.redo else None, provenance.to_dict())  # fmt: skip

            def on_start(task: Task, pid: int) -> None:
                store.mark_running(task.input_path, pid)
                reporter.started_task(task)

            def on_finish(task: Task, outcome: dict[str, Any]) -> None:
                if outcome.get("fatal"):
                    store.requeue(task.input_path)
                    raise OutputFullError(f"cannot write to {out_dir}: {outcome['error']}; free some space "
                                          "(or make the folder writable) and rerun: unfinished documents are pending")  # fmt: skip
                store.mark_finished(task.input_path, outcome, provenance)
                reporter.finished(task, outcome)

            pool.run(tasks, on_start, on_finish)
    except KeyboardInterrupt as exc:
        interrupt_code = exc.code if isinstance(exc, Terminated) else EXIT_SIGINT
        log.warning("interrupted: documents in progress go back to pending; rerun the command to resume")
        store.reset_interrupted()
    except (OutputFullError, OSError, sqlite3.OperationalError) as exc:
        raise _stopped_by_output(store, out_dir, exc) from None
    try:
        write_exports(store, out_dir)
        write_config(out_dir / CONFIG, config, store.output_settings(), provenance.settings_sha256)
    except (OSError, sqlite3.OperationalError) as exc:
        raise _stopped_by_output(store, out_dir, exc) from None
    summary = _summary(store, run_id, found.skipped, reporter, time.monotonic() - started, interrupt_code)
    store.finish_run(run_id, found.skipped, summary.line())
    log.info("%s", summary.line())
    print_summary(summary, str(out_dir), quiet)
    return summary


def _stopped_by_output(store: RunStore, out_dir: Path, exc: Exception) -> Exception:
    """A full or read-only output disk stops the run: what was running goes back to pending."""
    full = isinstance(exc, OutputFullError) or is_output_full(exc) or (
        isinstance(exc, sqlite3.OperationalError) and ("full" in str(exc) or "readonly" in str(exc)))  # fmt: skip
    if not full:
        return exc
    try:
        store.reset_interrupted()
    except sqlite3.Error:
        log.error("could not put the documents in progress back to pending; the next run does it")
    if not isinstance(exc, OutputFullError):
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        exc = OutputFullError(f"cannot write to {out_dir}: {reason}; free some space (or make the folder "
                              "writable) and rerun: unfinished documents are pending")  # fmt: skip
    log.error("%s", exc)
    return exc


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: the run stops, writes its tables and summary, and exits 143."""

    code = EXIT_SIGTERM


@contextmanager
def _on_sigterm() -> Iterator[None]:
    def handler(signum: int, frame: Any) -> None:
        raise Terminated()

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _plan(found: Discovery, store: RunStore, run_id: int, out_dir: Path, retry_failed: bool,
          reporter: ProgressReporter, redo: Provenance | None = None,
          run_record: dict[str, Any] | None = None) -> Iterator[Task]:  # fmt: skip
    """Register documents one at a time (streaming) and yield those that need extracting; ``redo``
    (--redo) extracts again what was made otherwise, ``run_record`` goes into each JSON as ``run``."""
    for candidate in found.missing:
        store.register_unreadable(candidate, run_id, "InputError", "file not found: fix or remove the list entry")
        reporter.failure(candidate.display_path, "InputError", "file not found")
    for candidate in found.candidates:
        task = _register(candidate, store, run_id, out_dir, retry_failed, reporter, redo, run_record)
        if task is not None:
            yield task


def _register(candidate: Candidate, store: RunStore, run_id: int, out_dir: Path, retry_failed: bool,
              reporter: ProgressReporter, redo: Provenance | None = None,
              run_record: dict[str, Any] | None = None) -> Task | None:  # fmt: skip
    try:
        files = page_image_group(candidate.path)
        size, mtime_ns = fingerprint(files)
        sha256 = store.cached_sha256(candidate.path, size, mtime_ns) or file_sha256(*files)
    except (OSError, InputError) as exc:
        message = str(exc) if isinstance(exc, InputError) else f"cannot read the file: {exc.strerror or exc}"
        store.register_unreadable(candidate, run_id, "InputError", message)
        reporter.failure(candidate.display_path, "InputError", message)
        return None
    registration = store.register(candidate, sha256, size, mtime_ns, run_id, retry_failed,
                                  on_disk=lambda name: os.path.lexists(out_dir / name), redo=redo)  # fmt: skip
    action = registration.action
    if action == "done" and not (out_dir / str(registration.output_path)).is_file():
        log.warning("%s: its JSON is missing, extracting it again", candidate.display_path)
        store.requeue(str(candidate.path))
        action = "process"
    if action != "process":
        reporter.settled(action)
        return None
    return Task(str(candidate.path), str(candidate.path), candidate.display_path,
                str(out_dir / str(registration.output_path)), run_record)  # fmt: skip


def fingerprint(files: tuple[Path, ...]) -> tuple[int, int]:
    """(total size, latest modification time) of a document's files, the key of the sha256 cache: every
    page file of a page-image report counts, so a replaced later page is noticed. Anything but a regular
    file (a FIFO, a device, a socket) is refused before it is opened, since reading one can block forever."""
    size = mtime_ns = 0
    for path in files:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path.name} is not a regular file (a pipe, device or socket): remove it from the input")
        size += info.st_size
        mtime_ns = max(mtime_ns, info.st_mtime_ns)
    return size, mtime_ns


def _summary(store: RunStore, run_id: int, skipped: int, reporter: ProgressReporter, seconds: float,
             interrupt_code: int) -> RunSummary:  # fmt: skip
    counts = {"done": 0, "duplicate": 0}
    failed: dict[str, int] = {}
    documents = 0
    for row in store.run_counts(run_id):
        documents += row["n"]
        if row["status"] == "failed":
            failed[row["error_kind"] or "unknown"] = failed.get(row["error_kind"] or "unknown", 0) + row["n"]
        elif row["status"] in counts:
            counts[row["status"]] += row["n"]
    return RunSummary(
        documents=documents, done=counts["done"], done_now=reporter.extracted, failed=failed,
        duplicates=counts["duplicate"], skipped=skipped, pages_now=reporter.pages, seconds=seconds,
        interrupted=bool(interrupt_code), interrupt_code=interrupt_code or EXIT_SIGINT,
    )  # fmt: skip


def write_exports(store: RunStore, out_dir: Path) -> int:
    """Rebuild reports.csv, reports.xlsx, fields_long.csv and codebook.csv from the database and the JSON
    outputs, with the corrections of ``OUT/corrections.csv`` applied (each JSON keeps them apart, as
    ``corrected``)."""
    corrections = read_corrections(out_dir / CORRECTIONS_CSV)
    pairs = [(record, out_dir / rel if rel else None, rel) for record, rel in store.export_records()]
    for record, path, rel in pairs:
        if record.status == "done" and path is not None and rel is not None:
            apply_to_json(path, rel, corrections)
    write_codebook(out_dir / CODEBOOK_CSV)
    documents = ((record, path) for record, path, _ in pairs)
    return write_run_tables(out_dir / REPORTS_CSV, out_dir / FIELDS_LONG_CSV, documents, out_dir / REPORTS_XLSX)


def apply_corrections(out_dir: Path) -> int:
    """Rebuild a run folder's exports with ``OUT/corrections.csv`` applied, holding the folder's lock."""
    with _exclusive(out_dir):
        store = RunStore.open(out_dir / DATABASE)
        try:
            return write_exports(store, out_dir)
        finally:
            store.close()


@contextmanager
def _exclusive(out_dir: Path) -> Iterator[IO[str]]:
    """Hold a lock on OUT so that two runs never write the same folder; the OS drops it if we die."""
    handle = (out_dir / LOCK).open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(
                f"another nianbao extract is writing to {out_dir}; wait for it or use another -o"
            ) from None
        yield handle
    finally:
        handle.close()


@contextmanager
def _file_log(path: Path) -> Iterator[None]:
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [main %(process)d] %(name)s: %(message)s"))
    logger = logging.getLogger("nianbao")
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
        handler.close()
