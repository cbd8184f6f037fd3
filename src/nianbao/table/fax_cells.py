"""The value lines of a fax page checked against their ink and read again where a fax's lost scan lines
mislead the recogniser (ocr.fax holds the rules, pure; this module asks the engine)."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from nianbao.model import (
    BAR_END_FOUR_SHAPE,
    DOUBTFUL_SHAPES,
    LIKE_ZEROS_SHAPE,
    OPEN_SIX_SHAPE,
    OPEN_ZERO_SHAPE,
    ROUND_ZERO_SHAPE,
    THICKENED_ZERO_SHAPE,
)
from nianbao.ocr.base import OcrEngine
from nianbao.ocr.fax import (
    OPEN_ZERO_CONFIDENCE,
    FaxReading,
    fax_reading,
    open_zero_arcs,
    side_marks,
)
from nianbao.ocr.fax_drawer import Face, FaxDrawer, SureLine, face_sample
from nianbao.ocr.fax_drawing import (
    DRAWN_CONFIDENCE,
    confirmed_by_margin,
    decoded_by_drawing,
    drawable,
    drawing_margin,
    drawn_best_as_four,
    outdrawn,
    outdrawn_by_a_digit_printed_smaller,
    outdrawn_printed_smaller,
    page_or_document_face,
)
from nianbao.ocr.fax_glyphs import (
    dotted_stroke,
    misread_lone_digit,
    open_six,
    zero_sides,
)
from nianbao.ocr.fax_placement import right_of_a_four_s_stem
from nianbao.ocr.fax_rivals import other_numbers
from nianbao.ocr.fax_specks import REMAINS_BAND, ink_pieces, sign_speck
from nianbao.ocr.restore import UNAGREED_CAP
from nianbao.table.fax_doubts import (
    SIX_READ_RIVALS,
    bar_end_fours_doubted,
    doubted_in_sample_face,
    drawn_zeros_doubted,
    in_doubt,
    lookalikes_doubted_in_any_face,
    side_broken,
    sure_numbers_doubted,
    undrawable_doubted,
    zeros_doubted,
    zeros_read_unsurely,
)
from nianbao.table.fax_lone_digits import Box, PlacedLine, lone_digits_checked, placement
from nianbao.table.fax_rereads import confirmed_by_rereading, read_surely_round, zeros_read_thickened
from nianbao.table.fax_shapes import SURE_TO_FIT, bar_end_fours, bowl_and_foot_twos, zeros_like_the_page
from nianbao.table.fax_signs import sign_shapes

Reading = tuple[str, float]
# Where this share of a page's value lines was read unsurely (or are zeros told by a doubtful shape), its
# sure numbers are drawn again too: such a page may lose every reading not confirmed otherwise
# (assemble.damage, at 0.6 of its cells).
DRAW_SURE_FROM = 0.4
# What a 0 broken open leaves, a pair of facing arcs, a 6 or a 9 broken open leaves too, and the shape
# rules left it unsure: drawing alone does not make a 6 or a 9 of it (fax 6216_000: a 0 that lost its top
# and bottom, read "11", was drawn 0.07 better as a 6). On 69 fax sets (40,948 fields) it was the one line
# of arcs drawing alone made a 6 or a 9; the eight it made a 0 were zeros.
ARC_DIGITS = frozenset({"6", "9"})
# Zeros told by their shape that drawing checks (``_drawn_again``): those read only as round shapes, those
# only a thickened view closed, and those told by their likeness to the page's zeros: on 192 fax reports
# (forty-first session) a 6 and a 9 so told, each read 0, were drawn 0.029 and 0.043 better as what they
# were; the 255 right zeros so told on pages with a face came to 0.024 at most (its face fitted apart).
DRAWN_ZERO_SHAPES = (ROUND_ZERO_SHAPE, THICKENED_ZERO_SHAPE, LIKE_ZEROS_SHAPE)
# A page with fewer sure numbers than this has them doubted in the face fitted on them and its document's
# earlier pages' together too: a report prints its tables in one font and size, and one number fits many
# faces, its own misreading's too (fax 8504_002: a page whose one sure number was a 47 read "17", its 4
# left as a stem, fitted a face in which 17 explained it best; in the face of the document's first page,
# fitted on five, 47 did by 0.03). Such a face only doubts: decoding in it printed a 407 as 307.
MIN_OWN_SAMPLE = 3


class LineCrop(PlacedLine, Protocol):
    """A text line of a cell as table.cells finds it: where it stands, its crop, and whether its shape told it."""

    @property
    def by_shape(self) -> bool: ...  # a dash or a slash known by its shape: not a reading to check


def fax_checked_readings(
    engine: OcrEngine,
    page: tuple[np.ndarray, np.ndarray],
    lines: Sequence[LineCrop],
    cells: Sequence[Box],
    reads: Sequence[Reading],
    seen: Sequence[list[str]],
    drawer: FaxDrawer | None = None,
    stacked: Sequence[bool] = (),
) -> tuple[list[Reading], list[str], list[bool]]:
    """Every line's reading on a fax page, the shape of each 0, 6, 4 or 2 told by its ink, or of a number
    read with no sign, with or without a speck where its minus would be (model.Word.shape, empty for the
    others), and whether each was confirmed by ``drawer`` drawing it again (model.Word.drawn). ``page`` is
    the page's grey image and rule mask, ``cells`` each box inside its rules, ``seen`` every text each
    line was read as. Only lone lines of a cell are checked (a line read as nothing, a rule's remains,
    does not count), and the ``stacked`` ones: each line of a value cell merged down over rows whose rule
    the fax lost, one row's value on each (table.layout.stacked_value_lines)."""
    texts = [read[0] for read in reads]  # a line read as nothing (a rule's remains) is no text
    lone = Counter(line.owner for line, text in zip(lines, texts, strict=True) if text)
    stacked = stacked or [False] * len(lines)
    wanted = [
        i for i, line in enumerate(lines) if texts[i] and (lone[line.owner] == 1 or stacked[i]) and not line.by_shape
    ]
    checked = [FaxReading(*reading) for reading in reads]
    for i in wanted:
        checked[i] = _ink_checked(page, lines[i], cells[lines[i].owner], reads[i], seen[i])
    lost_bars = {i for i in wanted if checked[i].lost_bar and _bar_end_left(page, lines[i], cells, checked[i].text)}
    undotted = [i for i in wanted if not dotted_stroke(seen[i])]  # a 6's hook tip is no 0's: not compared
    models = [i for i in undotted if not read_surely_round(checked[i])]
    checked = zeros_read_thickened(engine, lines, checked, seen, wanted)
    confirmed = confirmed_by_rereading(engine, lines, [(c.text, c.confidence) for c in checked], seen, wanted)
    offsets, centred = placement(lines, cells, confirmed, wanted)
    confirmed = lone_digits_checked(lines, confirmed, wanted, offsets, centred)
    earlier = drawer.document_sample if drawer is not None else []
    confirmed, shapes = zeros_like_the_page(
        lines, confirmed, [c.shape for c in checked], undotted, models, seen, earlier
    )
    stems = [i for i in wanted if not (centred and right_of_a_four_s_stem(confirmed[i][0], offsets[i]))]
    confirmed, shapes = bar_end_fours(lines, confirmed, shapes, stems, reads)
    confirmed, shapes = bowl_and_foot_twos(lines, confirmed, shapes, wanted)
    undrawn = confirmed
    confirmed, drawn, shapes = _drawn_again(drawer, lines, confirmed, shapes, wanted, seen, reads)
    confirmed, drawn = _lost_bars_unconfirmed(undrawn, confirmed, drawn, lost_bars)
    confirmed = undrawable_doubted(confirmed, shapes, wanted)
    return confirmed, sign_shapes(page, lines, cells, confirmed, shapes, wanted), drawn


def _lost_bars_unconfirmed(
    undrawn: list[Reading], drawn_reads: list[Reading], drawn: list[bool], lost_bars: set[int]
) -> tuple[list[Reading], list[bool]]:
    """Drawing confirms what a line's crop shows, so a number whose first 1 may be a 4 with its bar's end
    left outside the crop (ocr.fax.FaxReading.lost_bar, ``_bar_end_left``) stays unsure where drawing
    confirmed the digits read: fax 10701_002's 431, read "131" beside the speck its bar left, was
    confirmed so at 0.9, twice. Drawing that told other digits stands."""
    reads, confirmed = list(drawn_reads), list(drawn)
    for i in lost_bars:
        before = undrawn[i]
        if confirmed[i] and before[1] <= UNAGREED_CAP and _digits(reads[i][0]) == _digits(before[0]):
            reads[i], confirmed[i] = before, False
    return reads, confirmed


def _bar_end_left(page: tuple[np.ndarray, np.ndarray], line: LineCrop, cells: Sequence[Box], text: str) -> bool:
    """Whether a line read as a number beginning with 1 has a speck left of it where a 4's lost bar ends
    (ocr.fax_specks.REMAINS_BAND): 10701_002's two 431s, read "131" and "1.31", had one; the 12s and 13s
    whose extra pieces of ink were their 2's or 3's own, none."""
    return text.strip().startswith("1") and sign_speck(*page, line.bbox, cells[line.owner], REMAINS_BAND)


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def _drawn_again(
    drawer: FaxDrawer | None,
    lines: Sequence[LineCrop],
    reads: list[Reading],
    shapes: list[str],
    wanted: list[int],
    seen: Sequence[list[str]] | None = None,
    first_reads: Sequence[Reading] = (),
) -> tuple[list[Reading], list[bool], list[str]]:
    """Numbers read unsurely (at most UNAGREED_CAP) that drawing them again in the page's font confirms
    (ocr.fax_drawing) kept at DRAWN_CONFIDENCE; on a page where DRAW_SURE_FROM of the lines were read so
    or are zeros told by a doubtful shape, the sure numbers are drawn again too. A line still unsure that
    another of its readings (``seen``) gave as a number takes that number where its drawing alone of them
    is confirmed; one still unsure after that (or a sure number its drawing did not confirm, where the
    sure ones were drawn) takes the number its drawing alone tells (ocr.fax_drawing.decoded_by_drawing),
    or 4 where it is a lone 1 that kept a 4's diagonal and is drawn best as a 4 (``_stem_four``). A 1
    leaning as a slash does (ocr.fax_glyphs) takes no number from drawing: a slash is drawn well as a 7
    (fax seed 4608: three slashes beside specks of noise, read "1", were drawn as 7s at 0.9).
    A page with no sure number to fit the font on takes the document's other pages' (FaxDrawer.document_sample),
    and with none there either (its sure numbers are then doubted again once its document's later pages
    fit a face: FaxDrawer.await_document_face) the numbers the recogniser first read surely
    (``first_reads``) that the checks then put in doubt: a digit misread changes little of a number's
    font and size, and a face no font explains well is none. One whose few sure numbers no font explains
    well takes the face fitted on them and its document's earlier pages' together, to doubt and confirm
    by but to tell no number by (ocr.fax_drawing.page_or_document_face); with no such face it only has
    them doubted, each drawn in the font and size that fits it best (``lookalikes_doubted_in_any_face``)
    and in the face its document's earlier pages fit (table.fax_doubts.doubted_in_sample_face).
    The numbers read surely are checked by their drawing (``sure_numbers_doubted``). A 0 told by its shape
    needs no drawing, but for one all of whose readings were round shapes, one its thickened view closed
    or one told by its likeness to the page's zeros (DRAWN_ZERO_SHAPES), that another digit's drawing
    explains better (with a side broken, that a 6 or a 9 explains better at all), or one told by its open
    shape that a reading saw as a 6 and a 6 explains better (every such one on a page with no face), or
    with a side broken that a 6 or a 9 explains better (BROKEN_OPEN_ZERO_RIVALS: ``drawn_zeros_doubted``);
    so is a lone 0 no shape rule told, read less surely than the second look, that a 6 or a 9 explains
    better (READ_ZERO_RIVALS).
    Which were confirmed, and the shapes left."""
    drawn = [False] * len(reads)
    if drawer is None:
        return reads, drawn, shapes
    numbers = [i for i in wanted if not shapes[i] and drawable(reads[i][0].strip())]
    unsure = [i for i in numbers if reads[i][1] <= UNAGREED_CAP]
    undecided = [i for i in wanted if not shapes[i] and reads[i][1] <= UNAGREED_CAP]
    doubted = [i for i in numbers if reads[i][1] > UNAGREED_CAP and in_doubt(*reads[i])]
    slashes = {i for i in wanted if reads[i][0].strip() == "1" and misread_lone_digit(lines[i].image, "1") == "/"}
    others = {
        i: texts for i in undecided if seen and i not in slashes and (texts := other_numbers(reads[i][0], seen[i]))
    }
    to_fit = _sure_sample(lines, reads, numbers)
    other_pages = list(drawer.document_sample)
    drawer.keep_for_document(to_fit)
    closed_zeros = [i for i in wanted if shapes[i] in DRAWN_ZERO_SHAPES]
    read_zeros = zeros_read_unsurely(reads, shapes, wanted)
    open_read_six = [i for i in wanted if shapes[i] == OPEN_ZERO_SHAPE and seen and any("6" in t for t in seen[i])]
    open_broken = side_broken(lines, [i for i in wanted if shapes[i] == OPEN_ZERO_SHAPE])
    bar_ends = [i for i in wanted if shapes[i] == BAR_END_FOUR_SHAPE and len(reads[i][0].strip()) > 1]
    if not (undecided or doubted or others or closed_zeros or read_zeros or open_read_six or open_broken or bar_ends):
        return reads, drawn, shapes
    doubtful = len(undecided) + sum(shapes[i] in DOUBTFUL_SHAPES for i in wanted)  # a 0 doubted below stays so
    first_sample = _sure_sample(lines, first_reads, wanted) if first_reads else []
    if not to_fit and not other_pages:  # doubted once its document's later pages fit a face (pipeline)
        drawer.await_document_face(
            SureLine(lines[i].bbox, lines[i].image, reads[i][0].strip(), reads[i][1]) for i in doubted
        )
    face, borrowed = page_or_document_face(drawer, to_fit, other_pages, first_sample, MIN_OWN_SAMPLE)
    if face is None:
        reads, shapes = zeros_doubted(drawer, None, lines, (reads, shapes), open_read_six, SIX_READ_RIVALS)
        reads = lookalikes_doubted_in_any_face(drawer, lines, reads, doubted)
        return doubted_in_sample_face(drawer, lines, reads, doubted, other_pages if to_fit else []), drawn, shapes
    reads, shapes = drawn_zeros_doubted(
        drawer, face, lines, (reads, shapes), closed_zeros, (open_read_six, open_broken), read_zeros
    )

    @functools.cache
    def margin(i: int, text: str) -> float | None:  # a doubted number may be drawn again to be confirmed too
        return drawing_margin(drawer, lines[i].image, text, face)

    @functools.cache
    def smaller_rival(i: int, text: str) -> bool:  # a number read unsurely, one a digit away drawing it better
        unsure = reads[i][1] <= UNAGREED_CAP and bool(text.strip("0"))  # a 0 is told by its shape's rivals
        return unsure and outdrawn_by_a_digit_printed_smaller(drawer, lines[i].image, text, face)

    @functools.cache
    def read_better(i: int, text: str) -> bool:  # another number the line was read as draws it better
        numbers = other_numbers(text, [reads[i][0], *(seen[i] if seen else [])])
        return (bool(numbers) and outdrawn(drawer, lines[i].image, text, numbers, face)) or smaller_rival(i, text)

    checked = sure_numbers_doubted(drawer, face, lines, reads, doubted, lambda i: margin(i, reads[i][0].strip()))
    checked, shapes = bar_end_fours_doubted(lambda i: margin(i, reads[i][0].strip()), checked, shapes, bar_ends)
    vetoed: set[int] = set()
    if not borrowed:  # a borrowed face is fitted on the same numbers as the document's: doubted in it above
        checked, vetoed = _doubted_in_document_face(drawer, lines, checked, doubted, (to_fit, other_pages))
    sure = [i for i in numbers if checked[i][1] > UNAGREED_CAP]
    to_draw = unsure + (sure if doubtful >= DRAW_SURE_FROM * len(wanted) else [])
    checked, drawn = _confirmed_by_drawing(checked, to_draw, others, (margin, read_better))
    tried = set(to_draw)
    to_decode = [
        i
        for i in wanted
        if not borrowed
        and not shapes[i]
        and not drawn[i]
        and i not in slashes | vetoed
        and (checked[i][1] <= UNAGREED_CAP or i in tried)
    ]
    for i in to_decode:
        readings = [checked[i][0], reads[i][0], *(seen[i] if seen else [])]
        number = _decoded_number(drawer, lines[i].image, readings, face, functools.partial(margin, i))
        if number is not None and not _outdraws_sure_reading(drawer, lines[i].image, reads[i], number, face):
            number = None
        if number is not None and smaller_rival(i, number):
            number = None
        if number is not None:
            drawn[i], checked[i] = True, (number, DRAWN_CONFIDENCE)
    return checked, drawn, shapes


def _confirmed_by_drawing(
    reads: list[Reading],
    to_draw: list[int],
    others: dict[int, list[str]],
    drawing: tuple[Callable[[int, str], float | None], Callable[[int, str], bool]],
) -> tuple[list[Reading], list[bool]]:
    """``reads`` with each line of ``to_draw`` whose drawing confirms its reading kept at DRAWN_CONFIDENCE
    at least, and each line of ``others`` not so confirmed taking the one of its other numbers its drawing
    alone confirms; and which were confirmed. A number is confirmed by its ``drawing``: its drawing_margin
    over its rivals, and no other number the line was read as drawing it better. Its rivals are the
    numbers a digit's change or a lookalike away: fax 11207_002's 22, its 2s' diagonals left as arcs and
    their feet as specks, read "22" and "11", was drawn 0.05 better as 22 than as 11, which its own
    rivals explained 0.043 worse; it was confirmed 11, a silent error. A number read unsurely is not
    confirmed where one a digit away draws it better printed a little smaller (ocr.fax_drawing.
    DIGIT_RIVAL_BY): its page's size may fit the wrong number's ink best."""
    margin, read_better = drawing
    checked, drawn = list(reads), [False] * len(reads)

    def confirmed(i: int, text: str) -> bool:
        return confirmed_by_margin(text, functools.partial(margin, i, text)) and not read_better(i, text)

    for i in to_draw:
        text, confidence = checked[i]
        if confirmed(i, text.strip()):
            drawn[i] = True
            checked[i] = (text, max(confidence, DRAWN_CONFIDENCE))
    for i, texts in others.items():  # read unsurely, so raised above the cap only where confirmed above
        if drawn[i]:
            continue
        confirmed_texts = [text for text in texts if confirmed(i, text)]
        if len(confirmed_texts) == 1:
            drawn[i], checked[i] = True, (confirmed_texts[0], DRAWN_CONFIDENCE)
    return checked, drawn


def _decoded_number(
    drawer: FaxDrawer, image: np.ndarray, readings: list[str], face: Face, margin_of: Callable[[str], float | None]
) -> str | None:
    """The number a line's drawing alone tells (ocr.fax_drawing.decoded_by_drawing; ``readings``, its
    own first), but no 6 or 9 where its ink is a pair of facing arcs (ARC_DIGITS); else 4 where it is a
    lone 1 that kept a 4's diagonal (``_stem_four``); None where none is."""
    number = decoded_by_drawing(drawer, image, readings, face, margin_of)
    if number in ARC_DIGITS and open_zero_arcs(side_marks(image)) is not None:
        number = None
    if number is None and _stem_four(drawer, image, readings[0], face):
        number = "4"
    return number


def _outdraws_sure_reading(drawer: FaxDrawer, image: np.ndarray, reading: Reading, number: str, face: Face) -> bool:
    """Whether a number told by drawing alone may stand for a line's reading: one the recogniser was unsure
    of always, a sure one only where the number explains the ink better at any size from a few ems below
    the page's face (ocr.fax_drawing.outdrawn_printed_smaller): a line printed smaller than its page's
    numbers is explained at their size by the wrong number."""
    text = reading[0].strip()
    return reading[1] <= UNAGREED_CAP or number == text or outdrawn_printed_smaller(drawer, image, text, number, face)


def _stem_four(drawer: FaxDrawer, image: np.ndarray, text: str, face: Face) -> bool:
    """Whether a lone 1 is a 4 that lost its bar: its ink keeps a 4's diagonal left of its stem (ocr.fax_glyphs)
    and is drawn best as a 4 (ocr.fax_drawing.drawn_best_as_four). Each alone is no 4: a 1 with a speck
    left of it, a 1 whose drawing fits a 4 as well."""
    return text.strip() == "1" and misread_lone_digit(image, "1") == "4" and drawn_best_as_four(drawer, image, face)


def _sure_sample(
    lines: Sequence[LineCrop], reads: Sequence[Reading], indices: list[int]
) -> list[tuple[np.ndarray, str]]:
    """The lines of ``indices`` read at least SURE_TO_FIT (line crop, text) a face is fitted on
    (ocr.fax_drawer.face_sample)."""
    return face_sample([(lines[i].image, reads[i][0].strip()) for i in indices if reads[i][1] >= SURE_TO_FIT])


def _doubted_in_document_face(
    drawer: FaxDrawer,
    lines: Sequence[LineCrop],
    reads: list[Reading],
    doubted: list[int],
    samples: tuple[list[tuple[np.ndarray, str]], list[tuple[np.ndarray, str]]],
) -> tuple[list[Reading], set[int]]:
    """``reads`` of a page with fewer than MIN_OWN_SAMPLE sure numbers (the first of ``samples``) with those
    in doubt (``sure_numbers_doubted``) also doubted in the face fitted on them and the document's earlier
    pages' sure numbers together (the second), and the lines so capped: drawing does not raise them again
    in the page's own face, which may be fitted on their misreading. A page with no sure number of its own
    was fitted on its document's already, and is left as it is."""
    own, earlier = samples
    if not own or len(own) >= MIN_OWN_SAMPLE or not earlier or not doubted:
        return reads, set()
    checked = doubted_in_sample_face(drawer, lines, reads, doubted, own + earlier)
    return checked, {i for i in doubted if checked[i][1] <= UNAGREED_CAP < reads[i][1]}


def _ink_checked(
    page: tuple[np.ndarray, np.ndarray], line: LineCrop, cell: Box, reading: Reading, seen: list[str]
) -> FaxReading:
    gray, rules = page
    checked = fax_reading(line.image, reading, ink_pieces(gray, rules, line.bbox, cell), seen)
    if not checked.shape and zero_sides(line.image, reading[0]) and not dotted_stroke(seen):
        return FaxReading("0", OPEN_ZERO_CONFIDENCE, OPEN_ZERO_SHAPE)
    if not checked.shape and checked.text.strip() != "0" and open_six(line.image, [reading[0], *seen]):
        return FaxReading("6", OPEN_ZERO_CONFIDENCE, OPEN_SIX_SHAPE)
    return checked
