from __future__ import annotations

import dataclasses

import pytest

from nianbao.bulk import runner
from nianbao.config import Config, OcrConfig


def test_workers_share_the_cores_unless_threads_are_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner.os, "cpu_count", lambda: 8)
    assert runner.share_threads(Config(), 4).ocr.threads == 2
    assert runner.share_threads(Config(), 16).ocr.threads == 1
    assert runner.share_threads(Config(), 1).ocr.threads == 0  # one worker: the engine decides
    pinned = dataclasses.replace(Config(), ocr=OcrConfig(threads=3))
    assert runner.share_threads(pinned, 4).ocr.threads == 3
