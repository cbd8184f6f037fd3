"""What a line of a cell is by the shape of its ink alone: a dash, a slash, print in two parts far apart,
a leading minus; and which of a cell's marks are too faint to be print. Pure: a line's ink (its band of
the cell, 255 = ink) in, a yes or no out."""

from __future__ import annotations

import cv2
import numpy as np

from nianbao.ocr.fax_glyphs import quarter_columns

Band = tuple[int, int, int, int]  # x0, y0, x1, y1 inside the cell crop

# A slash's stroke leans this share of its width between its top and bottom quarters at least, and each
# end covers at most this share of its width (a 7's bar, a 1's foot cover more). Measured on 150-dpi scans
# with heavy noise: slashes lean 0.44-0.61 and their ends cover 0.35-0.65; 1s lean -0.17-0.07.
SLASH_LEAN, SLASH_END = 0.4, 0.7
SLASH_SPECK_SHARE = 0.3  # noise specks beside the stroke are at most this share of its area


def is_slash(ink: np.ndarray, noise_specks: bool = True) -> bool:
    """Whether the ink is a single stroke leaning right like "/": its top quarter sits well right of its
    bottom quarter, and neither end is as wide as a 7's bar or a 1's foot. Specks of noise beside the
    stroke (much smaller than it) do not count, unless ``noise_specks`` is False: on a fax page a speck
    beside a lone diagonal is what is left of a 2's bar."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 2 or (count > 2 and not noise_specks):
        return False
    areas = stats[1:, cv2.CC_STAT_AREA]
    stroke = 1 + int(np.argmax(areas))
    if (areas > SLASH_SPECK_SHARE * areas.max()).sum() > 1:
        return False
    x, y, w, h = stats[stroke, :4]
    if h < 8 or w < 3 or w > h:
        return False
    top_cols, bottom_cols = quarter_columns(labels[y : y + h, x : x + w] == stroke)
    lean = top_cols.mean() - bottom_cols.mean()
    narrow_ends = len(top_cols) <= SLASH_END * w and len(bottom_cols) <= SLASH_END * w
    return bool(lean >= SLASH_LEAN * w and narrow_ends)


# On a fax page a 2 or a 7 that lost strokes can leave a lone diagonal, read as a slash, its other strokes
# crumbs smaller than the specks cleaned away (9-11 pixels at 300 dpi). Round 163 slashes of five fresh fax
# reports, within CRUMB_REACH of the line's height across and CRUMB_RISE above and below, lay no other
# piece of two pixels or more; round the three such digits, one or two.
CRUMB_REACH, CRUMB_RISE, CRUMB_AREA = 0.5, 0.3, 2


def crumbs_beside(ink: np.ndarray, band: Band) -> bool:
    """Whether a cell's ``ink`` before its specks were cleaned holds, round a line (``band``), a piece of
    CRUMB_AREA pixels or more other than the line's stroke, clear of the window's edges: what is left of a
    digit's other strokes."""
    x0, y0, x1, y1 = band
    reach, rise = int(CRUMB_REACH * (y1 - y0)), int(CRUMB_RISE * (y1 - y0))
    window = ink[max(0, y0 - rise) : y1 + rise, max(0, x0 - reach) : x1 + reach]
    count, _, stats, _ = cv2.connectedComponentsWithStats((window > 0).astype(np.uint8), connectivity=8)
    if count < 3:
        return False
    rows, cols = window.shape
    stroke = 1 + int(np.argmax(stats[1:count, cv2.CC_STAT_AREA]))
    return any(
        area >= CRUMB_AREA and x > 0 and y > 0 and x + w < cols and y + h < rows  # a rule's remains reach the edge
        for i, (x, y, w, h, area) in enumerate(stats[:count])
        if i not in (0, stroke)
    )


def is_dash_band(band: Band, min_height: int, ink: np.ndarray) -> bool:
    """A line lower than the smallest digit yet at least two digit-heights wide is a dash (-, — or 一):
    text_bands keeps such a flat line only because it is wide. Its largest piece of ``ink`` (the band's,
    255 = ink) is a stroke across it, not up: a fax that kept only the tops of a number's digits leaves a
    row of short upright pieces as low and as wide (fax 8601_002: a 22 kept as four pieces 2 px wide and
    4-6 tall was printed as a dash). On 308 fax and black-and-white reports, the largest piece of each of
    291 dashes told by their shape was at least twice as wide as tall."""
    x0, y0, x1, y1 = band
    if not ((y1 - y0) < min_height and dash_wide(x1 - x0, min_height)):
        return False
    piece = _largest_piece(ink)
    return piece is not None and piece[0] >= piece[1]


def _largest_piece(ink: np.ndarray) -> tuple[int, int, int, int] | None:
    """The width, height and area of the largest piece of ``ink`` (255 = ink), and the area of all its
    pieces; None where it has none."""
    count, _, stats, _ = cv2.connectedComponentsWithStats((ink > 0).astype(np.uint8), connectivity=8)
    if count < 2:
        return None
    areas = stats[1:, cv2.CC_STAT_AREA]
    largest = 1 + int(np.argmax(areas))
    width, height = int(stats[largest, cv2.CC_STAT_WIDTH]), int(stats[largest, cv2.CC_STAT_HEIGHT])
    return width, height, int(areas.max()), int(areas.sum())


# Noise swells a printed dash's stroke, or specks beside it make its line, as tall as a small digit. Its
# largest piece stays flat: lower than DASH_SWELL of the smallest digit, DASH_ASPECT times as wide as it is
# tall (a digit is taller than wide, and a number's digits are pieces of their own), and most of the ink.
DASH_SWELL, DASH_ASPECT, DASH_INK_SHARE = 1.5, 2.5, 0.6


def flat_dash(ink: np.ndarray, min_height: int) -> bool:
    """Whether a line's ink (its band of the cell, 255 = ink) is a dash swollen by noise or among specks."""
    piece = _largest_piece(ink)
    if piece is None:
        return False
    width, height, area, total = piece
    flat = height < DASH_SWELL * min_height and width >= DASH_ASPECT * height and dash_wide(width, min_height)
    return flat and area >= DASH_INK_SHARE * total


def dash_wide(width: int, min_height: int) -> bool:
    """Wide enough for a dash: at least two digit-heights."""
    return width >= 2 * min_height


# The digits of one number stand closer than this share of the line's height (a thin space between its
# thousands included); the numbers of two columns whose rule was lost stand further apart (1.15 on a
# web page's compact table). A label's words may stand as far apart: only a number read so is doubted.
APART_GAP = 0.8
# A piece of a line at least this share of its height tall is print (a digit); as tall and no wider than
# REMAINS_WIDTH of it (or 2 px), it is what is left of a lost rule, and it does not close a gap.
GLYPH_HEIGHT, REMAINS_WIDTH = 0.6, 0.1
# A stroke no wider than REMAINS_THIN of its height that runs REMAINS_TALLER times as tall as the line's
# other print is a lost rule's remains crossing the line (a faint table's column rule), not print.
REMAINS_THIN, REMAINS_TALLER = 0.25, 1.2
# A line's band at least TWO_LEVELS times as tall as the middle height of its pieces the size of a
# character (CHARACTER_SHARE of the band or taller, MIN_CHARACTERS of them or more; not on a fax page,
# whose digits break into crumbs of any height; nor pieces lower than a line is, twice over: a faint page's
# noise leaves bands of specks 3-4 pixels tall) holds print at two levels side by side: a two-line label
# and its row's number, centred between the label's lines, where the faint rule between them was lost
# (faint 10214_002, 9406_002, 9506_001: bands of 61 pixels, the label's characters 26 tall). Measured on
# the band, the gap between label and number was no gap, and a 0 lower than 0.6 of the band no print.
TWO_LEVELS, CHARACTER_SHARE, MIN_CHARACTERS = 1.5, 0.3, 3


def groups_apart(groups: list[tuple[int, int, bool]]) -> bool:
    """Whether a line's ``print_groups`` stand apart: two of them hold print as tall as a digit (print on
    both sides of a gap wider than APART_GAP of its height; a decimal point or a speck in the gap closes
    it, a lost rule's remains do not)."""
    return sum(tall for _, _, tall in groups) >= 2


def _pieces(ink: np.ndarray) -> list[tuple[int, int, int, int]]:
    """A line's print in runs of inked columns, left to right: each one's columns ``(x0, x1)`` and the
    first and last rows its ink reaches."""
    edges = np.flatnonzero(np.diff(np.r_[0, (ink.max(axis=0) > 0).astype(np.int8), 0]))
    pieces = []
    for x0, x1 in zip(edges[::2], edges[1::2]):
        rows = np.flatnonzero(ink[:, x0:x1].max(axis=1) > 0)
        pieces.append((int(x0), int(x1), int(rows[0]), int(rows[-1])))
    return pieces


def print_groups(ink: np.ndarray, least_character: int | None = None) -> list[tuple[int, int, bool]]:
    """A line's print split at every gap wider than APART_GAP of its height: each group's columns
    ``(x0, x1)`` in the band and whether it holds print as tall as a digit (else only specks or a dash).
    A lost rule's remains do not count, nor, where they run taller than the print, make the line taller.
    Where ``least_character`` is given, a band far taller than most of its characters (pieces that many
    pixels tall or more) is measured on them (``_print_height``); not on a fax page, whose digits break
    into crumbs of any height."""
    pieces = [(x0, x1, bottom - top + 1) for x0, x1, top, bottom in _pieces(ink)]  # with its print's height
    height = _print_height(pieces, ink.shape[0], least_character)
    groups: list[tuple[int, int, bool]] = []
    for x0, x1, tall_as in pieces:
        tall = tall_as >= GLYPH_HEIGHT * height
        if (tall and x1 - x0 <= max(2, REMAINS_WIDTH * height)) or tall_as > REMAINS_TALLER * height:
            continue
        if groups and x0 - groups[-1][1] <= APART_GAP * height:
            start, _, was_tall = groups[-1]
            groups[-1] = (start, x1, was_tall or tall)
        else:
            groups.append((x0, x1, tall))
    return groups


def _print_height(pieces: list[tuple[int, int, int]], band_height: int, least_character: int | None = None) -> int:
    """The height of a line's print: the band's, unless thin strokes run taller than all its other
    pieces (a lost rule's remains crossing the line): then the tallest of the other pieces; or, where
    ``least_character`` is given, unless the band holds print at two levels (TWO_LEVELS): then its
    characters' middle height."""
    thin = [tall_as for x0, x1, tall_as in pieces if x1 - x0 <= REMAINS_THIN * tall_as]
    others = [tall_as for x0, x1, tall_as in pieces if x1 - x0 > REMAINS_THIN * tall_as]
    if thin and others and min(thin) > REMAINS_TALLER * max(others):
        return max(others)
    if least_character is None:
        return band_height
    least = max(CHARACTER_SHARE * band_height, least_character)
    characters = sorted(tall_as for tall_as in others if tall_as >= least)
    middle = characters[len(characters) // 2] if len(characters) >= MIN_CHARACTERS else band_height
    return middle if band_height >= TWO_LEVELS * middle else band_height


# A mark whose ink is on average less than this share as dark (against the cell's paper) as the darkest
# mark of its cell is no print: noise on a heavily damaged scan, whose faint texture beside a number widens
# its line, and the recogniser reads the texture as a digit (a 0 read "70" on unseen hard seed 993).
FAINT_MARK = 0.35


def without_faint_marks(ink: np.ndarray, gray: np.ndarray) -> np.ndarray:
    """The cell's ``ink`` (255 = ink) without its marks far fainter in ``gray`` than its darkest one."""
    count, labels, _, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 2 or not (ink == 0).any():
        return ink
    darkness = float(np.median(gray[ink == 0])) - gray.astype(np.float32)
    sizes = np.bincount(labels.ravel(), minlength=count).astype(np.float64)
    means = np.bincount(labels.ravel(), weights=darkness.ravel(), minlength=count) / np.maximum(sizes, 1)
    keep = means >= FAINT_MARK * means[1:].max()
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


# A minus sign: a flat stroke at most this share of the line's height tall, at least this many times as
# wide as tall, its middle within this band of the line's height.
MINUS_HEIGHT, MINUS_FLAT, MINUS_BAND = 0.3, 1.5, (0.3, 0.75)


def leading_minus(ink: np.ndarray) -> bool:
    """Whether a line's print (its band's ``ink``) starts with a minus sign: a flat stroke at mid height,
    apart from the print after it."""
    pieces = _pieces(ink)
    if len(pieces) < 2:
        return False
    x0, x1, top, bottom = pieces[0]
    stroke, height = bottom - top + 1, ink.shape[0]
    middle = (top + bottom) / 2
    low, high = MINUS_BAND
    return (
        stroke <= MINUS_HEIGHT * height and x1 - x0 >= MINUS_FLAT * stroke and low * height <= middle <= high * height
    )


# A minus that noise broke down to a speck (5 x 3 pixels of a 19-pixel line on a noisy 150-dpi scan read at
# 300 dpi) is cleaned away with the noise, and the number is read with no sign, surely (-2 read "2" at
# 0.997). Such a speck lies within MINUS_REACH line heights left of the print, is flat and at least
# MINUS_WIDTH of the line's height wide, its middle at mid height (MINUS_BAND).
MINUS_REACH, MINUS_WIDTH = 0.8, 0.2


def minus_speck(ink: np.ndarray, band: Band) -> bool:
    """Whether a cell's ``ink`` before its specks were cleaned holds, just left of a line (``band``, in
    the cell), a flat mark at mid height where a minus sign would be."""
    x0, y0, _, y1 = band
    height = y1 - y0
    left = max(0, int(x0 - MINUS_REACH * height))
    if x0 - left < 2 or height <= 0:
        return False
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink[y0:y1, left:x0], connectivity=8)
    low, high = MINUS_BAND
    for x, y, w, h, _area in stats[1:count]:
        middle = y + h / 2
        flat = h <= MINUS_HEIGHT * height and w >= max(MINUS_FLAT * h, MINUS_WIDTH * height)
        if x > 0 and flat and low * height <= middle <= high * height:
            return True
    return False


def crumbled_line(ink: np.ndarray, min_height: int) -> list[Band]:
    """A fax cell's one line of crumbs, where it holds no line of its own (table.bands.text_bands): its
    ink's rows, no gap between them taller than ``min_height`` (the least height of a line), together at
    least that tall and less than three times it. A fax's 2 that lost its diagonal leaves its arc and its
    bar 5 rows apart at 200 dpi, each lower than a line. On 26 fax sets, of the 17 cells printing a 2 left
    unreadable so, 8 are now read right; the crumbs of the others, and of the dashes, stay unreadable, and
    none was read as a wrong number. Empty where the crumbs are not so."""
    rows = np.flatnonzero(ink.max(axis=1) > 0)
    if rows.size == 0:
        return []
    height = int(rows[-1] - rows[0]) + 1
    if not min_height <= height < 3 * min_height or int(np.diff(rows).max(initial=1)) - 1 > min_height:
        return []
    cols = np.flatnonzero(ink.max(axis=0) > 0)
    return [(int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1)]
