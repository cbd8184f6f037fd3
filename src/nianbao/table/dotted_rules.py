"""Rules printed dotted, or eaten by noise into dots, which the rule masks (long unbroken strokes) miss:
found as thin lines dense in ink with paper either side, and used where they widen a table found."""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from nianbao.table.grid import Grid
from nianbao.table.lines import RuleMasks

Box = tuple[int, int, int, int]
Grids = list[tuple[Box, Grid]]

# Noisy 10709_002 (a JPEG at 150 dpi): table 四's rules came as dots 2-20 px long with gaps of up to 29 px
# at 200 dpi; the rule masks kept 7 of its 15 columns and its value row was lost. Along WINDOW inches such a
# rule's band (WANDER inches across, as its dots wander) holds ink along COVER of it (0.42-0.47 there),
# the paper SIDE inches either side at most SIDE_COVER of it (print is thicker, and inked on both sides).
WINDOW, WANDER, COVER, SIDE, SIDE_COVER = 0.3, 0.025, 0.3, 0.04, 0.08
LENGTH = 0.4  # inch: the shortest dotted rule kept
CROSSING = 0.25  # inch: a stroke across a rule this long is a rule crossing it
# A table found narrower than NARROW of the page, of MIN_ROWS to FEW_ROWS rows, may be the part of a
# table whose rules were left whole; a table found with dotted rules too replaces it where it is
# AREA_GAIN times larger and holds it (noisy 10709_002: 3x7 found, 4x17 with its dotted rules). One row
# is not looked at: on 268 sets, 25 pages' narrow tables of one row were a title's bold strokes.
NARROW, MIN_ROWS, FEW_ROWS, AREA_GAIN = 0.65, 2, 4, 1.2
REACH = 0.5  # inch above and below such a table: where its dotted rules are looked for


def dotted_rules(ink: np.ndarray, dpi: float) -> RuleMasks:
    """255 along each dotted rule of the page (horizontal, vertical)."""
    dots = (ink > 0).astype(np.float32)
    return RuleMasks(_dotted_along_rows(dots, dpi), _dotted_along_rows(np.ascontiguousarray(dots.T), dpi).T.copy())


def _dotted_along_rows(dots: np.ndarray, dpi: float) -> np.ndarray:
    """255 where a thin horizontal line dense in dots runs at least LENGTH. Strokes crossing it (a column
    rule, at least CROSSING long: print's strokes are shorter) do not count as ink beside it."""
    window = int(WINDOW * dpi) | 1
    wander = max(1, int(round(WANDER * dpi)))
    side = max(2, int(round(SIDE * dpi)))
    crossing = cv2.morphologyEx(dots, cv2.MORPH_OPEN, np.ones((int(CROSSING * dpi), 1), np.uint8))
    along = cv2.blur(dots - crossing, (window, 1))
    band = cv2.blur(cv2.dilate(dots, np.ones((wander, 1), np.uint8)), (window, 1))
    beside = np.maximum(np.roll(along, side, axis=0), np.roll(along, -side, axis=0))
    found = ((band >= COVER) & (beside <= SIDE_COVER)).astype(np.uint8) * 255
    return cv2.morphologyEx(found, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (int(LENGTH * dpi), 1)))


def may_be_part(grids: Grids, page_width: int) -> bool:
    """Whether a table found is narrow and of a few rows: the part of one whose other rules came dotted."""
    return bool(_narrow(grids, page_width))


def _narrow(grids: Grids, page_width: int) -> list[Box]:
    return [box for box, grid in grids if MIN_ROWS <= grid.n_rows <= FEW_ROWS and box[2] - box[0] < NARROW * page_width]


def with_dotted_tables(
    ink: np.ndarray, masks: RuleMasks, grids: Grids, dpi: float, find_grids: Callable[[RuleMasks], Grids]
) -> tuple[RuleMasks, Grids]:
    """``masks`` and ``grids`` with the dotted rules level with a narrow table of few rows (within REACH of
    its top and bottom) where a table found with them (``find_grids``) holds it and is AREA_GAIN times
    larger; else unchanged. Print elsewhere on the page (a CJK page's characters stand in columns, their
    strokes one above another) is left out."""
    dotted = dotted_rules(ink, dpi)
    level = np.zeros(ink.shape[0], bool)
    reach = int(REACH * dpi)
    for _, top, _, bottom in _narrow(grids, ink.shape[1]):
        level[max(0, top - reach) : bottom + reach] = True
    dotted.horizontal[~level], dotted.vertical[~level] = 0, 0
    with_dots = RuleMasks(masks.horizontal | dotted.horizontal, masks.vertical | dotted.vertical)
    kept, changed = list(grids), False
    for box, grid in find_grids(with_dots):
        held = [old for old in kept if _holds(box, old[0])]
        alone = all(old in held or not _overlap(box, old[0]) for old in kept)
        if held and alone and _area(box) >= AREA_GAIN * max(_area(old[0]) for old in held):
            kept = [old for old in kept if old not in held] + [(box, grid)]
            changed = True
    if not changed:
        return masks, grids
    return with_dots, sorted(kept, key=lambda item: item[0][1])


def _holds(outer: Box, inner: Box, slack: int = 8) -> bool:
    return (
        outer[0] <= inner[0] + slack
        and outer[1] <= inner[1] + slack
        and outer[2] >= inner[2] - slack
        and outer[3] >= inner[3] - slack
    )


def _overlap(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _area(box: Box) -> int:
    return (box[2] - box[0]) * (box[3] - box[1])
