"""The PDF text-layer reader: cells and regions filled with the characters the PDF itself carries, and
the checks that say whether a page's text layer can be trusted. Pure functions over ``Glyph``s."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence

import cv2
import numpy as np

from nianbao.ingest.pdf_layer import Glyph, Segment
from nianbao.model import Cell, Table, Word
from nianbao.readers.base import Enough, Region

MIN_GLYPHS = 20  # fewer printed characters: a page without a text layer
MAX_BAD_SHARE = 0.05  # more characters without usable Unicode than this: the layer is not text
MIN_ROW_COVERAGE = 0.6  # share of a table's rows that must hold layer text
INVISIBLE_SHARE = 0.5  # a layer mostly in render mode 3 sits over a scan: check it against OCR
MIN_AGREEMENT = 0.75  # share of sampled cells where OCR and the invisible layer must agree
SAMPLE_CELLS = 8
CID_GLYPH = re.compile(r"\(cid:\d+\)")
# Punctuation a line may hang past its cell's right side (Word lets Chinese punctuation overflow the margin
# by default): read with the line it ends, not in the cell its centre falls in (synth seed 6308: a label's
# comma read into the value cell beside it as ",2").
HANGING_MARKS = frozenset("，。、；：,.;:）)」』》")


def fold(text: str) -> str:
    """NFKC: Kangxi radicals (⼀ ⼆ ⾏, as Word and Chromium exports carry them) to 一 二 行, full-width
    digits and signs to ASCII; control characters dropped."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if unicodedata.category(ch) != "Cc")


def is_unusable(glyph: Glyph) -> bool:
    """A character with no Unicode the reader can use: unmapped, private-use or the replacement mark."""
    code = ord(glyph.text[0]) if glyph.text else 0
    return glyph.unmapped or 0xE000 <= code <= 0xF8FF or code >= 0xF0000 or code in (0, 0xFFFD, 0xFFFE)


def unicode_problem(glyphs: Sequence[Glyph]) -> str | None:
    """Why the layer holds no usable text, or None."""
    printed = [g for g in glyphs if not g.text.isspace()]
    if len(printed) < MIN_GLYPHS:
        return "no text layer"
    bad = sum(is_unusable(g) for g in printed)
    if CID_GLYPH.search("".join(g.text for g in printed)):
        bad = max(bad, len(printed))
    if bad > MAX_BAD_SHARE * len(printed):
        return f"its text layer has no usable Unicode ({bad} of {len(printed)} characters unmapped or private-use)"
    return None


def is_invisible(glyphs: Sequence[Glyph]) -> bool:
    printed = [g for g in glyphs if not g.text.isspace()]
    return bool(printed) and sum(g.invisible for g in printed) >= INVISIBLE_SHARE * len(printed)


def coverage_problem(tables: Sequence[Table]) -> str | None:
    """Why the layer does not cover the tables (filled by this reader), or None. Every row of a report
    table prints a label or a number somewhere; a row without any layer text is text the layer lacks
    (a table pasted as a picture, a layer made only of the headings). A single cell may be printed blank."""
    for number, table in enumerate(tables, start=1):
        rows_with_text = {r for cell in table.cells if cell.text.strip() for r in range(cell.row, cell.last_row + 1)}
        if len(rows_with_text) < MIN_ROW_COVERAGE * table.n_rows:
            return f"its text layer covers only {len(rows_with_text)} of {table.n_rows} rows of table {number}"
    return None


def sample_cells(tables: Sequence[Table]) -> list[tuple[int, int]]:
    """(table index, cell index) of up to SAMPLE_CELLS cells with layer text, spread over the tables."""
    filled = [(t, c) for t, table in enumerate(tables) for c, cell in enumerate(table.cells) if cell.text.strip()]
    if len(filled) <= SAMPLE_CELLS:
        return filled
    step = len(filled) / SAMPLE_CELLS
    return [filled[int(k * step)] for k in range(SAMPLE_CELLS)]


def _comparable(text: str) -> str:
    return re.sub(r"\s+", "", fold(text))


def agreement(layer_texts: Sequence[str], ocr_texts: Sequence[str]) -> float:
    """Share of sampled cells where the layer's text and OCR's reading are the same."""
    pairs = list(zip(layer_texts, ocr_texts, strict=True))
    if not pairs:
        return 1.0
    return sum(_comparable(a) == _comparable(b) for a, b in pairs) / len(pairs)


def rules_mask(segments: Sequence[Segment], width: int, height: int) -> np.ndarray:
    """The page's vector rules drawn into an ink mask (255 = rule), for the table stage."""
    mask = np.zeros((height, width), np.uint8)
    for s in segments:
        if abs(s.x1 - s.x0) > 1 and abs(s.y1 - s.y0) > 1:
            continue  # a slanted stroke is no ruling line
        thickness = max(1, round(s.width))
        cv2.line(mask, (round(s.x0), round(s.y0)), (round(s.x1), round(s.y1)), (255,), thickness)
    # Cells each drawn with their own border meet as two rules a point or so apart, which can fall a pixel
    # apart; the grid may take such a pair for no rule along a short row (synth seed 6215, drawn at one pixel
    # a point: a row of such cells lost two column rules and became one cell)
    return cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))


def group_lines(glyphs: Sequence[Glyph]) -> list[Word]:
    """Glyphs as printed lines, top to bottom, each left to right."""
    order = sorted(glyphs, key=lambda g: (g.bbox[1] + g.bbox[3]) / 2)
    lines: list[list[Glyph]] = []
    for glyph in order:
        middle = (glyph.bbox[1] + glyph.bbox[3]) / 2
        if lines:
            top = min(g.bbox[1] for g in lines[-1])
            bottom = max(g.bbox[3] for g in lines[-1])
            if top <= middle <= bottom:
                lines[-1].append(glyph)
                continue
        lines.append([glyph])
    words = []
    for line in lines:
        line.sort(key=lambda g: g.bbox[0])
        text = fold("".join(g.text for g in line)).strip()
        if text:
            bbox = (
                min(g.bbox[0] for g in line),
                min(g.bbox[1] for g in line),
                max(g.bbox[2] for g in line),
                max(g.bbox[3] for g in line),
            )
            words.append(Word(text, bbox, 1.0))
    return words


def hanging_marks_returned(glyphs: Sequence[Glyph], table: Table, members: list[list[int]]) -> list[list[int]]:
    """``members`` (each cell's glyphs, by index) with every mark of HANGING_MARKS that hangs into a cell
    from the one on its left given back to it: a mark starting less than a character's width inside the
    cell, less than a character's width after the last character of a line of the cell on its left."""
    result = [list(held) for held in members]
    for k, cell in enumerate(table.cells):
        for i in members[k]:
            mark = glyphs[i]
            if mark.text not in HANGING_MARKS:
                continue
            j = _cell_left_of(table.cells, cell, mark.bbox[1])
            if j is not None and _ends_line_before(mark, cell.bbox[0], [glyphs[h] for h in members[j]]):
                result[k].remove(i)
                result[j].append(i)
    return result


def _cell_left_of(cells: Sequence[Cell], cell: Cell, y: float) -> int | None:
    """The index of the cell whose right side is ``cell``'s left side at height ``y``, if any."""
    for j, other in enumerate(cells):
        if abs(other.bbox[2] - cell.bbox[0]) <= 1 and other.bbox[1] <= y < other.bbox[3]:
            return j
    return None


def _ends_line_before(mark: Glyph, side: float, line_glyphs: Sequence[Glyph]) -> bool:
    """Whether ``mark`` follows, by less than a character's width, a glyph on its line that ends before
    ``side``, and starts less than that width past ``side``."""
    for glyph in line_glyphs:
        width = glyph.bbox[2] - glyph.bbox[0]
        on_line = glyph.bbox[1] <= mark.bbox[3] and mark.bbox[1] <= glyph.bbox[3]
        if on_line and glyph.bbox[2] <= side and 0 <= mark.bbox[0] - glyph.bbox[2] <= width:
            return mark.bbox[0] - side <= width
    return False


class TextLayerReader:
    """Reads a page from its PDF text layer; every word has confidence 1.0 (the PDF's own characters).
    Its name says which layer: the printed text of a digital page, or a scan's invisible OCR layer."""

    name = "text-layer"

    def __init__(self, glyphs: Sequence[Glyph], invisible: bool = False) -> None:
        if invisible:
            self.name = "invisible-text-layer"  # a scan's own OCR layer, checked against the image
        self.glyphs = [g for g in glyphs if g.text and not g.text.isspace()]
        boxes = np.array([g.bbox for g in self.glyphs], dtype=np.float64).reshape(-1, 4)
        self._x = (boxes[:, 0] + boxes[:, 2]) / 2
        self._y = (boxes[:, 1] + boxes[:, 3]) / 2

    def words_in(self, box: Sequence[float]) -> list[Word]:
        """The lines of the glyphs whose centre lies in ``box``."""
        return group_lines([self.glyphs[i] for i in self._inside(box)])

    def _inside(self, box: Sequence[float]) -> list[int]:
        x0, y0, x1, y1 = box
        return list(np.flatnonzero((self._x >= x0) & (self._x < x1) & (self._y >= y0) & (self._y < y1)))

    def read_tables(self, tables: Sequence[Table]) -> list[Table]:
        """Each cell filled with the lines of the glyphs whose centre lies in it, but for a mark hanging out
        of the cell on its left (``hanging_marks_returned``)."""
        read = []
        for table in tables:
            members = hanging_marks_returned(self.glyphs, table, [self._inside(cell.bbox) for cell in table.cells])
            cells = tuple(
                dataclasses.replace(cell, words=tuple(group_lines([self.glyphs[i] for i in sorted(held)])))
                for cell, held in zip(table.cells, members, strict=True)
            )
            read.append(dataclasses.replace(table, cells=cells))
        return read

    def read_region(
        self, region: Region, washed: bool = False, enough: Enough | None = None, from_bottom: bool = False
    ) -> list[Word]:
        return self.words_in(region)  # every line costs next to nothing: all are returned
