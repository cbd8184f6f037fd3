"""A one-page scan with a ruled table drawn at known places, and a fake extractor that reports its cells
there, so the review can be built and opened without OCR."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

from nianbao.config import Config
from nianbao.errors import InputError
from nianbao.template import request_columns

WIDTH, HEIGHT, DPI = 1654, 2339, 200  # A4 at 200 dpi: read at its own scale
LEFT, TOP, LABEL_WIDTH, COLUMN_WIDTH, ROW_HEIGHT = 150, 400, 420, 130, 90
ROWS = ("new_received", "carried_over")
UNSURE_FIELD = "requests.carried_over.legal_service_org"  # read "8?" below the cut: null
DASH_FIELD = "requests.carried_over.other_org"  # printed "-": null, nothing to look at
MISSING_FIELD = "requests.carried_over.total"  # no cell: unreadable


def cell_box(row: int, column: int) -> tuple[float, float, float, float]:
    x0 = LEFT + LABEL_WIDTH + column * COLUMN_WIDTH
    y0 = TOP + row * ROW_HEIGHT
    return (float(x0), float(y0), float(x0 + COLUMN_WIDTH), float(y0 + ROW_HEIGHT))


def cell_text(row: int, column: int) -> str:
    field_id = f"requests.{ROWS[row]}.{request_columns()[column]}"
    if field_id == UNSURE_FIELD:
        return "8?"
    if field_id == DASH_FIELD:
        return "-"
    return str(10 * row + column + 1)


def draw_page(path: Path) -> None:
    image = np.full((HEIGHT, WIDTH), 255, np.uint8)
    right = LEFT + LABEL_WIDTH + len(request_columns()) * COLUMN_WIDTH
    bottom = TOP + len(ROWS) * ROW_HEIGHT
    for row in range(len(ROWS) + 1):
        cv2.line(image, (LEFT, TOP + row * ROW_HEIGHT), (right, TOP + row * ROW_HEIGHT), 0, 3)
    cv2.line(image, (LEFT, TOP), (LEFT, bottom), 0, 3)
    for column in range(len(request_columns()) + 1):
        x = LEFT + LABEL_WIDTH + column * COLUMN_WIDTH
        cv2.line(image, (x, TOP), (x, bottom), 0, 3)
    for row in range(len(ROWS)):
        for column in range(len(request_columns())):
            x0, y0, _, _ = cell_box(row, column)
            cv2.putText(
                image, cell_text(row, column), (int(x0) + 30, int(y0) + 60), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3
            )
    Image.fromarray(image).save(path, dpi=(DPI, DPI))


def fake_report(path: Path, display_path: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    cells: dict[str, Any] = {}
    for row, row_key in enumerate(ROWS):
        for column, column_key in enumerate(request_columns()):
            field_id = f"requests.{row_key}.{column_key}"
            text = cell_text(row, column)
            fields[field_id] = int(text) if text.isdigit() else None
            if field_id != MISSING_FIELD:
                cells[field_id] = {"page": 1, "bbox": list(cell_box(row, column)), "text": text,
                                   "confidence": 0.31 if field_id == UNSURE_FIELD else 0.99}  # fmt: skip
    return {
        "source": {
            "path": display_path,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "pages": 1,
            "kind": "image",
        },
        "agency": "测试市人民政府",
        "year": 2023,
        "published": None,
        "template": {"requests": "2021"},
        "fields": fields,
        "cells": cells,
        "checks": [
            {"rule": "I3", "scope": "new_received", "ok": False, "detail": "1+2+3+4+5+6 ≠ 7"},
            {"rule": "I3", "scope": "carried_over", "ok": True, "detail": ""},
        ],
        "unmapped": [],
        "warnings": [],
    }


class FakeExtractor:
    def __init__(self, config: Config) -> None:
        self.config = config

    def extract(self, path: Path, display_path: str | None = None) -> dict[str, Any]:
        if Path(path).read_bytes().startswith(b"BAD"):
            raise InputError(f"{Path(path).name} is corrupt")
        return fake_report(Path(path), display_path or str(path))


def make(config: Config) -> FakeExtractor:
    return FakeExtractor(config)
