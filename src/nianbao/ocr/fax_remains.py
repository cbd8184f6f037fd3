"""Digits a fax left a few pieces of, told by where those pieces lie. Pure.

A fax keeps every other scan line, and a digit printed small can lose its thin strokes whole:

- a 4 its diagonal and its bar but for a speck where they met, the bar's left end. The recogniser reads
  the stem as a 1, and the speck as nothing or as a decimal point before it (a 74 read "7.1", a 146
  "1.16"). A person reads the 4: the speck lies apart from the stem, low and left of it and clear of the
  line's foot, where no 1 has ink and where no decimal point sits;
- a 2 its diagonal and most of its foot, keeping the right side of its bowl, the ends of its foot and
  often its hook's tip: read "1", "?", ")" or "!". A person reads the 2: a bowl's side high up on the
  right, nothing under it but the foot's remains, which reach left of it.
"""

from __future__ import annotations

import re

import numpy as np

from nianbao.ocr.fax import FAINT_INK_BELOW, Box
from nianbao.ocr.fax_glyphs import ink_boxes

# Fresh fax sets 4001-4020 and 4601-4610 (90 reports): 27 of 68 lone 4s read "1" kept such a speck, its
# middle 0.57-0.81 of the stem's height down it and 0.12-0.31 of it left of it, its foot 0.12-0.33 of it
# above the stem's; none of 488 lone 1s, nor of 177 other lines read "1", had one. The 23 decimal points
# read before a digit of an amount sit on the line's foot, at most 0.05 above it; the 4s' bar ends read
# as one stood 0.21-0.29 above it. Any other speck left of the stem is what is left of the diagonal, next
# to the stem: 0.06-0.12 left of it where there was one. A 3 that kept only its stem and the ends of its
# arms has a second speck higher up and as far left as the lower one (0.24-0.31 on fax sets 4005 and
# 4705), and a 0's other side stands right of its first.
BAR_END_DOWN, BAR_END_LEFT = (0.55, 0.9), (0.1, 0.4)  # in the stem's heights, from its top and its left
BAR_END_ABOVE_FOOT = 0.09  # the bar's end's foot lies this far above the stem's at least, likewise
DIAGONAL_DOWN_FROM, DIAGONAL_LEFT = 0.25, 0.15  # where the diagonal's remains lie, likewise
SPECK_SIZE = 0.35  # a speck is at most this share of the stem's height tall and wide
STEM_WIDTH = 0.4  # a stem is at most this share of its height wide
MIN_STEM_HEIGHT = 8  # pixels: too short a stem to tell specks beside it from its own
DIGIT_HEIGHT = 0.6  # a digit's tallest piece is at least this share of the line's tallest; a speck is less
NUMBER_READ = re.compile(r"\d+(\.\d+)?")
# On the same 90 reports, 18 of 30 lone 2s the recogniser did not read as 2 (read "1", ")", "?", "11",
# "リ") kept their bowl's right side from the top of their ink down to 0.35-0.69 of its height, at least
# 0.35 of it tall, and pieces of their foot at the bottom (their foot 0.85 of the ink's height down or
# lower) reaching left of it; so did 39 of 277 lone 2s read right, and none of 27,824 other lines but two
# -2s whose minus was lost and a dash read "—". What else a 2 keeps is a speck or two left of its bowl in
# the top 0.6 of its ink, where its hook's tip was. A 1, a 4 or a 7 has a stem from its top to its foot,
# a 3 or a 5 a lower bowl's side on its right, a 0 a side on its left as tall as its right.
BOWL_TOP, BOWL_FOOT, BOWL_HEIGHT = 0.2, 0.72, 0.35  # the bowl's side: in the ink's heights, from its top
FOOT_FROM, FOOT_PIECE, FOOT_LEFT = 0.85, 0.4, 0.1  # the foot's pieces end this far down, are at most
# this tall, and reach this far left of the bowl's side at least
HOOK_ABOVE, HOOK_SIZE = 0.6, 0.35  # the hook's tip lies above this, at most this tall and wide
# A 2's foot is level: on the 192 fax reports of the forty-first session, of the 29 2s (and a dash) whose ink
# was taken for a bowl and a foot that left a piece under the bowl's side and another left of it, no piece
# under the bowl started higher than the leftmost one; a 3 whose lower bowl left its side under its upper one,
# and its tail's tip as a speck at the bottom left, started 0.2 of its ink's height higher (fresh fax
# 8404_000: read 2 at 0.95).
FOOT_LEVEL = 0.1  # in the ink's heights: a piece under the bowl starting higher than this is a lower bowl's
MIN_TWO_HEIGHT = 8  # pixels


def bar_end_of_four(gray: np.ndarray) -> bool:
    """Whether a line crop (``gray``, dark on light) read as a lone 1 is a 4 that kept its stem and the
    left end of its bar: besides its stem (its tallest piece of faint ink), only specks left of it and
    down it, the lowest where a 4's bar ends and any other next to the stem, where its diagonal was."""
    pieces = ink_boxes(gray < FAINT_INK_BELOW)
    if len(pieces) < 2:
        return False
    stem = max(pieces, key=lambda piece: piece[3] - piece[1])
    height = stem[3] - stem[1]
    if height < MIN_STEM_HEIGHT or stem[2] - stem[0] > STEM_WIDTH * height:
        return False
    places = []  # (how far down the stem, how far left of it, how far above its foot), in its heights
    for x0, y0, x1, y1 in pieces:
        if (x0, y0, x1, y1) == stem:
            continue
        down, left = ((y0 + y1) / 2 - stem[1]) / height, (stem[0] - x1) / height
        small = max(y1 - y0, x1 - x0) <= SPECK_SIZE * height
        if not (small and DIAGONAL_DOWN_FROM <= down <= 1 and 0 <= left <= BAR_END_LEFT[1]):
            return False
        places.append((down, left, (stem[3] - y1) / height))
    *diagonal, (end_down, end_left, end_above_foot) = sorted(places)  # the lowest speck is the bar's end
    ends_bar = BAR_END_DOWN[0] <= end_down <= BAR_END_DOWN[1] and end_left >= BAR_END_LEFT[0]
    return ends_bar and end_above_foot >= BAR_END_ABOVE_FOOT and all(left <= DIAGONAL_LEFT for _, left, _ in diagonal)


def fours_by_bar_end(gray: np.ndarray, text: str) -> str:
    """A line's reading (digits, with a decimal point or none) with each 1 whose glyph kept a 4's stem and
    its bar's end (``bar_end_of_four``) read 4, and a decimal point just before such a 1 dropped: it was
    that bar's end. The reading as it is where the line's ink is not one tall piece a digit, and where a
    1 other than the first digit is left beside such a 4: a 4 whose bar's end joined the digit before it
    leaves its stem alone, a 1 to every test (noisy seed 6011: a 14849 on a page turned black-and-white,
    read "11819", the first 4 told by its bar's end and the second not; "14819" was kept at 0.95). Each
    digit's glyph is looked at from the digit before it to its own right side, but the last's to the
    line's end: specks right of a digit but the last may be the next one's."""
    stripped = text.strip()
    if "1" not in stripped or not NUMBER_READ.fullmatch(stripped):
        return stripped
    digits = stripped.replace(".", "")
    pieces = sorted(ink_boxes(gray < FAINT_INK_BELOW))
    tallest = max(piece[3] - piece[1] for piece in pieces) if pieces else 0
    glyphs = [piece for piece in pieces if piece[3] - piece[1] >= DIGIT_HEIGHT * tallest]
    if len(glyphs) != len(digits):
        return _leading_four(gray, stripped, glyphs)
    fours = set()
    for k, digit in enumerate(digits):
        left = glyphs[k - 1][2] if k else 0
        right = glyphs[k][2] if k < len(digits) - 1 else gray.shape[1]
        if digit == "1" and bar_end_of_four(gray[:, left:right]):
            fours.add(k)
    if fours and any(digit == "1" and k not in fours for k, digit in enumerate(digits[1:], start=1)):
        return stripped  # another 1 may be a 4 whose bar's end joined the digit before it: told by none
    read = ["4" if k in fours else digit for k, digit in enumerate(digits)]
    point = stripped.find(".")  # the index of the digit after it, in ``digits``
    if point >= 0 and point not in fours:
        read.insert(point, ".")
    return "".join(read)


def _leading_four(gray: np.ndarray, text: str, glyphs: list[Box]) -> str:
    """A reading whose digits the line's tall pieces (``glyphs``, left to right) do not match one for one
    (a digit broken into short pieces) with its first digit, a 1, read 4 where the first tall piece is a
    stem that kept a 4's bar's end left of it (``bar_end_of_four``, from the line's start): nothing but
    the bar's end and the diagonal's specks lies there. Fax 11706_001's 4588, read "1588" at 0.987 beside
    the speck, its 5 broken into a bar and a bowl. A number with another 1 is left as read: it may be a
    4 too."""
    if not text.startswith("1") or text.startswith("1.") or "1" in text[1:] or not glyphs:
        return text  # another 1 may be a 4 too, told by none
    return "4" + text[1:] if bar_end_of_four(gray[:, : glyphs[0][2]]) else text


def _lower_bowl_side(bowl: Box, foot: list[Box], rise: float) -> bool:
    """Whether a piece taken for a 2's foot under its bowl's side starts more than ``rise`` pixels higher
    than the foot's leftmost piece: a 3's or a 5's lower bowl rising on the right, not a level foot."""
    leftmost = min(foot, key=lambda piece: piece[0])
    under = (p for p in foot if p != leftmost and p[2] > bowl[0] and p[0] < bowl[2])
    return any(leftmost[1] - p[1] > rise for p in under)


def bowl_and_foot_of_two(gray: np.ndarray) -> bool:
    """Whether a line crop (``gray``, dark on light) is what a fax left of a 2: its bowl's right side (its
    tallest piece of faint ink) high up, the remains of its foot at the bottom reaching left of it, and
    nothing else but specks left of the bowl, up where its hook's tip was."""
    pieces = ink_boxes(gray < FAINT_INK_BELOW)
    if len(pieces) < 2:
        return False
    top = min(p[1] for p in pieces)
    height = max(p[3] for p in pieces) - top
    bowl = max(pieces, key=lambda piece: piece[3] - piece[1])
    if height < MIN_TWO_HEIGHT or bowl[1] - top > BOWL_TOP * height or bowl[3] - top > BOWL_FOOT * height:
        return False
    if bowl[3] - bowl[1] < BOWL_HEIGHT * height:
        return False
    foot = [p for p in pieces if p != bowl and p[3] - top >= FOOT_FROM * height and p[3] - p[1] <= FOOT_PIECE * height]
    if not foot or min(p[0] for p in foot) > bowl[0] - FOOT_LEFT * height:
        return False
    if _lower_bowl_side(bowl, foot, FOOT_LEVEL * height):
        return False
    hook = [p for p in pieces if p != bowl and p not in foot]
    return all(
        p[2] <= bowl[0] + 1
        and p[3] - top <= HOOK_ABOVE * height
        and max(p[3] - p[1], p[2] - p[0]) <= HOOK_SIZE * height
        for p in hook
    )
