"""The run folder is the user's too: nianbao never overwrites a file it did not write there.

Report JSON is named around every file already on disk (``nianbao.bulk.store``); the files with fixed
names (the CSVs, ``config.yaml``) are checked here before a run writes them; a folder without a run
database is searched for report JSON of an earlier run, which is adopted rather than overwritten; and
an output folder inside an input folder (or holding one) is pointed out.
"""

from __future__ import annotations

import errno
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nianbao.config import Config
from nianbao.errors import ConfigError, OutputFullError

log = logging.getLogger(__name__)
REPORT_MAX_BYTES = 20_000_000  # a report JSON is tens of kilobytes; larger files are not read
SHA256_HEX = frozenset("0123456789abcdef")


@dataclass
class FolderScan:
    """What an output folder without a run database holds."""

    reports: list[tuple[str, str]] = field(default_factory=list)  # (relative path, source sha256)
    foreign: list[str] = field(default_factory=list)  # files nianbao did not write


def setup_error(out_dir: Path, exc: OSError) -> Exception:
    """The error to stop with when the output folder cannot be made or written before the run starts."""
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputFullError(f"cannot write to {out_dir}: {reason}; free some space and rerun")
    return ConfigError(f"cannot write to the output folder {out_dir}: {reason}; choose a folder you can write to (-o)")


def _starts_with(path: Path, prefix: bytes) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(prefix)) == prefix


def _is_our_config(path: Path) -> bool:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and bool(data) and set(data) <= set(Config.__dataclass_fields__)


def check_fixed_names(out_dir: Path, csv_headers: dict[str, bytes], config_name: str) -> None:
    """Refuse to run where a CSV or config file of ours would replace a file nianbao did not write."""
    for name, header in csv_headers.items():
        path = out_dir / name
        if path.exists() and not (path.is_file() and _starts_with(path, header)):
            raise ConfigError(f"{path} was not written by nianbao and a run would replace it: "
                              "move it away or choose another -o folder")  # fmt: skip
    config = out_dir / config_name
    if config.exists() and not (config.is_file() and _is_our_config(config)):
        raise ConfigError(f"{config} is not a nianbao config and a run would replace it: "
                          "move it away or choose another -o folder")  # fmt: skip


def check_own_file(path: Path, is_ours: Callable[[Path], bool]) -> None:
    """Refuse to run where a file of ours with a fixed name (reports.xlsx) would replace one nianbao did not write."""
    if path.exists() and not (path.is_file() and is_ours(path)):
        raise ConfigError(f"{path} was not written by nianbao and a run would replace it: "
                          "move it away or choose another -o folder")  # fmt: skip


def report_sha256(path: Path) -> str | None:
    """The source sha256 of a nianbao report JSON; None for any other file."""
    try:
        if path.stat().st_size > REPORT_MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        return None
    sha256 = (data.get("source") or {}).get("sha256") if isinstance(data.get("source"), dict) else None
    if isinstance(sha256, str) and len(sha256) == 64 and set(sha256) <= SHA256_HEX:
        return sha256
    return None


def _files(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):  # symbolic links are not followed
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def scan_folder(out_dir: Path, own_names: Iterable[str]) -> FolderScan:
    """Report JSON of an earlier run and other files, in a folder that has no run database."""
    own = set(own_names)
    scan = FolderScan()
    for path in _files(out_dir):
        rel = path.relative_to(out_dir).as_posix()
        if rel in own or path.name.startswith(tuple(name + "-" for name in own)):
            continue
        sha256 = report_sha256(path) if path.suffix == ".json" and path.is_file() else None
        if sha256 is not None:
            scan.reports.append((rel, sha256))
        else:
            scan.foreign.append(rel)
    return scan


def overlapping_inputs(out_dir: Path, inputs: Iterable[str], cwd: Path | None = None) -> list[str]:
    """Input folders that hold the output folder, or that it holds."""
    base = Path(os.path.abspath(cwd or Path.cwd()))
    out = Path(os.path.realpath(out_dir))
    overlaps = []
    for text in inputs:
        folder = Path(os.path.realpath(base / os.path.expanduser(text)))
        if folder.is_dir() and (out == folder or out.is_relative_to(folder) or folder.is_relative_to(out)):
            overlaps.append(text)
    return overlaps
