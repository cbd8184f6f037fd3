"""Where the documents are extracted: the local process pool or a Ray cluster, behind one interface.

An executor is a context manager with ``size`` (documents in flight at most) and
``run(tasks, on_start, on_finish)``; the callbacks run in the driver, in completion order. Whatever the
executor, the driver records every outcome in the run database and builds the exports from it, and
each report's JSON is written by the same function, so the two executors give the same run folder.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Iterator
from typing import Any, Protocol

from nianbao.bulk.pool import OnFinish, OnStart, WorkerPool
from nianbao.bulk.ray_settings import RaySettings, import_ray
from nianbao.bulk.worker import Factory, Task
from nianbao.config import Config
from nianbao.errors import ConfigError

__all__ = ["EXECUTORS", "Executor", "RaySettings", "actor_config", "check_executor", "import_ray", "make_executor"]
log = logging.getLogger(__name__)
EXECUTORS = ("local", "ray")


class Executor(Protocol):
    size: int

    def __enter__(self) -> Executor: ...

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None: ...

    def run(self, tasks: Iterator[Task], on_start: OnStart, on_finish: OnFinish) -> None: ...


def check_executor(name: str) -> None:
    """Fail before anything is written when the executor is unknown or its package is missing."""
    if name not in EXECUTORS:
        raise ConfigError(f"unknown executor {name!r}: use {' or '.join(EXECUTORS)}")
    if name == "ray":
        import_ray()


def actor_config(config: Config, ray: RaySettings) -> Config:
    """With ``ocr.threads: 0``, a Ray actor's OCR runs on the CPUs it reserves (see runner.share_threads)."""
    if config.ocr.threads:
        return config
    threads = max(1, int(ray.actor_cpus))
    return dataclasses.replace(config, ocr=dataclasses.replace(config.ocr, threads=threads))


def make_executor(name: str, factory: str | Factory, config: Config, log_path: str | None,
                  ray: RaySettings) -> Executor:  # fmt: skip
    """The executor named ``name``, ready to run; the Ray one has connected to its cluster."""
    check_executor(name)
    if name == "ray":
        from nianbao.bulk.ray_executor import RayExecutor

        return RayExecutor(ray, factory, config, config.run.workers, config.run.timeout_s)
    workers = config.run.workers or os.cpu_count() or 1
    log.info("executor local: %d worker process(es) on this machine (%d CPU(s))", workers, os.cpu_count() or 1)
    return WorkerPool(workers, factory, config, log_path, config.run.timeout_s)
