"""The report a person reads: headline figures, the worst fields, each misread cell with a crop."""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path

import cv2

from nianbao.config import Config
from nianbao.errors import NianbaoError
from nianbao.evaluate.scoring import Metrics, Miss
from nianbao.export.atomic import write_text_atomic

log = logging.getLogger(__name__)
CROP_MARGIN = 40
MAX_CROPS = 200


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.2f}%"


def headline(metrics: Metrics) -> list[tuple[str, str]]:
    ids = metrics.identity_reports.to_dict()
    rows = [
        ("reports (failed)", f"{metrics.reports} ({len(metrics.failed_reports)})"),
        ("field accuracy", f"{_pct(metrics.overall.accuracy)} of {metrics.overall.total}"),
        ("non-zero field accuracy", f"{_pct(metrics.non_zero.accuracy)} of {metrics.non_zero.total}"),
        *[(f"  table {t}", _pct(v.accuracy)) for t, v in sorted(metrics.per_table.items())],
        ("null read as 0 / 0 read as null", f"{metrics.null_read_as_zero} / {metrics.zero_read_as_null}"),
        *[(f"  {k}", _pct(v.accuracy)) for k, v in sorted(metrics.metadata.items())],
        ("identity flags: precision / recall", f"{_pct(ids['precision'])} / {_pct(ids['recall'])}"),
    ]
    if metrics.timing:
        rows.append(("seconds per page / per report",
                     f"{metrics.timing['seconds_per_page']} / {metrics.timing['seconds_per_report']}"))
    return rows


def write_report(metrics: Metrics, documents: dict[str, Path], out_dir: Path, config: Config) -> Path:
    crops = _write_crops(metrics.misses[:MAX_CROPS], documents, out_dir / "crops", config)
    lines = ["# Extraction accuracy", "", "| measure | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in headline(metrics)]
    worst = sorted(metrics.per_field.items(), key=lambda item: (item[1].accuracy or 0, item[0]))
    worst = [item for item in worst if item[1].right < item[1].total][:20]
    lines += ["", "## Worst fields", "", "| field | right / total |", "|---|---|"]
    lines += [f"| {fid} | {t.right} / {t.total} |" for fid, t in worst] or ["| (none) | |"]
    lines += ["", "## Misread cells", "", "| report | field | truth | read | printed | confidence | crop |", "|---|---|---|---|---|---|---|"]
    for miss in metrics.misses:
        crop = crops.get((miss.report, miss.field_id))
        link = f"![crop](crops/{crop.name})" if crop else ""
        lines.append(f"| {miss.report} | {miss.field_id} | {miss.truth} | {miss.predicted} | "
                     f"{miss.text or ''} | {miss.confidence if miss.confidence is not None else ''} | {link} |")
    if metrics.failed_reports:
        lines += ["", "## Reports that failed", ""] + [f"- {name}" for name in metrics.failed_reports]
    path = out_dir / "report.md"
    write_text_atomic(path, "\n".join(lines) + "\n")
    return path


def _write_crops(misses: list[Miss], documents: dict[str, Path], folder: Path, config: Config) -> dict:
    from nianbao.pipeline import iter_page_images

    wanted: dict[str, dict[int, list[Miss]]] = defaultdict(lambda: defaultdict(list))
    for miss in misses:
        if miss.page and miss.bbox and miss.report in documents:
            wanted[miss.report][miss.page].append(miss)
    written = {}
    for report, pages in wanted.items():
        try:
            for number, image in iter_page_images(documents[report], config):
                for miss in pages.get(number, []):
                    x0, y0, x1, y1 = (int(v) for v in miss.bbox)
                    crop = image[max(0, y0 - CROP_MARGIN) : y1 + CROP_MARGIN, max(0, x0 - CROP_MARGIN) : x1 + CROP_MARGIN]
                    path = folder / f"{report}_{miss.field_id}.png"
                    folder.mkdir(parents=True, exist_ok=True)
                    cv2.imwrite(str(path), crop)
                    written[(report, miss.field_id)] = path
        except NianbaoError as exc:
            log.warning("no crops for %s: %s", report, exc)
    return written
