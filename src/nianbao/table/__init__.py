"""Ruled tables of a page: find them and rebuild their grids. Reading the cells is a reader's work."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np

from nianbao.config import TableConfig
from nianbao.model import Cell, Table
from nianbao.preprocess import CleanPage
from nianbao.table.grid import build_grid
from nianbao.table.lines import rule_masks, table_regions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TableLayout:
    """The ruled tables of one page, top to bottom, with empty cells, and the page's ruling-line mask."""

    tables: list[Table]
    rules: np.ndarray  # 255 where a rule is drawn, widened so the anti-aliased edges of a rule go with it


def find_tables(page: CleanPage, number: int, dpi: float, config: TableConfig) -> TableLayout:
    """Every ruled table on the page: its grid and merged cells, no text."""
    masks = rule_masks(page.ink, config)
    rules = cv2.dilate(masks.horizontal | masks.vertical, np.ones((3, 3), np.uint8))
    tables = []
    for x0, y0, x1, y1 in table_regions(masks, config):
        grid = build_grid(masks.horizontal[y0:y1, x0:x1], masks.vertical[y0:y1, x0:x1], tolerance=dpi / 30)
        if grid is None or grid.n_rows < config.min_rows:
            continue
        cells = tuple(Cell(g.row, g.col, g.rowspan, g.colspan, _shifted(g.bbox, x0, y0)) for g in grid.cells)
        tables.append(Table(number, (float(x0), float(y0), float(x1), float(y1)), grid.n_rows, grid.n_cols, cells))
        log.debug("page %d: table %dx%d at %s", number, grid.n_rows, grid.n_cols, (x0, y0, x1, y1))
    return TableLayout(tables, rules)


def _shifted(bbox: tuple[int, int, int, int], dx: int, dy: int) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = bbox
    return (float(x0 + dx), float(y0 + dy), float(x1 + dx), float(y1 + dy))
