import dataclasses
from pathlib import Path

import pytest
import yaml

from nianbao.config import DEFAULT_CONFIG, PACKAGE_DIR, REPO_ROOT, Config, load_config, resolve_path
from nianbao.errors import ConfigError


def test_default_yaml_matches_dataclass_defaults():
    assert load_config(DEFAULT_CONFIG) == Config()


def test_the_config_to_copy_at_the_repository_root_is_the_shipped_default():
    copy = REPO_ROOT / "configs" / "default.yaml"
    assert copy.read_bytes() == DEFAULT_CONFIG.read_bytes(), (
        f"{copy} must equal the defaults shipped in {DEFAULT_CONFIG}: edit that file and copy it over"
    )
    assert DEFAULT_CONFIG.is_relative_to(PACKAGE_DIR)


def test_the_shipped_model_is_found_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve_path(Config().classify.model_dir) == PACKAGE_DIR / "models" / "header_classifier"
    (tmp_path / "mine").mkdir()
    assert resolve_path("mine") == Path("mine")  # a folder of the working folder wins
    assert resolve_path(str(tmp_path)) == tmp_path


def test_unknown_key_is_an_error(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({"ocr": {"backend": "onnx", "bakend": "x"}}))
    with pytest.raises(ConfigError, match="ocr.bakend"):
        load_config(path)


def test_overrides_win_and_are_typed(tmp_path):
    config = load_config(None, {"ocr.backend": "paddle", "ingest.dpi": "300", "preprocess.deskew": "false"})
    assert (config.ocr.backend, config.ingest.dpi, config.preprocess.deskew) == ("paddle", 300, False)


def test_bad_values_say_what_to_fix():
    with pytest.raises(ConfigError, match="ocr.backend"):
        load_config(None, {"ocr.backend": "tesseract"})
    with pytest.raises(ConfigError, match="ingest.dpi"):
        load_config(None, {"ingest.dpi": "many"})


def test_config_is_frozen_and_serialisable():
    config = Config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.ocr = None  # type: ignore[misc]
    assert load_config(None, None).to_dict()["ocr"]["backend"] == "onnx"
