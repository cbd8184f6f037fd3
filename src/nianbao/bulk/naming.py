"""Where a document's JSON goes inside the run folder (pure).

``OUT/<stem>.json`` for the first document with that stem (in input order; the database remembers the
choice, so resumed runs keep it); the stem is ``nianbao.ingest.document_stem``'s, which evaluate uses
too (page images ``x_p1.png``, ``x_p2.png`` … are the report ``x``). A later document with the same stem goes under its relative folder,
``OUT/<relative dir>/<stem>.json``; where that is taken too (same folder, other extension), the
extension is kept, ``<stem>.<ext>.json``; failing that, the first 12 hex digits of its sha256 are added.
A name longer than a file system allows (255 bytes) is cut and given the sha256 digits too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from nianbao.ingest import document_stem

RESERVED_NAMES = frozenset({"reports.json", "fields_long.json", "codebook.json"})
NAME_MAX_BYTES = 255  # one path component on Linux, macOS and Windows file systems


def output_name_options(rel_path: str, sha256: str) -> list[str]:
    """The names to try, best first, as POSIX paths relative to the run folder."""
    path = PurePosixPath(rel_path)
    stem = document_stem(rel_path) or "document"
    ext = path.suffix.lstrip(".").lower()
    folder = path.parent
    options = [f"{stem}.json", (folder / f"{stem}.json").as_posix()]
    if ext:
        options.append((folder / f"{stem}.{ext}.json").as_posix())
    options.append((folder / f"{stem}-{sha256[:12]}.json").as_posix())
    unique: list[str] = []
    for option in (fit_name(option, sha256) for option in options):
        if option not in unique and option not in RESERVED_NAMES:
            unique.append(option)
    return unique


def choose_output_name(rel_path: str, sha256: str, is_taken: Callable[[str], bool]) -> str:
    options = output_name_options(rel_path, sha256)
    for option in options:
        if not is_taken(option):
            return option
    base = options[-1].removesuffix(".json")
    counter = 2
    while is_taken(f"{base}-{counter}.json"):
        counter += 1
    return f"{base}-{counter}.json"


def fit_name(option: str, sha256: str) -> str:
    """``option`` with its file name cut to NAME_MAX_BYTES (on a character boundary), the sha256
    digits keeping cut names apart."""
    path = PurePosixPath(option)
    if len(path.name.encode("utf-8")) <= NAME_MAX_BYTES:
        return option
    tail = f"-{sha256[:12]}.json"
    room = NAME_MAX_BYTES - len(tail.encode("utf-8"))
    stem = path.name.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return (path.parent / f"{stem}{tail}").as_posix()
