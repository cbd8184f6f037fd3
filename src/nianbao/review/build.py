"""Read a run folder, render what needs a look and write ``OUT/review/index.html``."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nianbao.config import Config, config_from_dict, load_config
from nianbao.errors import ConfigError, NianbaoError
from nianbao.export.atomic import write_text_atomic
from nianbao.export.corrections import CORRECTIONS_CSV, read_corrections
from nianbao.review.collect import ReviewItem, by_need, review_item
from nianbao.review.html import Overlay, RenderedPage, RenderedReport, render_html
from nianbao.review.images import (
    Box,
    PageSource,
    PipelinePages,
    ReviewPage,
    crop_around,
    draw_page,
    grid_boxes,
    shrink,
    write_image,
)  # fmt: skip
from nianbao.template import fields_by_id

log = logging.getLogger(__name__)
REVIEW_DIR = "review"
INDEX = "index.html"
IMAGES = "img"
DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class ReviewResult:
    path: Path  # the HTML file
    reports: int
    to_look_at: int  # reports with something to look at
    failed: int  # documents that could not be extracted
    corrections_applied: bool


@dataclass(frozen=True)
class _Document:
    item: ReviewItem
    input_path: Path
    config: Config


def write_review(out_dir: Path | str, page_source: PageSource | None = None, all_reports: bool = False,
                 limit: int | None = DEFAULT_LIMIT) -> ReviewResult:  # fmt: skip
    """Write the review of the run folder ``out_dir``; applies ``OUT/corrections.csv`` first where present.

    ``all_reports`` shows every report in detail, not only those with something to look at; ``limit``
    caps how many are shown in detail (pages are re-rendered from the sources, seconds per report), most
    in need first; None shows all. Every report is listed in the index.
    """
    from nianbao.bulk.runner import CONFIG, DATABASE, apply_corrections
    from nianbao.bulk.store import RunStore

    out_dir = Path(out_dir)
    if not (out_dir / DATABASE).is_file():
        raise ConfigError(
            f"{out_dir} is not a nianbao run folder (no {DATABASE}): give the -o folder of nianbao extract"
        )
    applied = (out_dir / CORRECTIONS_CSV).is_file()
    if applied:
        apply_corrections(out_dir)
    store = RunStore.open(out_dir / DATABASE)
    try:
        rows = store.documents_with_settings()
    finally:
        store.close()
    fallback = load_config(out_dir / CONFIG) if (out_dir / CONFIG).is_file() else load_config()
    corrections = read_corrections(out_dir / CORRECTIONS_CSV)
    documents, failed = _documents(out_dir, rows, corrections, fallback)
    target = out_dir / REVIEW_DIR
    images = target / IMAGES
    shutil.rmtree(images, ignore_errors=True)
    source = page_source or PipelinePages()
    rendered = []
    for index, document in enumerate(_ordered(documents)):
        anchor = f"r{index:04d}"
        detailed = (all_reports or document.item.to_look_at > 0) and (limit is None or index < limit)
        if detailed:
            rendered.append(_render(document, anchor, images, source))
        else:
            rendered.append(RenderedReport(document.item, anchor, detailed=False))
    labels = {field_id: spec.label_zh for field_id, spec in fields_by_id().items()}
    path = target / INDEX
    write_text_atomic(path, render_html(str(out_dir), rendered, failed, labels))
    needing = sum(1 for r in rendered if r.item.to_look_at)
    log.info("review of %d report(s), %d to look at: %s", len(rendered), needing, path)
    return ReviewResult(path, len(rendered), needing, len(failed), applied)


def _ordered(documents: Sequence[_Document]) -> list[_Document]:
    order = {id(item): rank for rank, item in enumerate(by_need(d.item for d in documents))}
    return sorted(documents, key=lambda d: order[id(d.item)])


def _documents(out_dir: Path, rows: Sequence[sqlite3.Row], corrections: Mapping[str, Mapping[str, Any]],
               fallback: Config) -> tuple[list[_Document], list[tuple[str, str]]]:  # fmt: skip
    documents: list[_Document] = []
    failed: list[tuple[str, str]] = []
    for row in rows:
        if row["status"] == "failed":
            failed.append((row["display_path"], f"{row['error_kind']}: {row['error']}"))
            continue
        if row["status"] != "done" or not row["output_path"]:
            continue
        report = _read_json(out_dir / row["output_path"])
        if report is None:
            failed.append((row["display_path"], f"its JSON {row['output_path']} is missing or unreadable"))
            continue
        item = review_item(row["output_path"], report, corrections.get(row["output_path"]))
        documents.append(_Document(item, Path(row["input_path"]), _config_of(row, fallback)))
    return documents, failed


def _read_json(path: Path) -> dict[str, Any] | None:
    """The report JSON as written (the review reads its keys as they are on disk), None where unusable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("review: cannot read %s: %s", path, exc)
        return None
    return data if isinstance(data, dict) else None


def _config_of(row: sqlite3.Row, fallback: Config) -> Config:
    """The settings the document was extracted with (pages must be rendered in the same pixel frame)."""
    settings = row["settings_config"]
    if not settings:
        return fallback
    try:
        return config_from_dict(json.loads(settings))
    except (ValueError, ConfigError) as exc:
        log.warning(
            "%s: its recorded settings cannot be used (%s); using the folder's config.yaml", row["display_path"], exc
        )
        return fallback


def _render(document: _Document, anchor: str, images: Path, source: PageSource) -> RenderedReport:
    item = document.item
    cells = item.report.get("cells") or {}
    pages_wanted = {int(cell["page"]) for cell in cells.values() if cell.get("page") and cell.get("bbox")}
    cell_crops: dict[str, str] = {}
    check_crops: dict[int, list[str]] = {}
    pages: list[RenderedPage] = []
    if not pages_wanted:
        return RenderedReport(item, anchor, problem="no cell of this report has a place on a page")
    try:
        for page in source(document.input_path, document.config):
            if page.number in pages_wanted:
                pages.append(_render_page(page, item, anchor, images, document.config, cell_crops, check_crops))
            if page.number >= max(pages_wanted):
                break
    except (NianbaoError, OSError) as exc:
        log.warning("review: cannot render the pages of %s: %s", item.source, exc)
        return RenderedReport(
            item, anchor, cell_crops, check_crops, tuple(pages), problem=str(exc) or type(exc).__name__
        )
    problem = None if pages else "the source has no page images (an HTML or Word document)"
    return RenderedReport(item, anchor, cell_crops, check_crops, tuple(pages), problem=problem)


def _render_page(page: ReviewPage, item: ReviewItem, anchor: str, images: Path, config: Config,
                 cell_crops: dict[str, str], check_crops: dict[int, list[str]]) -> RenderedPage:  # fmt: skip
    cells = item.report.get("cells") or {}
    boxes_on_page = {fid: _box(cell) for fid, cell in cells.items() if cell.get("page") == page.number}
    on_page: dict[str, Box] = {fid: box for fid, box in boxes_on_page.items() if box}
    for cell in item.cells:
        box = on_page.get(cell.field_id)
        if box is not None:
            _save_crop(page.gray, [box], images / f"{anchor}_{cell.field_id}.png", cell.field_id, cell_crops)
    look: list[Box] = [on_page[c.field_id] for c in item.cells if c.field_id in on_page]
    for index, check in enumerate(item.checks):
        boxes = [on_page[fid] for fid in check.field_ids if fid in on_page]
        look += boxes
        path = images / f"{anchor}_check{index}_p{page.number}.png"
        if boxes and write_image(path, crop_around(page.gray, boxes)):  # one crop per page it spans
            check_crops.setdefault(index, []).append(f"{IMAGES}/{path.name}")
    grid = grid_boxes(page, config.table)
    drawn = shrink(draw_page(page.gray, grid, on_page.values(), look))
    name = f"{anchor}_p{page.number}.jpg"
    write_image(images / name, drawn)
    return RenderedPage(page.number, f"{IMAGES}/{name}", _overlays(item, on_page, page.gray.shape[:2], look))


def _box(cell: Mapping[str, Any]) -> Box | None:
    bbox = cell.get("bbox")
    return tuple(float(v) for v in bbox) if bbox and len(bbox) == 4 else None  # type: ignore[return-value]


def _save_crop(gray: np.ndarray, boxes: list[Box], path: Path, key: Any, written: dict[Any, str]) -> None:
    if write_image(path, crop_around(gray, boxes)):
        written[key] = f"{IMAGES}/{path.name}"


def _overlays(
    item: ReviewItem, on_page: Mapping[str, Box], shape: tuple[int, ...], look: list[Box]
) -> tuple[Overlay, ...]:
    height, width = shape[0], shape[1]
    specs = fields_by_id()
    cells = item.report.get("cells") or {}
    overlays = []
    for field_id, (x0, y0, x1, y1) in on_page.items():
        spec = specs.get(field_id)
        box = (100 * x0 / width, 100 * y0 / height, 100 * (x1 - x0) / width, 100 * (y1 - y0) / height)
        text = str((cells.get(field_id) or {}).get("text") or "")
        overlays.append(Overlay(field_id, spec.label_zh if spec else "", text, box, (x0, y0, x1, y1) in look))
    return tuple(overlays)
