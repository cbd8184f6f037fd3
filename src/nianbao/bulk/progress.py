"""What a run shows: a rich progress bar, failures as they happen, and a closing summary.

``--quiet`` shows only the failures (on stderr) and the summary line.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from nianbao.bulk.worker import Task, printable

# Exit codes of ``nianbao extract`` (documented in the README).
EXIT_OK = 0
EXIT_FAILED = 1  # some documents failed
EXIT_USAGE = 2  # usage or environment error: nothing was extracted
EXIT_OUTPUT_FULL = 3  # the output disk is full, over quota or read-only: rerun once there is room
EXIT_SIGINT = 130
EXIT_SIGTERM = 143


@dataclass(frozen=True)
class RunSummary:
    """The outcome of one ``nianbao extract`` over the documents it was given."""

    documents: int  # distinct input files, duplicates included
    done: int
    done_now: int  # of which extracted by this run
    failed: dict[str, int]  # error kind -> count
    duplicates: int
    skipped: int  # unsupported files in folders and glob matches
    pages_now: int  # pages extracted by this run
    seconds: float
    interrupted: bool = False
    interrupt_code: int = EXIT_SIGINT  # 130 for Ctrl-C, 143 for SIGTERM

    @property
    def failed_total(self) -> int:
        return sum(self.failed.values())

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return self.interrupt_code
        return EXIT_FAILED if self.failed_total else EXIT_OK

    def line(self) -> str:
        failed = f"{self.failed_total} failed"
        if self.failed:
            failed += " (" + ", ".join(f"{kind} {n}" for kind, n in sorted(self.failed.items())) + ")"
        rate = self.pages_now / self.seconds if self.seconds > 0 else 0.0
        head = "interrupted: " if self.interrupted else ""
        return (
            f"{head}{self.documents} documents: {self.done} done ({self.done_now} this run), {failed}, "
            f"{self.duplicates} duplicates, {self.skipped} skipped; {self.pages_now} pages in "
            f"{self.seconds:.1f} s ({rate:.2f} pages/s)"
        )


@dataclass
class ProgressReporter:
    """Tracks counts during a run and draws them (unless quiet)."""

    total: int
    quiet: bool = False
    err: Console = field(default_factory=lambda: Console(stderr=True))
    counts: Counter[str] = field(default_factory=Counter)
    pages: int = 0
    processed: int = 0
    extracted: int = 0  # documents this run extracted successfully
    started: float = field(default_factory=time.monotonic)
    _progress: Progress | None = None
    _task_id: Any = None

    def __enter__(self) -> ProgressReporter:
        if not self.quiet:
            self._progress = Progress(
                TextColumn("[bold]extract"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(
                    "{task.fields[done]} done · [red]{task.fields[failed]} failed[/] · "
                    "{task.fields[rate]:.2f} pages/s · left {task.fields[left]}"
                ),
                TimeElapsedColumn(),
                console=self.err,
                transient=False,
            )
            self._progress.start()
            self._task_id = self._progress.add_task("extract", total=self.total, done=0, failed=0, rate=0.0,
                                                    left="?")  # fmt: skip
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._progress is not None:
            self._refresh()
            self._progress.stop()

    def settled(self, status: str) -> None:
        """A document needing no work: done before, failed before, or a duplicate."""
        self.counts[status] += 1
        self._refresh()

    def started_task(self, task: Task) -> None:
        if self._progress is not None:
            self._progress.update(self._task_id, description=task.display_path)

    def finished(self, task: Task, outcome: dict[str, Any]) -> None:
        self.processed += 1
        if outcome["ok"]:
            self.counts["done"] += 1
            self.extracted += 1
            self.pages += int(outcome.get("pages") or 0)
        else:
            self.failure(task.display_path, outcome["error_kind"], outcome["error"])
        self._refresh()

    def failure(self, display_path: str, kind: str, message: str) -> None:
        self.counts["failed"] += 1
        line = escape(printable(f"{display_path}: {kind}: {message}"))
        self.err.print(f"[red]failed[/] {line}", markup=True, highlight=False, soft_wrap=True)

    def notice(self, text: str) -> None:
        """A warning about the run as a whole (not shown with --quiet; always in run.log)."""
        if not self.quiet:
            self.err.print(f"[yellow]warning[/] {escape(printable(text))}", markup=True, highlight=False,
                           soft_wrap=True)  # fmt: skip

    def _refresh(self) -> None:
        if self._progress is None:
            return
        elapsed = time.monotonic() - self.started
        completed = sum(self.counts.values())
        left = "?"
        if self.processed:
            remaining = max(0, self.total - completed) * elapsed / self.processed
            left = time.strftime("%H:%M:%S", time.gmtime(remaining))
        self._progress.update(
            self._task_id, completed=completed, done=self.counts["done"], failed=self.counts["failed"],
            rate=self.pages / elapsed if elapsed > 0 else 0.0, left=left,
        )  # fmt: skip


def print_summary(summary: RunSummary, out_dir: str, quiet: bool) -> None:
    console = Console(highlight=False)
    if not quiet:
        for kind, count in sorted(summary.failed.items()):
            console.print(f"  failed: {kind}: {count}")
        console.print(f"  outputs: {out_dir}/ (reports.csv, reports.xlsx, fields_long.csv, codebook.csv, run.log, "
                      "nianbao.sqlite)")  # fmt: skip
    console.print(summary.line(), markup=False, soft_wrap=True)
