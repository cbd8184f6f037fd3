"""What a benchmark figure was measured on: machine, library versions, commit, peak memory."""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from nianbao.config import REPO_ROOT

VERSIONED_PACKAGES = (
    "nianbao", "numpy", "opencv-python-headless", "onnxruntime", "openvino", "rapidocr", "scikit-learn",
    "pypdfium2", "paddlepaddle", "paddleocr",
)  # fmt: skip


def _read_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _first_value(lines: list[str], prefix: str) -> str | None:
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(prefix)), None)


def machine_info() -> dict[str, Any]:
    """Cores, CPU model, memory, OS, Python and the versions of the libraries that set the figures."""
    memory_kib = _first_value(_read_lines("/proc/meminfo"), "MemTotal")
    info: dict[str, Any] = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": _first_value(_read_lines("/proc/cpuinfo"), "model name"),
        "memory_gib": round(int(memory_kib.split()[0]) / 1024**2, 1) if memory_kib else None,
    }
    versions: dict[str, str | None] = {}
    for package in VERSIONED_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {**info, "versions": versions}


def git_commit(repo: Path = REPO_ROOT) -> str | None:
    """HEAD's hash, with ``-dirty`` when the working tree has changes; None outside a git checkout."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, timeout=10)
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=repo,
                                capture_output=True, text=True, timeout=10)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    if head.returncode != 0:
        return None
    return head.stdout.strip() + ("-dirty" if status.stdout.strip() else "")


def peak_rss_mib() -> float:
    """This process's peak resident memory (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024**2 if sys.platform == "darwin" else 1024), 1)
