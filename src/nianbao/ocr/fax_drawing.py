"""A fax's number told by drawing it again. Pure but for the drawing of text (Pillow, no model).

A fax keeps every other scan line and thresholds it, so which strokes of a digit survive depends on its
font, its size and where each stroke falls between two scan lines: a 4 keeps its stem and a speck of its
diagonal, a 0 its two sides, a 9 a hook. The recogniser reads such ink unsurely, and a person reads it by
knowing what each digit would have left. So does this module: a reading is drawn again in the page's
font and size, faxed the same way (half the rows, thresholded, each row shown twice, at every offset
between the text and the scan lines), and compared with the line's ink; so are its rivals, the numbers
the same ink could also be (one digit changed, dropped or added, or up to three digits swapped for
their fax lookalikes: 1 and 4, 0 and 6, 3 and 8 …). A reading is confirmed when it explains the ink
better than every rival by ``MARGINS``; where a rival explains it far better instead, the reading is in
doubt (table.fax_cells).

The page's font and size are fitted once, on the numbers it read surely; a page with no sure number of
two digits or more takes its document's (``FaxDrawer.document_sample``). A page printed in a font the
drawer does not have is explained less well by all of them, and where even the best explains its sure
numbers poorly (``MIN_FACE_SCORE``) nothing on it is confirmed.

Chosen on the value lines of eleven fax sets (5,170 fields): of the numbers the recogniser left unsure,
147 read right and 55 wrong (minus signs a fax lost aside: those stay null, assemble), 55 right ones were
confirmed and no wrong one. Six fax sets generated for this afterwards (3,562 fields): 31 of 94 right
ones, none of 114 wrong ones.
"""

from __future__ import annotations

import functools
import statistics
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from nianbao.ocr.fax_drawer import PHASES, Face, FaxDrawer, LineInk, face_sample, height_left_out, likeness
from nianbao.ocr.fax_rivals import decoding_bases, digit_changed, drawable, lookalikes_restored, rivals

# A page whose sure readings its best font explains less well than this on average is not drawn: on the
# 80 pages of the fax sets the best of the three fonts fitted 0.89-0.97 (the others 0.78-0.95).
MIN_FACE_SCORE = 0.88
# How much better than every rival a reading must explain the ink, by its number of digits: one digit
# changed in a long number changes less of the drawing. The wrong readings of the fax sets came to at
# most 0.054 for one digit (a lone 1), 0.023 for two and 0.017 for more (see the module doc). On a fax
# generated later (seed 2803) a 450 whose 4 lost its bar and diagonal, read "130" and "150", came to
# 0.025 as 150 (printed); a wider margin would leave right numbers null as well (a 707 of the tests'
# fax lines comes to less than 0.03). LONG_MARGIN holds for a number of three digits or more told by
# drawing alone (decoded_by_drawing: a 0 read "188" in the tests' fax lines is drawn 0.021 better as
# 133); one a reading gave is confirmed by half that (READ_LONG_MARGIN): on 40 fax sets (23,748 fields)
# that confirmed 50 more right numbers and no wrong one, while halving the margins of one and two digits
# as well confirmed 172 more right but 8 wrong (47 read 17, 54 read 53, 2 read 5, 9 read 0 ...).
MARGINS = {1: 0.06, 2: 0.03}
LONG_MARGIN, READ_LONG_MARGIN = 0.025, 0.0125
# A number that none of a line's readings gave, told by drawing alone, must also explain the ink better
# than each number the readings gave by this much: a 22 whose second 2 lost its bar, read "22" and "2"
# (fax seed 2801), was drawn 0.031 better as 23. On 30 fax sets (17,808 fields) this leaves three right
# numbers told so null as well (a 48 read "18", a 1417 read "1117", a 313), for that one wrong number.
UNREAD_MARGIN = 0.035
# What a 4 or a 2 that lost its thin strokes leaves is a stem: a lone 1 is never confirmed so.
NEVER_CONFIRMED = frozenset({"1"})
# What a 0 that lost its top and bottom leaves is two stems, read "11" and as narrow as a 0: an 11 is that
# number only where its ink is at least ELEVEN_WIDTH times as wide as a 0 of its face, faxed. On five fax
# pages (seeds 2204, 2405, 2406, 2411) printed 11s came to 1.42-1.73 times, zeros, 6s and a 9 read "11"
# to 0.82-1.17.
ELEVEN_WIDTH = 1.3
UNFIT_MARGIN = -1.0  # a reading whose line's ink cannot be that number is explained worse than any rival
# A number whose best drawing leaves ink beside it at least this share of the line's ink height tall lacks
# a digit: a 28512 whose last 2 a fax left as four specks, read "2851:" (the colon dropped as a stroke's
# remains), was told 2851 by drawing (fax 10303_001, a JPEG at 150 dpi); the specks beside the drawing
# spanned 16 of the line's 19 rows. Of the 1,031 lines confirmed or told by drawing on 69 fax sets
# (8801-10305, 10316), no other left ink beside its drawing more than 3 rows tall; on those sets and the
# 135 of other profiles no other field changed (a drawing of a doubted or unsure line was unfit so 212 times).
LEFT_OUT_SHARE = 0.5
# The best rivals at the reading's own size and offset are fitted as freely as it is, and so are the
# numbers its digits a fax's broken digits are read as may have been (a 1 a 4 or a 7, a 0 a 6:
# ocr.fax_rivals.lookalikes_restored): at a 113's own size and offset a 413 whose 4 kept its stem and a
# speck was drawn too poorly to be among the best, and the 113 was confirmed by 0.024 where the 413 explains
# the ink 0.047 better (fax set 4703; a 430 read "130" likewise on 4706).
REFINED_RIVALS = 8
# A number the recogniser was unsure of, confirmed by its drawing: kept at any cut up to this, below the
# shape rules' own evidence (0.95), as a 0 like the page's zeros is (ocr.fax_likeness).
DRAWN_CONFIDENCE = 0.9
# A lone 1 is never taken from drawings alone either (NEVER_CONFIRMED). A 0 is, by the one-digit margin: a
# 6 broken open is drawn as well as a 0 by 0.025 and a 0 as well as a 6, far within it. On 26 fax sets
# (15,428 fields) 12 zeros read "11" or "()" that no shape rule made a 0 were told so, and no other digit.
# How well a number told by drawing alone must explain its line's ink, however far it beats the others: a
# slash broken by a fax's lost scan lines and read "11" is drawn best as a 7, at 0.58; the numbers told
# right on 31 fax reports (eight seeds) explained theirs at 0.83 or more (median 0.95).
MIN_DECODED_LIKENESS = 0.8
# Drawing a line's every candidate at every size and offset took 12 s a page more on a badly damaged
# fax: all are drawn at the page's size and every other offset first, and the best REFINED_RIVALS of them
# fitted freely; a line's readings stand for at most this many numbers.
COARSE_PHASES = PHASES[::2]
MAX_DECODED_BASES = 4
# A line's ink must be at least this share of a number's faxed drawing's height to be that number: on a
# 150-dpi fax two specks 7 px tall (what was left of a 6) were drawn as a 17 at 0.95. Of 700 value lines
# read right on five fax pages, the digits the fax kept came to 0.67 of their drawing's height or more
# (a 0 broken open to 0.5; zeros are never told by drawing).
MIN_HEIGHT_SHARE = 0.6
# How many ems smaller than its page's face a line may be printed (a table in 小五, 9 pt, beside its page's
# 五号, 10.5 pt, is 0.86 of its em: 4 ems at 29). Fax 11605_001's 138 and 17 in table 四, read at 0.9997,
# fit best 3 ems below their page's face (ukai at 29), and were told 438 and 47 at its size; drawn down to
# 4 ems smaller, they explain their ink 0.039 and 0.017 better as read, as does fax 8803_000's 18 (told
# 48) by 0.006, 4 ems below. The twelve numbers read surely and rightly told another by drawing on the fax
# pages of 57 sets (a 117 told 147, a 181 184, an 11 41 ...) explain theirs 0.025 better at least so.
# Smaller still, an 11 fits the stems of a 41 whose 4 lost its bar better than 41 does (fax 9002_001).
SMALLER_PRINT = 4
# A number read unsurely is confirmed by drawing only where no number a digit away explains its ink better
# by more than this, drawn down to SMALLER_PRINT ems smaller: fax 11701_002's 54, its 4 left as a stem and
# read "51" at 0.49, drawn 0.03 better as 51 at its page's size, and 9202_002's 894 read "891", were
# explained 0.042 and 0.027 better 3 ems smaller as 54 and 894; of 193 numbers so confirmed rightly on 16
# fax sets, one came to a rival better by 0.0017. On the fax pages of 60 sets it left four wrong numbers
# null (those two, a 24 confirmed 41 and a 679 674) and no right one.
DIGIT_RIVAL_BY = 0.01
# A lone 1 whose ink keeps a 4's diagonal (ocr.fax_glyphs) is read 4 where a 4 explains that ink best of
# the ten digits and at least this well. On 20 fax sets (11,900 fields) ten 4s that lost their bar, read
# "1", were so, at 0.958-0.973; a 3 broken to a stem and specks, read "1", was drawn best as a 4 but at
# 0.907; none of 261 lone 1s had the diagonal and was drawn best as a 4. On six fax sets made afterwards
# (3,546 fields) four more 4s were read so, and no other digit.
FOUR_LIKENESS = 0.95


def page_face(drawer: FaxDrawer, sure: Sequence[tuple[np.ndarray, str]]) -> Face | None:
    """The font and size that best explain a page's numbers read surely (line crop, reading; its
    ``face_sample``), or where none explains them well enough (MIN_FACE_SCORE) those but the one it
    explains worst (a misread number fits its own font poorly); None where none explains even those."""
    sample = [(ink, text) for image, text in face_sample(sure) if (ink := LineInk(image)).height]
    fits = {
        font: [_best_fit(drawer, ink, text, font, ink.ems, PHASES) for ink, text in sample] for font in drawer.fonts
    }
    return _best_face(fits) or _best_face({font: _all_but_worst(found) for font, found in fits.items()})


Sample = list[tuple[np.ndarray, str]]  # line crops and their readings, as ocr.fax_drawer.face_sample gives them


def page_or_document_face(
    drawer: FaxDrawer, own: Sample, earlier: Sample, first: Sample, few: int
) -> tuple[Face | None, bool]:
    """The face fitted on a page's sure numbers (``own``; with none, its document's earlier pages', ``earlier``,
    or its first readings', ``first``), and whether it is borrowed: a page with fewer than ``few`` sure numbers
    that fit no face takes the one fitted on them and its document's earlier pages' together, where that fits
    them well. A page's lone sure number may be one its font draws poorly (fax 9702_002 at its own
    resolution: a 25 whose 2 lost its foot, fitted 0.86 at best, kept its page's 12, drawn 0.09 better than
    any rival, and two 2s from being confirmed). A borrowed face confirms readings but tells no number by
    drawing alone (table.fax_cells.MIN_OWN_SAMPLE: decoding in such a face printed a 407 as 307)."""
    face = page_face(drawer, own or earlier or first)
    if face is not None or not own or not earlier or len(own) >= few:
        return face, False
    face = page_face(drawer, own + earlier)
    return face, face is not None


Fit = tuple[float, int, int]  # _best_fit's likeness, em and phase


def _best_face(fits: dict[str, list[Fit]]) -> Face | None:
    """The font whose fits are best on average, at their median size; None where even it explains them
    less well than MIN_FACE_SCORE, or nothing was fitted."""
    scored = [(statistics.mean(fit[0] for fit in found), font, found) for font, found in fits.items() if found]
    if not scored:
        return None
    score, font, found = max(scored, key=lambda item: item[0])
    return Face(font, int(statistics.median(fit[1] for fit in found))) if score >= MIN_FACE_SCORE else None


def _all_but_worst(fits: list[Fit]) -> list[Fit]:
    """A page's fits of its sure numbers but the one explained worst, where there are two or more (one of
    them misread: fax 7002_001's 971 read "471" kept its page from a face, fitted on 265 alone at 0.89)."""
    return sorted(fits, key=lambda fit: fit[0])[1:] if len(fits) >= 2 else []


def confirmed_by_drawing(drawer: FaxDrawer, image: np.ndarray, text: str, face: Face) -> bool:
    """Whether ``text``, drawn in ``face`` and faxed, explains the line's ink better than every rival by
    its margin (MARGINS); never for a lone 1 (NEVER_CONFIRMED)."""
    return confirmed_by_margin(text, lambda: drawing_margin(drawer, image, text, face))


def confirmed_by_margin(text: str, margin: Callable[[], float | None], long_margin: float = READ_LONG_MARGIN) -> bool:
    """``confirmed_by_drawing`` with the reading's ``drawing_margin`` given, asked for only where it counts;
    a number of three digits or more by ``long_margin``."""
    if text in NEVER_CONFIRMED:
        return False
    found = margin()
    return found is not None and found >= MARGINS.get(len(text), long_margin)


def drawing_margin(drawer: FaxDrawer, image: np.ndarray, text: str, face: Face) -> float | None:
    """How much better ``text`` drawn in ``face`` explains the line's ink than its best rival (negative:
    a rival explains it better; UNFIT_MARGIN where the ink cannot be that number, ``fits_ink``, or where
    its best drawing leaves ink LEFT_OUT_SHARE of the line's height beside it); None for a reading that
    is not a number it draws (ocr.fax_rivals.drawable) or a line with no ink."""
    if not drawable(text):
        return None
    ink = LineInk(image)
    if not ink.height:
        return None
    if not fits_ink(drawer, ink, text, face):
        return UNFIT_MARGIN
    ems = _near_sizes(face)
    score, em, phase = _best_fit(drawer, ink, text, face.font, ems, PHASES)
    if height_left_out(ink, drawer.drawing(text, Face(face.font, em), phase)) >= LEFT_OUT_SHARE * ink.height:
        return UNFIT_MARGIN
    # one offset past the last is the first one scan line down, which the fit's placement takes up
    near = sorted({p % len(PHASES) for p in (phase - 1, phase, phase + 1)})
    at_its_fit = Face(face.font, em)
    first = sorted(
        ((max(likeness(ink, drawer.drawing(rival, at_its_fit, p)) for p in near), rival) for rival in rivals(text)),
        reverse=True,
    )[:REFINED_RIVALS]
    refined = {rival for _, rival in first} | lookalikes_restored(text)
    best_rival = max((_best_fit(drawer, ink, rival, face.font, ems, PHASES)[0] for rival in refined), default=-1.0)
    return score - best_rival


def outdrawn(
    drawer: FaxDrawer,
    image: np.ndarray,
    text: str,
    others: Iterable[str],
    face: Face,
    by: float = 0.0,
    ems: Sequence[int] | None = None,
) -> bool:
    """Whether one of ``others`` drawn in ``face`` explains a line's ink better than ``text`` does, by more
    than ``by``, each at whichever of ``ems`` fits it best (by default the face's own size and one either side)."""
    ink = LineInk(image)
    if not ink.height:
        return False
    ems = _near_sizes(face) if ems is None else ems
    own = _best_fit(drawer, ink, text, face.font, ems, PHASES)[0]
    return any(_best_fit(drawer, ink, other, face.font, ems, PHASES)[0] - own > by for other in others)


def outdrawn_printed_smaller(drawer: FaxDrawer, image: np.ndarray, text: str, other: str, face: Face) -> bool:
    """Whether ``other`` explains a line's ink better than ``text`` (``outdrawn``), each drawn in ``face``'s font
    at whichever size fits it best from SMALLER_PRINT ems below the face's to one above: a page's face is
    fitted on most of its numbers, and a line printed smaller is explained at the face's size by the wrong
    number (``decoded_by_drawing``)."""
    return outdrawn(drawer, image, text, [other], face, ems=_down_to_smaller_print(face))


def outdrawn_by_a_digit_printed_smaller(drawer: FaxDrawer, image: np.ndarray, text: str, face: Face) -> bool:
    """Whether a number a digit away from ``text`` explains a line's ink better by more than
    DIGIT_RIVAL_BY, each drawn in ``face``'s font at whichever size fits it best from SMALLER_PRINT ems
    below the face's to one above (``outdrawn_printed_smaller``)."""
    return outdrawn(drawer, image, text, digit_changed(text), face, DIGIT_RIVAL_BY, _down_to_smaller_print(face))


def freely_outdrawn(drawer: FaxDrawer, image: np.ndarray, text: str, others: Iterable[str], by: float) -> bool:
    """Whether one of ``others`` explains a line's ink better than ``text`` by more than ``by`` and at least
    MIN_FACE_SCORE well, each drawn in whichever of the drawer's fonts and sizes fits it best: on a page
    no face explains, where its numbers' own font and size are not known."""
    ink = LineInk(image)
    if not ink.height:
        return False

    def best(number: str) -> float:
        return max(_best_fit(drawer, ink, number, font, ink.ems, PHASES)[0] for font in drawer.fonts)

    own = best(text)
    return any((score := best(other)) >= MIN_FACE_SCORE and score - own > by for other in others)


def decoded_by_drawing(
    drawer: FaxDrawer,
    image: np.ndarray,
    readings: Iterable[str],
    face: Face,
    margin_of: Callable[[str], float | None] | None = None,
) -> str | None:
    """The number a line's ink is, told by drawing alone: of its readings' numbers (``decoding_bases``) and
    their rivals, the one whose drawing in ``face`` explains the ink best, where it does so better than
    every other of them and than its own rivals by its margin (MARGINS); None where none does, where the
    best is a lone 1 (NEVER_CONFIRMED), where it explains the ink less well than MIN_DECODED_LIKENESS or
    where the ink cannot be it (``fits_ink``). A person reads a 24 whose 4 lost its bar so: what is left
    of the 4 is what a 4 leaves, not what a 1 does. ``margin_of`` gives a number's ``drawing_margin`` on
    this line where the caller keeps them."""
    bases = sorted(decoding_bases(readings))[:MAX_DECODED_BASES]
    candidates = set()
    for base in bases:
        candidates |= {base, *rivals(base)}
    candidates = {number for number in candidates if drawable(number)}
    ink = LineInk(image)
    if not candidates or not ink.height:
        return None
    coarse = sorted(
        ((_best_fit(drawer, ink, number, face.font, (face.em,), COARSE_PHASES)[0], number) for number in candidates),
        reverse=True,
    )[:REFINED_RIVALS]
    ems = _near_sizes(face)
    scored = sorted(
        ((_best_fit(drawer, ink, number, face.font, ems, PHASES)[0], number) for _, number in coarse), reverse=True
    )
    (best, number), runner_up = scored[0], scored[1][0] if len(scored) > 1 else -1.0
    if number in NEVER_CONFIRMED or best < MIN_DECODED_LIKENESS or not fits_ink(drawer, ink, number, face):
        return None
    fitted = {candidate: score for score, candidate in scored}
    if best - runner_up < MARGINS.get(len(number), LONG_MARGIN) or not _beats_readings(
        drawer, ink, number, bases, face, fitted
    ):
        return None
    margin = margin_of or functools.partial(drawing_margin, drawer, image, face=face)
    return number if confirmed_by_margin(number, lambda: margin(number), LONG_MARGIN) else None


def drawn_best_as_four(drawer: FaxDrawer, image: np.ndarray, face: Face) -> bool:
    """Whether a line's ink is drawn best as a 4 of the ten digits drawn in ``face``, at FOUR_LIKENESS
    or better, and is tall enough to be one (``fits_ink``): asked of a lone 1 that kept a 4's diagonal."""
    ink = LineInk(image)
    if not ink.height or not fits_ink(drawer, ink, "4", face):
        return False
    ems = _near_sizes(face)
    fits = {digit: _best_fit(drawer, ink, digit, face.font, ems, PHASES)[0] for digit in "0123456789"}
    return max(fits, key=fits.__getitem__) == "4" and fits["4"] >= FOUR_LIKENESS


def _beats_readings(
    drawer: FaxDrawer, ink: LineInk, number: str, bases: list[str], face: Face, fitted: dict[str, float]
) -> bool:
    """Whether ``number`` is one of the readings' numbers (``bases``), or explains the ink better than each
    drawable one of them by UNREAD_MARGIN; ``fitted`` holds the likeness of the numbers already fitted at
    the face's near sizes and every offset (``number``'s among them), which are not fitted again."""
    if number in bases:
        return True
    ems = _near_sizes(face)
    read = [
        fitted[base] if base in fitted else _best_fit(drawer, ink, base, face.font, ems, PHASES)[0]
        for base in bases
        if drawable(base)
    ]
    return all(fitted[number] - other >= UNREAD_MARGIN for other in read)


def fits_ink(drawer: FaxDrawer, ink: LineInk, text: str, face: Face) -> bool:
    """Whether a line's ink is tall enough to be ``text`` in ``face`` (MIN_HEIGHT_SHARE of its drawing),
    and, for an 11, wider than a 0 broken open (ELEVEN_WIDTH)."""
    if ink.height < MIN_HEIGHT_SHARE * drawer.ink_size(text, Face(face.font, face.em - 1))[0]:
        return False
    return text != "11" or ink.width >= ELEVEN_WIDTH * drawer.ink_size("0", face)[1]


def _near_sizes(face: Face) -> tuple[int, int, int]:
    """The em sizes a reading is fitted at on a page of ``face``: its own and one pixel either side."""
    return (face.em - 1, face.em, face.em + 1)


def _down_to_smaller_print(face: Face) -> range:
    """The em sizes from SMALLER_PRINT below ``face``'s to one above: a line may be printed smaller than
    its page's numbers."""
    return range(face.em - SMALLER_PRINT, face.em + 2)


def _best_fit(drawer: FaxDrawer, ink: LineInk, text: str, font: str, ems: Iterable[int], phases: Iterable[int]) -> Fit:
    """(likeness, em, phase) of ``text``'s best drawing in ``font`` over those sizes and offsets."""
    return max(
        ((likeness(ink, drawer.drawing(text, Face(font, em), phase)), em, phase) for em in ems for phase in phases),
        default=(-1.0, 0, 0),
    )
