"""Specks of ink beside a fax page's value line: what a 4's lost bar or a minus the fax shrank leaves, told
from specks of noise. Pure: the page's grey image, its rule mask and the line's box in, an answer out."""

from __future__ import annotations

import cv2
import numpy as np

from nianbao.ocr.fax import FAINT_INK_BELOW, MIN_MARK_AREA, Box, character_count, line_marks

# A minus shrunk to a speck lies within SIGN_REACH line heights left of its number, no taller than
# SIGN_HEIGHT of it, its middle between SIGN_BAND of the line's height. On the fax sets, of 15 numbers of
# signed fields read with no sign, the 2 with such a speck were negative (-2 read 2, -3 read 3), the 13
# without were right; over all fields such specks are common (77 right numbers), so only a signed field
# is left null for one.
SIGN_REACH, SIGN_HEIGHT, SIGN_BAND = 0.8, 0.3, (0.3, 0.8)
# A speck of at most SPECK_AREA pixels (a fax's noise: a dot, its scan line shown twice) beside a number
# with a 1 in it is no lost stroke unless it lies left of the number, within REMAINS_REACH of its height,
# its middle between REMAINS_BAND of it: where a minus a fax shrank, or the bar of a 4 read "1", leaves
# its remains (six fax sets: the 4s' remains lay 0.13-0.31 heights left, their middles at 0.57-0.73; of
# six specks beside 1s read right, five lay elsewhere: above, right or far left of the 1).
SPECK_AREA = 4
REMAINS_REACH, REMAINS_BAND = SIGN_REACH, (SIGN_BAND[0], 0.85)


def ink_pieces(gray: np.ndarray, rules: np.ndarray, line: Box, cell: Box) -> int:
    """Glyphs of ink (faint ones too) level with a line and within a text height of it, inside the cell:
    those the line's crop left out as specks included, but for specks of noise (``_noise_speck``).
    ``line`` and ``cell`` (the cell inside its rules) are in page pixels; ink touching the cell's edge is
    the remains of a rule, not counted."""
    x0, y0, x1, y1 = line
    cx0, _, cx1, _ = cell
    reach = y1 - y0
    left, right = max(cx0, x0 - reach), min(cx1, x1 + reach)
    if right <= left or y1 <= y0:
        return 0
    ink = (gray[y0:y1, left:right] < FAINT_INK_BELOW) & (rules[y0:y1, left:right] == 0)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    x, w = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_WIDTH]
    at_edge = [i for i in range(1, count) if left + x[i] <= cx0 or left + x[i] + w[i] >= cx1]
    noise = [i for i in range(1, count) if _noise_speck(stats[i], x0 - left, x1 - left, reach)]
    strip = np.where(ink & ~np.isin(labels, at_edge + noise), 0, 255).astype(np.uint8)
    return character_count(line_marks(strip))


def _noise_speck(stat: np.ndarray, line_left: int, line_right: int, height: int) -> bool:
    """Whether a piece of ink beside a line (its stats; the line's columns and height in the same
    coordinates) is a speck of noise: no larger than SPECK_AREA, and outside the line's columns but not
    left of them where a lost minus or a 4's lost bar leaves its remains (REMAINS_REACH, REMAINS_BAND)."""
    x, y, w, h, area = (int(v) for v in stat)
    if area > SPECK_AREA or (x < line_right and x + w > line_left):
        return False
    middle = (y + h / 2) / height
    low, high = REMAINS_BAND
    return not (x + w <= line_left and line_left - (x + w) <= REMAINS_REACH * height and low <= middle <= high)


def sign_speck(
    gray: np.ndarray, rules: np.ndarray, line: Box, cell: Box, band: tuple[float, float] = SIGN_BAND
) -> bool:
    """Whether a speck of ink (faint ones too) lies just left of a line, at its middle height, where a
    minus sign would be: a fax shrinks a minus to such a speck, which the line's crop leaves out. ``line``
    and ``cell`` (inside its rules) are in page pixels. With ``band`` REMAINS_BAND: where a 4 read as
    the line's first 1 leaves the end of its lost bar."""
    x0, y0, _, y1 = line
    height = y1 - y0
    left = max(cell[0] + 1, int(x0 - SIGN_REACH * height))
    if x0 - left < 2 or height <= 0:
        return False
    ink = (gray[y0:y1, left:x0] < FAINT_INK_BELOW) & (rules[y0:y1, left:x0] == 0)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    top, bottom = band[0] * height, band[1] * height
    for i in range(1, count):
        x, y, _w, h, area = stats[i]
        middle = y + h / 2
        if x > 0 and area >= MIN_MARK_AREA and h <= SIGN_HEIGHT * height and top <= middle <= bottom:
            return True
    return False
