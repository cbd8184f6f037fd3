"""What runs inside a worker process: build the extractor once, then extract one document per task.

The worker writes the report JSON itself (atomically) and sends back a small outcome dict, so that no
report or page image crosses the pipe and the main process stays small.
"""

from __future__ import annotations

import dataclasses
import errno
import importlib
import logging
import os
import resource
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from nianbao.config import Config
from nianbao.errors import ConfigError, NianbaoError
from nianbao.export.atomic import write_json_atomic
from nianbao.report import as_report

log = logging.getLogger(__name__)
DEFAULT_FACTORY = "nianbao.pipeline:Extractor"
MESSAGE_LIMIT = 300
READY = "ready"  # sent when the extractor is built and a task starts: the task's deadline starts then
# A full, over-quota or read-only disk is no fault of the document: the run stops and the document stays pending.
OUTPUT_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})
PR_SET_PDEATHSIG = 1

ExtractFn = Callable[..., Any]  # returns a nianbao.Report (or a dict of the JSON contract)
WriteFn = Callable[[Path, dict[str, Any]], None]
# A factory takes the Config and returns an object with ``extract(path, display_path=...)`` (a class
# such as nianbao.pipeline.Extractor qualifies) or that function itself.
Factory = Callable[[Config], Any]


@dataclass(frozen=True)
class Task:
    input_path: str  # the database key
    path: str
    display_path: str
    output_path: str  # absolute path of the JSON to write
    run: dict[str, Any] | None = None  # the provenance written as the report's top-level "run" object


def resolve_factory(spec: str | Factory) -> Factory:
    """A factory object, or ``"package.module:attribute"`` naming one."""
    if not isinstance(spec, str):
        return spec
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise ConfigError(f"extractor factory {spec!r} must look like 'package.module:attribute'")
    try:
        return getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"cannot import extractor factory {spec!r}: {exc}") from None


def build_extract(factory: Factory, config: Config) -> ExtractFn:
    made = factory(config)
    extract = getattr(made, "extract", made)
    if not callable(extract):
        raise ConfigError(f"extractor factory {factory!r} made {made!r}, which has no extract()")
    return extract


def one_line(text: str) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= MESSAGE_LIMIT else line[: MESSAGE_LIMIT - 1] + "…"


def printable(name: str) -> str:
    """A file name fit for a one-line message or log line: control characters (a newline in a name
    could forge a log line) are written as escapes, like ``\\n``."""
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in name)


def is_output_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in OUTPUT_FULL_ERRNOS


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux reports KiB


def failure(kind: str, message: str, seconds: float) -> dict[str, Any]:
    return {"ok": False, "error_kind": kind, "error": one_line(message), "seconds": round(seconds, 3),
            "pages": None, "peak_rss_mb": None}  # fmt: skip


def process_task(task: Task, get_extract: Callable[[], ExtractFn], on_ready: Callable[[], None] = lambda: None,
                 write: WriteFn = write_json_atomic) -> dict[str, Any]:  # fmt: skip
    """Extract one document and ``write`` its JSON (a Ray actor keeps it to send back); never raises for a
    bad document. ``on_ready`` is called once the extractor is built, when the document's own time starts."""
    name = printable(task.display_path)
    started = time.perf_counter()
    try:
        extract = get_extract()
        on_ready()
        started = time.perf_counter()
        report = as_report(extract(Path(task.path), display_path=task.display_path))
        if task.run is not None:
            report = dataclasses.replace(report, run=task.run)
        write(Path(task.output_path), report.to_dict())
        pages = report.source.pages
        outcome: dict[str, Any] = {"ok": True, "error_kind": None, "error": None, "pages": pages}
        log.info("%s: %s page(s) in %.1f s", name, pages, time.perf_counter() - started)
    except NianbaoError as exc:
        log.info("%s failed: %s: %s", name, type(exc).__name__, one_line(str(exc)))
        outcome = failure(type(exc).__name__, str(exc) or type(exc).__name__, 0.0)
    except OSError as exc:
        if not is_output_full(exc):
            log.exception("%s crashed the extractor", name)
            outcome = failure("Crash", f"{type(exc).__name__}: {exc}", 0.0)
        else:
            log.error("%s: %s: the run stops, this document stays pending", name, exc.strerror or exc)
            outcome = failure("OutputFull", f"{exc.strerror or exc} ({exc.filename or task.output_path})", 0.0)
            outcome["fatal"] = True
    except Exception as exc:  # a crash on one document must not end the run
        log.exception("%s crashed the extractor", name)
        outcome = failure("Crash", f"{type(exc).__name__}: {exc}", 0.0)
    outcome["seconds"] = round(time.perf_counter() - started, 3)
    outcome["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return outcome


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to kill this worker when the main process dies, even by ``kill -9``."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            log.debug("prctl(PR_SET_PDEATHSIG) is not available")
    if os.getppid() != parent_pid:
        os._exit(0)


def _limit_threads(threads: int) -> None:
    """Hold the numeric libraries (OpenMP, BLAS, OpenCV) to the worker's share of the cores."""
    if threads <= 0:
        return
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OPENCV_FOR_THREADS_NUM"):
        os.environ.setdefault(name, str(threads))


def _log_to(log_path: str | None) -> None:
    if not log_path:
        return
    handler = logging.FileHandler(log_path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [worker %(process)d] %(name)s: %(message)s"))
    root = logging.getLogger("nianbao")
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def worker_main(conn: Connection, factory_spec: str | Factory, config: Config, log_path: str | None,
                parent_pid: int) -> None:  # fmt: skip
    """Serve tasks from ``conn`` until it sends None or closes."""
    _die_with_parent(parent_pid)
    for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C and kill are the main process's business
        signal.signal(signum, signal.SIG_IGN)
    _log_to(log_path)
    _limit_threads(config.ocr.threads)
    cache: list[ExtractFn] = []

    def get_extract() -> ExtractFn:
        if not cache:
            cache.append(build_extract(resolve_factory(factory_spec), config))
        return cache[0]

    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        outcome = process_task(task, get_extract, lambda: conn.send(READY))
        try:
            conn.send(outcome)
        except OSError:
            return
