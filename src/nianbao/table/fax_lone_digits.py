"""A fax page's lone value lines read surely whose ink, or place in their cell, says they are what is left
of another digit (ocr.fax_glyphs, ocr.fax_placement): table.fax_cells caps them below any confidence cut."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from nianbao.ocr.fax_glyphs import middle_width, misread_lone_digit, wider_than_page_ones
from nianbao.ocr.fax_likeness import line_glyph, page_digit_height, short_of_page_digits
from nianbao.ocr.fax_placement import centre_offset, one_off_centre, placement_sample, values_centred
from nianbao.ocr.restore import UNAGREED_CAP
from nianbao.table.fax_doubts import Reading
from nianbao.table.fax_shapes import SURE_TO_FIT

Box = tuple[int, int, int, int]


class PlacedLine(Protocol):
    """A text line of a cell: where it stands, and its crop."""

    @property
    def owner(self) -> int: ...  # index of the cell it belongs to

    @property
    def bbox(self) -> Box: ...  # in page pixels

    @property
    def image(self) -> np.ndarray: ...  # its crop of the grey page


def placement(
    lines: Sequence[PlacedLine], cells: Sequence[Box], reads: list[Reading], wanted: list[int]
) -> tuple[dict[int, float], bool]:
    """How far right of its cell's middle each wanted line lies (ocr.fax_placement.centre_offset), and
    whether the page's values are printed centred."""
    offsets = {i: centre_offset(lines[i].bbox, cells[lines[i].owner]) for i in wanted}
    return offsets, values_centred([offsets[i] for i in wanted if placement_sample(reads[i][0])])


def lone_digits_checked(
    lines: Sequence[PlacedLine], reads: list[Reading], wanted: list[int], offsets: dict[int, float], centred: bool
) -> list[Reading]:
    """Sure readings of a lone 1, 4, 6 or 9 whose ink says it is what is left of another digit capped below
    any confidence cut (ocr.fax_glyphs): a 1 right of its cell's middle where the page's values are
    centred (``offsets``, ``centred``: ``placement``), a 1 widest at its top, leaning as a slash does, with
    a 4's diagonal left of its stem, far wider across its middle than the page's other 1s or far shorter than
    its digits (ocr.fax_likeness.short_of_page_digits), a 4 whose stem starts below its top or with a 9's
    tail end at its bottom left, a 6 or a 9 left as two level sides."""
    ones = {i: middle_width(lines[i].image) for i in wanted if reads[i][0].strip() == "1"}
    one_widths = [width for width in ones.values() if width is not None]
    sure_ones = any(reads[i][1] > UNAGREED_CAP for i in ones)
    digit_height = _digit_height(lines, reads, wanted) if sure_ones else None  # only a sure lone 1 needs it
    checked = list(reads)
    for i in wanted:
        text, conf = reads[i]
        if conf <= UNAGREED_CAP:
            continue
        if (
            (centred and one_off_centre(text, offsets[i]))
            or misread_lone_digit(lines[i].image, text)
            or (i in ones and wider_than_page_ones(ones[i], one_widths))
            or (i in ones and short_of_page_digits(lines[i].image, digit_height))
        ):
            checked[i] = (text, UNAGREED_CAP)
    return checked


def _digit_height(lines: Sequence[PlacedLine], reads: list[Reading], wanted: list[int]) -> float | None:
    """ocr.fax_likeness.page_digit_height of the wanted lines, measuring the glyphs only of those it samples (read
    at least SURE_TO_FIT)."""
    sample = [(line_glyph(lines[i].image) if reads[i][1] >= SURE_TO_FIT else None, *reads[i]) for i in wanted]
    return page_digit_height(sample, SURE_TO_FIT)
