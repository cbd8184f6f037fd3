"""Run extraction over a labeled set (or read existing outputs), score it, write metrics and a report."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nianbao.config import Config
from nianbao.errors import NianbaoError
from nianbao.evaluate.report import write_report
from nianbao.evaluate.scoring import Metrics, score_reports
from nianbao.export.atomic import write_json_atomic

log = logging.getLogger(__name__)
TRUTH_SUFFIX = ".truth.json"
DOCUMENT_SUFFIXES = (".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg")

ExtractorFactory = Callable[[Config], Any]  # returns an object with .extract(path) -> dict


def labeled_documents(dataset: Path) -> dict[str, tuple[Path, dict]]:
    """stem -> (document, truth) for every truth file that has its document beside it."""
    found = {}
    for truth_path in sorted(dataset.rglob(f"*{TRUTH_SUFFIX}")):
        stem = truth_path.name[: -len(TRUTH_SUFFIX)]
        candidates = [truth_path.with_name(stem + s) for s in DOCUMENT_SUFFIXES]
        candidates += [truth_path.with_name(f"{stem}_p1{s}") for s in DOCUMENT_SUFFIXES]
        document = next((c for c in candidates if c.exists()), None)
        if document is None:
            log.warning("%s has no document beside it: skipped", truth_path)
            continue
        found[stem] = (document, json.loads(truth_path.read_text(encoding="utf-8")))
    return found


def _default_factory(config: Config) -> Any:
    from nianbao.pipeline import Extractor

    return Extractor(config)


def extract_all(
    documents: dict[str, tuple[Path, dict]], out_dir: Path, config: Config, factory: ExtractorFactory
) -> tuple[dict[str, dict | None], dict[str, float]]:
    extractor = factory(config)
    predictions: dict[str, dict | None] = {}
    seconds, pages = 0.0, 0
    for stem, (document, _) in documents.items():
        start = time.perf_counter()
        try:
            result = extractor.extract(document)
        except NianbaoError as exc:
            log.error("%s: %s", document, exc)
            result = None
        elapsed = time.perf_counter() - start
        seconds += elapsed
        if result is not None:
            pages += int(result.get("source", {}).get("pages", 0))
            write_json_atomic(out_dir / "predictions" / f"{stem}.json", result)
        predictions[stem] = result
    timing = {
        "seconds": round(seconds, 2),
        "pages": pages,
        "seconds_per_page": round(seconds / pages, 3) if pages else 0.0,
        "seconds_per_report": round(seconds / len(documents), 3) if documents else 0.0,
    }
    return predictions, timing


def read_predictions(folder: Path, stems: list[str]) -> dict[str, dict | None]:
    predictions: dict[str, dict | None] = {}
    for stem in stems:
        path = folder / f"{stem}.json"
        predictions[stem] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
    return predictions


def run_evaluation(
    dataset: Path,
    out_dir: Path,
    config: Config,
    predictions: Path | None = None,
    factory: ExtractorFactory | None = None,
) -> Metrics:
    """Score extraction on ``dataset``; writes metrics.json and report.md (with crops) under ``out_dir``."""
    documents = labeled_documents(dataset)
    if not documents:
        raise NianbaoError(f"no labeled documents in {dataset}: expected <stem>.truth.json beside each document")
    out_dir.mkdir(parents=True, exist_ok=True)
    if predictions is None:
        found, timing = extract_all(documents, out_dir, config, factory or _default_factory)
    else:
        found, timing = read_predictions(predictions, list(documents)), {}
    metrics = score_reports({stem: truth for stem, (_, truth) in documents.items()}, found, timing)
    write_json_atomic(out_dir / "metrics.json", metrics.to_dict())
    write_report(metrics, {stem: doc for stem, (doc, _) in documents.items()}, out_dir, config)
    return metrics
