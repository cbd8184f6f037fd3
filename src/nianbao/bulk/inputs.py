"""Which files a run processes: files, folders (recursive), glob patterns and list files.

Folders and glob patterns contribute only supported documents (the rest is counted as skipped); a file
named explicitly, directly or in a list file, is always tried, so that a wrong one fails with a reason.
List files (``--list FILE``, or an input ending in ``.lst``/``.list``, or ``@FILE``) hold one input per
line; blank lines and lines starting with ``#`` are ignored; relative entries are taken from the list
file's folder.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from nianbao.errors import ConfigError
from nianbao.ingest import DOCUMENT_SUFFIXES, is_later_page

SUPPORTED_SUFFIXES = DOCUMENT_SUFFIXES
LIST_SUFFIXES = frozenset({".lst", ".list"})
GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Candidate:
    """One document to process."""

    path: Path  # absolute, as found (symlinks not resolved, so names stay the user's)
    display_path: str  # relative to the working folder where possible: goes to source.path
    rel_path: str  # relative to the input that named it (folder root, or the file's own name)


@dataclass
class Discovery:
    """The documents of a run in a stable order, plus what was left out."""

    candidates: list[Candidate] = field(default_factory=list)
    skipped: int = 0  # unsupported files inside folders or glob matches
    missing: list[Candidate] = field(default_factory=list)  # list-file entries that do not exist


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def is_list_file(text: str) -> bool:
    return text.startswith("@") or Path(text).suffix.lower() in LIST_SUFFIXES


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def _candidate(path: Path, root: Path | None, cwd: Path) -> Candidate:
    rel = path.relative_to(root).as_posix() if root is not None else display_path(path, cwd)
    if rel.startswith("/") or ".." in PurePosixPath(rel).parts:
        rel = path.name
    return Candidate(path=path, display_path=display_path(path, cwd), rel_path=rel)


def walk_folder(folder: Path) -> Iterator[Path]:
    """Files below ``folder`` in sorted order (hidden entries are skipped). Symbolic links to folders
    are followed, but each real folder is walked once, so a link loop ends and adds nothing twice."""
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        try:
            info = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            dirnames[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def read_list_file(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read list file {path}: {exc.strerror or exc}") from None
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append(line)
    return entries


def _expand_folder(folder: Path, cwd: Path, found: Discovery) -> None:
    for path in walk_folder(folder):
        if is_later_page(path):
            continue  # pages 2+ of report_p1.png, report_p2.png … belong to the report_p1 document
        if is_supported(path):
            found.candidates.append(_candidate(path, folder, cwd))
        else:
            found.skipped += 1


def _expand_glob(pattern: str, cwd: Path, found: Discovery) -> None:
    matches = sorted(glob.glob(pattern, recursive=True))
    for match in matches:
        path = Path(os.path.abspath(match))
        if path.is_dir():
            _expand_folder(path, cwd, found)
        elif is_later_page(path):
            continue
        elif is_supported(path):
            found.candidates.append(_candidate(path, None, cwd))
        else:
            found.skipped += 1


def _expand_one(text: str, base: Path, cwd: Path, found: Discovery, from_list: bool) -> None:
    """Add the documents named by one input; raises ConfigError for a missing command-line input."""
    expanded = os.path.expanduser(text)
    path = Path(os.path.abspath(base / expanded))
    if path.is_dir():
        _expand_folder(path, cwd, found)
    elif path.exists():
        found.candidates.append(_candidate(path, None, cwd))
    elif GLOB_CHARS & set(expanded):
        _expand_glob(str(base / expanded), cwd, found)  # no match adds nothing, like an empty folder
    elif from_list:
        found.missing.append(_candidate(path, None, cwd))
    else:
        raise ConfigError(f"input {text} does not exist: give an existing file, folder or glob pattern")


def discover(inputs: Iterable[str], list_files: Iterable[Path] = (), cwd: Path | None = None) -> Discovery:
    """Expand command-line inputs into documents; each path appears once, first naming wins."""
    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    found = Discovery()
    lists = [Path(p) for p in list_files]
    for text in inputs:
        if is_list_file(text):
            lists.append(Path(text.removeprefix("@")))
        else:
            _expand_one(text, cwd, cwd, found, from_list=False)
    for list_path in lists:
        list_path = Path(os.path.abspath(cwd / list_path))
        for entry in read_list_file(list_path):
            _expand_one(entry, list_path.parent, cwd, found, from_list=True)
    found.candidates = _unique(found.candidates)
    return found


def _unique(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[Path] = set()
    unique = []
    for candidate in candidates:
        if candidate.path not in seen:
            seen.add(candidate.path)
            unique.append(candidate)
    return unique
