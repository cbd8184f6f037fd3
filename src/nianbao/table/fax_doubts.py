"""The sure readings of a fax page's value lines that their drawing, or what they were read as, puts in
doubt: capped below any confidence cut, so that they are left null (table.fax_cells asks for these)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

import numpy as np

from nianbao.model import LIKE_ZEROS_SHAPE, Page, Word
from nianbao.ocr.fax import OPEN_ZERO_CONFIDENCE
from nianbao.ocr.fax_drawer import Face, FaxDrawer, SureLine
from nianbao.ocr.fax_drawing import (
    confirmed_by_margin,
    drawable,
    drawing_margin,
    freely_outdrawn,
    outdrawn,
    page_face,
)
from nianbao.ocr.fax_likeness import line_glyph
from nianbao.ocr.fax_rivals import CLOSED_READINGS, FOOTLESS_READINGS, LESS_SURE_READINGS, lookalikes_restored
from nianbao.ocr.restore import FAX_SECOND_LOOK_BELOW, UNAGREED_CAP

Reading = tuple[str, float]

# A number of two digits or more is capped where a rival explains its ink better by DOUBT_MARGIN. On 17
# fax sets, of 453 such numbers read right below 0.97 a rival explained at most 0.012 better, of 458 read
# right at 0.97 or more one 0.071 better (the next 0.015); the wrong numbers kept: a 0 read "11" at 0.87
# and a 9 read "19" at 0.86, 0.48 and 0.30 better, a 325 read "825" at 0.975 and an 847 read "817" at
# 0.993, 0.036 and 0.059 (an unseen fax), and a 39 read "30" at 0.997 on a 150-dpi fax (seed 2204), 0.025:
# hence 0.02, above the right ones' 0.015. Lone digits are left alone: for right ones a rival came to
# 0.19 better. A number other than 0 kept below FAX_SECOND_LOOK_BELOW must be confirmed by its drawing:
# on an unseen fax at 150 dpi a 6 read "8" at 0.70 and a 126 read "128" at 0.89 were kept, their rivals
# drawn as well as they (of the 10 right numbers other than 0 kept so on the 17 fax sets, before the
# weak-digit cap, 7 are confirmed).
DOUBT_MARGIN = 0.02
# A 0 told by its round shape whose ink another digit's drawing explains better by this much is in doubt:
# on 18 fax documents (seeds 2204, 2405, 2406, 2411, 2501-2503, 2508, and r26_fax of the labeled set)
# another digit explained the 938 zeros told by their shape better by 0.020 at most, and a 9 broken open
# read "0)" and "0" (seed 2508, 150 dpi), told by its round shape, by 0.027 (a 9). Only zeros told by their
# round shape are checked so: on seed 2511 (150 dpi) a right 0 told by its open shape came to 0.028 (a 6),
# and a 6 that lost its hook, told a 0 by its open shape, to 0.020; right round zeros there to 0.020.
# Zeros told by their thickened view are checked so too: on 22 fax documents (21 of the 35 fax sets the
# thirty-ninth session measured, and fax 8302_002 at 150 dpi), another digit explained the 68 right ones
# better by 0.003 at most, and a 9 whose tail the fax left as specks, read "11" and closed by thickening
# (8302_002), by 0.033 (a 9). Zeros told by their open shape are not: of 588 right ones there, 3 came to
# 0.02-0.093.
ZERO_RIVAL_MARGIN = 0.025
# A 0 told by its open shape, one of whose readings was a 6, that a 6 explains better at all: a 6 whose
# loop lost its top but whose hook kept its tip, read "()", "1", "6" and "1", was drawn 0.023 better as
# a 6 and read 0 at 0.95 (fax set 4705, 150 dpi). The right 0 of seed 2511 drawn better as a 6 (above)
# was read as no 6. Where the page has no face to draw in (the 4705 one's had none), such a 0 is doubted.
SIX_READ_RIVALS = ("6", 0.0)
# A 0 told by its likeness to the page's zeros with a side broken (ocr.fax_likeness: rows of one side with
# no ink, a lost scan line or more) that a 6 or a 9 explains better at all: a 6 whose hook kept only its
# tip, its right side broken under it, read "11" and told a 0 by its likeness (fax 8601_002), was drawn
# 0.009 better as a 6. On the 68 fax reports of the forty-first session holding such zeros, the three
# wrong ones so told (that 6, a 6 and a 9 drawn 0.029 and 0.043 better) each had a side broken; of 130
# right ones with a side broken, three came to 0.001-0.024 (a 6 or a 9): left null too; of 389 with none,
# 17 came to 0.024 at most.
BROKEN_LIKE_ZERO_RIVALS = ("69", 0.0)
# A 0 told by its open shape with a side broken that a 6 or a 9 explains better by this much: a 9 that
# lost its loop's top and bottom, its loop's left side and its tail's end two pieces one above the other,
# read "()" and "り" and told a 0 by its open shape, was drawn 0.039 better as a 9 (fax 10416_002, a TIFF
# at 200 dpi). Of the 2,256 right zeros so told with a side broken on the 76 fax sets (8801-10316,
# 10401-10406, 10416) and the pages of other sets read as a fax is, a 6 or a 9 explained two better by
# more than ZERO_RIVAL_MARGIN, by 0.027 and 0.032 (fax 10005_001, 9103_002), the rest by 0.022 at most.
BROKEN_OPEN_ZERO_RIVALS = ("69", 0.035)
# A lone 0 the recogniser read less surely than FAX_SECOND_LOOK_BELOW, no shape rule telling it, that a 6
# or a 9 explains better by ZERO_RIVAL_MARGIN, as a 0 told by its round shape: two 6s whose hook's tip
# the fax kept short of their loop, read "0" at 0.73 and 0.74 by both readings (fax 11409_001, a PDF at
# 150 dpi), were drawn 0.029 and 0.049 better as 6s. Of the 122 right zeros read so on pages with a face
# (75 fax reports, every one of 71 fax sets holding such a 0), a 6 or a 9 explained none better by more
# than 0.009. A page with no face leaves them as read: nothing was measured there.
READ_ZERO_RIVALS = ("69", ZERO_RIVAL_MARGIN)
# What a fax's broken strokes are read as in a value cell besides digits: its bars as 二 or 三, a 4's stem
# and diagonal as 八 (fax 1922: a 51 read 二 at 0.98; fax 1809: a 4 read 八). A value printed in Chinese
# numerals is rare on a scan, and on a fax page such a reading is kept as no number (一 reads as a dash).
FAX_NUMERALS = frozenset("〇零二两三四五六七八九十百千万")
# An 8 whose bars a fax lost leaves its two diagonals, read "x" or "X" (at 0.65-0.96 on 86 fax sets, seven
# such lines, every one an 8): on a fax page such a reading is no null mark but a number not read.
FAX_CROSSES = frozenset("xX")
# A sure number read less surely than this may hold a 9 broken open read 0 (lookalikes_doubted): 0.99
# before fax 11604_002's 192 and 11607_000's 292, read "102" at 0.995 and "202" at 0.9952, and 9102_002's
# 2892 read "2802" at 0.9991, were drawn 0.007, 0.003 and 0.0015 better with a 9 for their 0. Of the 49
# numbers with a 0 read right at 0.99-0.9995 on the fax pages of 59 sets (155 reports), none was; the two
# 50s of the labeled faxes drawn better as 59 (by 0.005) were read at 1.0.
LESS_SURE_BELOW = 0.9995


class LineImage(Protocol):
    """A value line as table.fax_cells.LineCrop gives it; only its crop is drawn against."""

    @property
    def image(self) -> np.ndarray: ...  # a value line's crop of the grey page


def lookalikes_doubted(
    drawer: FaxDrawer, face: Face, lines: Sequence[LineImage], reads: list[Reading], doubted: list[int]
) -> list[Reading]:
    """``reads`` with each sure number of two digits or more (of ``doubted``) capped at UNAGREED_CAP where
    it is drawn in ``face`` less well, at all, with a 1 in it a 4 or a 7, or a 0 in it a 6
    (ocr.fax_rivals.lookalikes_restored). A 4 that lost its bar leaves a stem and a long diagonal, a 6
    that lost its hook two arcs: on unseen 150-dpi faxes (seeds 2508, 2511) a 478 read "178" at 0.978 was
    drawn 0.008 better as 478, a 2266 read "2206" at 0.998 0.004 better as 2266, a 26 read "20" at 0.9996
    0.007 better as 26. Of 168 such numbers read right on 20 fax documents (seeds 2204, 2405, 2406, 2411,
    2501-2503, 2508, 2511, r26_fax), two were drawn better so (an 11 as 41 by 0.081, already null; a 190
    as 196 by 0.010, now null), the others no better; rivals of any kind explained four of them better (a
    133 by 0.016 as 138), so DOUBT_MARGIN could not tell them from the wrong ones.
    A number read less surely than LESS_SURE_BELOW is capped too where a 0 in it as a 9 is drawn better:
    a 39 read "30" at 0.956 on an unseen fax (seed 2620) was drawn 0.002 better as 39. Of 63 numbers
    with a 0 read surely on 22 fax documents, one other was drawn better so, a 50 read at 1.0 (by 0.005).
    So is one read however surely where an 8 in it as a 3 is: a 53 whose 3's open side the blur closed,
    read "58" at 0.986 (fax 10203_002, a JPEG at 200 dpi), was drawn 0.017 better as 53, short of
    DOUBT_MARGIN; a 35252 read "85252" at 0.994 (fax 10803_001, a JPEG at 150 dpi) was drawn better as
    35252. Of the 677 other numbers with an 8 read at 0.99 or more on the fax pages of 284 sets (8801-
    10816) and the labeled set, none was drawn better so; of the 26 read less surely on 188 sets, none. So is
    one with a 7 in it where a 2 in its place draws it better: a 22 whose first 2 lost its foot but for a
    speck where it began, read "72" at 0.997 (fax 11104_002, a JPEG at 150 dpi); of the 825 other numbers
    with a 7 read so on the fax pages of 328 sets and the labeled set, none was."""
    checked = list(reads)
    for i in doubted:
        text, confidence = reads[i][0].strip(), reads[i][1]
        rivals = lookalikes_restored(text) | lookalikes_restored(text, CLOSED_READINGS | FOOTLESS_READINGS)
        if confidence < LESS_SURE_BELOW:
            rivals |= lookalikes_restored(text, LESS_SURE_READINGS)
        if confidence > UNAGREED_CAP and len(text) > 1 and outdrawn(drawer, lines[i].image, text, rivals, face):
            checked[i] = (reads[i][0], UNAGREED_CAP)
    return checked


def lookalikes_doubted_in_any_face(
    drawer: FaxDrawer, lines: Sequence[LineImage], reads: list[Reading], doubted: list[int]
) -> list[Reading]:
    """``reads`` of a page no face explains (ocr.fax_drawing.page_face) with each sure number of two digits
    or more (of ``doubted``) capped at UNAGREED_CAP where, with a 1 in it a 4 or a 7 or a 0 in it a 6
    (ocr.fax_rivals.lookalikes_restored), it explains the line's ink better by DOUBT_MARGIN, each drawn in
    the font and size that fits it best (ocr.fax_drawing.freely_outdrawn). A misread number fits its own
    font poorly, and may be why its page has none: on a 150-dpi fax (seed 9002) a 1450 read "1150" at
    0.998, the only sure number of its page, the first of its document, was drawn 0.049 better as 1450.
    On 11 fax sets (8801-8806, 9001-9005) none of the 26 numbers read right on pages with no face was
    explained better by a lookalike (the nearest came 0.004 short)."""
    checked = list(reads)
    for i in doubted:
        text, confidence = reads[i][0].strip(), reads[i][1]
        rivals = lookalikes_restored(text)
        sure = confidence > UNAGREED_CAP and len(text) > 1
        if sure and rivals and freely_outdrawn(drawer, lines[i].image, text, rivals, DOUBT_MARGIN):
            checked[i] = (reads[i][0], UNAGREED_CAP)
    return checked


def zeros_doubted(
    drawer: FaxDrawer,
    face: Face | None,
    lines: Sequence[LineImage],
    reads_and_shapes: tuple[list[Reading], list[str]],
    zeros: list[int],
    rivals: tuple[str, float] = ("123456789", ZERO_RIVAL_MARGIN),
) -> tuple[list[Reading], list[str]]:
    """``reads`` and ``shapes`` with each 0 told by its shape (``zeros``) capped at UNAGREED_CAP, shape and
    all, where another digit of ``rivals`` drawn in ``face`` explains its ink better by their margin: by
    default a 0 told by its round shape (or by its thickened view) that a 9 broken open is (its loop's
    left side and its tail two pieces one above the other) by ZERO_RIVAL_MARGIN; a 0 told by its open
    shape that a reading saw as a 6 by any margin (SIX_READ_RIVALS). With no ``face`` to draw them in (a
    page with no number read surely enough to fit one on), every one of ``zeros`` is."""
    reads, shapes = reads_and_shapes
    digits, margin = rivals
    doubted = [i for i in zeros if face is None or outdrawn(drawer, lines[i].image, "0", digits, face, margin)]
    if not doubted:
        return reads, shapes
    reads, shapes = list(reads), list(shapes)
    for i in doubted:
        reads[i], shapes[i] = (reads[i][0], min(reads[i][1], UNAGREED_CAP)), ""
    return reads, shapes


def drawn_zeros_doubted(
    drawer: FaxDrawer,
    face: Face,
    lines: Sequence[LineImage],
    reads_and_shapes: tuple[list[Reading], list[str]],
    closed: list[int],
    open_ones: tuple[list[int], list[int]],
    read_unsurely: Sequence[int] = (),
) -> tuple[list[Reading], list[str]]:
    """``zeros_doubted`` for the zeros a page's drawing checks: those told by a closed shape (``closed``:
    round, thickened or like the page's zeros) by ZERO_RIVAL_MARGIN, those of them told by their likeness
    with a side broken by BROKEN_LIKE_ZERO_RIVALS; of those told by their open shape (``open_ones``), those
    that a reading saw as a 6 by SIX_READ_RIVALS and those with a side broken by BROKEN_OPEN_ZERO_RIVALS;
    those the recogniser alone read, less surely than FAX_SECOND_LOOK_BELOW (``read_unsurely``,
    ``zeros_read_unsurely``), by READ_ZERO_RIVALS."""
    open_read_six, open_broken = open_ones
    reads, shapes = zeros_doubted(drawer, face, lines, reads_and_shapes, list(read_unsurely), READ_ZERO_RIVALS)
    reads, shapes = zeros_doubted(drawer, face, lines, (reads, shapes), closed)
    like = [i for i in closed if shapes[i] == LIKE_ZEROS_SHAPE]
    broken = side_broken(lines, like)
    reads, shapes = zeros_doubted(drawer, face, lines, (reads, shapes), broken, BROKEN_LIKE_ZERO_RIVALS)
    reads, shapes = zeros_doubted(drawer, face, lines, (reads, shapes), open_read_six, SIX_READ_RIVALS)
    return zeros_doubted(drawer, face, lines, (reads, shapes), open_broken, BROKEN_OPEN_ZERO_RIVALS)


def zeros_read_unsurely(reads: list[Reading], shapes: list[str], wanted: list[int]) -> list[int]:
    """Those of ``wanted`` read as a lone 0, above UNAGREED_CAP and below FAX_SECOND_LOOK_BELOW, that no shape
    rule told (READ_ZERO_RIVALS)."""
    return [
        i
        for i in wanted
        if not shapes[i] and reads[i][0].strip() == "0" and UNAGREED_CAP < reads[i][1] < FAX_SECOND_LOOK_BELOW
    ]


def side_broken(lines: Sequence[LineImage], zeros: list[int]) -> list[int]:
    """Those of ``zeros`` with a side broken: rows of its ink's left or right half with no ink
    (ocr.fax_likeness.Glyph.side_gap)."""
    return [i for i in zeros if (glyph := line_glyph(lines[i].image)) is not None and glyph.side_gap > 0]


def undrawable_doubted(reads: list[Reading], shapes: list[str], wanted: list[int]) -> list[Reading]:
    """``reads`` with the numbers no drawing can check (a decimal, a sign, a unit: 38.54万元 whose 5 lost its
    top read 38.34万元 at 0.89) capped at UNAGREED_CAP where they were read less surely than
    FAX_SECOND_LOOK_BELOW, as a number drawing does not confirm is; a reading of Chinese numerals
    (FAX_NUMERALS) or of an 8's crossed diagonals (FAX_CROSSES) is capped however surely it was read."""
    checked = list(reads)
    for i in wanted:
        text, confidence = reads[i][0].strip(), reads[i][1]
        digits = any(c.isdigit() for c in text)
        unsure = UNAGREED_CAP < confidence < FAX_SECOND_LOOK_BELOW
        broken_strokes = bool(text) and (set(text) <= FAX_NUMERALS or set(text) <= FAX_CROSSES)
        if not shapes[i] and (
            (digits and not drawable(text) and unsure) or (broken_strokes and confidence > UNAGREED_CAP)
        ):
            checked[i] = (reads[i][0], UNAGREED_CAP)
    return checked


def doubts_settled(margin: Callable[[int], float | None], reads: list[Reading], doubted: list[int]) -> list[Reading]:
    """``reads`` with the numbers read surely capped at UNAGREED_CAP where their drawing (each line's
    ``drawing_margin``) says so: one other than 0 read less surely than FAX_SECOND_LOOK_BELOW (its
    readings agreed, or it was kept at its first reading's doubt) that its drawing does not confirm, and
    one of two digits or more that a rival explains better by DOUBT_MARGIN."""
    checked = list(reads)
    for i in doubted:
        text, confidence = reads[i][0].strip(), reads[i][1]
        if confidence < FAX_SECOND_LOOK_BELOW and text.strip("0"):
            if not confirmed_by_margin(text, functools.partial(margin, i)):
                checked[i] = (reads[i][0], UNAGREED_CAP)
        elif len(text) > 1:
            found = margin(i)
            if found is not None and found < -DOUBT_MARGIN:
                checked[i] = (reads[i][0], UNAGREED_CAP)
    return checked


def sure_numbers_doubted(
    drawer: FaxDrawer,
    face: Face,
    lines: Sequence[LineImage],
    reads: list[Reading],
    doubted: list[int],
    margin: Callable[[int], float | None],
) -> list[Reading]:
    """``reads`` with the sure numbers of ``doubted`` their drawing in ``face`` puts in doubt capped: by
    their ``margin`` (each line's ``drawing_margin``; ``doubts_settled``) or by their lookalikes drawn
    (``lookalikes_doubted``)."""
    return lookalikes_doubted(drawer, face, lines, doubts_settled(margin, reads, doubted), doubted)


def bar_end_fours_doubted(
    margin: Callable[[int], float | None], reads: list[Reading], shapes: list[str], fours: list[int]
) -> tuple[list[Reading], list[str]]:
    """``reads`` and ``shapes`` with each number of two digits or more that a 4 told by its bar's end was
    put into (``fours``, table.fax_shapes.bar_end_fours) capped at UNAGREED_CAP where a rival explains its
    ink better by DOUBT_MARGIN (its ``margin``), its shape dropped so that drawing may tell it as a line
    read unsurely: its other digits stand as the recogniser read them, and may be misread too. Fax
    10104_001 at 200 dpi: a 49 whose 9 lost its tail, read "14" at 0.999, was made 44; drawn, 44 explains
    it 0.20 worse than a rival, and 49 0.08 better than any. Of the 20 right numbers so made on the 58 fax
    sets made since the forty-third session and on pages read as a fax is (noisy 10013, mixed 9903), a
    rival explained two better, by 0.0064 at most. Read at OPEN_ZERO_CONFIDENCE (one the checks had put in
    doubt too), each is settled as a sure number of two digits is (``doubts_settled``)."""
    raised = list(reads)
    for i in fours:
        raised[i] = (reads[i][0], max(reads[i][1], OPEN_ZERO_CONFIDENCE))
    checked = doubts_settled(margin, raised, fours)
    return checked, ["" if checked[i] != raised[i] else shape for i, shape in enumerate(shapes)]


def in_doubt(text: str, confidence: float) -> bool:
    """Whether a number read surely is checked by its drawing (``doubts_settled``)."""
    text = text.strip()
    return len(text) > 1 or (confidence < FAX_SECOND_LOOK_BELOW and bool(text.strip("0")))


def doubted_in_sample_face(
    drawer: FaxDrawer,
    lines: Sequence[LineImage],
    reads: list[Reading],
    doubted: list[int],
    sample: list[tuple[np.ndarray, str]],
) -> list[Reading]:
    """``reads`` of a page whose sure numbers no font explains well (ocr.fax_drawing.page_face), with those
    in doubt (``sure_numbers_doubted``) capped, drawn in the face the document's other pages' ``sample``
    gives (none where it fits none). A misread number among the few a page's face is fitted on may be why
    none fits: a 20 read "30" at 0.95, the only number of two digits read surely on its page (unseen fax
    seed 2704, 150 dpi), fitted 0.83 at best; in its document's face a 20 explains it 0.065 better. Such a face only doubts: a
    page whose own numbers fit no face may be too damaged to confirm or decode a number on by drawing (fax
    seed 2204: a right 11 read at 0.999 was decoded 41 so)."""
    face = page_face(drawer, sample) if sample else None
    if face is None:
        return reads
    return sure_numbers_doubted(
        drawer, face, lines, reads, doubted, lambda i: drawing_margin(drawer, lines[i].image, reads[i][0].strip(), face)
    )


def doubted_in_document_face(drawer: FaxDrawer, lines: Sequence[SureLine]) -> list[SureLine]:
    """Of ``lines``, read surely on fax pages where no face could doubt them (FaxDrawer.await_document_face),
    those their drawing puts in doubt in the face its document's pages' sure numbers fit
    (``doubted_in_sample_face`` on FaxDrawer.document_sample). A fax's first page may print only table 二's
    first rows, its numbers zeros and numbers of 1s, which fit many faces: a 14 whose 4 kept only its stem
    was read "11" at 0.999 there and printed (fax 10001_001 at 150 dpi); in the face of its document's
    later pages a 14 explains it 0.04 better. Such a face only doubts: decoding in it on a re-read first
    page told a 243 read "211" and "213" as 244 (fax 9601_001 at 150 dpi)."""
    reads = [(line.text, line.confidence) for line in lines]
    checked = doubted_in_sample_face(drawer, lines, reads, list(range(len(lines))), drawer.document_sample)
    return [line for line, (_, confidence) in zip(lines, checked, strict=True) if confidence <= UNAGREED_CAP]


def page_with_doubts(page: Page, doubted: Sequence[SureLine]) -> Page:
    """``page`` with the word each of ``doubted`` was read as (by its box and reading) capped at
    UNAGREED_CAP, below any confidence cut."""
    keys = {(tuple(float(v) for v in line.bbox), line.text.strip()) for line in doubted}

    def capped(word: Word) -> Word:
        doubted_word = (tuple(word.bbox), word.text) in keys and word.confidence > UNAGREED_CAP
        return replace(word, confidence=UNAGREED_CAP) if doubted_word else word

    tables = tuple(
        replace(table, cells=tuple(replace(cell, words=tuple(map(capped, cell.words))) for cell in table.cells))
        for table in page.tables
    )
    return replace(page, tables=tables)
