"""Writing a report: pages to an image-only PDF, PNG/JPG pages or a multi-page TIFF, plus its truth file."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PIL import Image

from nianbao.errors import ConfigError

logger = logging.getLogger(__name__)
FORMATS = ("pdf", "png", "jpg", "tiff")  # scans
BORN_DIGITAL = ("digital", "html", "docx")  # digital: a PDF with a text layer and vector rules


def truth_path(out_dir: Path, stem: str) -> Path:
    return out_dir / f"{stem}.truth.json"


def save_pages(pages: list[Image.Image], out_dir: Path, stem: str, fmt: str, dpi: int,
               quality: int = 60) -> list[Path]:
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
        if any(page.mode == "1" for page in pages):
            tiff_options: dict[str, object] = {"compression": "group4"}
        else:
            tiff_options = {"compression": "jpeg", "quality": quality}
        pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], dpi=(dpi, dpi), **tiff_options)
        return [path]
    paths = []
    for number, page in enumerate(pages, start=1):
        path = out_dir / f"{stem}_p{number}.{fmt}"
        extra = {"quality": quality + 20} if fmt == "jpg" else {"optimize": True}
        page.save(path, dpi=(dpi, dpi), **extra)
        paths.append(path)
    return paths


def save_truth(truth: dict[str, object], out_dir: Path, stem: str) -> Path:
    path = truth_path(out_dir, stem)
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
