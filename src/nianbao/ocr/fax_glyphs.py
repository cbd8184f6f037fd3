"""A lone digit read surely on a fax page, checked against where and how its ink lies. Pure.

A fax can drop every thin stroke of a digit, not only its horizontal ones. What is left is often what the
recogniser reads, surely, as another digit:

- a 4 that lost its diagonal and its bar leaves its stem, a 1; so does a -1 that lost its minus. Both
  stems lie right of where a 1 printed alone in its cell would: on a page whose values are centred in
  their cells, a lone 1 right of its cell's middle is not trusted (ocr.fax_placement);
- a 7 whose stem thinned is read as a 1, and a 1's top is never its widest part;
- a 9 whose loop lost its top is read as a 4, and a 4's stem (its tallest stroke) starts at its top;
- a 4 that lost its bar keeps its diagonal as faint grey beside its stem, which the recogniser reads as
  a 1: a lone 1 whose faint ink is far wider across its middle than the page's other lone 1s' is not one
  (one that kept only its bar's end: ocr.fax_remains).

And a lone 0 read as "()", two round shapes, is a 0 when its ink is two narrow sides about as tall as
each other, side by side, even where the page's low resolution left them too straight to bow as a 0's
sides do (ocr.fax's facing arcs); a lone 6 read as strokes ("11", "(i") is a 6 when its left side is as
tall as its ink and right of it stands only its loop's lower side, nothing but its hook's tip above.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from statistics import median

import cv2
import numpy as np

from nianbao.ocr.fax import (
    FAINT_INK_BELOW,
    INK_BELOW,
    MIN_MARK_AREA,
    Mark,
    line_marks,
    side_by_side,
    side_marks,
    two_sides,
)

TOP_BAND = 0.25  # the top and the bottom of a glyph: this share of its height
TOP_HEAVY_WIDTH = 0.5  # a 7's top is at least this share of its height wide, and twice its foot
STEM_BELOW_TOP = 0.1  # a 4's tallest stroke starts within this share of its height of its top
TAIL_BAND = 0.15  # ... and in the bottom of its height no ink but that stroke stands: a 9's tail ends there
# A 4 that lost its bar keeps its diagonal: ink left of its stem from its top down to where the bar was,
# 0.67-1.0 of its height on fresh fax seeds (nine read "1" at 0.73-0.996), where a 1's flag reaches
# 0.12-0.44 (75 lone 1s, a slab face's long flag among them). Faint ink counts: the fax left it grey.
DIAGONAL_FROM_TOP, DIAGONAL_REACH, DIAGONAL_SPAN, STROKE_GAP = 0.35, 0.6, 0.8, 2
# A slash leans: its top quarter lies SLASH_LEAN of its width or more right of its bottom quarter, where a
# 1's lies -0.17-0.07 of it (as table.line_shapes tells slashes). A slash beside crumbs of print is read,
# for it may be a 2 or a 7 that lost strokes, and may be read "1".
SLASH_LEAN = 0.4
# A 6 or a 9 whose thin strokes were lost and whose ink is left as two pieces side by side keeps its hook
# on one side: a 6's left side reaches above its loop's right side, a 9's right side below its loop's left
# side, by 0.33-0.38 of its height on fresh fax seeds. Where the side that would hold the hook reaches no
# more than HOOK_REACH beyond the other, the two are a 0's: a page that lost its thin strokes prints 0 as
# "()" 9-14 pixels tall, read surely as 9 (0.94 on a noisy 150-dpi scan, its left side the taller).
# Crumbs below SIDE_PIECE_AREA pixels are left out: a 9's tail tip under its loop is one.
HOOK_REACH, SIDE_PIECE_AREA = 0.15, 5
# Unseen fax seeds (7 sets, 14 reports, the cells' ink): across the middle band of a glyph's height, the
# faint ink of a page's lone 1s spans 0.15-0.50 of its height, at most 1.4 times the median of the page's
# lone readings of 1; the 4s that lost their bar, read "1", 0.50-0.62, 1.4-3.3 times (2.9 and 3.3 where
# they were read surely). Told from MIN_ONES of them.
MIDDLE_BAND = (0.3, 0.8)
MIN_GLYPH_HEIGHT = 4  # pixels: too few rows to tell a glyph's shape by
WIDE_MIDDLE, MIN_WIDE_MIDDLE, MIN_ONES = 2.0, 0.45, 3

# Unseen fax seeds (36 reports) and adversarial ones (12, counts mostly 6, 8, 9, 66, 69, 96, 99): 1,218
# lines were read "()". The 960 with two such sides were all zeros: 870 the other rules (ocr.fax) read as
# 0 already, 90 they left null. The three not zeros (a 9, a 66, a 99) left more pieces, or sides of
# unlike heights (a 6's or a 9's loop is half its height).
ZERO_READINGS = ("()", "（）")
# What a stroke with a dot above it is read with: a 6 whose hook kept only its tip (fresh fax 1921, a 6
# read "()", "1" and "(i" was taken for a 0 broken open). Of 2,695 zeros told by their shape on 14 fax
# sets, none had a reading holding one.
DOTTED_STROKES = frozenset("ij")
SIDE_WIDTH = 0.6  # each side of a 0 is at most this share of its height wide
# A 6 whose hook kept only its tip and whose loop's right side begins a third of the way down, read "()",
# was taken for a 0's two sides (fresh fax 9813_002): the tip, two rows of one scan line, stood apart above
# the loop's side and right of its top. A piece apart at the top of a side, at most this share of its
# height, is such a tip where it lies right of the side below it.
HOOK_TIP = 0.25


def zero_sides(gray: np.ndarray, text: str) -> bool:
    """Whether a lone line crop (``gray``, dark on light) read as two round shapes is a 0 broken open:
    two narrow sides (and at most a crumb of its lost bar between them at the top or the bottom) about
    as tall as each other, level, no further apart than their height, neither bowing the wrong way."""
    if text.replace(" ", "") not in ZERO_READINGS:
        return False
    sides = two_sides(side_marks(gray))
    return sides is not None and _sides_of_a_zero(*sides) and not hook_tip_above(gray, sides[1])


def hook_tip_above(gray: np.ndarray, right: Mark) -> bool:
    """Whether the right side of a 0 broken open (``right``, in the line crop ``gray``) is a 6's instead: a
    piece at its top no taller than HOOK_TIP of it, apart from the rest by bare rows and lying right of where
    the rest begins (a 6's hook curls out; a 0's side bends in toward its top)."""
    ink = gray[right.y0 : right.y1, right.x0 : right.x1] < INK_BELOW
    rows = np.flatnonzero(ink.any(axis=1))
    gaps = np.flatnonzero(np.diff(rows) > 1)
    if rows.size == 0 or gaps.size == 0:
        return False
    tip_end, rest_start = rows[gaps[0]] + 1, rows[gaps[0] + 1]
    if tip_end - rows[0] > HOOK_TIP * len(ink):
        return False
    tip_left = int(np.flatnonzero(ink[rows[0] : tip_end].any(axis=0))[0])
    return tip_left > int(np.flatnonzero(ink[rest_start])[0])


def dotted_stroke(seen: Sequence[str]) -> bool:
    """Whether any reading of a line (``seen``) saw a stroke with a dot above it (DOTTED_STROKES): ink a 0
    broken open does not have."""
    return any(DOTTED_STROKES & set(text) for text in seen)


def _sides_of_a_zero(left: Mark, right: Mark) -> bool:
    return left.bow <= 0 <= right.bow and side_by_side(left, right, SIDE_WIDTH)


def misread_lone_digit(gray: np.ndarray, text: str) -> str | None:
    """What a line crop (``gray``, dark on light) read as a lone 1, 4, 6 or 9 more likely is, by its ink's
    shape: "7" for a 1 widest at its top, "/" for a 1 that leans as a slash does, "4" for a 1 with a long
    diagonal left of its stem, "9" for a 4 whose tallest stroke starts below its top or with ink apart from
    it at its bottom left, "0" for a 6 or a 9 left as two sides with no hook. None when its shape fits its
    reading, or it is no such lone digit."""
    stripped = text.strip()
    if stripped in ("6", "9"):
        return "0" if _hookless_sides(gray, stripped) else None
    glyphs = _glyphs_of(gray) if stripped in ("1", "4") else None
    if glyphs is None:
        return None
    marks, top, bottom = glyphs
    height = bottom - top
    if stripped == "4":
        tallest = max(marks, key=lambda m: m.height)
        below_top = tallest.y0 - top > STEM_BELOW_TOP * height
        return "9" if below_top or _tail_left_of(gray[top:bottom], tallest.x0) else None
    left, right = min(m.x0 for m in marks), max(m.x1 for m in marks)
    ink = gray[top:bottom, left:right] < INK_BELOW
    band = max(1, int(TOP_BAND * height))
    head, foot = _widest(ink[:band]), _widest(ink[-band:])
    if head >= TOP_HEAVY_WIDTH * height and head > 2 * foot:
        return "7"
    if _lean(ink) >= SLASH_LEAN * ink.shape[1]:
        return "/"
    stem = left + int(np.argmax(ink.sum(axis=0)))
    return "4" if _left_of_stem_reach(gray[top:bottom] < FAINT_INK_BELOW, stem) >= DIAGONAL_REACH else None


def _tail_left_of(glyph: np.ndarray, stem_left: int) -> bool:
    """Whether a glyph's rows (``glyph``, dark on light) hold, in their bottom TAIL_BAND, a mark of ink
    apart from and left of its tallest stroke (starting at ``stem_left``): where a 9's tail ends, and
    below a 4's bar nothing but its stem stands."""
    foot = glyph[int((1 - TAIL_BAND) * glyph.shape[0]) :, : max(0, stem_left - 1)] < INK_BELOW
    return foot.size > 0 and bool(ink_boxes(foot))  # OpenCV's labelling fails on an empty image


def quarter_columns(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The columns a glyph's ink (``ink``, cut to its print) reaches in its top quarter and in its bottom
    quarter: how far it leans, and how wide its ends are."""
    quarter = max(1, ink.shape[0] // 4)
    return np.flatnonzero(ink[:quarter].any(axis=0)), np.flatnonzero(ink[-quarter:].any(axis=0))


def _lean(ink: np.ndarray) -> float:
    """How far right of its bottom quarter a glyph's top quarter lies (``ink`` cut to its print), in
    pixels."""
    top, bottom = quarter_columns(ink)
    return float(top.mean() - bottom.mean()) if top.size and bottom.size else 0.0


def _left_of_stem_reach(faint: np.ndarray, peak: int) -> float:
    """How far down a glyph, in its height, its faint ink (``faint``, the rows of its print) left of its
    stem runs from within DIAGONAL_FROM_TOP of its top, with gaps of at most STROKE_GAP rows (a fax's lost
    scan lines). The stem: the columns next to ``peak`` (its most inked) at least half as inked, its
    grey edge with them; what lies left of it is looked at for DIAGONAL_SPAN of the height."""
    height = faint.shape[0]
    inked = faint.sum(axis=0)
    start = peak
    while start > 0 and inked[start - 1] >= 0.5 * inked[peak]:
        start -= 1
    rows = np.flatnonzero(faint[:, max(0, start - int(DIAGONAL_SPAN * height)) : start].any(axis=1))
    if rows.size == 0 or rows[0] > DIAGONAL_FROM_TOP * height:
        return 0.0
    breaks = np.flatnonzero(np.diff(rows) > STROKE_GAP + 1)
    last = rows[breaks[0]] if breaks.size else rows[-1]
    return float(last + 1) / height


def _hookless_sides(gray: np.ndarray, digit: str) -> bool:
    """Whether a lone 6 or 9's ink is two pieces side by side, and no more, of which the one that would
    hold its hook reaches no more than HOOK_REACH of their height beyond the other: above it for a 6,
    below it for a 9."""
    pieces = sorted(ink_boxes(gray < INK_BELOW, SIDE_PIECE_AREA))
    if len(pieces) != 2 or pieces[1][0] < pieces[0][2]:
        return False
    (_, top_left, _, foot_left), (_, top_right, _, foot_right) = pieces
    height = max(foot_left, foot_right) - min(top_left, top_right)
    if height < MIN_GLYPH_HEIGHT:
        return False
    hook = top_right - top_left if digit == "6" else foot_right - foot_left
    return hook <= HOOK_REACH * height


def middle_width(gray: np.ndarray) -> float | None:
    """How wide a line crop's faint ink (``gray``, dark on light) is across the middle band of its glyphs'
    height at its widest, in that height; None where it holds no glyph."""
    glyphs = _glyphs_of(gray)
    if glyphs is None:
        return None
    _, top, bottom = glyphs
    height = bottom - top
    y0, y1 = top + int(MIDDLE_BAND[0] * height), top + int(MIDDLE_BAND[1] * height)
    return _widest(gray[y0:y1] < FAINT_INK_BELOW) / height


def wider_than_page_ones(width: float | None, page_widths: Sequence[float]) -> bool:
    """Whether a lone 1's ``middle_width`` is far wider than the median of its page's lone 1s'
    (``page_widths``, itself included): a 4 that lost its bar."""
    if width is None or len(page_widths) < MIN_ONES:
        return False
    return width >= max(MIN_WIDE_MIDDLE, WIDE_MIDDLE * median(page_widths))


def _glyphs_of(gray: np.ndarray) -> tuple[list[Mark], int, int] | None:
    """A line crop's glyphs (``line_marks``) and the top and foot of their ink; None where they are
    fewer than MIN_GLYPH_HEIGHT pixels tall, or none."""
    marks = line_marks(gray)
    if not marks:
        return None
    top, bottom = min(m.y0 for m in marks), max(m.y1 for m in marks)
    return (marks, top, bottom) if bottom - top >= MIN_GLYPH_HEIGHT else None


def _widest(rows: np.ndarray) -> int:
    """The widest span of ink of any of ``rows``, first to last inked column."""
    spans = [int(np.ptp(np.flatnonzero(row))) + 1 for row in rows if row.any()]
    return max(spans, default=0)


# A page that is no fax can still have lost its thin horizontal strokes: a serif face printed small,
# blurred and turned black-and-white at 150-200 dpi keeps a 0's sides and drops its top and bottom, as a
# fax does, and a 4 its diagonal. The recogniser then reads its zeros as brackets ("()", "0)", "(1"): on the
# pages measured (about 240 reports of every profile but fax), no line read so but on two such pages, 17
# of them on one, and on the other a single "0)" beside two 4s read "1" surely. A page with one such line
# is read as a fax is (a page printed right reads no value as a bracket).
MIN_BRACKET_READINGS = 1
BRACKETS = frozenset("()（）")
BRACKET_STROKES = BRACKETS | {"0", "1"}


def reads_like_a_fax(texts: Sequence[str]) -> bool:
    """Whether a page's cell lines (``texts``) hold MIN_BRACKET_READINGS or more read as brackets and
    strokes alone, with a bracket: zeros whose thin top and bottom were lost."""
    bracketed = (text.replace(" ", "") for text in texts)
    return (
        sum(bool(t) and set(t) <= BRACKET_STROKES and bool(set(t) & BRACKETS) for t in bracketed)
        >= MIN_BRACKET_READINGS
    )


# A page whose thin strokes were lost can read its zeros whole (a black-and-white scan of a light grey one
# keeps a 0's sides and its top), while its 4s lose their diagonal, its 5s their top and its minus signs
# altogether, read surely as 1, 3 and nothing. The numbers such a page reads unsurely give it away: on 308
# pages of every profile, a page that read well read at most one number below the cut (the hard scans'
# noise specks are read as letters, not numbers); pages thresholded from a grey 150-dpi scan read 4 to
# 14 so, and printed wrong numbers read surely beside them (324 read 321, -1 read 1, 38.54 read 38.34).
# A page with MIN_POOR_NUMBERS of them is read as a fax is. Numbers made of 1s alone do not count: a 1 has
# no thin stroke to lose, and what a noisy grey scan reads unsurely so is a change column's -1 or +1 whose
# sign its noise blurred (hard seed 3103: three on one page, none of its digits misread; read as a fax is,
# 38 of its numbers read right were left unconfirmed).
MIN_POOR_NUMBERS = 3
POOR_BELOW = 0.5  # a number read less surely than this (the default cut) is read poorly
DIGIT, HAN = re.compile(r"[0-9]"), re.compile(r"[\u4e00-\u9fff]")
ONES_WITH_SIGNS = re.compile(r"[-+=~_\u2013\u2014]*1+")  # 1, -1, =1, +1, 11


Lines = Sequence[tuple[str, float]]  # a cell's lines: text and confidence


def lost_thin_strokes(tables: Sequence[Sequence[Lines]]) -> bool:
    """Whether a page's tables (each its cells' lines) tell that its thin strokes were lost: zeros read as
    brackets (``reads_like_a_fax``) or numbers read poorly (``reads_poorly``). A table no line of which
    was read surely is left out: no table but print taken for one, a title's bold strokes for its rules
    (hard seed 5901: a piece of a title's character read ")" sent a hard scan to be read as a fax is, and
    8 fields were lost)."""
    read = [cells for cells in tables if any(conf >= POOR_BELOW for lines in cells for _, conf in lines)]
    cells = [lines for table in read for lines in table]
    return reads_like_a_fax([text for lines in cells for text, _ in lines]) or reads_poorly(cells)


def outside_label_columns(cells: Sequence[tuple[int, Lines]]) -> list[Lines]:
    """A table's cells (each its column and its lines) but those of its label columns: columns more of
    whose cells hold a line of Chinese characters than do not, where another column is no such column. A
    vertical label whose column's rules were lost in its rows is cut into cells of a character or two, and
    a cell's pieces of a character are read as numbers: faint 11012_002 (a PNG at 150 dpi), a 、 and 年度's
    and 办理's strokes read "0", "28" and "3" below 0.3 beside 年, 度, 办 and 结果 read surely, and a page read
    right was read as a fax is (13 fields lost). No number is printed in such a column."""
    han = Counter(column for column, lines in cells if _holds_han(lines))
    other = Counter(column for column, lines in cells if lines and not _holds_han(lines))
    labels = {column for column in han if han[column] > other[column]}
    if not set(other) - labels:
        return [lines for _, lines in cells]
    return [lines for column, lines in cells if column not in labels]


def _holds_han(lines: Lines) -> bool:
    return any(HAN.search(text) for text, _ in lines)


def reads_poorly(cells: Sequence[Lines]) -> bool:
    """Whether MIN_POOR_NUMBERS or more of a page's cells (each its lines' text and confidence) hold a
    number read unsurely (a line with Chinese characters is a label, 7.属于行政执法案卷, whatever its
    digits), other than 1s alone. A cell counts once: one read as several lone digits, a line each, is a
    vertical label read a character at a time where its column's rules were lost (faint seed 5608: 本, 年
    and 度 read "5", "4" and "9" below 0.16, and a page read well was read as a fax is, 86 fields lost)."""
    poor = (any(conf < POOR_BELOW and _digits_with_thin_strokes(text) for text, conf in lines) for lines in cells)
    return sum(poor) >= MIN_POOR_NUMBERS


def _digits_with_thin_strokes(text: str) -> bool:
    """Whether a line is a number with a digit other than 1 (with or without a sign), not a label."""
    stripped = text.replace(" ", "")
    return bool(DIGIT.search(stripped)) and not HAN.search(stripped) and not ONES_WITH_SIGNS.fullmatch(stripped)


# A page stored black and white at 200 dpi or less (preprocess.fax.coarse_bilevel) can lose its thin strokes
# and still read its numbers well: its 4s lost their diagonals and were read "1" at 0.96-0.98, a 24 "21" at
# 0.998, beside a few numbers read less surely. MIN_UNSURE_NUMBERS numbers read below UNSURE_BELOW on such
# a page send it to be read as a fax is: on the 98 reports with such pages of 216 non-fax sets, 11 of their
# 14 wrong numbers were gone and 5 more fields read right; reading every such page as a fax is would have
# read 69 fields fewer right (a page thresholded from a dark noisy scan lost its rows' values, 14 fields).
MIN_UNSURE_NUMBERS = 3
UNSURE_BELOW = 0.95
# A lone 1 read below LONE_ONE_BELOW on such a page sends it to be read as a fax is, alone: a 4 that lost
# its bar (and its diagonal but for its end) was read "1" at 0.937 beside one other number read unsurely
# (mixed 9510_001, 150 dpi) and at 0.971 beside two (noisy 9808_001, stored black and white at 175 dpi),
# and printed. The 24 lone 1s read right on the 29 black-and-white pages of 124 non-fax sets were read at
# 0.984 or more.
LONE_ONE_BELOW = 0.98
NUMBER = re.compile(r"[-+]?[0-9][0-9.,]*")


def reads_unsurely(tables: Sequence[Sequence[Lines]]) -> bool:
    """Whether MIN_UNSURE_NUMBERS or more of a page's cells (``tables``: each its cells' lines) hold a number
    read less surely than UNSURE_BELOW, or one holds a lone 1 read less surely than LONE_ONE_BELOW."""
    cells = [lines for table in tables for lines in table]
    if any(text.strip() == "1" and conf < LONE_ONE_BELOW for lines in cells for text, conf in lines):
        return True
    unsure = (
        any(conf < UNSURE_BELOW and NUMBER.fullmatch(text.replace(" ", "")) for text, conf in lines) for lines in cells
    )
    return sum(unsure) >= MIN_UNSURE_NUMBERS


# A 6 whose loop lost its top and whose hook kept at most its tip is read as strokes ("11", "li", "(i"): its
# left side is as tall as its ink, but on its right the loop's side begins only below SIX_LOOP_FROM of the
# height and reaches SIX_LOOP_TO of it, with rows between it and the top bare even of faint ink for
# SIX_BARE of the height (a 0's right side is unbroken there, in faint ink at least: ocr.fax). Of the
# 21,736 lone value lines of 33 fax sets (99 reports), 34 were so, all 6s: 29 of the 61 6s left null, 5
# read "6" already; without SIX_LOOP_HEIGHT three lone 1s with a speck right of their foot were too.
SIX_SIDE_FROM, SIX_LOOP_FROM, SIX_LOOP_TO, SIX_BARE = 0.7, 0.35, 0.85, 0.1
# The loop's side is at least SIX_LOOP_HEIGHT of the height: a 1's foot serif is less, and so is the lower
# of the two specks a fax left of a 0's right side (0.25: read "()" and "1", told a 6 and printed, fax
# 11501_001, a JPEG at 200 dpi). Every line told a 6 so on the fax pages of 53 sets (142 reports: the ten
# fax sets made in the sixty-first session, 40 drawn at random, and three whose counts are mostly 6, 8 and
# 9) logged: that 0 and 21 others, at 0.45 of the height at least (the 14 whose cells tell their value, 6s).
SIX_LOOP_HEIGHT = 0.35
SIX_BARE_FROM = 0.2  # rows this far down and below, to the loop's top, are looked at for bare ones
SIX_MAX_ASPECT = 1.0  # a 6 is narrower than it is tall: ink wider than that is more than one digit
SIX_READINGS = frozenset("1lIiíìfj|()") | DOTTED_STROKES  # and "6": what such ink is read as
HOOK_TIPS = frozenset("iíìj")  # what a 6's hook's tip is read as after it


def open_six(gray: np.ndarray, seen: Sequence[str]) -> bool:
    """Whether a line crop read only as strokes (every text of ``seen``, "6" too, and a 6 with its hook's tip
    read apart, and not "1" alone) is a 6 broken open."""
    texts = [text.replace(" ", "") for text in seen]
    strokes = all(text and (set(text) <= SIX_READINGS or _six_and_its_tip(text)) for text in texts)
    if not texts or not strokes or all(text == "1" for text in texts):
        return False
    pieces = ink_boxes(gray < INK_BELOW)
    if len(pieces) < 2:
        return False
    top, foot = min(p[1] for p in pieces), max(p[3] for p in pieces)
    height = foot - top
    tall = [p for p in pieces if p[3] - p[1] >= SIX_SIDE_FROM * height]
    if height < MIN_GLYPH_HEIGHT or not tall:
        return False
    side = min(tall, key=lambda p: p[0] + p[2])
    loop_side = [p for p in pieces if p[0] >= side[2] - 1]
    if len(loop_side) != len(pieces) - 1 or max(p[2] for p in loop_side) - side[0] > SIX_MAX_ASPECT * height:
        return False
    loop = max(loop_side, key=lambda p: (p[2] - p[0]) * (p[3] - p[1]))
    x0, x1 = min(p[0] for p in loop_side), max(p[2] for p in loop_side)
    above = gray[top + int(SIX_BARE_FROM * height) : loop[1], x0:x1] < FAINT_INK_BELOW
    bare = int((~above.any(axis=1)).sum()) if above.size else 0
    return (
        loop[1] - top >= SIX_LOOP_FROM * height
        and loop[3] - top >= SIX_LOOP_TO * height
        and loop[3] - loop[1] >= SIX_LOOP_HEIGHT * height
        and bare >= SIX_BARE * height
    )


def _six_and_its_tip(text: str) -> bool:
    """Whether a reading is a 6, or a 6 with the tip of its hook read apart after it ("6i", "6ì": fax sets
    4004, 4007, 4009, 4602, 4607, 4608; a 1 before it, "16", is another digit)."""
    return text[:1] == "6" and set(text[1:]) <= HOOK_TIPS


def ink_boxes(ink: np.ndarray, min_area: int = MIN_MARK_AREA) -> list[tuple[int, int, int, int]]:
    """The boxes (x0, y0, x1, y1) of the pieces of ``ink`` of at least ``min_area`` pixels."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    return [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, area in stats[1:count] if area >= min_area]
