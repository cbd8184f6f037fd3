"""Writing a report and its truth file: rendered and damaged as scanned (an image-only PDF, PNG/JPG pages or
a multi-page TIFF), or born digital (a PDF with a text layer, HTML, DOCX)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from nianbao.errors import ConfigError
from nianbao.synth.degrade import degrade, draw_damage
from nianbao.synth.markup import MarkupStyle, report_docx, report_html
from nianbao.synth.render import render_report
from nianbao.synth.spec import ReportSpec
from nianbao.synth.vector import save_vector_pdf

logger = logging.getLogger(__name__)
FORMATS = ("pdf", "png", "jpg", "tiff")  # scans
BORN_DIGITAL = ("digital", "html", "docx")  # digital: a PDF with a text layer and vector rules


def truth_path(out_dir: Path, stem: str) -> Path:
    return out_dir / f"{stem}.truth.json"


def save_pages(pages: list[Image.Image], out_dir: Path, stem: str, fmt: str, dpi: int, quality: int = 60) -> list[Path]:
    """Write ``pages``; returns the written files (one for pdf/tiff, one per page for png/jpg)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown output format {fmt!r}: use one of {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        path = out_dir / f"{stem}.pdf"
        # bilevel pages go in as CCITT G4, where a JPEG quality setting is refused
        extra = {} if any(page.mode == "1" for page in pages) else {"quality": quality}
        pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), **extra)
        return [path]
    if fmt == "tiff":
        path = out_dir / f"{stem}.tiff"
        tiff_options = _tiff_options([page.mode for page in pages], quality)
        pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], dpi=(dpi, dpi), **tiff_options)
        return [path]
    paths = []
    for number, page in enumerate(pages, start=1):
        path = out_dir / f"{stem}_p{number}.{fmt}"
        # Any: Pillow's **params are untyped, and a narrower value type would also match its ``format``
        page_options: dict[str, Any] = {"quality": quality + 20} if fmt == "jpg" else {"optimize": True}
        page.save(path, dpi=(dpi, dpi), **page_options)
        paths.append(path)
    return paths


def _tiff_options(modes: list[str], quality: int) -> dict[str, object]:
    """One compression for every page of a TIFF: CCITT G4 takes only bilevel pages and JPEG no bilevel
    one, so a document of both (a noisy profile's thresholded page among grey ones) is stored losslessly."""
    bilevel = sum(mode == "1" for mode in modes)
    if bilevel == len(modes):
        return {"compression": "group4"}
    if bilevel:
        return {"compression": "tiff_deflate"}
    return {"compression": "jpeg", "quality": quality}


def save_truth(truth: dict[str, object], out_dir: Path, stem: str) -> Path:
    path = truth_path(out_dir, stem)
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def scanned_pages(spec: ReportSpec, rng: np.random.Generator) -> list[Image.Image]:
    """The report as its scanner delivered it."""
    pages = render_report(spec)
    out = []
    for index, page in enumerate(pages):
        rotation = spec.scan.rotation if index == spec.scan.rotated_page else 0
        damage = draw_damage(rng, spec.scan.family, spec.scan.dpi, rotation)
        out.append(degrade(page, rng, damage, source_dpi=spec.layout.dpi))
    return out


def write_report(
    spec: ReportSpec, out_dir: Path, fmt: str, stem: str, quality: int = 60, markup: MarkupStyle | None = None
) -> Path:
    """Render, damage and write one report and its truth; returns the (first) document file. The
    born-digital formats (digital PDF, html, docx) are written as they are, never scanned."""
    if fmt in BORN_DIGITAL:
        path = write_born_digital(spec, out_dir, fmt, stem, markup or MarkupStyle())
        save_truth({**spec.truth(), "profile": fmt}, out_dir, stem)  # never scanned: the format is its profile
        return path
    rng = np.random.default_rng(spec.seed + 1)
    pages = scanned_pages(spec, rng)
    paths = save_pages(pages, out_dir, stem, fmt, spec.scan.dpi, quality)
    save_truth(spec.truth(), out_dir, stem)
    logger.info("wrote %s (%d pages)", paths[0], len(pages))
    return paths[0]


def write_born_digital(spec: ReportSpec, out_dir: Path, fmt: str, stem: str, markup: MarkupStyle) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt == "digital":
        return save_vector_pdf(render_report(spec, vector=True), out_dir / f"{stem}.pdf")
    if fmt == "html":
        path = out_dir / f"{stem}.html"
        path.write_bytes(report_html(spec, markup))
        return path
    return report_docx(spec, markup, out_dir / f"{stem}.docx")
