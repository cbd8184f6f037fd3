"""A fax's 0 broken open, told by the page's own zeros. Pure: line crops in, a likeness out.

A fax damages each 0 its own way (which scan lines it keeps depends on where the 0 falls), but a page's
zeros share their font, size and the fax's stroke loss. Most of them are told by their shape (ocr.fax);
a 0 the recogniser saw only as round shapes and strokes ("()", "1)", "(1"), or as letters or characters
once it lost its top or bottom ("U", "门"), that no shape rule made a 0, but whose ink looks like those
zeros, is a 0 too. A 6 or a 9 broken open reads as such strokes as well, but keeps a tail or a stem
where the zeros have none.

Chosen on 21 unseen fax sets (15,502 fields; three adversarial sets with most counts 6, 8, 9 or their
pairs): of the lines read only so, as narrow as a lone 0, those whose cell's ink correlated with one of
the page's sure zeros by LIKE_ZEROS or more were 205 zeros and no other digit; the nearest other digit
(a 9 whose loop lost its top, read "()") came to 0.76. As built (line crops, compared with the zeros
told by shape): 200 more fields right on those sets and no new wrong number; on five fax sets generated
afterwards (two adversarial, one at 150 dpi) 22 more and none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

import cv2
import numpy as np

from nianbao.ocr.fax import INK_BELOW, MIN_MARK_AREA, ZERO_MAX_ASPECT

# What a 0 broken open is read as when no shape rule of ocr.fax made it a 0.
STROKE_ZERO_READINGS = frozenset({"()", "1)", "(1", "0)", "(1)"})
LIKE_ZEROS = 0.8  # correlation of the blurred glyphs (1.0: the same ink)
# ... with neither side bare along this share of its height: a 9 whose loop's left side ends half-way down,
# its right side running on to its tail, read "1)" four times, came to LIKE_ZEROS with its left side bare
# along 0.38-0.42 of its height (fax 9512_000 at 150 dpi: three 9s kept as 0 at 0.9). On 35 fax sets
# (105 reports, 8801-8806, 9001-9005, 9101-9106, 9201-9207, 9301-9306, 9414-9416, 9511-9512) 303 lines were
# told like the page's zeros: those three 9s and 300 zeros, whose barest side, read so, was bare along
# 0.29 of its height at most.
STROKE_SIDE_GAP = 0.33
# A 0 whose sides the recogniser read as 1s, often surely (0.95-0.99). 24 unseen fax sets (3,154 lines read
# as strokes or 1s): printed 11s, 10s, 14s and 41s are 1.17-2.3 times as wide as the page's zeros of their
# height (a 0 read "11": 0.8-1.1). Of those as wide as the zeros, three 6s whose hook kept its tip came
# to 0.90 like them: each side of a 0 is ink from its top to its bottom (less a lost scan line or two), a
# 6's right side starts at its hook's tip (0.29-0.36 of its height down), a gap under it (0.17-0.36).
# With both bounds the other digits came to 0.83 at most (a 6), 65 zeros left null before to 0.9 or more.
ONE_STROKE_ZERO_READINGS = frozenset({"11", "1"})
LIKE_ZEROS_AS_ONES = 0.9
ZERO_WIDTH_SLACK = 1.1  # ... no wider than this times the median width of the page's zeros of its height
ONES_RIGHT_TOP = 0.2  # ... its right side's ink beginning this share of its height from its top at most
MAX_SIDE_GAP = 0.25  # ... and neither side without ink along this share of its height
# A 0 read as 1s lost its top and its bottom, so it is shorter than its font's digits; a 1 keeps its
# stem's full height. On 21 fax sets (1,017 lines read as strokes or 1s), zeros read "11" or "1" were at
# a median 0.80 of the height of the page's sure digits (90% at most 0.88), printed 1s and 11s at least
# 0.82 (95% at least 0.89). So short, as wide as the page's zeros, each side whole and its right side's
# ink beginning in its top tenth, it is a 0 less like them than LIKE_ZEROS_AS_ONES asks: the other digits
# as like (6s 0.80-0.84, a 9 0.83) were as tall as the digits (0.97-1.0), began their right side 0.17
# down, or had a side with a gap. On those sets 48 zeros more were read at LIKE_ZEROS, and no wrong number.
SHORT_ZERO_HEIGHT = 0.9  # ... this share of the page's digits' height at most
SHORT_ONES_RIGHT_TOP = 0.1  # ... and its right side's ink beginning within this share of its height
# How like the zeros such a short 0 must be depends on its sides. On 46 fax sets and three adversarial
# ones (27,306 + 1,800 fields; counts mostly 6, 8, 9, their pairs, 11, 14, 41), of such short lines as wide
# as the zeros, those with no side broken by two scan lines or more were 19 zeros at 0.72-0.80 (12 of them
# on one 150-dpi page) and no other digit above 0.6 (a 4 and 1s); with a side broken, two 9s whose left
# side ends under their loop came to 0.83 and 0.84 (one of them was read 0 at LIKE_ZEROS), zeros 0.68-0.94.
SHORT_WHOLE_LIKE_ZEROS, SHORT_BROKEN_LIKE_ZEROS = 0.7, 0.85
# Such a line of any height, with neither side broken by two scan lines or more and its right side's ink
# beginning within SHORT_ONES_RIGHT_TOP, needs only this: above every other digit measured as like the
# zeros with both bounds (6s at up to 0.84, 9s at 0.83 and 0.84). On 30 fax sets (90 reports: the ten made
# at the sixtieth session's start, 20 drawn at random), the lines read as 1s, as wide as the page's zeros
# and so whole that were no 0 came to -0.23 like them at most (lone 1s: every 6 and 9 as like had a side
# broken); nine zeros so were left null at 0.85-0.9 (pages whose sure digits were too few to measure their
# digits' height on: fax 11403_001, 11409_002). On three fax sets whose counts are mostly 6, 8, 9 and
# their pairs (11451-11453) it changed no field.
WHOLE_ONES_LIKE_ZEROS = 0.85
PAGE_ZERO_READINGS = STROKE_ZERO_READINGS | ONE_STROKE_ZERO_READINGS
# A 0 that lost its top or its bottom is read as letters or characters, no digit among them ("U", "UJ", "リ",
# "门", "行", "い", at 0.49-0.97). On 46 fax sets and three adversarial ones (27,306 + 1,800 fields), of the
# lines read so in two characters at most, as narrow as a lone 0, those like the page's zeros by LIKE_ZEROS
# with no side broken along NO_DIGIT_SIDE_GAP of their height were 31 zeros and no other digit. 9s read "!",
# "!!" or "リ" came to 0.73-0.83 like them, each with its loop's left side broken along 0.19-0.47 of its
# height; with no side broken so, the nearest other digit came to 0.69 (a 6 read "h"). Each of those
# zeros was as wide as the page's zeros at most (ZERO_WIDTH_SLACK), as a Chinese character in a label is not.
# On 69 fax sets (40,948 fields) one such line like the zeros by LIKE_ZEROS was a 6 broken open, read "い"
# and, once of four readings, "6" (fax 6216_001); no 0 read so had a reading with a digit 2-9.
MAX_NO_DIGIT_CHARACTERS = 2
NO_DIGIT_SIDE_GAP = 0.15
DIGIT_HEIGHT_SAMPLE = re.compile(r"[0-9.]*[2-9][0-9.]*")  # numbers no fax's 0 is read as, and no comma
# A page with no such number read surely (a report of zeros and ones) takes its lone 1s read surely, at
# least MIN_ONES_SAMPLE of them: a 1 is as tall as the other digits, and so is the stem a 4 that lost its
# bar leaves. On the 82 pages of 33 fax sets with three such 1s or more and sure digits 2-9 too, their
# median came to 0.86-1.13 of the digits' (median 1.0); with fewer, up to 1.56. On those 33 sets (19,594
# fields) it read 24 zeros more, all on one report of zeros and ones (seed 2406, 46 zeros read "11"), and
# changed no other field.
HEIGHT_SAMPLE_FALLBACK = "1"
MIN_ONES_SAMPLE = 3
# A lone 1 less than this share as tall as its page's digits is the remains of other print: a fax left a
# dash printed in an empty cell as a square dot, 6 pixels tall beside digits of 21, read "1" at 0.96 and
# printed (fax 11502_000, a PDF at 150 dpi). Of the 1,002 lone lines read "1" on the fax pages of 53 sets
# (142 reports: the ten fax sets made in the sixty-first session, 40 drawn at random, and three whose
# counts are mostly 6, 8 and 9), the 412 right 1s were 0.74 of their document's digits' height at least;
# below 0.5 were that dot and 20 lines read at 0.49, already null, most of them what a 2 left.
STUB_SHARE = 0.5
# A line read as round shapes and strokes or as 1s, another of whose readings saw strokes over specks ("!",
# "!!"), may be a 9 broken open, its loop's side over its tail's end: a 9 so, read "1)" three times and
# "!!" once, was told a 0 by its likeness, 0.89, with a side broken along 0.17 of its height (fax
# 11404_000, a TIFF at 200 dpi). Of the 320 zeros told by their likeness on the fax pages of 31 sets (93
# reports, drawn at random), none had such a reading; of the 4,934 zeros broken open into facing arcs
# logged on 36 fax sets, one was read "(!" once, none so. A line read so itself is told by its sides, as
# one read as letters is (NO_DIGIT_SIDE_GAP): a 0 read "!!" with its sides whole stays one (fax
# 10804_002).
SPECKED_STROKES = re.compile(r"[!！]+")
# Kept at any cut up to this (none wrong where measured), below the shape rules' own evidence (0.95).
LIKE_ZEROS_CONFIDENCE = 0.9
# Only zeros of about the same height and width are compared: a 0 of another size is another font.
SIZE_RATIO, ASPECT_RATIO = 1.35, 1.4
GLYPH_SIZE, GLYPH_BLUR = 24, 1.2  # the glyphs compared are scaled to this square, then blurred (pixels)
# A 0's right side reaches into its upper half: on 23 fax sets the right half of the 224 zeros told so
# began at most 0.36 of the glyph's height down. A 6 broken open (its hook's thin top lost) keeps the
# right side of its bowl alone, from half-way down: one such, like the page's zeros by 0.81, read 0.
ZERO_RIGHT_TOP = 0.45


@dataclass(frozen=True)
class Glyph:
    """A line's ink, scaled to a square, blurred, centred and of unit norm, with its size in pixels."""

    height: int
    width: int
    vector: np.ndarray
    right_top: float = 0.0  # where the ink of its right half begins, as a share of its height from the top
    side_gap: float = 0.0  # the longest run of rows with no ink in one half, as a share of its height

    @property
    def aspect(self) -> float:
        return self.width / self.height


def line_glyph(image: np.ndarray) -> Glyph | None:
    """The ink of a line crop (dark on light) as a Glyph: pieces of at least MIN_MARK_AREA pixels that do
    not touch the crop's edge (a rule's remains); None for a crop with no such ink."""
    glyph = _print_ink(image)
    if glyph is None:
        return None
    scaled = cv2.GaussianBlur(
        cv2.resize(glyph, (GLYPH_SIZE, GLYPH_SIZE), interpolation=cv2.INTER_AREA), (0, 0), GLYPH_BLUR
    )
    centred = scaled - scaled.mean()
    norm = float(np.linalg.norm(centred))
    if norm == 0:
        return None
    return Glyph(glyph.shape[0], glyph.shape[1], centred / norm, _right_top(glyph), _side_gap(glyph))


def _right_top(glyph: np.ndarray) -> float:
    """Where the ink of the right half of ``glyph`` (1 where ink, cut to its ink) begins, as a share of
    its height from the top."""
    height, width = glyph.shape
    rows = np.flatnonzero(glyph[:, width - width // 2 :].any(axis=1)) if width > 1 else np.arange(height)
    return float(rows[0]) / height if len(rows) else 1.0


def _side_gap(glyph: np.ndarray) -> float:
    """The longest run of rows with no ink in the left or the right half of ``glyph`` (1 where ink, cut to
    its ink), as a share of its height; a single row (a scan line a fax lost, shown at half height) is none."""
    height, width = glyph.shape
    longest = 0
    for half in (glyph[:, : (width + 1) // 2], glyph[:, width // 2 :]):
        run = 0
        for inked in np.any(half, axis=1).tolist():
            run = 0 if inked else run + 1
            longest = max(longest, run)
    return longest / height if longest > 1 else 0.0


def likeness_to_zeros(glyph: Glyph, zeros: Sequence[Glyph]) -> float:
    """How closely ``glyph`` matches the closest of the page's ``zeros`` of about its size (the
    correlation of their blurred ink, at most 1); -1 where none is of its size."""
    comparable = [
        zero
        for zero in zeros
        if _within(zero.height, glyph.height, SIZE_RATIO) and _within(zero.aspect, glyph.aspect, ASPECT_RATIO)
    ]
    return max((float((glyph.vector * zero.vector).sum()) for zero in comparable), default=-1.0)


def may_be_page_zero(text: str) -> bool:
    """Whether a reading is what a 0 broken open is read as: round shapes and strokes, 1s, or letters or
    characters with no digit (_no_digit_reading)."""
    return text.strip() in PAGE_ZERO_READINGS or _no_digit_reading(text)


def _no_digit_reading(text: str) -> bool:
    """Whether a reading is at most MAX_NO_DIGIT_CHARACTERS characters, none of them a digit."""
    stripped = text.strip()
    return 0 < len(stripped) <= MAX_NO_DIGIT_CHARACTERS and not any(char.isdigit() for char in stripped)


def _print_ink(image: np.ndarray) -> np.ndarray | None:
    """A line crop's ink (float 0/1, cut to its extent): pieces of at least MIN_MARK_AREA pixels that do not
    touch the crop's edge (a rule's remains); None where there is none."""
    ink = (image < INK_BELOW).astype(np.uint8)
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = ink.shape
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    at_edge = (x == 0) | (y == 0) | (x + stats[:, cv2.CC_STAT_WIDTH] >= w) | (y + stats[:, cv2.CC_STAT_HEIGHT] >= h)
    keep = (stats[:, cv2.CC_STAT_AREA] >= MIN_MARK_AREA) & ~at_edge
    keep[0] = False
    mask = keep[labels]
    if not mask.any():
        return None
    ys, xs = np.nonzero(mask)
    return mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.float32)


def short_of_page_digits(image: np.ndarray, digit_height: float | None) -> bool:
    """Whether a lone line's ink (``image``, its crop, as ``line_glyph`` takes it, a solid block too) is less
    than STUB_SHARE as tall as its page's digits (``page_digit_height``): no digit, but other print's remains."""
    ink = _print_ink(image)
    return ink is not None and digit_height is not None and ink.shape[0] < STUB_SHARE * digit_height


def page_digit_height(lines: Sequence[tuple[Glyph | None, str, float]], sure: float) -> float | None:
    """The median height of the glyphs of a page's lines (glyph, text, confidence) read at least ``sure``
    as a number with a digit 2-9 (DIGIT_HEIGHT_SAMPLE); where there is none, of those read so as a lone 1
    (HEIGHT_SAMPLE_FALLBACK), at least MIN_ONES_SAMPLE of them; None where there is neither."""
    read_surely = [
        (glyph.height, text.strip()) for glyph, text, confidence in lines if glyph is not None and confidence >= sure
    ]
    heights = [height for height, text in read_surely if DIGIT_HEIGHT_SAMPLE.fullmatch(text)]
    ones = [height for height, text in read_surely if text == HEIGHT_SAMPLE_FALLBACK]
    if heights or len(ones) >= MIN_ONES_SAMPLE:
        return median(heights or ones)
    return None


def like_page_zeros(
    glyph: Glyph | None,
    text: str,
    zeros: Sequence[Glyph],
    digit_height: float | None = None,
    readings: Sequence[str] = (),
) -> bool:
    """Whether a line read only as ``text`` of round shapes and strokes is a 0: as narrow as a lone 0,
    its right side reaching into its upper half (ZERO_RIGHT_TOP), and like the page's ``zeros`` told by
    their shape (LIKE_ZEROS), with neither side bare along STROKE_SIDE_GAP of its height; read as letters
    or characters with no digit, with no side broken along NO_DIGIT_SIDE_GAP of its height too, as wide as
    those zeros at most (a character is wider), and none of its other ``readings`` a number no 0 is read
    as (DIGIT_HEIGHT_SAMPLE: a 6 broken open read "い", once "6"); read as 1s, each side whole
    (ONES_RIGHT_TOP, MAX_SIDE_GAP), as wide as those zeros at most and more like them still, or less like
    them where no side lost two scan lines together and its right side is whole (WHOLE_ONES_LIKE_ZEROS),
    or where it is shorter than the page's digits (``digit_height``, page_digit_height) with its right
    side whole (SHORT_ZERO_HEIGHT, SHORT_ONES_RIGHT_TOP): less still where no side lost two scan lines
    together (SHORT_WHOLE_LIKE_ZEROS, SHORT_BROKEN_LIKE_ZEROS). Read as round shapes and strokes or as 1s,
    it is none where another of its ``readings`` saw strokes over specks (SPECKED_STROKES: a 9 broken open)."""
    text = text.strip()
    if glyph is None or not may_be_page_zero(text) or glyph.aspect > ZERO_MAX_ASPECT:
        return False
    if glyph.right_top > ZERO_RIGHT_TOP:
        return False
    likeness = likeness_to_zeros(glyph, zeros)
    if text not in PAGE_ZERO_READINGS:
        whole = glyph.side_gap < NO_DIGIT_SIDE_GAP
        read_as_digit = any(DIGIT_HEIGHT_SAMPLE.fullmatch(other.strip()) for other in readings)
        return likeness >= LIKE_ZEROS and whole and _as_wide_as_zeros(glyph, zeros) and not read_as_digit
    if any(SPECKED_STROKES.fullmatch(other.strip()) for other in readings):
        return False
    if text not in ONE_STROKE_ZERO_READINGS:
        return likeness >= LIKE_ZEROS and glyph.side_gap < STROKE_SIDE_GAP
    whole_sides = glyph.right_top <= ONES_RIGHT_TOP and glyph.side_gap < MAX_SIDE_GAP
    if not (whole_sides and _as_wide_as_zeros(glyph, zeros)):
        return False
    whole_from_top = glyph.side_gap == 0 and glyph.right_top <= SHORT_ONES_RIGHT_TOP
    if likeness >= LIKE_ZEROS_AS_ONES or (whole_from_top and likeness >= WHOLE_ONES_LIKE_ZEROS):
        return True
    short_likeness = SHORT_WHOLE_LIKE_ZEROS if glyph.side_gap == 0 else SHORT_BROKEN_LIKE_ZEROS
    return likeness >= short_likeness and _short_zero(glyph, digit_height)


def _short_zero(glyph: Glyph, digit_height: float | None) -> bool:
    """Whether ``glyph`` is shorter than the page's digits as a 0 that lost its top and bottom is, its
    right side beginning at its top (SHORT_ZERO_HEIGHT, SHORT_ONES_RIGHT_TOP)."""
    short = digit_height is not None and glyph.height <= SHORT_ZERO_HEIGHT * digit_height
    return short and glyph.right_top <= SHORT_ONES_RIGHT_TOP


def _as_wide_as_zeros(glyph: Glyph, zeros: Sequence[Glyph]) -> bool:
    """Whether ``glyph`` is no wider than ZERO_WIDTH_SLACK times the page's zeros of its height."""
    widths = [zero.width for zero in zeros if _within(zero.height, glyph.height, SIZE_RATIO)]
    return bool(widths) and glyph.width <= ZERO_WIDTH_SLACK * median(widths)


def _within(a: float, b: float, ratio: float) -> bool:
    return max(a, b) <= ratio * min(a, b)
