"""Run extraction over a labeled set (or read existing outputs), score it, write metrics and a report.

A labeled set is a folder (searched recursively) where each ``<stem>.truth.json`` has its document beside
it: ``<stem>.pdf|png|jpg|jpeg|tif|tiff``, page images ``<stem>_p1.png`` (``_p2`` … follow), or a
folder ``<stem>/`` of page images.
"""

from __future__ import annotations

import glob
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nianbao.bulk.naming import output_name_options
from nianbao.config import Config
from nianbao.errors import InputError, NianbaoError
from nianbao.evaluate.report import PageImages, write_report
from nianbao.evaluate.scoring import Metrics, score_reports
from nianbao.export.atomic import write_json_atomic
from nianbao.ingest import DOCUMENT_SUFFIXES, document_stem, file_sha256, page_image_group
from nianbao.report import Report, as_report

log = logging.getLogger(__name__)
TRUTH_SUFFIX = ".truth.json"

ExtractorFactory = Callable[[Config], Any]  # builds an object with .extract(path) -> Report (or its dict)


@dataclass(frozen=True)
class Extraction:
    """What extracting a labeled set produced."""

    predictions: dict[str, Report | None]
    timing: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)


def find_document(truth_path: Path) -> Path | None:
    """The document a truth file labels, or None where there is none beside it."""
    stem = truth_path.name[: -len(TRUTH_SUFFIX)]
    folder = truth_path.parent
    for name in (stem, f"{stem}_p1"):
        for candidate in sorted(folder.glob(f"{glob.escape(name)}.*")):
            if candidate.suffix.lower() in DOCUMENT_SUFFIXES and candidate.is_file():
                return candidate
    as_folder = folder / stem
    return as_folder if as_folder.is_dir() else None


def read_truth(path: Path) -> dict:
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"truth file {path} cannot be read as JSON ({exc}): fix or remove it") from None
    if not isinstance(truth, dict) or not isinstance(truth.get("fields"), dict):
        raise InputError(f'truth file {path} has no "fields" mapping: it is not a nianbao truth file')
    return truth


def labeled_documents(dataset: Path) -> dict[str, tuple[Path, dict]]:
    """stem -> (document, truth) for every truth file under ``dataset`` that has its document beside it."""
    if not dataset.is_dir():
        raise InputError(f"{dataset} is not a folder: give the folder of documents and <stem>.truth.json files")
    found: dict[str, tuple[Path, dict]] = {}
    for truth_path in sorted(dataset.rglob(f"*{TRUTH_SUFFIX}")):
        document = find_document(truth_path)
        if document is None:
            log.warning("%s has no document beside it: skipped", truth_path)
            continue
        stem = truth_path.name[: -len(TRUTH_SUFFIX)]
        if stem in found:
            relative = truth_path.parent.relative_to(dataset).as_posix().replace("/", "__")
            stem = f"{relative}__{stem}"
        found[stem] = (document, read_truth(truth_path))
    return found


def _default_factory(config: Config) -> Any:
    from nianbao.pipeline import Extractor

    return Extractor(config)


def _extract_one(extractor: Any, document: Path) -> tuple[Report | None, str | None]:
    try:
        return as_report(extractor.extract(document)), None
    except NianbaoError as exc:
        log.error("%s failed: %s", document, exc)
        return None, f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # a bug in one document must not lose the other reports' scores
        log.exception("%s: unexpected error", document)
        return None, f"unexpected {type(exc).__name__}: {exc}"


def extract_with(extractor: Any, documents: dict[str, tuple[Path, dict]], out_dir: Path) -> Extraction:
    predictions: dict[str, Report | None] = {}
    errors: dict[str, str] = {}
    per_report: dict[str, float] = {}
    page_counts: dict[str, int] = {}
    for index, (stem, (document, _)) in enumerate(documents.items(), start=1):
        start = time.perf_counter()
        result, error = _extract_one(extractor, document)
        per_report[stem] = round(time.perf_counter() - start, 3)
        log.info("[%d/%d] %s: %.1f s%s", index, len(documents), stem, per_report[stem], " (failed)" if error else "")
        if result is None:
            errors[stem] = error or "no result"
        else:
            page_counts[stem] = result.source.pages or 0
            write_json_atomic(out_dir / "predictions" / f"{stem}.json", result.to_dict())
        predictions[stem] = result
    return Extraction(predictions, timing_summary(per_report, page_counts), errors)


def timing_summary(per_report: dict[str, float], page_counts: dict[str, int]) -> dict[str, Any]:
    """Seconds per page (over the pages of extracted reports) and per report (over all of them)."""
    seconds = sum(per_report.values())
    pages = sum(page_counts.values())
    return {
        "seconds": round(seconds, 3),
        "pages": pages,
        "seconds_per_page": round(seconds / pages, 3) if pages else None,
        "seconds_per_report": round(seconds / len(per_report), 3) if per_report else None,
        "per_report_seconds": per_report,
        "per_report_pages": page_counts,
    }


def prediction_path(folder: Path, dataset: Path, document: Path, stem: str) -> Path | None:
    """Where ``nianbao extract DATASET -o folder`` (or evaluate, as ``<stem>.json``) put ``document``'s
    JSON: of the names extract would choose (nianbao.bulk.naming), the one whose source.sha256 is the
    document's; failing that ``<stem>.json``, then the first that exists."""
    try:
        relative = document.relative_to(dataset).as_posix()
    except ValueError:
        relative = document.name
    sha256 = file_sha256(*page_image_group(document)) if document.is_file() else ""
    existing = [folder / name for name in output_name_options(relative, sha256) if (folder / name).is_file()]
    for path in existing:
        if sha256 and _source_sha256(path) == sha256:
            return path
    if (folder / f"{stem}.json").is_file():
        return folder / f"{stem}.json"
    return existing[0] if existing else None


def _source_sha256(path: Path) -> str | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    source = data.get("source") if isinstance(data, dict) else None
    return source.get("sha256") if isinstance(source, dict) else None


def read_predictions(folder: Path, dataset: Path, documents: dict[str, tuple[Path, dict]]) -> Extraction:
    """The JSON outputs of an earlier ``nianbao extract`` (or ``evaluate``) run over ``dataset``; a missing
    or unreadable one counts as a failed report."""
    if not folder.is_dir():
        raise InputError(f"--predictions {folder} is not a folder of <stem>.json outputs")
    predictions: dict[str, Report | None] = {}
    errors: dict[str, str] = {}
    for stem, (document, _) in documents.items():
        path = prediction_path(folder, dataset, document, stem) or folder / f"{stem}.json"
        try:
            predictions[stem] = Report.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            predictions[stem], errors[stem] = None, f"no {document_stem(document.name)}.json in {folder}"
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, TypeError, ValueError, AttributeError) as exc:
            predictions[stem], errors[stem] = None, f"{path.name} is not a readable report JSON: {exc}"
    return Extraction(predictions, {}, errors)


def run_evaluation(
    dataset: Path,
    out_dir: Path,
    config: Config,
    predictions: Path | None = None,
    factory: ExtractorFactory | None = None,
    page_images: PageImages | None = None,
) -> Metrics:
    """Score extraction on ``dataset``: extract every document (or read ``predictions``/<stem>.json), then
    write out_dir/metrics.json, out_dir/report.md and crops of the misread cells under out_dir/crops/.

    ``factory`` builds the extractor (default: nianbao.pipeline.Extractor); ``page_images`` yields
    (page number, image) for a document (default: nianbao.pipeline.iter_page_images), for the crops."""
    documents = labeled_documents(dataset)
    if not documents:
        raise InputError(f"no labeled documents in {dataset}: expected <stem>.truth.json beside each document")
    out_dir.mkdir(parents=True, exist_ok=True)
    if predictions is None:
        extractor = (factory or _default_factory)(config)
        extraction = extract_with(extractor, documents, out_dir)
        if page_images is None and hasattr(extractor, "page_images"):

            def page_images(path, _config):
                return extractor.page_images(path)
    else:
        extraction = read_predictions(predictions, dataset, documents)
    truths = {stem: truth for stem, (_, truth) in documents.items()}
    metrics = score_reports(truths, extraction.predictions, extraction.timing)
    write_json_atomic(out_dir / "metrics.json", {**metrics.to_dict(), "errors": extraction.errors})
    paths = {stem: document for stem, (document, _) in documents.items()}
    write_report(metrics, paths, out_dir, config, extraction.errors, page_images)
    return metrics
