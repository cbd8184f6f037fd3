"""A pool of worker processes, one document in flight per worker, with a per-document timeout.

``concurrent.futures`` cannot kill one stuck worker, so each worker gets its own pipe: a worker that
overruns its deadline is killed and replaced without disturbing the others, and a worker that dies
(segfault, out-of-memory kill) costs only the document it was reading.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

from nianbao.bulk.worker import READY, Factory, Task, failure, printable, worker_main
from nianbao.config import Config

log = logging.getLogger(__name__)
STOP_GRACE_S = 5.0
MODEL_LOAD_S = 300.0  # a fresh worker builds its models before its first document's time starts

OnStart = Callable[[Task, int], None]
OnFinish = Callable[[Task, dict[str, Any]], None]


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    deadline: float | None = None
    ready: bool = False  # has built its extractor


class WorkerPool:
    def __init__(self, size: int, factory: str | Factory, config: Config, log_path: str | None,
                 timeout_s: float) -> None:  # fmt: skip
        self.size = max(1, size)
        self.factory = factory
        self.config = config
        self.log_path = log_path
        self.timeout_s = timeout_s if timeout_s > 0 else None
        self.context = SpawnContext()  # a fresh interpreter per worker: no inherited threads, locks or models
        self.workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        self.shutdown(graceful=exc_type is None)

    def _spawn(self) -> _Worker:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=worker_main,
            args=(child_end, self.factory, self.config, self.log_path, os.getpid()),
            name=f"nianbao-worker-{len(self.workers) + 1}",
            daemon=True,
        )
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        log.info("started worker %s", process.pid)
        return worker

    def _discard(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=STOP_GRACE_S)
        worker.conn.close()
        self.workers.remove(worker)

    def _idle_worker(self) -> _Worker | None:
        for worker in list(self.workers):
            if worker.task is None:
                if worker.process.is_alive():
                    return worker
                self._discard(worker)
        return self._spawn() if len(self.workers) < self.size else None

    def _send(self, task: Task) -> _Worker | None:
        worker = self._idle_worker()
        while worker is not None:
            try:
                worker.conn.send(task)
            except OSError:  # died while idle: replace it
                self._discard(worker)
                worker = self._idle_worker()
                continue
            worker.task = task
            worker.started = time.monotonic()
            self._set_deadline(worker, 0.0 if worker.ready else MODEL_LOAD_S)
            return worker
        return None

    def _set_deadline(self, worker: _Worker, allowance: float) -> None:
        worker.deadline = time.monotonic() + self.timeout_s + allowance if self.timeout_s else None

    def run(self, tasks: Iterator[Task], on_start: OnStart, on_finish: OnFinish) -> None:
        """Process every task; callbacks run in this process, in completion order."""
        exhausted = False
        while True:
            while not exhausted and self._has_room():
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                worker = self._send(task)
                if worker is None:
                    raise RuntimeError("no worker free although the pool had room")
                on_start(task, worker.process.pid or 0)
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                if exhausted:
                    return
                continue
            self._collect(busy, on_finish)

    def _has_room(self) -> bool:
        return any(w.task is None for w in self.workers) or len(self.workers) < self.size

    def _collect(self, busy: list[_Worker], on_finish: OnFinish) -> None:
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(handles, timeout=timeout))
        for worker in busy:
            outcome = self._outcome(worker, ready)
            if outcome is None:
                continue
            task = worker.task
            worker.task = None
            worker.deadline = None
            if not outcome["ok"] and outcome["error_kind"] in ("Timeout", "WorkerDied"):
                self._discard(worker)
            if task is not None:
                on_finish(task, outcome)

    def _outcome(self, worker: _Worker, ready: set[Any]) -> dict[str, Any] | None:
        elapsed = time.monotonic() - worker.started
        if worker.conn in ready:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                message = None
            if message == READY:  # models built, the document starts now
                worker.ready = True
                worker.started = time.monotonic()
                self._set_deadline(worker, 0.0)
                return None
            if message is not None:
                return message
        if worker.conn in ready or worker.process.sentinel in ready:
            worker.process.join(timeout=STOP_GRACE_S)
            code = worker.process.exitcode
            log.error("worker %s died (exit code %s)", worker.process.pid, code)
            return failure("WorkerDied", f"the worker process died (exit code {code}) while reading this document",
                           elapsed)  # fmt: skip
        if worker.deadline is not None and time.monotonic() >= worker.deadline:
            log.error(
                "worker %s overran the %ss timeout on %s: killed",
                worker.process.pid,
                self.timeout_s,
                printable(worker.task.display_path if worker.task else "?"),
            )
            return failure("Timeout", f"not finished after {self.timeout_s:g} s; raise --timeout (run.timeout_s) "
                           "if such documents are expected", elapsed)  # fmt: skip
        return None

    def shutdown(self, graceful: bool = True) -> None:
        """Stop every worker: politely when the run ended normally, at once on an error or Ctrl-C."""
        for worker in self.workers:
            if graceful and worker.task is None:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        stop_by = time.monotonic() + (STOP_GRACE_S if graceful else 0.0)
        for worker in list(self.workers):
            worker.process.join(timeout=max(0.0, stop_by - time.monotonic()))
            self._discard(worker)
