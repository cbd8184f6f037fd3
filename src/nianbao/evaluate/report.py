"""The report a person reads: headline figures, the worst fields and reports, each misread cell with a
crop of the page around it."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from nianbao.config import Config
from nianbao.errors import NianbaoError
from nianbao.evaluate.scoring import Metrics, Miss
from nianbao.export.atomic import write_text_atomic

log = logging.getLogger(__name__)
CROP_MARGIN = 40  # pixels of page kept around a misread cell
MAX_CROPS = 200
MAX_MISS_LINES = 500
WORST_SHOWN = 20

PageImages = Callable[[Path, Config], Iterable[tuple[int, np.ndarray]]]


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.2f}%"


def headline(metrics: Metrics) -> list[tuple[str, str]]:
    """(measure, value) rows: the numbers to read first."""
    reports, scopes = metrics.identity_reports, metrics.identity_scopes
    rows = [
        ("reports (failed)", f"{metrics.reports} ({len(metrics.failed_reports)})"),
        ("field accuracy", f"{percent(metrics.overall.accuracy)} of {metrics.overall.total}"),
        ("non-zero field accuracy", f"{percent(metrics.non_zero.accuracy)} of {metrics.non_zero.total}"),
        *[(f"  table {t}", f"{percent(v.accuracy)} of {v.total}") for t, v in sorted(metrics.per_table.items())],
        ("silent errors (a wrong number printed)",
         f"{metrics.silent_errors} ({percent(metrics.silent_errors / max(metrics.overall.total, 1))})"),
        *[(f"  profile {name}: fields / non-zero / silent errors / s per page",
           f"{percent(p.fields.accuracy)} of {p.fields.total} / {percent(p.non_zero.accuracy)} / {p.silent_errors}"
           f" / {round(p.seconds / p.pages, 2) if p.pages else 'n/a'}")
          for name, p in sorted(metrics.per_profile.items())],
        ("null read as 0 / 0 read as null", f"{metrics.null_read_as_zero} / {metrics.zero_read_as_null}"),
        ("other null confusions / missing ids", f"{metrics.other_null_confusions} / {metrics.missing_fields}"),
        *[(f"  metadata {k}", f"{percent(v.accuracy)} of {v.total}") for k, v in sorted(metrics.metadata.items())],
        ("identity flags (reports): precision / recall / F1",
         f"{percent(reports.precision)} / {percent(reports.recall)} / {percent(reports.f1)}"),
        ("identity flags (rule, scope): precision / recall / F1",
         f"{percent(scopes.precision)} / {percent(scopes.recall)} / {percent(scopes.f1)}"),
    ]  # fmt: skip
    if metrics.timing.get("seconds_per_report") is not None:
        rows.append(("seconds per page / per report",
                     f"{metrics.timing.get('seconds_per_page')} / {metrics.timing['seconds_per_report']}"))  # fmt: skip
    return rows


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _null(value: Any) -> Any:
    return "null" if value is None else value


def _predicted(miss: Miss) -> str:
    if not miss.present:
        return "(missing)"
    return "null" if miss.predicted is None else str(miss.predicted)


def _worst_lines(metrics: Metrics) -> list[str]:
    lines = ["", "## Worst fields", "", "| field | right / total | accuracy |", "|---|---|---|"]
    worst = sorted((t.accuracy or 0.0, fid, t) for fid, t in metrics.per_field.items() if t.right < t.total)
    lines += [f"| {fid} | {t.right} / {t.total} | {percent(t.accuracy)} |" for _, fid, t in worst[:WORST_SHOWN]]
    if not worst:
        lines.append("| (none: every field right) | | |")
    lines += ["", "## Reports", "", "| report | right / total | accuracy | seconds |", "|---|---|---|---|"]
    seconds = metrics.timing.get("per_report_seconds") or {}
    for name, tally in sorted(metrics.per_report.items(), key=lambda item: (item[1].accuracy or 0.0, item[0])):
        failed = " (failed)" if name in metrics.failed_reports else ""
        lines.append(f"| {name}{failed} | {tally.right} / {tally.total} | {percent(tally.accuracy)} | "
                     f"{seconds.get(name, '')} |")  # fmt: skip
    return lines


def _miss_lines(metrics: Metrics, crops: dict[tuple[str, str], Path]) -> list[str]:
    lines = ["", "## Misread cells", ""]
    if not metrics.misses:
        return lines + ["None."]
    lines += ["| report | field | truth | read | printed | read text | confidence | page | crop |",
              "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for miss in metrics.misses[:MAX_MISS_LINES]:
        crop = crops.get((miss.report, miss.field_id))
        link = f"[![crop](crops/{crop.name})](crops/{crop.name})" if crop else ""
        lines.append(
            f"| {_cell(miss.report)} | {miss.field_id} | {_null(miss.truth)} | {_predicted(miss)} | {_cell(miss.printed)} | "
            f"{_cell(miss.text)} | {_cell(miss.confidence)} | {_cell(miss.page)} | {link} |"
        )
    if len(metrics.misses) > MAX_MISS_LINES:
        lines += ["", f'… and {len(metrics.misses) - MAX_MISS_LINES} more in metrics.json ("misses").']
    return lines


def render_report(metrics: Metrics, crops: dict[tuple[str, str], Path], errors: dict[str, str]) -> str:
    """The Markdown of report.md (pure: crops are already written)."""
    lines = ["# Extraction accuracy", "", "| measure | value |", "|---|---|"]
    lines += [f"| {name.strip()} | {value} |" for name, value in headline(metrics)]
    lines += _worst_lines(metrics)
    lines += _miss_lines(metrics, crops)
    if metrics.metadata_misses:
        lines += ["", "## Metadata read wrong", "", "| report | key | truth | read |", "|---|---|---|---|"]
        for wrong in metrics.metadata_misses:
            truth, read = _cell(_null(wrong.truth)), _cell(_null(wrong.predicted))
            lines.append(f"| {_cell(wrong.report)} | {wrong.key} | {truth} | {read} |")
    if metrics.failed_reports:
        lines += ["", "## Reports that failed (every field counted wrong)", ""]
        lines += [f"- {name}: {errors.get(name, 'no prediction')}" for name in metrics.failed_reports]
    return "\n".join(lines) + "\n"


def write_report(
    metrics: Metrics,
    documents: dict[str, Path],
    out_dir: Path,
    config: Config,
    errors: dict[str, str] | None = None,
    page_images: PageImages | None = None,
) -> Path:
    """Write out_dir/report.md and out_dir/crops/<stem>_<field>.png for misread cells with a page and bbox."""
    if page_images is None:
        from nianbao.pipeline import iter_page_images

        page_images = iter_page_images
    crops = write_crops(metrics.misses[:MAX_CROPS], documents, out_dir / "crops", config, page_images)
    path = out_dir / "report.md"
    write_text_atomic(path, render_report(metrics, crops, errors or {}))
    return path


def crop_cell(image: np.ndarray, bbox: list[float]) -> np.ndarray:
    """The page around ``bbox`` with the cell outlined in red."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = (round(float(v)) for v in bbox)
    top, left = max(0, y0 - CROP_MARGIN), max(0, x0 - CROP_MARGIN)
    crop = image[top : min(height, y1 + CROP_MARGIN), left : min(width, x1 + CROP_MARGIN)]
    if crop.size == 0:
        return crop
    crop = cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR) if crop.ndim == 2 else crop.copy()
    cv2.rectangle(crop, (x0 - left, y0 - top), (x1 - left, y1 - top), (0, 0, 255), 2)
    return crop


def write_crops(
    misses: list[Miss], documents: dict[str, Path], folder: Path, config: Config, page_images: PageImages
) -> dict[tuple[str, str], Path]:
    wanted: dict[str, dict[int, list[Miss]]] = defaultdict(lambda: defaultdict(list))
    for miss in misses:
        if miss.page and miss.bbox and len(miss.bbox) == 4 and miss.report in documents:
            wanted[miss.report][int(miss.page)].append(miss)
    written: dict[tuple[str, str], Path] = {}
    for report, pages in wanted.items():
        try:
            for number, image in page_images(documents[report], config):
                for miss in pages.get(number, []):
                    crop = crop_cell(image, miss.bbox or [])
                    if crop.size == 0:
                        continue
                    path = folder / f"{report}_{miss.field_id}.png"
                    folder.mkdir(parents=True, exist_ok=True)
                    cv2.imwrite(str(path), crop)
                    written[(report, miss.field_id)] = path
        except NianbaoError as exc:
            log.warning("no crops for %s: %s", report, exc)
    return written
