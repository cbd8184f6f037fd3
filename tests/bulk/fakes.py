"""A fake extractor that decides by file content, so runs can be tested without models.

Content rules: empty or b"BAD…" -> InputError; b"ENC…" -> EncryptedDocumentError; b"NOTREPORT…" ->
NoTablesError; b"CRASH…" -> RuntimeError; b"HANG…" -> sleeps for an hour; b"DIE…" -> the process
exits; b"NOSPACE…" -> ENOSPC while NIANBAO_FAKE_DISK_FULL is set; b"SLOW…" -> a report after
NIANBAO_FAKE_SLOW seconds (half a second by default; 0 for a reference run); anything else is a report whose values derive from its sha256. NIANBAO_FAKE_DELAY (seconds) slows
every document down, NIANBAO_FAKE_BUILD_DELAY (seconds) the building of the extractor (standing in for
model loading); NIANBAO_FAKE_READS names a file where every extraction appends its process id, the path it
read and the document's display path.
"""

from __future__ import annotations

import errno
import hashlib
import os
import time
from pathlib import Path
from typing import Any

from nianbao.config import Config
from nianbao.errors import EncryptedDocumentError, InputError, NoTablesError
from nianbao.template import field_ids

BUILDS_FILE_ENV = "NIANBAO_FAKE_BUILDS"  # where each worker appends a line when it builds its extractor
READS_FILE_ENV = "NIANBAO_FAKE_READS"
SLOW_ENV = "NIANBAO_FAKE_SLOW"


def fake_report(content: bytes, display_path: str) -> dict[str, Any]:
    digest = hashlib.sha256(content).hexdigest()
    ids = field_ids("requests", "2021")
    fields = {fid: int(digest[i % 60 : i % 60 + 2], 16) for i, fid in enumerate(ids)}
    fields[ids[1]] = None
    cells = {fid: {"page": 2, "bbox": [0, 0, 10, 10], "text": str(v) if v is not None else "—",
                   "confidence": 0.9} for fid, v in fields.items()}  # fmt: skip
    failed = int(digest[0], 16) % 2 == 0
    return {
        "source": {"path": display_path, "sha256": digest, "pages": 1 + int(digest[1], 16) % 4, "kind": "scanned"},
        "agency": f"测试{digest[:4]}人民政府",
        "year": 2020 + int(digest[2], 16) % 4,
        "published": "2024-01-17",
        "template": {"requests": "2021"},
        "fields": fields,
        "cells": cells,
        "checks": [
            {"rule": "I1", "scope": "total", "ok": True, "detail": ""},
            {"rule": "I2", "scope": "natural_person", "ok": not failed, "detail": ""},
        ],
        "unmapped": [],
        "warnings": ["表一 missing"],
    }


class FakeExtractor:
    def __init__(self, config: Config) -> None:
        self.config = config
        time.sleep(float(os.environ.get("NIANBAO_FAKE_BUILD_DELAY", "0")))
        builds = os.environ.get(BUILDS_FILE_ENV)
        if builds:
            with open(builds, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n")

    def extract(self, path: Path, display_path: str | None = None) -> dict[str, Any]:
        time.sleep(float(os.environ.get("NIANBAO_FAKE_DELAY", "0")))
        content = Path(path).read_bytes()
        reads = os.environ.get(READS_FILE_ENV)
        if reads:
            with open(reads, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\t{path}\t{display_path}\n")
        if content.startswith(b"SLOW"):
            time.sleep(float(os.environ.get(SLOW_ENV, "0.5")))
        if not content or content.startswith(b"BAD"):
            raise InputError(f"{path.name} is corrupt or empty")
        if content.startswith(b"ENC"):
            raise EncryptedDocumentError(f"{path.name} is password-protected")
        if content.startswith(b"NOTREPORT"):
            raise NoTablesError("no ruled table found on any page")
        if content.startswith(b"FLAKY") and os.environ.get("NIANBAO_FAKE_FLAKY"):
            raise InputError("flaky failure")
        if content.startswith(b"CRASH"):
            raise RuntimeError("boom\nsecond line")
        if content.startswith(b"HANG"):
            time.sleep(3600)
        if content.startswith(b"NOSPACE") and os.environ.get("NIANBAO_FAKE_DISK_FULL"):
            raise OSError(errno.ENOSPC, "No space left on device", "out/report.json")
        if content.startswith(b"DIE"):
            os._exit(3)
        return fake_report(content, display_path or str(path))


def make(config: Config) -> FakeExtractor:
    return FakeExtractor(config)
