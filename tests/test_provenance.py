from __future__ import annotations

import hashlib
import os
from pathlib import Path

from nianbao.config import load_config
from nianbao.provenance import config_sha256, describe, differences, extraction_settings, file_sha256


def test_config_hash_follows_extraction_settings_only() -> None:
    base = load_config()
    assert config_sha256(base) == config_sha256(load_config(overrides={"run.workers": 7, "ocr.threads": 3}))
    assert config_sha256(base) != config_sha256(load_config(overrides={"ingest.dpi": 300}))
    assert config_sha256(base) != config_sha256(load_config(overrides={"table.min_rows": 2}))
    assert "run" not in extraction_settings(base) and "threads" not in extraction_settings(base)["ocr"]


def test_file_hash_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "model.bin"
    path.write_bytes(b"one")
    assert file_sha256(path) == hashlib.sha256(b"one").hexdigest()
    path.write_bytes(b"two")
    os.utime(path, ns=(1, 1))
    assert file_sha256(path) == hashlib.sha256(b"two").hexdigest()
    assert file_sha256(tmp_path / "absent") is None


def test_settings_key_and_differences() -> None:
    base, other = load_config(), load_config(overrides={"ingest.dpi": 300, "ocr.backend": "paddle"})
    old, new = describe(base), describe(other)
    assert old.settings_sha256 != new.settings_sha256
    assert describe(base) == old
    changes = differences(extraction_settings(base), old, extraction_settings(other), new)
    assert changes == ["ingest.dpi 200 → 300", "ocr.backend onnx → paddle"]
    assert type(old).from_dict(old.to_dict()) == old


def test_the_api_report_records_what_made_it(monkeypatch, tmp_path: Path) -> None:
    from nianbao import api
    from nianbao.report import Report, Source

    class Fake:
        def extract(self, path: Path) -> Report:
            return Report(Source(str(path)))

    monkeypatch.setattr(api, "_extractor", lambda config: Fake())
    report = api.extract(str(tmp_path / "x.pdf"), config=load_config(overrides={"ingest.dpi": 300}))
    assert report.run == describe(load_config(overrides={"ingest.dpi": 300})).to_dict()
    assert report.to_dict()["run"]["config_sha256"] == config_sha256(load_config(overrides={"ingest.dpi": 300}))
