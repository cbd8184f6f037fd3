"""Which reader a PDF page gets: its own text layer where that can be trusted, else OCR of its image.

A trusted page is never put through orientation, deskew or photo flattening: its grid comes from the
page's vector rules (or, without them, from the rendered image as printed where the page holds a
picture), its text from the layer.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from nianbao.config import TableConfig
from nianbao.ingest.pdf_layer import PdfPageLayer, Segment
from nianbao.model import Table
from nianbao.ocr.base import OcrEngine
from nianbao.preprocess import CleanPage
from nianbao.preprocess.geometry import ink_mask, to_gray, without_colour_marks
from nianbao.readers.ocr import OcrPageReader
from nianbao.readers.text_layer import (
    MIN_AGREEMENT,
    TextLayerReader,
    agreement,
    coverage_problem,
    is_invisible,
    rules_mask,
    sample_cells,
    unicode_problem,
)
from nianbao.table import TableLayout, find_tables

log = logging.getLogger(__name__)
# Two pixels a point: at one, a row's column rules (18-20 pt in a report's one-row table) fell short of
# the 25 pixels a stroke must run to be taken for a rule, and a last row printed alone on a page was no
# table (synth seed 6302, format digital)
RULES_DPI = 144.0


@dataclass(frozen=True)
class LayerReading:
    """A page read from its text layer (``reader`` set), or why it was not (``problem``, None where the
    page simply has no text layer). ``image`` is the rendered page where it was needed."""

    reader: TextLayerReader | None
    tables: list[Table]
    image: np.ndarray | None = None
    problem: str | None = None


def as_printed(image: np.ndarray, dpi: float) -> CleanPage:
    """A rendered page as it is: no orientation, deskew or flattening."""
    clean = without_colour_marks(image)
    return CleanPage(to_gray(image), clean, ink_mask(clean, dpi), 0, 0.0)


def read_text_layer(layer: PdfPageLayer, config: TableConfig, engine: Callable[[], OcrEngine]) -> LayerReading:
    """The page read from its text layer, if the layer passes every check; ``engine`` is called only
    for an invisible layer, which must agree with OCR of a sample of its cells."""
    glyphs = layer.glyphs()
    problem = unicode_problem(glyphs)
    if problem or layer.rotated:
        return LayerReading(None, [], problem=None if problem == "no text layer" else problem or "a rotated page")
    image: np.ndarray | None = None
    layout = vector_tables(layer, config)
    if not layout.tables and layer.has_images():  # a table can only be in a picture
        image = layer.render()
        layout = find_tables(as_printed(image, layer.dpi), layer.number, layer.dpi, config)
    invisible = is_invisible(glyphs)
    reader = TextLayerReader(glyphs, invisible)
    tables = reader.read_tables(layout.tables)
    problem = coverage_problem(tables)
    if problem is None and invisible:
        image = layer.render() if image is None else image
        problem = _disagreement(tables, layout, as_printed(image, layer.dpi), engine(), layer.dpi)
    if problem:
        log.info("page %d: text layer not used: %s", layer.number, problem)
        return LayerReading(None, [], image, problem)
    return LayerReading(reader, tables, image)


def vector_tables(layer: PdfPageLayer, config: TableConfig) -> TableLayout:
    """The tables of the page's own vector rules, found at RULES_DPI and given in the page's pixel frame
    (the rule mask stays at RULES_DPI)."""
    scale = layer.dpi / RULES_DPI
    width, height = round(layer.width / scale), round(layer.height / scale)
    segments = [
        Segment(s.x0 / scale, s.y0 / scale, s.x1 / scale, s.y1 / scale, s.width / scale) for s in layer.segments()
    ]
    mask = rules_mask(segments, width, height)
    drawn = dataclasses.replace(config, faint_rules=False)  # the mask is the rules themselves, not a scan of them
    found = find_tables(CleanPage(mask, mask, mask, 0, 0.0), layer.number, RULES_DPI, drawn)
    return TableLayout([_scaled(table, scale) for table in found.tables], found.rules)


def _scaled(table: Table, scale: float) -> Table:
    def box(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return (b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale)

    cells = tuple(dataclasses.replace(cell, bbox=box(cell.bbox)) for cell in table.cells)
    return dataclasses.replace(table, bbox=box(table.bbox), cells=cells)


def _disagreement(
    tables: list[Table], layout: TableLayout, page: CleanPage, engine: OcrEngine, dpi: float
) -> str | None:
    """Why an invisible layer is not the scan's text: OCR of sampled cells reads something else."""
    chosen = sample_cells(tables)
    if not chosen:
        return None
    cells = tuple(dataclasses.replace(tables[t].cells[c], words=()) for t, c in chosen)
    probe = dataclasses.replace(tables[0], cells=cells)
    height, width = page.gray.shape[:2]
    rules = cv2.resize(layout.rules, (width, height), interpolation=cv2.INTER_NEAREST)
    read = OcrPageReader(engine, page, rules, dpi).read_tables([probe])[0]
    layer_texts = [tables[t].cells[c].text for t, c in chosen]
    share = agreement(layer_texts, [cell.text for cell in read.cells])
    if share < MIN_AGREEMENT:
        return f"its invisible text layer disagrees with the image ({round(share * len(chosen))} of {len(chosen)} sampled cells agree)"
    return None
