"""The Ray executor: the documents of a run go out as tasks to Ray actors, on one machine or a cluster.

Each actor builds the extractor once (on its first document) and returns the report dictionary with its
outcome; the driver writes the JSON, so the run folder is the same as the local pool's. An actor that
dies (its process killed, its node lost) costs no document: what it was reading is sent to another actor,
up to ``MAX_ATTEMPTS`` times, and only the result that arrives is written. A document that overruns the
per-document timeout has its actor killed and replaced, as in the local pool.

Ray is imported only here, when ``--executor ray`` is chosen.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import socket
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nianbao.bulk.pool import OnFinish, OnStart
from nianbao.bulk.ray_settings import RaySettings, import_ray
from nianbao.bulk.worker import (
    ExtractFn,
    Factory,
    Task,
    _limit_threads,
    build_extract,
    failure,
    is_output_full,
    printable,
    process_task,
    resolve_factory,
)
from nianbao.config import Config
from nianbao.errors import ConfigError
from nianbao.export.atomic import write_json_atomic
from nianbao.ingest import page_image_group

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3  # a document whose actor dies is tried again, this often in all
MAX_FAILED_STARTS = 3  # actors that could not start in a row before the run gives up
PLACEMENT_WARNING_S = 60.0  # how long actors may wait for room on the cluster before a warning
WAIT_SLICE_S = 1.0  # the longest wait for results in one go, so that signals are handled promptly
MiB = 1 << 20
Shipped = list[tuple[str, bytes]]


class ExtractActor:
    """One Ray actor: an extractor built once, one document at a time."""

    def __init__(self, factory: str | Factory, config: Config) -> None:
        _limit_threads(config.ocr.threads)
        self.factory = factory
        self.config = config
        self.cache: list[ExtractFn] = []

    def ready(self) -> tuple[int, str]:
        """Build the extractor (load the models) before the first document's time starts."""
        try:
            self._extract_fn()
        except Exception:  # reported with each document, as the local pool does
            log.exception("the extractor could not be built")
        return os.getpid(), socket.gethostname()

    def _extract_fn(self) -> ExtractFn:
        if not self.cache:
            self.cache.append(build_extract(resolve_factory(self.factory), self.config))
        return self.cache[0]

    def extract(self, task: Task, shipped: Shipped | None) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The outcome and, when the document was read, its report (which the driver writes)."""
        kept: dict[str, Any] = {}

        def keep(path: Path, report: dict[str, Any]) -> None:
            kept["report"] = report

        if shipped is None:
            return process_task(task, self._extract_fn, write=keep), kept.get("report")
        with tempfile.TemporaryDirectory(prefix="nianbao-shipped-") as folder:
            for name, data in shipped:
                (Path(folder) / name).write_bytes(data)
            local = dataclasses.replace(task, path=str(Path(folder) / shipped[0][0]))
            return process_task(local, self._extract_fn, write=keep), kept.get("report")


@dataclass
class _Slot:
    """An actor and what it is doing: starting (``ready_ref``), idle, or reading ``task``."""

    actor: Any
    ready_ref: Any | None
    pid: int = 0
    host: str = ""
    task: Task | None = None
    ref: Any = None
    started: float = 0.0
    deadline: float | None = None


def resolve_address(settings: RaySettings) -> str:
    """--ray-address, else $RAY_ADDRESS, else "local": a Ray instance on this machine for this run."""
    return settings.address or os.environ.get("RAY_ADDRESS") or "local"


class RayExecutor:
    def __init__(self, settings: RaySettings, factory: str | Factory, config: Config, workers: int,
                 timeout_s: float) -> None:  # fmt: skip
        self.ray = import_ray()
        self.settings = settings
        self.factory = factory
        self.config = config
        self.timeout_s = timeout_s if timeout_s > 0 else None
        self.slots: list[_Slot] = []
        self.failed_starts = 0
        self.last_progress = time.monotonic()
        self.owns_ray = not self.ray.is_initialized()
        if self.owns_ray:
            self._connect(resolve_address(settings))
        self.size = workers or self._capacity()
        self._log_cluster(workers)
        options: dict[str, Any] = {"num_cpus": settings.actor_cpus, "max_restarts": 0, "max_task_retries": 0,
                                   "scheduling_strategy": "SPREAD"}  # fmt: skip
        if settings.actor_memory_mb > 0:
            options["memory"] = settings.actor_memory_mb * MiB
        self.actor_class = self.ray.remote(ExtractActor).options(**options)

    def _connect(self, address: str) -> None:
        kwargs: dict[str, Any] = {"address": address, "log_to_driver": False, "logging_level": logging.WARNING,
                                  "configure_logging": False}  # fmt: skip
        if address == "local":
            kwargs["include_dashboard"] = False
        main_thread = threading.current_thread() is threading.main_thread()
        sigterm = signal.getsignal(signal.SIGTERM) if main_thread else None
        try:
            self.ray.init(**kwargs)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise ConfigError(f"cannot start or reach the Ray cluster at {address!r}: {exc}") from None
        finally:
            if sigterm is not None:  # ray.init makes SIGTERM exit at once; the run's own handler stops it cleanly
                signal.signal(signal.SIGTERM, sigterm)

    def _capacity(self) -> int:
        """Actors the cluster can hold now: by its CPUs and, when actors reserve memory, its memory."""
        resources = self.ray.cluster_resources()
        count = int(resources.get("CPU", 1) // self.settings.actor_cpus)
        if self.settings.actor_memory_mb > 0:
            count = min(count, int(resources.get("memory", 0) // (self.settings.actor_memory_mb * MiB)))
        return max(1, count)

    def _log_cluster(self, workers: int) -> None:
        resources = self.ray.cluster_resources()
        nodes = [node for node in self.ray.nodes() if node.get("Alive")]
        address = self.ray.get_runtime_context().gcs_address
        log.info("executor ray: cluster at %s (%s), %d node(s), %g CPU(s), %.1f GiB memory",
                 address, resolve_address(self.settings), len(nodes), resources.get("CPU", 0),
                 resources.get("memory", 0) / (1 << 30))  # fmt: skip
        inputs = "shipped as bytes" if self.settings.ship_inputs else "read by path"
        log.info("executor ray: %d actor(s)%s, %g CPU and %d MiB each, inputs %s", self.size,
                 "" if workers else " (as many as the cluster holds)", self.settings.actor_cpus,
                 self.settings.actor_memory_mb, inputs)  # fmt: skip

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        for slot in list(self.slots):
            self._discard(slot)
        if self.owns_ray:
            self.ray.shutdown()

    # the loop -----------------------------------------------------------------------------------
    def run(self, tasks: Iterator[Task], on_start: OnStart, on_finish: OnFinish) -> None:
        """Process every task; callbacks run in this process, in completion order."""
        retry: deque[Task] = deque()
        attempts: dict[str, int] = {}
        exhausted = False
        while True:
            self._top_up()
            for slot in [s for s in self.slots if s.ready_ref is None and s.task is None]:
                task = retry.popleft() if retry else None
                if task is None and not exhausted:
                    task = next(tasks, None)
                    exhausted = task is None
                if task is None:
                    break
                attempts[task.input_path] = attempts.get(task.input_path, 0) + 1
                self._submit(slot, task, on_start, on_finish)
            if exhausted and not retry and not any(s.task is not None for s in self.slots):
                return
            self._collect(on_finish, retry, attempts)

    def _top_up(self) -> None:
        while len(self.slots) < self.size:
            actor = self.actor_class.remote(self.factory, self.config)
            self.slots.append(_Slot(actor, actor.ready.remote()))

    def _submit(self, slot: _Slot, task: Task, on_start: OnStart, on_finish: OnFinish) -> None:
        shipped: Shipped | None = None
        if self.settings.ship_inputs:
            try:
                shipped = [(path.name, path.read_bytes()) for path in page_image_group(Path(task.path))]
            except OSError as exc:
                on_start(task, 0)
                on_finish(task, failure("InputError", f"cannot read the file to ship it: {exc.strerror or exc}", 0.0))
                return
        slot.task = task
        slot.ref = slot.actor.extract.remote(task, shipped)
        slot.started = time.monotonic()
        slot.deadline = slot.started + self.timeout_s if self.timeout_s else None
        on_start(task, slot.pid)

    def _collect(self, on_finish: OnFinish, retry: deque[Task], attempts: dict[str, int]) -> None:
        waiting = {slot.ready_ref if slot.ready_ref is not None else slot.ref: slot for slot in self.slots
                   if slot.ready_ref is not None or slot.task is not None}  # fmt: skip
        if not waiting:
            return
        deadlines = [s.deadline for s in waiting.values() if s.deadline is not None]
        timeout = min([WAIT_SLICE_S] + [max(0.0, d - time.monotonic()) for d in deadlines])
        ready, _ = self.ray.wait(list(waiting), num_returns=1, timeout=timeout)
        if ready:
            ready, _ = self.ray.wait(list(waiting), num_returns=len(waiting), timeout=0)
            self.last_progress = time.monotonic()
        elif time.monotonic() - self.last_progress > PLACEMENT_WARNING_S:
            starting = sum(1 for s in self.slots if s.ready_ref is not None)
            if starting:
                log.warning("%d actor(s) not started yet: loading models, or waiting for room on the cluster "
                            "(add nodes, or lower --workers, --ray-actor-cpus or --ray-actor-memory-mb)",
                            starting)  # fmt: skip
            self.last_progress = time.monotonic()
        for ref in ready:
            slot = waiting[ref]
            if slot.ready_ref is not None:
                self._started(slot)
            else:
                self._finished(slot, on_finish, retry, attempts)
        now = time.monotonic()
        for slot in [s for s in self.slots if s.task is not None and s.deadline is not None and now >= s.deadline]:
            self._timed_out(slot, on_finish)

    def _started(self, slot: _Slot) -> None:
        try:
            slot.pid, slot.host = self.ray.get(slot.ready_ref)
        except self.ray.exceptions.RayError as exc:
            self._discard(slot)
            self.failed_starts += 1
            log.error("a Ray actor could not start: %s", _first_line(exc))
            if self.failed_starts >= MAX_FAILED_STARTS:
                raise ConfigError(f"Ray actors cannot start ({_first_line(exc)}); nianbao must be installed on "
                                  "every node of the cluster") from None  # fmt: skip
            return
        slot.ready_ref = None
        self.failed_starts = 0
        log.info("actor %s on %s started", slot.pid, slot.host)

    def _finished(self, slot: _Slot, on_finish: OnFinish, retry: deque[Task], attempts: dict[str, int]) -> None:
        task = slot.task
        if task is None:
            return
        try:
            outcome, report = self.ray.get(slot.ref)
        except self.ray.exceptions.RayTaskError as exc:  # the extraction escaped process_task: not retried
            self._idle(slot)
            on_finish(task, failure("Crash", _first_line(exc), time.monotonic() - slot.started))
            return
        except self.ray.exceptions.RayError as exc:  # the actor, its node or the result was lost
            self._lost(slot, task, exc, on_finish, retry, attempts)
            return
        self._idle(slot)
        if outcome.pop("fatal", False):  # a full disk on the actor's node: no fault of OUT, nor of the document
            outcome = {**failure("Crash", f"the actor's disk on {slot.host}: {outcome['error']}", 0.0),
                       "seconds": outcome.get("seconds")}  # fmt: skip
        if report is not None:
            outcome = self._write(task, outcome, report)
        log.info("%s: %s by actor %s on %s in %.1f s", printable(task.display_path),
                 f"{outcome['pages']} page(s)" if outcome["ok"] else f"failed ({outcome['error_kind']})",
                 slot.pid, slot.host, outcome.get("seconds") or 0.0)  # fmt: skip
        on_finish(task, outcome)

    def _write(self, task: Task, outcome: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
        try:
            write_json_atomic(Path(task.output_path), report)
        except OSError as exc:  # as a local worker reports it: a full OUT stops the run, anything else is a crash
            log.error("%s: cannot write %s: %s", printable(task.display_path), task.output_path, exc)
            if is_output_full(exc):
                return {**failure("OutputFull", f"{exc.strerror or exc} ({exc.filename or task.output_path})", 0.0),
                        "fatal": True}  # fmt: skip
            return {**failure("Crash", f"{type(exc).__name__}: {exc}", 0.0), "seconds": outcome.get("seconds")}
        return outcome

    def _lost(self, slot: _Slot, task: Task, exc: Exception, on_finish: OnFinish, retry: deque[Task],
              attempts: dict[str, int]) -> None:  # fmt: skip
        elapsed = time.monotonic() - slot.started
        self._discard(slot)
        tried = attempts.get(task.input_path, 1)
        if tried < MAX_ATTEMPTS:
            log.warning("actor %s on %s was lost while reading %s (%s); sending it to another actor "
                        "(attempt %d of %d)", slot.pid, slot.host, printable(task.display_path), _first_line(exc),
                        tried + 1, MAX_ATTEMPTS)  # fmt: skip
            retry.append(task)
            return
        log.error("%s: %d actors died reading it; giving up", printable(task.display_path), tried)
        on_finish(task, failure("WorkerDied", f"{tried} Ray actors died while reading this document "
                                f"({_first_line(exc)})", elapsed))  # fmt: skip

    def _timed_out(self, slot: _Slot, on_finish: OnFinish) -> None:
        task = slot.task
        log.error("actor %s on %s overran the %ss timeout: killed", slot.pid, slot.host, self.timeout_s)
        self._discard(slot)
        if task is not None:
            message = (f"not finished after {self.timeout_s:g} s; raise --timeout (run.timeout_s) if such documents "
                       "are expected")  # fmt: skip
            on_finish(task, failure("Timeout", message, time.monotonic() - slot.started))

    def _idle(self, slot: _Slot) -> None:
        slot.task = None
        slot.ref = None
        slot.deadline = None

    def _discard(self, slot: _Slot) -> None:
        try:
            self.ray.kill(slot.actor, no_restart=True)
        except Exception as exc:  # already gone, or the cluster with it
            log.debug("killing actor %s: %s", slot.pid, exc)
        self.slots.remove(slot)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".strip(": ")
