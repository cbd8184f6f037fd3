"""Ruled tables of a page: find them, rebuild their grids, read their cells."""

from __future__ import annotations

import logging

import cv2
import numpy as np

from nianbao.config import TableConfig
from nianbao.model import Cell, Table
from nianbao.ocr.base import OcrEngine
from nianbao.preprocess import CleanPage
from nianbao.table.cells import read_boxes
from nianbao.table.grid import build_grid
from nianbao.table.lines import rule_masks, table_regions

log = logging.getLogger(__name__)


def find_tables(page: CleanPage, number: int, dpi: float, engine: OcrEngine, config: TableConfig) -> list[Table]:
    """Every ruled table on the page with its cells read, top to bottom."""
    masks = rule_masks(page.ink, config)
    # Widened so the anti-aliased edges of a rule go with it and never read as a "1".
    rules = cv2.dilate(masks.horizontal | masks.vertical, np.ones((3, 3), np.uint8))
    tables = []
    for x0, y0, x1, y1 in table_regions(masks, config):
        grid = build_grid(masks.horizontal[y0:y1, x0:x1], masks.vertical[y0:y1, x0:x1], tolerance=dpi / 30)
        if grid is None or grid.n_rows < config.min_rows:
            continue
        boxes = [(c.bbox[0] + x0, c.bbox[1] + y0, c.bbox[2] + x0, c.bbox[3] + y0) for c in grid.cells]
        words = read_boxes(page.clean, page.ink, rules, boxes, engine, dpi)
        cells = tuple(
            Cell(g.row, g.col, g.rowspan, g.colspan, tuple(float(v) for v in box), w)
            for g, box, w in zip(grid.cells, boxes, words)
        )
        tables.append(Table(number, (float(x0), float(y0), float(x1), float(y1)), grid.n_rows, grid.n_cols, cells))
        log.debug("page %d: table %dx%d at %s", number, grid.n_rows, grid.n_cols, (x0, y0, x1, y1))
    return tables
