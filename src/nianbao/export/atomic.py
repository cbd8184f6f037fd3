"""Files that are either absent, the old version or the complete new version: never half-written.

Everything is written to a hidden temporary name in the target's own folder (same file system), flushed
to disk, then ``os.replace``'d over the target, which is atomic on POSIX and Windows.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

TEMP_SUFFIX = ".nianbao-tmp"
FILE_MODE = 0o644  # mkstemp creates 0600; outputs are meant to be shared like ordinary files


TEMP_NAME_BYTES = 100  # of the target's name in a temporary's name: a long target name must not make it too long


def temp_prefix(target: Path) -> str:
    name = target.name.encode("utf-8", errors="surrogateescape")[:TEMP_NAME_BYTES]
    return f".{name.decode('utf-8', errors='ignore')}."


@contextmanager
def atomic_open(path: Path, *, encoding: str = "utf-8", newline: str | None = None) -> Iterator[IO[str]]:
    """A text file handle whose content replaces ``path`` only when the ``with`` block ends cleanly."""
    with atomic_path(path) as temp, open(temp, "w", encoding=encoding, newline=newline) as handle:
        yield handle


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that wants a file name (such as openpyxl's
    ``save``); it replaces ``path`` only when the ``with`` block ends cleanly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    try:
        yield Path(temp_name)
        with open(temp_name, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temp_name, FILE_MODE)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_open(path, encoding=encoding) as handle:
        handle.write(text)


def dump_json(data: Any) -> str:
    """The one JSON spelling of nianbao outputs: UTF-8 Chinese kept readable, stable indentation."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, dump_json(data))


def remove_stale_temp_files(folder: Path) -> int:
    """Delete temporaries left by a process killed mid-write (only call while no writer is running)."""
    removed = 0
    if not folder.is_dir():
        return 0
    for dirpath, _, filenames in os.walk(folder):  # symbolic links are not followed: a loop cannot trap it
        for name in filenames:
            candidate = Path(dirpath) / name
            if name.startswith(".") and name.endswith(TEMP_SUFFIX) and candidate.is_file():
                with contextlib.suppress(OSError):
                    candidate.unlink()
                    removed += 1
    return removed
