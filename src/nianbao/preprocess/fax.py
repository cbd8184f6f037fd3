"""Telling a fax page apart, cheaply. Pure: image in, answer out.

A fax sent in standard mode has half the vertical resolution of its horizontal one; shown (or saved to
PDF/TIFF) with square pixels, every scan line is drawn twice. Such a page has lost its thin horizontal
strokes (the top and bottom of a 0, the bar of a 4, a minus sign), which later stages must know.
"""

from __future__ import annotations

import numpy as np

NEXT_LINE_SHARE = 0.05  # at most this share of a fax's line changes come right after another change
MIN_CHANGES = 50  # lines that differ from the next; fewer (a blank page) tell nothing

# A page scanned black and white at 150 dpi or so can lose thin strokes as a fax does (a 4's diagonal, the
# top of a 5), where a grey scan keeps them faint. Such a page is told by its pixels: those between black
# and white are the blur a lossy format left at its edges, a few against its ink (of the dark and grey ones,
# at most 0.11 on the 130 thresholded pages at 150 dpi of 216 non-fax synthetic sets, most stored as JPEG;
# at least 0.33 on their grey 150-dpi scans, whose strokes are drawn soft). At 175 dpi a 4 stored so lost
# its bar too (noisy 9808_001); at 300 dpi none of the pages measured lost a stroke.
COARSE_DPI = 200
NEAR_BLACK, NEAR_WHITE = 64, 192
MAX_EDGE_SHARE = 0.2  # of the ink's pixels (dark or grey), grey at most this share
MIN_INK_SHARE = 0.005  # of the page's pixels: a page with less ink than this (a blank one) tells nothing


def doubled_axis(gray: np.ndarray) -> int | None:
    """0 when the page's rows come in identical pairs (a 2:1 fax shown with square pixels), 1 when its
    columns do (the same fax turned sideways), None otherwise."""
    for axis in (0, 1):
        lines = gray if axis == 0 else gray.T
        if _twin_lines(lines):
            return axis
    return None


def _twin_lines(lines: np.ndarray) -> bool:
    """Whether every line is drawn at least twice: a line then never changes into the next right after
    a change (a 204 x 98 dpi fax stretched by 2.08 draws some lines three times). On any other page,
    text changes from one line to the next line after line."""
    changes = np.flatnonzero((lines[1:] != lines[:-1]).any(axis=1))
    if len(changes) < MIN_CHANGES:
        return False
    back_to_back = int((np.diff(changes) == 1).sum())
    return back_to_back <= NEXT_LINE_SHARE * len(changes)


def coarse_bilevel(gray: np.ndarray, dpi: float) -> bool:
    """Whether a page as stored (``gray``, at ``dpi``) is a black-and-white scan at COARSE_DPI or less:
    its ink is black, grey only at its edges, where a lossy format blurred them."""
    if dpi > COARSE_DPI:
        return False
    dark = np.count_nonzero(gray <= NEAR_BLACK)
    grey = np.count_nonzero((gray > NEAR_BLACK) & (gray < NEAR_WHITE))
    ink = dark + grey
    return bool(ink >= MIN_INK_SHARE * gray.size and grey <= MAX_EDGE_SHARE * ink)


def upright_fax(gray: np.ndarray, rotation: int, stored_axis: int | None = None) -> bool:
    """Whether the page, once turned upright by ``rotation`` (clockwise degrees), is a fax whose doubled
    lines run along the text: its thin horizontal strokes may be lost. ``stored_axis``: the axis of its
    doubled lines where they were seen before the page was drawn (and blended)."""
    axis = stored_axis if stored_axis is not None else doubled_axis(gray)
    if axis is None:
        return False
    turned = rotation in (90, 270)
    return (axis == 0) != turned
