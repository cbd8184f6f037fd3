"""The typed page model every stage reads and writes.

Coordinates are pixels of the page image the stage worked on (after orientation and deskew), origin
top-left, as ``(x0, y0, x1, y1)``. ``Page.dpi`` says how to turn them into physical units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BBox = tuple[float, float, float, float]
# The values of Word.shape. A fax's 0 broken open into facing arcs is a round zero where every reading
# saw round shapes, and an open zero where some saw strokes (its shape, not the recogniser, told it). A
# thickened zero is a fax's 0 broken open otherwise, read as 0 only once its ink was thickened and blurred.
DASH_SHAPE, SLASH_SHAPE, ROUND_ZERO_SHAPE, OPEN_ZERO_SHAPE = "dash", "slash", "round-zero", "open-zero"
THICKENED_ZERO_SHAPE = "thickened-zero"
# A fax's 0 read only as round shapes and strokes whose ink is like the page's zeros told by their shape
# (ocr.fax_likeness).
LIKE_ZEROS_SHAPE = "like-page-zeros"
# A fax's 6 whose loop lost its top, read only as strokes ("11", "(i"), told by its shape (ocr.fax_glyphs).
OPEN_SIX_SHAPE = "open-six"
# A fax's 4 that lost its diagonal and its bar but for the bar's end, read as a 1, told by its shape
# (ocr.fax_remains).
BAR_END_FOUR_SHAPE = "bar-end-four"
# A fax's 2 that kept its bowl's right side and its foot's remains, read as strokes ("1", "?", ")"), told
# by its shape (ocr.fax_remains).
BOWL_AND_FOOT_TWO_SHAPE = "bowl-and-foot-two"
# Zeros told by their shape that some reading saw as strokes, that only a thickened view read as 0, or
# that only their likeness to the page's zeros made one, and sixes, fours and twos told by their shape:
# kept, but cells the recogniser could not read surely (a fax page most of whose cells are so is badly
# damaged: assemble.damage).
DOUBTFUL_SHAPES = (
    OPEN_ZERO_SHAPE,
    THICKENED_ZERO_SHAPE,
    LIKE_ZEROS_SHAPE,
    OPEN_SIX_SHAPE,
    BAR_END_FOUR_SHAPE,
    BOWL_AND_FOOT_TWO_SHAPE,
)
# A number read with no sign, with a speck or mark where a minus sign would be: a fax may have shrunk its
# minus to that speck, and on a noisy scan the recogniser may drop a small minus it saw. A signed field
# read so is left null.
SIGN_SPECK_SHAPE = "sign-speck"
# A fax's number read with no sign and no speck where a minus would be: a fax may drop a minus sign
# altogether (on the unseen fax seeds, 7 of 15 negative numbers of signed fields lost theirs, 5 leaving
# no speck). A signed field read so, other than 0, is left null too.
NO_SIGN_SHAPE = "no-sign"
# A line whose print stands in two parts far apart (table.line_shapes.groups_apart): in a value cell, two numbers
# side by side where the rule between their columns was lost (14 | 77 read 1477). A number read so is null.
APART_SHAPE = "apart"


def _bbox(value: Any) -> BBox:
    x0, y0, x1, y1 = (float(v) for v in value)
    return (x0, y0, x1, y1)


@dataclass(frozen=True)
class Word:
    """A run of recognised text: one OCR line, or one line inside a cell."""

    text: str
    bbox: BBox
    confidence: float
    # each character's probability, aligned with ``text``, where the reader gives them (title and
    # closing lines); empty otherwise
    char_confidences: tuple[float, ...] = ()
    # what its ink's shape showed it to be: a dash, a slash, a fax's 0 or 6 broken open, a fax's 4 left as
    # its stem and its bar's end or 2 as its bowl and foot, or a fax's number read with no sign, a speck
    # where its minus would be or none (DASH_SHAPE, SLASH_SHAPE, ROUND_ZERO_SHAPE, OPEN_ZERO_SHAPE,
    # THICKENED_ZERO_SHAPE, LIKE_ZEROS_SHAPE, OPEN_SIX_SHAPE, BAR_END_FOUR_SHAPE, BOWL_AND_FOOT_TWO_SHAPE,
    # SIGN_SPECK_SHAPE, NO_SIGN_SHAPE),
    # or a line in parts far apart (APART_SHAPE); empty for a reading of the recogniser's own
    shape: str = ""
    # a fax's number that, drawn again in the page's font and faxed, explained its ink better than every
    # number it could also be (ocr.fax_drawing)
    drawn: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "bbox": list(self.bbox), "confidence": self.confidence}
        if self.char_confidences:
            data["char_confidences"] = list(self.char_confidences)
        if self.shape:
            data["shape"] = self.shape
        if self.drawn:
            data["drawn"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Word:
        chars = tuple(float(p) for p in data.get("char_confidences", ()))
        return cls(
            text=data["text"],
            bbox=_bbox(data["bbox"]),
            confidence=float(data["confidence"]),
            char_confidences=chars,
            shape=str(data.get("shape", "")),
            drawn=bool(data.get("drawn", False)),
        )


@dataclass(frozen=True)
class Cell:
    """One cell of a ruled table; a merged cell covers ``rowspan`` x ``colspan`` grid slots."""

    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: BBox
    words: tuple[Word, ...] = ()

    @property
    def text(self) -> str:
        return "".join(word.text for word in self.words)

    @property
    def confidence(self) -> float:
        """The weakest line's confidence; 1.0 for a blank cell (nothing to misread)."""
        return min((word.confidence for word in self.words), default=1.0)

    @property
    def shape(self) -> str:
        """What the shape of the cell's one line showed it to be (``Word.shape``); empty otherwise."""
        return self.words[0].shape if len(self.words) == 1 else ""

    @property
    def drawn(self) -> bool:
        """Whether the cell's one line was confirmed by drawing it again (``Word.drawn``)."""
        return len(self.words) == 1 and self.words[0].drawn

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "col": self.col,
            "rowspan": self.rowspan,
            "colspan": self.colspan,
            "bbox": list(self.bbox),
            "words": [word.to_dict() for word in self.words],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cell:
        return cls(
            row=int(data["row"]),
            col=int(data["col"]),
            rowspan=int(data["rowspan"]),
            colspan=int(data["colspan"]),
            bbox=_bbox(data["bbox"]),
            words=tuple(Word.from_dict(w) for w in data.get("words", ())),
        )


@dataclass(frozen=True)
class Table:
    """A ruled table on one page (``page`` is 1-based); a stitched table keeps each cell's own page."""

    page: int
    bbox: BBox
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    cell_pages: tuple[int, ...] = ()

    def page_of(self, index: int) -> int:
        """The page the ``index``-th cell was read on."""
        return self.cell_pages[index] if self.cell_pages else self.page

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "bbox": list(self.bbox),
            "n_rows": self.n_rows,
            "n_cols": self.n_cols,
            "cells": [cell.to_dict() for cell in self.cells],
            "cell_pages": list(self.cell_pages),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Table:
        return cls(
            page=int(data["page"]),
            bbox=_bbox(data["bbox"]),
            n_rows=int(data["n_rows"]),
            n_cols=int(data["n_cols"]),
            cells=tuple(Cell.from_dict(c) for c in data["cells"]),
            cell_pages=tuple(int(p) for p in data.get("cell_pages", ())),
        )


@dataclass(frozen=True)
class Page:
    """One page after preprocessing: its text lines outside tables, and its tables."""

    number: int
    width: int
    height: int
    dpi: float
    rotation: int = 0
    skew_degrees: float = 0.0
    words: tuple[Word, ...] = ()
    tables: tuple[Table, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    reader: str = ""  # how its text was read: "text-layer", "invisible-text-layer", "ocr:<engine>" or "markup"
    fax: bool = False  # a fax page (half vertical resolution): thin horizontal strokes may be lost

    def to_dict(self) -> dict[str, Any]:
        fax = {"fax": True} if self.fax else {}
        return {
            "number": self.number,
            "width": self.width,
            "height": self.height,
            "dpi": self.dpi,
            "rotation": self.rotation,
            "skew_degrees": self.skew_degrees,
            "words": [word.to_dict() for word in self.words],
            "tables": [table.to_dict() for table in self.tables],
            "warnings": list(self.warnings),
            "reader": self.reader,
            **fax,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Page:
        return cls(
            number=int(data["number"]),
            width=int(data["width"]),
            height=int(data["height"]),
            dpi=float(data["dpi"]),
            rotation=int(data.get("rotation", 0)),
            skew_degrees=float(data.get("skew_degrees", 0.0)),
            words=tuple(Word.from_dict(w) for w in data.get("words", ())),
            tables=tuple(Table.from_dict(t) for t in data.get("tables", ())),
            warnings=tuple(data.get("warnings", ())),
            reader=str(data.get("reader", "")),
            fax=bool(data.get("fax", False)),
        )
