"""Where a cell's text lines lie in its ink, and their crops. Pure: ink in, bands and crops out."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from nianbao.table.line_shapes import Band, dash_wide


def clean_ink(ink: np.ndarray, min_area: int, edge: int = 0) -> np.ndarray:
    """Drop specks smaller than ``min_area`` pixels (scanner noise) and rules: slivers of the cell's own
    rules (thin strokes within ``edge`` pixels of the crop's edge that run along it: a rule printed
    slightly aslant leaves its edge a pixel or two inside the crop), and thin strokes that run across the
    whole crop (a rule the grid did not take for one, e.g. a column rule of one row only: a digit never
    fills its cell from edge to edge, and read, the rule is a confident 1)."""
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = ink.shape
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    cw, ch = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    touches_side = (x <= edge) | (x + cw >= w - edge)
    touches_end = (y <= edge) | (y + ch >= h - edge)
    vertical_sliver = touches_side & (cw <= 3) & (ch > 2 * cw)
    horizontal_sliver = touches_end & (ch <= 3) & (cw > 2 * ch)
    vertical_rule = (y == 0) & (y + ch == h) & (cw <= 3)
    horizontal_rule = (x == 0) & (x + cw == w) & (ch <= 3)
    rules = vertical_sliver | horizontal_sliver | vertical_rule | horizontal_rule
    keep = (stats[:, cv2.CC_STAT_AREA] >= min_area) & ~rules
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def text_bands(ink: np.ndarray, min_gap: int, min_height: int) -> list[Band]:
    """Text lines of a cell: runs of inked rows, split where a blank gap of ``min_gap`` rows falls."""
    rows = ink.max(axis=1) > 0
    bands: list[list[int]] = []
    gap = min_gap
    for y, inked in enumerate(rows):
        if inked:
            if bands and gap < min_gap:
                bands[-1][1] = y
            else:
                bands.append([y, y])
            gap = 0
        else:
            gap += 1
    result = []
    for y0, y1 in _merge_fragments(bands):
        cols = np.flatnonzero(ink[y0 : y1 + 1].max(axis=0) > 0)
        x0, x1 = int(cols[0]), int(cols[-1])
        if y1 - y0 + 1 >= min_height or dash_wide(x1 - x0, min_height):  # a lone - or — is short but wide
            result.append((x0, y0, x1 + 1, y1 + 1))
    return result


# In a cell of several lines of a greyscale scan, a line whose largest mark reaches less than this share of
# the other lines' (their median) is a band of noise specks stacked in the cell's empty space (a tall row's
# value sits at its top or middle), not print: read, it comes out as a character (國) or a slash beside
# the value. Its marks are small both ways: a lone digit under a wrapped number whose digits ran together
# into one wide mark (10983 printed 1098 over 3 in a narrow column) is as tall as they are.
SPECK_MARK = 0.5


def without_speck_bands(ink: np.ndarray, bands: list[Band]) -> list[Band]:
    """``bands`` less the bands of noise specks beside a cell's printed lines."""
    if len(bands) < 2:
        return bands
    marks = [_largest_mark(ink, band) for band in bands]
    return [band for i, band in enumerate(bands) if not _specks_beside(marks[i], marks[:i] + marks[i + 1 :])]


def _specks_beside(mark: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Whether a line's largest mark (height, extent) is under SPECK_MARK of the other lines' both ways."""
    return all(mark[k] < SPECK_MARK * float(np.median([other[k] for other in others])) for k in (0, 1))


def _largest_mark(ink: np.ndarray, band: Band) -> tuple[int, int]:
    """The height, and the height or width whichever is larger, of the tallest and of the largest
    connected marks in ``band``."""
    x0, y0, x1, y1 = band
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(ink[y0:y1, x0:x1], connectivity=8)
    if count < 2:
        return 0, 0
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    return int(heights.max()), int(np.maximum(stats[1:, cv2.CC_STAT_WIDTH], heights).max())


def _merge_fragments(bands: list[list[int]]) -> list[list[int]]:
    """Rejoin pieces of one character split at its inner gaps (the strokes of 三, 二, 亖 ...)."""
    if len(bands) < 2:
        return bands
    heights = [y1 - y0 + 1 for y0, y1 in bands]
    tallest = max(heights)
    nominal = float(np.median([h for h in heights if h >= 0.6 * tallest]))
    merged = [list(bands[0])]
    for y0, y1 in bands[1:]:
        last = merged[-1]
        short = (last[1] - last[0] + 1) < 0.7 * nominal or (y1 - y0 + 1) < 0.7 * nominal
        if short and (y1 - last[0] + 1) <= 1.25 * nominal:
            last[1] = y1
        else:
            merged.append([y0, y1])
    return merged


def band_crops(gray: np.ndarray, bands: Sequence[Band], pad: int) -> list[np.ndarray]:
    h, w = gray.shape[:2]
    crops = []
    for x0, y0, x1, y1 in bands:
        crop = gray[max(0, y0 - pad) : min(h, y1 + pad), max(0, x0 - pad) : min(w, x1 + pad)]
        # Pad with white so a one-character line still looks like a line to the recogniser.
        crops.append(cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255))
    return crops


# A number as a column prints it, nothing else: a line read so from parts far apart is read part by part.
