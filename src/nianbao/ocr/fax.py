"""Value lines of a fax page, where thin horizontal strokes are lost. Pure: a line crop and its reading in.

A fax's half vertical resolution drops the thin horizontal strokes of a serif face: a 0 breaks open into
"( )", a 4 loses its bar and leaves a lone diagonal beside a "1", a minus sign shrinks to a speck. The
recogniser then reads "()" (no number) or, worse, a confident "1". The rules follow from the ink:

- a line that is one pair of facing arcs, "(" then ")", as tall as each other, is a 0 broken open when
  every reading saw round shapes in it, or round shapes and strokes and its two sides bow alike (a 9 or
  a 6 broken open reads as strokes too, but bows out higher or lower on one side);
- a 1 is one stroke, which losing horizontal strokes cannot break, and what a digit that lost its
  horizontals (a 4, a -1) is read as: a number with a 1 in it beside more pieces of ink than it has
  characters (a pair of facing arcs counting as one) is not trusted;
- a 9 whose loop lost its top reads as a 4, a 3 that lost strokes as an 8, both surely: a number with a
  4 or an 8 in it is read again at the standard input width and kept only when both readings agree;
- a 0 broken open otherwise (more pieces, a side straight, a tip lost) closes again once its ink is
  thickened, and once it is blurred, while a 6 or a 9 broken open keeps its tail or stem: a line read
  only as round shapes and strokes is a 0 when both those views of it read "0";
- a number read surely with a digit that a broken digit is read as (a 6 or a 9 as 0 or 4, a 4 as 1, a
  3 or a 9 as 8, a 2 as 3, 5 or 7) is kept only when its blurred view reads the same digits, and a
  short one with a 4 only when its thickened view does too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import cv2
import numpy as np

from nianbao.model import OPEN_ZERO_SHAPE, ROUND_ZERO_SHAPE, THICKENED_ZERO_SHAPE
from nianbao.ocr.restore import ROUND_SHAPES, UNAGREED_CAP, upscaled

INK_BELOW = 128  # grey level: ink of the line crop, for its shapes
FAINT_INK_BELOW = 200  # ... and any mark at all: a fax page is bilevel, a lone thin stroke turned grey
MIN_MARK_AREA = 2  # pixels: a minus sign shrunk by the fax is this small, and still a mark
# A crumb left of a 0's lost bar is at most this share of the 0's height tall, and its middle lies within
# this share of the 0's height of its top or bottom.
CRUMB_SHARE = 0.3
BOW = 0.04  # the arcs of a broken 0 bow outwards, each its own way, by this share of their height on average
PAIR_HEIGHT_RATIO = 0.75  # the two arcs of a broken 0 are about as tall as each other
PAIR_GAP = 1.0  # ... and no further apart than their height
# ... and each at most this share of its height wide: a 0's side is half of it. A 1 beside a 0 that kept
# its bottom but lost its top (one mark, 0.76 as wide as tall) bowed as a pair of arcs do, and a 10 read
# "10" at 0.99998 was read 0 (fax 9601_002, 150 dpi). Of the 5,223 pairs of facing marks on the value and
# label lines of 39 fax sets (8801-9604, 117 reports), the zeros' widest side came to 0.61.
ARC_WIDTH = 0.7
SAME_GLYPH = 0.5  # pieces overlapping by this share of the narrower one's width are one glyph ...
SPLIT, MIN_SPLIT = 0.15, 2  # ... when a lost scan line split them: this share of the line's height apart at most
# A side of a small 0 may lose several scan lines at once (14 pixels tall at 200 dpi: gaps of 3-5 rows).
# Glyphs one above the other over these shares of the narrower one's width, and at most this share of
# their joint height apart, are one side. Unseen fax seeds (21 sets of 2-6 reports, 3 of them adversarial,
# most counts 6, 8, 9 or their pairs): 62 more zeros read in 15,502 fields; no other digit's pieces were
# taken for a 0's sides.
SIDE_OVERLAP, SIDE_GAP = 0.6, 0.5
NUMBER_CHARACTERS = set("0123456789+-.,")
OPEN_ZERO_CONFIDENCE = 0.95  # the shape is the evidence, as for a dash: a broken-open 0 is a 0
# Read as strokes ("01", "11", "1)"), facing arcs may also be a 9 or a 6 whose loop lost its horizontals.
STROKE_READINGS = ROUND_SHAPES | set("1")
# A 0's sides are furthest out within this share of its height of mid height, and of each other
# (unseen fax seeds: 90% of zeros within 0.12; the 9s broken open that read as strokes 0.17).
BELLY_SPREAD = 0.12
BROKEN_LOOKALIKES = set("48")  # what a fax's 9 (its loop's top lost) and 3 are read as
# A fax breaks a 0, 2, 3, 5, 6, 8 or 9 into two pieces, as a 4 read "1" leaves its diagonal beside the 1:
# a number of LONG_NUMBER characters or more read at SURE_LONG_NUMBER or more, with a 1 in it, is
# capped only where its pieces outnumber its characters and such digits' second pieces. On 30 fax reports
# (10 sets, 150 and 200 dpi) 14 such numbers were left null, 13 read right (2170, 1005, 1702, 36917: their
# breaks, not their 1s, made the pieces) and one wrong (1786 read "1780", its 6 read as 0), which the
# checks after this one still cap: 8 fields more right there, 26 of 20,762 on 35 other fax sets, and no
# wrong number. Of the 68 numbers so on those 35 sets, 5 were wrong (a 400 read "100", an 8349 "8319": a 4
# read "1" inside them), every one capped or decoded right by those checks. Two-digit numbers stay capped:
# there 11 of 36 were wrong (48 read "18", 40 read "10"), a 4's diagonal as many pieces as a broken digit.
BROKEN_IN_TWO = frozenset("0235689")
LONG_NUMBER, SURE_LONG_NUMBER = 3, 0.95
# Thickening (a grey-level erosion by this square, at the recogniser's height) and blurring (this sigma)
# bridge the gaps a fax leaves in a 0. Unseen fax seeds, adversarial ones with most counts made 6, 8, 9
# or 69 included: of 612 lines both views read as "0", all were zeros; either view alone misread 6s and 9s.
THICKEN_SIZE, BLUR_SIGMA = 3, 2.0
# A lone 0 is no wider than it is tall (unseen fax seeds: 0.57-1.0); a number of two digits broken into
# less ink than it had is wider, and its thickened views may read as "0".
ZERO_MAX_ASPECT = 1.1
# What a fax's broken 6 or 9 (0, 4), 4 (1), 3 or 9 (8) and 2 (3, 5, 7) are read as. Unseen fax seeds,
# adversarial ones included: of 18 wrong numbers read surely, all had one of 0148 and the blurred view
# disagreed with 12; it disagreed with 2 of 595 right ones. With 3, 5 and 7 (fax sets at 150 dpi added):
# of the 5 wrong numbers those checks still kept, it caught a 25 read "35", at the cost of 2 of 5,508 right.
CONFIRMED_DIGITS = set("0134578")
# A 9 read "4" by its blurred view too (its loop's top lost in both) is not a 4 in its thickened view: a
# short number with a 4 must be read alike by both views (thickening merges the strokes of long ones).
# Caught 2 of those 5; lost 1 of 5,508 right (a 24 whose thickened view read "2").
BOTH_VIEWS_DIGITS = set("4")
BOTH_VIEWS_MAX_LENGTH = 3

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Mark:
    """One glyph's ink in a line crop: the pieces of ink one above the other."""

    x0: int
    y0: int
    x1: int
    y1: int
    bow: float  # how far its middle lies right (+) or left (-) of both its ends, in its heights; 0: neither

    @property
    def height(self) -> int:
        return self.y1 - self.y0


def line_marks(gray: np.ndarray, ink_below: int = INK_BELOW) -> list[Mark]:
    """The glyphs of a line crop (dark on light; ink darker than ``ink_below``), left to right: pieces of
    ink of at least MIN_MARK_AREA pixels, those that overlap horizontally taken together."""
    ink = (gray < ink_below).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    pieces = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= MIN_MARK_AREA]
    if not pieces:
        return []
    tallest = max(int(stats[i, cv2.CC_STAT_HEIGHT]) for i in pieces)
    groups = _glyphs(stats, pieces, max(MIN_SPLIT, SPLIT * tallest))
    return [_mark(labels, stats, group) for group in groups]


def side_marks(gray: np.ndarray, ink_below: int = INK_BELOW) -> list[Mark]:
    """The ``line_marks`` of a line crop, glyphs one above the other over the same columns (the pieces of
    a 0's side that lost scan lines) taken as one: what ``two_sides`` looks for."""
    joined: list[Mark] = []
    for mark in line_marks(gray, ink_below):
        if joined and _stacked(joined[-1], mark):
            last = joined[-1]
            x0, y0, x1, y1 = min(last.x0, mark.x0), min(last.y0, mark.y0), max(last.x1, mark.x1), max(last.y1, mark.y1)
            joined[-1] = Mark(x0, y0, x1, y1, _bow(gray[y0:y1, x0:x1] < ink_below))
        else:
            joined.append(mark)
    return joined


def _stacked(upper: Mark, lower: Mark) -> bool:
    """Whether two glyphs lie one above the other (apart, by SIDE_GAP of their joint height at most) over
    SIDE_OVERLAP of the narrower one's width."""
    overlap = min(upper.x1, lower.x1) - max(upper.x0, lower.x0)
    gap = max(lower.y0 - upper.y1, upper.y0 - lower.y1)
    joint = max(upper.y1, lower.y1) - min(upper.y0, lower.y0)
    narrower = min(upper.x1 - upper.x0, lower.x1 - lower.x0)
    return overlap >= SIDE_OVERLAP * narrower and 0 < gap <= SIDE_GAP * joint


def _glyphs(stats: np.ndarray, pieces: list[int], max_gap: float | None = None) -> list[list[int]]:
    """Pieces of ink grouped into glyphs, left to right: a piece that overlaps the glyph before it by
    SAME_GLYPH of the narrower one's width is part of it (a stroke broken by a lost scan line), if it
    lies no more than ``max_gap`` rows above or below it (None: any distance)."""
    left, width = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_WIDTH]
    top, height = stats[:, cv2.CC_STAT_TOP], stats[:, cv2.CC_STAT_HEIGHT]
    groups: list[list[int]] = []
    for i in sorted(pieces, key=lambda i: int(left[i])):
        if groups:
            last = groups[-1]
            right = max(int(left[j] + width[j]) for j in last)
            span = right - min(int(left[j]) for j in last)
            gap = max(
                int(top[i]) - max(int(top[j] + height[j]) for j in last),
                min(int(top[j]) for j in last) - int(top[i] + height[i]),
            )
            if right - int(left[i]) >= SAME_GLYPH * min(int(width[i]), span) and (max_gap is None or gap <= max_gap):
                last.append(i)
                continue
        groups.append([i])
    return groups


def _mark(labels: np.ndarray, stats: np.ndarray, group: list[int]) -> Mark:
    x0 = min(int(stats[i, cv2.CC_STAT_LEFT]) for i in group)
    y0 = min(int(stats[i, cv2.CC_STAT_TOP]) for i in group)
    x1 = max(int(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH]) for i in group)
    y1 = max(int(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT]) for i in group)
    glyph = np.isin(labels[y0:y1, x0:x1], group)
    return Mark(x0, y0, x1, y1, _bow(glyph))


def _bow(glyph: np.ndarray) -> float:
    """How a glyph bows: its middle rows against its top and its bottom rows, in its heights."""
    h = glyph.shape[0]
    band = max(1, h // 6)
    columns = np.arange(glyph.shape[1])

    def mean_x(rows: np.ndarray) -> float | None:
        weight = rows.sum()
        return float((rows.sum(axis=0) * columns).sum() / weight) if weight else None

    top, bottom = mean_x(glyph[:band]), mean_x(glyph[-band:])
    middle = mean_x(glyph[h // 2 - band // 2 : h // 2 + band // 2 + 1])
    if top is None or middle is None or bottom is None:
        return 0.0
    if middle > max(top, bottom):
        return (middle - max(top, bottom)) / h
    if middle < min(top, bottom):
        return (middle - min(top, bottom)) / h
    return 0.0


def _facing(left: Mark, right: Mark) -> bool:
    return left.bow < 0 < right.bow and right.bow - left.bow >= 2 * BOW and side_by_side(left, right, ARC_WIDTH)


def side_by_side(left: Mark, right: Mark, width_share: float) -> bool:
    """Whether two marks stand as a 0's two sides do: each at most ``width_share`` of its height wide,
    about as tall as the other, level with it and no further from it than its height (PAIR_HEIGHT_RATIO,
    PAIR_GAP)."""
    heights = sorted((left.height, right.height))
    overlap = min(left.y1, right.y1) - max(left.y0, right.y0)
    return (
        all(mark.x1 - mark.x0 <= width_share * mark.height for mark in (left, right))
        and heights[0] >= PAIR_HEIGHT_RATIO * heights[1]
        and overlap >= PAIR_HEIGHT_RATIO * heights[1]
        and right.x0 - left.x1 <= PAIR_GAP * heights[1]
    )


def open_zero_arcs(marks: list[Mark]) -> list[Mark] | None:
    """The two arcs of a lone 0 broken open: a pair of facing arcs and nothing else but, at most, a crumb
    between them at the top or the bottom (``two_sides``)."""
    sides = two_sides(marks)
    return sides if sides is not None and _facing(*sides) else None


def two_sides(marks: list[Mark]) -> list[Mark] | None:
    """Two marks side by side and nothing else but, at most, a crumb between them at the top or the
    bottom (what is left of a 0's own lost bar); None for other ink. A crumb anywhere else may be what is
    left of a 9's tail (its loop broken open looks the same), so that is not a 0's."""
    if len(marks) == 3 and _bar_crumb(marks[0], marks[1], marks[2]):
        marks = [marks[0], marks[2]]
    return marks if len(marks) == 2 else None


def _bar_crumb(left: Mark, crumb: Mark, right: Mark) -> bool:
    """Whether ``crumb`` is what is left of a bar between two arcs: small, between them, at their top or
    bottom."""
    top, bottom = min(left.y0, right.y0), max(left.y1, right.y1)
    height = bottom - top
    centre_x, centre_y = (crumb.x0 + crumb.x1) / 2, (crumb.y0 + crumb.y1) / 2
    return (
        crumb.height <= CRUMB_SHARE * height
        and left.x1 <= centre_x <= right.x0
        and (centre_y <= top + CRUMB_SHARE * height or centre_y >= bottom - CRUMB_SHARE * height)
    )


def character_count(marks: list[Mark]) -> int:
    """How many characters the glyphs make, a pair of facing arcs (a 0 broken open) counted once."""
    count, index = 0, 0
    while index < len(marks):
        pair = index + 1 < len(marks) and _facing(marks[index], marks[index + 1])
        index += 2 if pair else 1
        count += 1
    return count


class FaxReading(NamedTuple):
    text: str
    confidence: float
    shape: str = ""  # a 0 broken open: ROUND_ZERO_SHAPE or OPEN_ZERO_SHAPE (model.Word.shape)
    # A number with a 1 in it beside more pieces of ink than characters: the 1 may be a 4 whose bar's
    # remains lie outside the line's crop, where no reading or drawing of the crop sees them.
    lost_bar: bool = False


def fax_reading(image: np.ndarray, reading: tuple[str, float], pieces: int, seen: Sequence[str] = ()) -> FaxReading:
    """A lone value line's reading on a fax page, checked against its ink (``image``, its crop, and the
    count of ``ocr.fax_specks.ink_pieces`` around it): a 0 broken open is a 0 when every reading of it
    (``seen``, the texts its readings gave) is of round shapes, or of round shapes and strokes ("01",
    "1)") with arcs that bow alike (``arcs_alike``: a 9 or a 6 broken open reads as strokes too, but one
    of its sides bows higher or lower than the other); otherwise it is unsure. So is one read only as round shapes and
    strokes, but not "0", whose ink holds no such arcs but its faint ink does (``faint_arcs_alike``). A
    number with a 1 in it and more pieces of ink than characters is capped below any confidence cut."""
    text, conf = reading
    stripped = text.strip()
    readings = [other.strip() for other in (stripped, *seen)]
    strokes_only = all(other and set(other) <= STROKE_READINGS for other in readings)
    arcs = open_zero_arcs(side_marks(image)) if stripped and set(stripped) <= STROKE_READINGS else None
    if arcs is not None:
        if all(set(other) <= ROUND_SHAPES for other in readings):
            return FaxReading("0", max(conf, OPEN_ZERO_CONFIDENCE), ROUND_ZERO_SHAPE)
        if strokes_only and arcs_alike(image, arcs):
            return FaxReading("0", OPEN_ZERO_CONFIDENCE, OPEN_ZERO_SHAPE)
        return FaxReading(text, min(conf, UNAGREED_CAP))  # a 0, or a 9 broken open: never the number read
    if strokes_only and stripped != "0" and faint_arcs_alike(image):  # a 0 read so needs no shape
        return FaxReading("0", OPEN_ZERO_CONFIDENCE, OPEN_ZERO_SHAPE)
    if "1" in stripped and _is_number(stripped) and pieces > len(stripped) + _second_pieces(stripped, conf):
        return FaxReading(text, min(conf, UNAGREED_CAP), lost_bar=True)
    return FaxReading(text, conf)


def _second_pieces(stripped: str, conf: float) -> int:
    """How many more pieces of ink than characters a number with a 1 in it may leave without a 4 read as
    its 1: one for each digit a fax breaks in two, where the number is long and read surely (see
    BROKEN_IN_TWO); none otherwise."""
    if len(stripped) < LONG_NUMBER or conf < SURE_LONG_NUMBER:
        return 0
    return sum(char in BROKEN_IN_TWO for char in stripped)


def arcs_alike(gray: np.ndarray, marks: list[Mark], ink_below: int = INK_BELOW) -> bool:
    """Whether a pair of facing arcs bows like the two sides of a 0: each side is furthest out at mid
    height, and both at the same height. A 9 broken open is furthest out on the left above the middle
    (its loop) and a 6 on the right below it."""
    y0, y1 = min(m.y0 for m in marks), max(m.y1 for m in marks)
    ink = gray[y0:y1] < ink_below
    left, right = (
        _belly(ink[:, marks[0].x0 : marks[0].x1], outer_right=False),
        _belly(ink[:, marks[1].x0 : marks[1].x1], outer_right=True),
    )
    if left is None or right is None:
        return False
    return max(abs(left - 0.5), abs(right - 0.5), abs(left - right)) <= BELLY_SPREAD


def faint_arcs_alike(gray: np.ndarray) -> bool:
    """Whether a line crop's faint ink (FAINT_INK_BELOW) is a pair of facing arcs, and nothing else, that
    bow like a 0's sides (``arcs_alike``), each unbroken from its top to its foot: a 0 whose sides the fax
    left partly grey, a side's dark ink too short beside the other's to face it (read "11", "1)" or "()").
    On 33 fax sets (99 reports) and a report whose counts are mostly 6, 8, 9 and their pairs, both sides
    of each of the 721 zeros whose faint ink was such a pair were unbroken, and 93 of those zeros had been
    left null; one 9 broken open (fax seed 3002, 150 dpi) was such a pair too, but its loop's side and its
    tail's end are two pieces one above the other even in its faint ink."""
    arcs = open_zero_arcs(side_marks(gray, FAINT_INK_BELOW))
    if arcs is None or not arcs_alike(gray, arcs, FAINT_INK_BELOW):
        return False
    faint = gray < FAINT_INK_BELOW
    return all(faint[arc.y0 : arc.y1, arc.x0 : arc.x1].any(axis=1).all() for arc in arcs)


def _belly(side: np.ndarray, outer_right: bool) -> float | None:
    """Where a side of a glyph lies furthest out (right or left), as a share of its height from the top:
    the middle of the rows that reach furthest out."""
    rows = np.flatnonzero(side.any(axis=1))
    if len(rows) == 0:
        return None
    flipped = side[:, ::-1] if outer_right else side
    reach = np.array([-int(np.argmax(flipped[r])) for r in rows])  # how far out each row's ink reaches
    furthest = rows[reach == reach.max()]
    return float((furthest.mean() + 0.5) / side.shape[0])


def needs_second_width(text: str) -> bool:
    """Whether a lone value line's reading on a fax page must be confirmed by a reading at the standard
    width: a number with a digit in it that a fax's broken 9 or 3 is read as."""
    stripped = text.strip()
    return _is_number(stripped) and bool(BROKEN_LOOKALIKES & set(stripped))


def confirmed_by_second_width(reading: tuple[str, float], wide: tuple[str, float]) -> tuple[str, float]:
    """``reading`` when the reading at the standard width gives the same text, else capped below any
    confidence cut (a 9 read "4" at one width is often read "9" at the other)."""
    text, conf = reading
    return reading if wide[0].strip() == text.strip() else (text, min(conf, UNAGREED_CAP))


def thickened_views(gray: np.ndarray) -> list[np.ndarray]:
    """A line crop at the recogniser's height with its ink thickened, and blurred: the views in which a
    fax's 0 broken open closes again (``zero_when_thickened``)."""
    big = upscaled(gray)
    return [cv2.erode(big, np.ones((THICKEN_SIZE, THICKEN_SIZE), np.uint8)), _blurred(big)]


def confirming_views(gray: np.ndarray, text: str) -> list[np.ndarray]:
    """The views of a line crop that must repeat its sure reading ``text`` (``confirmed_by_views``): the
    blurred one of the ``thickened_views``, and for a short number with a 4 the thickened one too. The
    thickened one merges the strokes of some right numbers, so it is not asked of the others."""
    stripped = text.strip()
    if BOTH_VIEWS_DIGITS & set(stripped) and len(stripped) <= BOTH_VIEWS_MAX_LENGTH:
        return thickened_views(gray)
    return [_blurred(upscaled(gray))]


def _blurred(big: np.ndarray) -> np.ndarray:
    return cv2.GaussianBlur(big, (0, 0), BLUR_SIGMA)


def may_be_broken_zero(line: Box, seen: Sequence[str]) -> bool:
    """Whether a lone value line (its box) is one glyph wide at most, and its readings (``seen``, their
    texts) are all of round shapes and strokes, as a fax's 0 broken open reads ("()", "11", "1)")."""
    x0, y0, x1, y1 = line
    texts = [text.strip() for text in seen]
    narrow = x1 - x0 <= ZERO_MAX_ASPECT * (y1 - y0)
    return narrow and any(texts) and all(set(text) <= STROKE_READINGS for text in texts)


def zero_when_thickened(views: Sequence[tuple[str, float]]) -> FaxReading | None:
    """A 0 (THICKENED_ZERO_SHAPE) when every reading of the ``thickened_views`` of a line that
    ``may_be_broken_zero`` is "0"; None otherwise."""
    if views and all(text.strip() == "0" for text, _ in views):
        return FaxReading("0", OPEN_ZERO_CONFIDENCE, THICKENED_ZERO_SHAPE)
    return None


def needs_confirming_views(text: str) -> bool:
    """Whether a lone value line's sure reading on a fax page must be confirmed by its views:
    a number, other than a lone 0 (whose views read it otherwise too often), with a digit a fax's
    broken digits are read as."""
    stripped = text.strip()
    return _is_number(stripped) and stripped != "0" and bool(CONFIRMED_DIGITS & set(stripped))


def confirmed_by_views(reading: tuple[str, float], views: Sequence[tuple[str, float]]) -> tuple[str, float]:
    """``reading`` when every reading of its ``confirming_views`` gives the same digits (and decimal point),
    else capped below any confidence cut. A sign or a thousands separator is a small mark that blurring
    may merge or blur away, and not what this check is about."""
    text, conf = reading
    agreed = all(_digits(view) == _digits(text) for view, _ in views)
    return reading if agreed else (text, min(conf, UNAGREED_CAP))


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit() or c == ".")


def unsigned_number(text: str) -> bool:
    """Whether a reading is a number printed with no sign."""
    stripped = text.strip()
    return _is_number(stripped) and stripped[0] not in "+-"


def _is_number(stripped: str) -> bool:
    """Whether a stripped reading is made of number characters only (digits, sign, point, separator)."""
    return bool(stripped) and set(stripped) <= NUMBER_CHARACTERS
