"""Where a fax's number lies in its cell, told against where the page places its values. Pure.

Most reports print their values centred in their cells. A fax that drops a digit's thin strokes, or a
number's minus sign, leaves the ink that is left where it was printed, not where a number of that ink
printed alone would stand: what is left of a 4, a stem, lies right of where a lone 1 would; the digits of
a -2 whose minus was lost lie right of where a 2 printed alone would. On a page whose values are centred,
a number's place in its cell tells both.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

import cv2
import numpy as np

from nianbao.ocr.fax import INK_BELOW, NUMBER_CHARACTERS, Box

# Unseen fax seeds (36 reports): a lone 1 lies within 0.06 line heights of its cell's middle (189 of
# them) where values are printed centred. The 4s that lost all but their stem lay 0.09-0.18 right of it,
# the -1s that lost their minus 0.41, and 2s and 5s that lost strokes 0.25-0.56. A value printed against
# its cell's left or right side lies more than a line height from its middle; on a fax, numbers printed
# centred lie within 0.3 of it (median, a page's), broken digits that lost strokes on one side included.
CENTRED_SPREAD = 0.3  # a page's values are centred when their middles lie this close to their cells'
MIN_CENTRED_SAMPLE = 3  # ... told from at least this many numbers
ONE_OFF_CENTRE = 0.08  # a lone 1 further right than this of its cell's middle has lost ink on its left
# ... and one further right than this is no 4's stem either, but a number's last digit whose others the
# fax lost: a 24 whose 2 it left as specks read "4" as a stem with its bar's end (fax 10902_001, a PDF at
# 200 dpi), its stem 0.6 right; the 4s left as their stem lay 0.09-0.18 right (above), and a two-digit
# number's last digit lies about 0.35 right at least.
FOUR_STEM_OFF_CENTRE = 0.3
# A fax can lose a minus sign altogether, so a signed field's number read with no sign is doubted; unless
# its digits stand in the middle of their cell, where a number printed with a minus would have left them
# right of it by half the minus's width. On 86 fax sets (their signed fields, 364 cells) the digits' ink
# (strokes at least DIGIT_PART of the tallest's height: a minus's remains left out) of the positive
# numbers printed centred lay -0.06-0.05 of their height from the middle; of numbers printed with a
# minus, 0.15 or more right of it (those whose minus was lost 0.17-0.9).
UNSIGNED_CENTRED = 0.08
DIGIT_PART, DIGIT_MIN_AREA = 0.5, 6  # pixels: noise specks are smaller


def centre_offset(line: Box, cell: Box) -> float:
    """How far right of its cell's middle a line's middle lies, in line heights (left: negative)."""
    height = max(1, line[3] - line[1])
    return ((line[0] + line[2]) - (cell[0] + cell[2])) / 2 / height


def values_centred(offsets: Sequence[float]) -> bool:
    """Whether a page's numbers (``offsets``, the ``centre_offset`` of each ``placement_sample``) are
    printed centred in their cells."""
    return len(offsets) >= MIN_CENTRED_SAMPLE and median(abs(offset) for offset in offsets) <= CENTRED_SPREAD


def placement_sample(text: str) -> bool:
    """Whether a reading tells how a page places its values in their cells: a number (digits, sign,
    point, separator), other than the lone 1s to be checked against it."""
    stripped = text.strip()
    return stripped != "1" and set(stripped) <= NUMBER_CHARACTERS and any(c.isdigit() for c in stripped)


def one_off_centre(text: str, offset: float) -> bool:
    """Whether a lone 1 lies right of its cell's middle, on a page whose values are centred: what is
    left of a 4 or of a -1, not a 1."""
    return text.strip() == "1" and offset > ONE_OFF_CENTRE


def right_of_a_four_s_stem(text: str, offset: float) -> bool:
    """Whether a lone 1 lies further right of its cell's middle than a lone 4's stem would, on a page whose
    values are centred: what is left of a longer number, not of a 4."""
    return text.strip() == "1" and offset > FOUR_STEM_OFF_CENTRE


def digits_offset(gray: np.ndarray, rules: np.ndarray, line: Box, cell: Box) -> float | None:
    """How far right of its cell's middle the digits of a line lie, in their height: the middle of the
    ink across the cell level with the line, of the strokes at least DIGIT_PART as tall as the tallest
    (a minus, a speck, is not a digit), not touching the cell's sides (a rule's remains, ``rules`` left
    out too). ``line`` and ``cell`` (inside its rules) are in page pixels; None where no ink is there."""
    x0, x1 = cell[0], cell[2]
    y0, y1 = line[1], line[3]
    if x1 - x0 < 3 or y1 <= y0:
        return None
    ink = (gray[y0:y1, x0:x1] < INK_BELOW) & (rules[y0:y1, x0:x1] == 0)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    left, width = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_WIDTH]
    pieces = [
        i
        for i in range(1, count)
        if stats[i, cv2.CC_STAT_AREA] >= DIGIT_MIN_AREA and left[i] > 0 and left[i] + width[i] < x1 - x0
    ]
    if not pieces:
        return None
    tallest = max(int(stats[i, cv2.CC_STAT_HEIGHT]) for i in pieces)
    digits = [i for i in pieces if stats[i, cv2.CC_STAT_HEIGHT] >= DIGIT_PART * tallest]
    start, end = min(int(left[i]) for i in digits), max(int(left[i] + width[i]) for i in digits)
    return ((start + end) - (x1 - x0)) / 2 / tallest


def no_minus_lost(text: str, offset: float | None) -> bool:
    """Whether a number read with no sign kept it, its digits in the middle of their cell (``offset``,
    ``digits_offset``) on a page whose values are centred: a minus lost would have left them right of it.
    Never a number of two digits or more led by a 1: a plus that lost its bar leaves a stroke read as one
    (a +2 read "12")."""
    stripped = text.strip()
    led_by_stroke = len(stripped) > 1 and stripped[0] == "1"
    return offset is not None and abs(offset) <= UNSIGNED_CENTRED and not led_by_stroke
