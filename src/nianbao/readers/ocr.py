"""The OCR reader: cells and regions of a page image read with the OCR engine."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from nianbao.model import Table, Word
from nianbao.ocr.base import OcrEngine
from nianbao.ocr.fax_drawer import FaxDrawer
from nianbao.ocr.text import read_region
from nianbao.preprocess import CleanPage
from nianbao.readers.base import Enough, Region
from nianbao.table.cells import read_boxes


class OcrPageReader:
    """Reads one preprocessed page image; ``rules`` is the page's ruling-line mask, so that what is left
    of a rule at a cell's edge is never read as a character."""

    def __init__(
        self, engine: OcrEngine, page: CleanPage, rules: np.ndarray, dpi: float, drawer: FaxDrawer | None = None
    ) -> None:
        self.engine = engine
        self.drawer = drawer  # draws a fax page's unsure numbers again (ocr.fax_drawing)
        self.page = page
        self.rules = rules
        self.dpi = dpi
        self.name = f"ocr:{engine.name}"

    def read_tables(self, tables: Sequence[Table]) -> list[Table]:
        cells = [cell for table in tables for cell in table.cells]
        boxes = [tuple(int(v) for v in cell.bbox) for cell in cells]
        merged_down = {index for index, cell in enumerate(cells) if cell.rowspan > 1}
        page = self.page
        words = iter(
            read_boxes(
                page.clean,
                page.ink,
                self.rules,
                boxes,  # type: ignore[arg-type]
                self.engine,
                self.dpi,
                page.fax,
                self.drawer,
                merged_down,
            )
        )
        return [
            dataclasses.replace(
                table, cells=tuple(dataclasses.replace(cell, words=next(words)) for cell in table.cells)
            )
            for table in tables
        ]

    def read_region(
        self, region: Region, washed: bool = False, enough: Enough | None = None, from_bottom: bool = False
    ) -> list[Word]:
        image = self.page.clean if washed else self.page.gray
        return read_region(self.engine, image, region, enough, from_bottom)
