import dataclasses

import pytest
import yaml

from nianbao.config import DEFAULT_CONFIG, Config, load_config
from nianbao.errors import ConfigError


def test_default_yaml_matches_dataclass_defaults():
    assert load_config(DEFAULT_CONFIG) == Config()


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
