"""Lines of a fax page told by their ink's shape after the recogniser's readings were checked: zeros
like the page's zeros told by their shape, 4s that kept their stem and their bar's end, and 2s that kept
their bowl and their foot (table.fax_cells asks for these)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nianbao.model import (
    BAR_END_FOUR_SHAPE,
    BOWL_AND_FOOT_TWO_SHAPE,
    LIKE_ZEROS_SHAPE,
    OPEN_ZERO_SHAPE,
    ROUND_ZERO_SHAPE,
    THICKENED_ZERO_SHAPE,
)
from nianbao.ocr.fax import OPEN_ZERO_CONFIDENCE
from nianbao.ocr.fax_likeness import (
    LIKE_ZEROS_CONFIDENCE,
    like_page_zeros,
    line_glyph,
    may_be_page_zero,
    page_digit_height,
)
from nianbao.ocr.fax_remains import bowl_and_foot_of_two, fours_by_bar_end
from nianbao.ocr.restore import UNAGREED_CAP
from nianbao.table.fax_doubts import LineImage, Reading

SURE_TO_FIT = 0.9  # numbers read this surely fit the page's font and size (ocr.fax_drawing)
TWO_READINGS = frozenset("1?)!'\":リ")  # what the remains of a 2 are read as (ocr.fax_remains)


def zeros_like_the_page(
    lines: Sequence[LineImage],
    reads: list[Reading],
    shapes: list[str],
    wanted: list[int],
    models: list[int],
    seen: Sequence[Sequence[str]] = (),
    document_sample: Sequence[tuple[np.ndarray, str]] = (),
) -> tuple[list[Reading], list[str]]:
    """Lines read only as round shapes and strokes, as 1s, or as letters or characters with no digit (a 0
    that lost its top or bottom), whose ink is like the page's zeros told by their shape among ``models``
    (some of ``wanted``; which a badly damaged page's gate keeps too, assemble.damage), every text each
    was read as in ``seen``: a 0
    (LIKE_ZEROS_SHAPE, ocr.fax_likeness). A 0 that lost its top (read "U" surely) is no model: a 6 that
    lost its hook's tip is like it (fax 1809: like such a 0 by 0.80, read "0"). A page with no number to
    measure its digits' height on takes its document's earlier pages' sure numbers (``document_sample``,
    ocr.fax_drawer.FaxDrawer): a report prints its tables in one size."""
    candidates = [i for i in wanted if not shapes[i] and may_be_page_zero(reads[i][0])]
    if not candidates:
        return reads, shapes
    shaped = [i for i in models if shapes[i] in (ROUND_ZERO_SHAPE, OPEN_ZERO_SHAPE, THICKENED_ZERO_SHAPE)]
    glyphs = {i: line_glyph(lines[i].image) for i in wanted}
    zeros = [glyph for i in shaped if (glyph := glyphs[i]) is not None]
    # the height of the digits the recogniser read surely: a 6 told by its shape lost its hook's top, shorter
    # than a whole digit (fax 2406: 12 pixels beside 1s of 15 and broken zeros of 13)
    digit_height = page_digit_height([(glyphs[i], *reads[i]) for i in wanted if not shapes[i]], SURE_TO_FIT)
    if digit_height is None and document_sample:
        earlier = [(line_glyph(image), text, 1.0) for image, text in document_sample]
        digit_height = page_digit_height(earlier, SURE_TO_FIT)
    reads, shapes = list(reads), list(shapes)
    for i in candidates:
        if like_page_zeros(glyphs[i], reads[i][0], zeros, digit_height, seen[i] if seen else ()):
            reads[i], shapes[i] = ("0", LIKE_ZEROS_CONFIDENCE), LIKE_ZEROS_SHAPE
    return reads, shapes


def bar_end_fours(
    lines: Sequence[LineImage], reads: list[Reading], shapes: list[str], wanted: list[int], first: Sequence[Reading]
) -> tuple[list[Reading], list[str]]:
    """Lines read as a number with a 1 in it whose ink kept a 4's stem and its bar's end where the 1 is
    (ocr.fax_remains.fours_by_bar_end): a lone 1 however surely it was read, another number where the
    recogniser first read it at least SURE_TO_FIT (``first``), as the rest of its digits stand for it.
    Read so (BAR_END_FOUR_SHAPE) after every check of the recogniser's readings, which read a stem as a 1
    again; such a number the checks put in doubt stays in doubt until its drawing settles it
    (table.fax_doubts.bar_end_fours_doubted): fax 11606_000's 148, read "1.16" at 0.96 and doubted by
    its second reading, was made 146 on a page no font explains. Its speck is no minus sign's: a signed
    field read so is left null, as one read with no sign is (assemble)."""
    reads, shapes = list(reads), list(shapes)
    for i in wanted:
        text = reads[i][0].strip()
        if shapes[i] or (text != "1" and first[i][1] < SURE_TO_FIT):
            continue
        number = fours_by_bar_end(lines[i].image, text)
        if number != text:
            doubted = text != "1" and reads[i][1] <= UNAGREED_CAP
            reads[i] = (number, reads[i][1] if doubted else OPEN_ZERO_CONFIDENCE)
            shapes[i] = BAR_END_FOUR_SHAPE
    return reads, shapes


def bowl_and_foot_twos(
    lines: Sequence[LineImage], reads: list[Reading], shapes: list[str], wanted: list[int]
) -> tuple[list[Reading], list[str]]:
    """Lines read unsurely as strokes (TWO_READINGS), or as such strokes that are no number at all ("?",
    ")"), whose ink is a 2's bowl and foot (ocr.fax_remains.bowl_and_foot_of_two): a 2
    (BOWL_AND_FOOT_TWO_SHAPE). A signed field read so is left null, as one read with no sign is."""
    reads, shapes = list(reads), list(shapes)
    for i in wanted:
        text, confidence = reads[i][0].strip(), reads[i][1]
        strokes = bool(text) and set(text) <= TWO_READINGS
        if shapes[i] or not strokes or (text.isdigit() and confidence > UNAGREED_CAP):
            continue
        if bowl_and_foot_of_two(lines[i].image):
            reads[i], shapes[i] = ("2", OPEN_ZERO_CONFIDENCE), BOWL_AND_FOOT_TWO_SHAPE
    return reads, shapes
