"""The Python API: ``nianbao.extract(path) -> Report`` and ``nianbao.read_run(OUT) -> DataFrame``.

``nianbao extract`` (the command) runs the same ``Extractor`` in its worker processes and writes each
``Report.to_dict()`` as the document's JSON; ``read_run`` reads those JSON files back.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nianbao.config import Config, load_config
from nianbao.errors import InputError
from nianbao.provenance import describe
from nianbao.report import LONG_COLUMNS, Report, long_frame

if TYPE_CHECKING:
    import pandas

    from nianbao.pipeline import Extractor

PathLike = str | os.PathLike[str]
REPORTS_CSV = "reports.csv"


def extract(path: PathLike, config: Config | PathLike | None = None) -> Report:
    """Extract one report (a PDF, an image, page images ``x_p1.png`` … or a folder of page images).

    ``config`` is a ``Config``, the path of a YAML config file, or None for the defaults. The models are
    built on the first call and reused by later calls with the same configuration. Raises a
    ``nianbao.errors.NianbaoError`` subclass, with a message that says what to fix, for a bad document.
    """
    resolved = config if isinstance(config, Config) else load_config(None if config is None else Path(config))
    report = _extractor(resolved).extract(Path(path))
    return dataclasses.replace(report, run=describe(resolved).to_dict())


@lru_cache(maxsize=2)
def _extractor(config: Config) -> Extractor:
    from nianbao.pipeline import Extractor  # loads the OCR runtime: only when extracting

    return Extractor(config)


def read_run(out_dir: PathLike) -> pandas.DataFrame:
    """Every field of every report extracted into the run folder ``out_dir``, in long format: one row per
    (report, field) with the value, its status and reason, the printed text, page and confidence, and
    the report's agency and year. Documents that failed or were duplicates of another have no rows."""
    import pandas as pd

    folder = Path(out_dir)
    rows: list[dict[str, Any]] = []
    for output in _done_outputs(folder):
        report = _load(folder / output)
        rows.extend({**row, "agency": report.agency, "year": report.year} for row in report.long_rows())
    return long_frame(pd, rows, ("report", "agency", "year", *LONG_COLUMNS[1:]))


def _done_outputs(folder: Path) -> list[str]:
    table = folder / REPORTS_CSV
    if not table.is_file():
        raise InputError(f"{folder} has no {REPORTS_CSV}: give the -o folder of a nianbao extract run")
    with table.open(encoding="utf-8-sig", newline="") as handle:
        return [row["output"] for row in csv.DictReader(handle) if row.get("status") == "done" and row.get("output")]


def _load(path: Path) -> Report:
    try:
        return Report.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise InputError(f"{path} is listed in reports.csv but missing: rerun the extract command to redo it") from None
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"{path} is not a readable report JSON ({exc}): delete it and rerun the extract") from None
