"""A fax page that lost most of its readings: the readings left on it that broken digits may be read
as are not trusted either.

A fax keeps every other scan line, and on a badly damaged one the horizontal strokes are gone: a 4 is a
lone stroke like a 1, a 9 that lost its loop's top reads as a 4, a 0 is two arcs. Where most of a fax
page's cells could not be read surely, the readings that look sure are wrong far more often than the
calibrated rate (measured on unseen fax seeds: 5 of 62 sure readings on such pages, against 1 in about
1,500 on other fax pages). On 13 fax sets (9,696 fields) the wrong sure readings on such pages were a 4
read "1", a 9 read "4", a 573 read "578" and a 51 read "二" (2).

What is kept there is plain digits (a 51 read "二" is not) with no 4 or 8 (ocr.fax.BROKEN_LOOKALIKES:
the 573 read "578" is still read so) and not only 1s, a lone 1 read very surely, and a 0 with its decimal
places (0.00: a speck taken for its point leaves it 0; two read at 0.998 and 0.9999 on 11 fax sets,
seeds 8801-8806 and 9001-9005, were left null before). Since then every fax
reading with a digit a broken digit is read as must be read alike by its blurred view
(ocr.fax.CONFIRMED_DIGITS), and on 51 later fax sets (30,302 fields) the plain numbers so left null were
60 right and none wrong (11 of them with an 8); lone 1s 153, 2 of them a 4 that kept only its stem and
foot, read at 0.905 and 0.952 (the right ones at or above SURE_LONE_ONE: 120); 11s 4 right, 3 wrong (a
41, a 14 and a 2). On 12 fax sets made after this rule (7,124 fields) it read 35 more fields, none wrong."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from nianbao.assemble.values import ZERO_WITH_POINT
from nianbao.model import (
    DOUBTFUL_SHAPES,
    NO_SIGN_SHAPE,
    ROUND_ZERO_SHAPE,
    BBox,
    Cell,
    Page,
)
from nianbao.ocr.fax import BROKEN_LOOKALIKES
from nianbao.ocr.fax_drawing import DRAWN_CONFIDENCE
from nianbao.report import OK, UNREADABLE, UNSURE, CellReading, reading_box

# Share of a fax page's cells that were unsure or unreadable (of all its cells: a blank or a dash read
# surely counts as read) at which none of its readings is kept: 0.64-0.91 on the fax pages that printed
# wrong numbers, at most 0.56 on the others measured (unseen fax seeds 53, 61, 71, 81, 91, r25_fax).
MAX_DOUBTFUL_SHARE = 0.6
DOUBTFUL = (UNSURE, UNREADABLE)
TOLD_BY_SHAPE = (ROUND_ZERO_SHAPE, *DOUBTFUL_SHAPES)  # a 0, 6, 4 or 2 whose shape is the evidence
SURE_LONE_ONE = 0.97  # a lone 1 read at least this surely is kept on such a page; a bare 4 reads as one too


def distrust_damaged_fax_pages(
    pages: Sequence[Page], fields: dict[str, Any], cells: dict[str, CellReading], min_confidence: float
) -> tuple[dict[str, Any], dict[str, CellReading], list[str]]:
    """``fields`` and ``cells`` with every sure reading of a badly damaged fax page that broken digits may
    be read as (``_broken_digit_reading``) left null (unsure, with the reason), and one warning per such
    page. A 0 or a 6 broken open, or a 4 or a 2 told by what is left of it, is kept: its shape is the
    evidence; so is a number its drawing confirmed (model.Word.drawn). One that some reading saw as
    strokes, or that only its thickened views read as 0, or a number the recogniser was unsure of until
    its drawing confirmed it, counts as a cell the recogniser could not read surely; a signed number read
    surely but left null for the minus sign a fax may have lost does not."""
    fields, cells = dict(fields), dict(cells)
    warnings = []
    for page in (p for p in pages if p.fax):
        read = [fid for fid, cell in cells.items() if cell.page == page.number]
        shapes = _shapes(page)
        drawn_boxes = {box for box, cell in _cells_read_on(page) if cell.drawn}
        shaped = {
            fid: shapes[box]
            for fid in read
            if cells[fid].status == OK and (box := cells[fid].bbox) in shapes and shapes[box] in TOLD_BY_SHAPE
        }
        drawn = {fid for fid in read if cells[fid].status == OK and cells[fid].bbox in drawn_boxes}
        unread = sum(shape in DOUBTFUL_SHAPES for shape in shaped.values())
        unread += sum(cells[fid].confidence == DRAWN_CONFIDENCE for fid in drawn)
        unsigned = sum(_read_but_unsigned(cells[fid], shapes, min_confidence) for fid in read)
        doubtful = sum(cells[fid].status in DOUBTFUL for fid in read) + unread - unsigned
        if not read or doubtful < MAX_DOUBTFUL_SHARE * len(read):
            continue
        reason = (
            f"a fax page where {doubtful} of {len(read)} cells could not be read surely: "
            "no reading on it but plain digits with no 4 or 8 and not only 1s, or a lone 1 read very surely, "
            "is trusted, left null"
        )
        for fid in read:
            if cells[fid].status == OK and fid not in shaped and fid not in drawn and _broken_digit_reading(cells[fid]):
                fields[fid], cells[fid] = None, replace(cells[fid], status=UNSURE, reason=reason)
        warnings.append(f"page {page.number}: {reason}")
    return fields, cells, warnings


def _broken_digit_reading(cell: CellReading) -> bool:
    """Whether a cell's reading may be a fax's broken digits read surely: anything but zeros with a decimal
    point (assemble.values.ZERO_WITH_POINT) or plain digits with no 4 or 8 in them and not only 1s (a 4
    that lost its bar reads 1, a 9 that lost its loop's top 4, a 3 that lost strokes 8, a 51 二), or a
    lone 1 read at least SURE_LONE_ONE surely."""
    text = (cell.text or "").strip()
    if ZERO_WITH_POINT.match(text):  # no less sure than a plain 0 (8805_001, 8813_002: 0.00 read at 0.998)
        return False
    if not (text.isascii() and text.isdigit()) or BROKEN_LOOKALIKES & set(text):
        return True
    if text == "1":
        return cell.confidence is None or cell.confidence < SURE_LONE_ONE
    return set(text) == {"1"}


def _read_but_unsigned(cell: CellReading, shapes: dict[BBox, str], min_confidence: float) -> bool:
    """Whether a cell was read surely and left null only for the minus sign a fax may have lost."""
    sure = cell.confidence is not None and cell.confidence >= min_confidence
    return cell.status == UNSURE and sure and cell.bbox is not None and shapes.get(cell.bbox) == NO_SIGN_SHAPE


def _shapes(page: Page) -> dict[BBox, str]:
    """The shape (model.Word.shape) of each of the page's cells whose one line's ink told one, by its
    box as a cell reading gives it."""
    return {box: cell.shape for box, cell in _cells_read_on(page) if cell.shape}


def _cells_read_on(page: Page) -> Iterator[tuple[BBox, Cell]]:
    """The cells of the page's tables read on it, each with its box as a cell reading gives it."""
    for table in page.tables:
        for index, cell in enumerate(table.cells):
            if table.page_of(index) == page.number:
                yield reading_box(cell.bbox), cell
