"""Whether a fax page's numbers read with no sign lost their minus: a speck where it would be, or digits
standing right of their cell's middle on a page whose values are centred. Pure: a page's ink in, shapes out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from nianbao.model import NO_SIGN_SHAPE, OPEN_SIX_SHAPE, SIGN_SPECK_SHAPE
from nianbao.ocr.fax import unsigned_number
from nianbao.ocr.fax_placement import centre_offset, digits_offset, no_minus_lost, placement_sample, values_centred
from nianbao.ocr.fax_specks import sign_speck

Box = tuple[int, int, int, int]
Reading = tuple[str, float]


class PlacedLine(Protocol):
    """A value line where table.fax_cells.LineCrop says it lies."""

    @property
    def owner(self) -> int: ...  # index of the cell it belongs to

    @property
    def bbox(self) -> Box: ...  # in page pixels


def sign_shapes(
    page: tuple[np.ndarray, np.ndarray],
    lines: Sequence[PlacedLine],
    cells: Sequence[Box],
    reads: list[Reading],
    shapes: list[str],
    wanted: list[int],
) -> list[str]:
    """``shapes`` with each number read with no sign marked as such (model.Word.shape): with a speck
    where its minus would be, or none, unless its digits stand in the middle of their cell on a page
    whose values are centred (ocr.fax_placement: a minus lost would have left them right of it)."""
    gray, rules = page
    centred = values_centred(
        [centre_offset(lines[i].bbox, cells[lines[i].owner]) for i in wanted if placement_sample(reads[i][0])]
    )
    marked = list(shapes)
    for i in wanted:
        line, cell, text = lines[i], cells[lines[i].owner], reads[i][0]
        if shapes[i] not in ("", OPEN_SIX_SHAPE) or not may_have_lost_minus(text):
            continue
        if sign_speck(gray, rules, line.bbox, cell):
            marked[i] = SIGN_SPECK_SHAPE
        elif not (centred and no_minus_lost(text, digits_offset(gray, rules, line.bbox, cell))):
            marked[i] = shapes[i] or NO_SIGN_SHAPE
    return marked


def may_have_lost_minus(text: str) -> bool:
    """Whether a reading is a number with no sign other than 0 (which has no sign to lose)."""
    return unsigned_number(text) and any(c in "123456789" for c in text)
