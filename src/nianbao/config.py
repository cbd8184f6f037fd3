"""Configuration: YAML files loaded into frozen dataclasses.

The defaults ship inside the package (``nianbao/data/default.yaml``; ``configs/default.yaml`` at the
repository root is a copy to start your own from, and a test keeps the two equal). Unknown keys are
errors; command-line flags override fields through dotted keys (``ocr.backend``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

import yaml

from nianbao.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CONFIG = PACKAGE_DIR / "data" / "default.yaml"
REPO_ROOT = PACKAGE_DIR.parents[1]  # the source checkout, where there is one (training data, git commit)


# Debian's fonts-wqy-zenhei, fonts-arphic-uming and fonts-arphic-ukai: a sans, a Ming (Song) and a Kai face.
FAX_FONTS = ":".join(
    (
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/truetype/arphic/ukai.ttc",
    )
)


@dataclass(frozen=True)
class IngestConfig:
    dpi: int = 200  # PDF pages are rendered at this resolution; images are rescaled towards it
    max_pages: int = 60  # longer documents are refused as not being annual reports
    max_page_pixels: int = 25_000_000  # a larger page is drawn or read smaller (memory stays bounded)


@dataclass(frozen=True)
class PreprocessConfig:
    flatten_photos: bool = True  # find the sheet in a photographed page and undo the perspective
    fix_orientation: bool = True
    deskew: bool = True
    max_skew_degrees: float = 6.0
    denoise: bool = True
    remove_creases: bool = True  # paint out the lines a sheet's folds left, edge to edge (preprocess.creases)


@dataclass(frozen=True)
class OcrConfig:
    backend: str = "onnx"  # "onnx"/"openvino" (PP-OCRv6-small) or "paddle" (PP-OCRv4 on paddlepaddle)
    threads: int = 0  # 0: let the engine decide
    min_confidence: float = 0.5  # a cell read below this is null with a warning
    min_metadata_confidence: float = 0.7  # an agency or date with a character read below this is null
    # a date with a digit read below this is null: under a seal a 3 was read 8 at 0.71-0.85
    min_date_confidence: float = 0.9
    # font files (separated by the OS path separator, ":" on Linux) a fax's unsure numbers are drawn
    # again in to confirm them (ocr.fax_drawing); those missing are skipped, empty turns that off
    fax_fonts: str = FAX_FONTS


@dataclass(frozen=True)
class TableConfig:
    min_line_fraction: float = 0.015  # shortest rule, as a fraction of the page width
    min_table_width_fraction: float = 0.15
    min_rows: int = 1  # one row is enough: the last row of a table can fall alone on the next page
    borderless: bool = True  # on a page with no ruled table, find tables by how their text lines up
    faint_rules: bool = True  # where the page's rules are faint or none, look for rules too faint for its ink


@dataclass(frozen=True)
class ClassifyConfig:
    model_dir: str = "models/header_classifier"  # relative: the working folder, else the package (shipped model)
    min_probability: float = 0.5  # labels below this go to "unmapped"


@dataclass(frozen=True)
class RunConfig:
    workers: int = 0  # 0: one per core
    timeout_s: int = 600  # per document
    quiet: bool = False


@dataclass(frozen=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    preprocess: PreprocessConfig = field(default_factory=PreprocessConfig)
    ocr: OcrConfig = field(default_factory=OcrConfig)
    table: TableConfig = field(default_factory=TableConfig)
    classify: ClassifyConfig = field(default_factory=ClassifyConfig)
    run: RunConfig = field(default_factory=RunConfig)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def resolve_path(value: str) -> Path:
    """A path from the config: absolute as given; a relative one from the working folder where it exists
    there, else from the installed package (``models/header_classifier`` is the model shipped inside it)."""
    path = Path(value).expanduser()
    if path.is_absolute() or path.exists():
        return path
    return PACKAGE_DIR / path


def _coerce(value: Any, kind: type, where: str) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false", "1", "0", "yes", "no"):
            return value.lower() in ("true", "1", "yes")
        raise ConfigError(f"{where} must be true or false, not {value!r}")
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where} must be a {kind.__name__}, not {value!r}") from None


def _build(cls: type, data: dict[str, Any], where: str) -> Any:
    if not isinstance(data, dict):
        raise ConfigError(f"{where or 'the config'} must be a mapping, not {data!r}")
    hints = get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(
            f"unknown config key(s) {', '.join(where + k for k in unknown)}; known: {', '.join(sorted(names))}"
        )
    values = {}
    for name, value in data.items():
        kind = hints[name]
        if isinstance(kind, type) and dataclasses.is_dataclass(kind):
            values[name] = _build(kind, value, f"{where}{name}.")
        else:
            values[name] = _coerce(value, kind, where + name)
    return cls(**values)


def _set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ConfigError(f"cannot set {key}: {part} is not a section")
    node[parts[-1]] = value


def load_config(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Read ``path`` (default: the defaults shipped in the package) and apply dotted overrides."""
    data: dict[str, Any] = {}
    source = path if path is not None else DEFAULT_CONFIG
    if source is not None:
        try:
            data = yaml.safe_load(Path(source).read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise ConfigError(f"config file {source} does not exist") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"config file {source} is not valid YAML: {exc}") from None
    for key, value in (overrides or {}).items():
        if value is not None:
            _set_dotted(data, key, value)
    config = _build(Config, data, "")
    _validate(config)
    return config


def config_from_dict(data: dict[str, Any]) -> Config:
    """A Config from a (possibly partial) mapping such as ``Config.to_dict()``; missing keys take defaults."""
    config = _build(Config, data, "")
    _validate(config)
    return config


def _validate(config: Config) -> None:
    if config.ocr.backend not in ("onnx", "openvino", "paddle"):
        raise ConfigError(f"ocr.backend must be 'onnx', 'openvino' or 'paddle', not {config.ocr.backend!r}")
    if not 72 <= config.ingest.dpi <= 600:
        raise ConfigError(f"ingest.dpi must be between 72 and 600, not {config.ingest.dpi}")
    if not 0.0 <= config.classify.min_probability <= 1.0:
        raise ConfigError("classify.min_probability must be between 0 and 1")
    if config.ingest.max_page_pixels < 1_000_000:
        raise ConfigError(f"ingest.max_page_pixels must be at least 1000000, not {config.ingest.max_page_pixels}")
    if config.run.timeout_s < 0:
        raise ConfigError(f"run.timeout_s must be 0 (no limit) or a number of seconds, not {config.run.timeout_s}")
    if config.run.workers < 0:
        raise ConfigError("run.workers must be 0 (one per core) or more")
