"""The rules of a row that damage broke into dashes, told by the column rules standing between them.

A fax loses a thin rule wherever it falls between two of its scan lines, and a skewed rule does so
every few dozen pixels: what is left of it are dashes shorter than a rule (table.lines.rule_masks).
The column rules of the same row are thick enough to survive. Where a row of a table stands alone (the
last row of table 三 carried over to the next page) nothing else places its rules, and the row was
not found at all (fax seed 2502: 结转下年度继续办理 on a page of its own, 7 fields lost). Column rules
that start at one height and end at another, with dashes along both, are that row's frame.

A rule skewed less steeply falls between scan lines less often, and leaves longer dashes with gaps as
long (fax seed 2602: pieces of 56-101 px, 60-76 px apart at 200 dpi, along every rule of table 二): too
far apart for the dashes to be joined as a broken rule (table.regions.DASH_REACH, table.grid.DASH_GAP),
each piece its own network, and the table found as three pieces of its value columns (15 fields lost).
Four or more such pieces in a row along one line, each gap no longer than the pieces beside it, are
one rule: print kept by the rule mask (strokes at least a quarter of an inch long) is not so regular."""

from __future__ import annotations

from itertools import pairwise

import cv2
import numpy as np

from nianbao.table.grid import MIN_BROKEN_SHARE, chained
from nianbao.table.lines import RuleMasks

MIN_COLUMN_RULES = 4  # column rules standing level with each other: fewer may be strokes of large print
LEVEL = 0.02  # inch: the ends of one row's column rules lie this close to each other
# Share of the row's width with ink along its top and its bottom (within LEVEL of the column rules'
# ends) for them to be its rules: 0.48 on that fax's dashed rules; the least a broken rule's remains
# cover for table.grid (MIN_BROKEN_SHARE). Text is not level with the ends of a row's column rules.
MIN_DASHED_SHARE = MIN_BROKEN_SHARE
RULED_SHARE = 0.5  # of the row's width: a rule the mask holds along half of it is there already (its own gaps closed)
# The strokes of a title's large print stand level with each other too, with strokes along their tops
# and bottoms (0.38-0.61 of its width on four scanned titles): they lie closer together than a table's
# column rules (14-16 px apart at 200 dpi, cells 48-96 px wide), and their ink fills the row (0.26-0.33
# of it besides the upright strokes, 0.09-0.16 in a table's rows).
MIN_CELL_WIDTH = 0.2  # inch
MAX_INK_INSIDE = 0.2
MIN_DASHES = 4  # pieces in a row along one line: fewer may be strokes of print
DASH_THICKNESS = 0.025  # inch: a fax's dash of a thin rule is 3-4 px thick at 200 dpi; print is thicker
GAP_TO_DASH = 1.5  # a gap up to this many times the shorter piece beside it (0.8 on that fax)
OVERLAP = 0.5  # of the shorter of two runs of dashes: runs overlapping along this much rule one table
LOST_END_INK = 0.2  # of the way from a run's end to where the others end: a stub and specks of its last dash
Dashes = list[tuple[int, int, int, int]]  # pieces of one rule, left to right


def with_dashed_row_rules(ink: np.ndarray, masks: RuleMasks, dpi: float, min_width: float) -> RuleMasks:
    """``masks`` with the top and bottom rules of each row of MIN_COLUMN_RULES column rules or more,
    level with each other and at least ``min_width`` of the page wide, drawn in where ``ink`` holds what
    is left of them (MIN_DASHED_SHARE) and the mask does not hold them already."""
    level = max(2, int(round(LEVEL * dpi)))
    horizontal = masks.horizontal  # copied once a rule is drawn in
    for top, bottom, left, right in _rows_of_columns(masks.vertical, level, MIN_CELL_WIDTH * dpi):
        if right - left < min_width * ink.shape[1] or _ink_inside(
            ink, masks.vertical, (left, top, right, bottom), level
        ):
            continue
        if all(_share_along(ink, y, left, right, level) >= MIN_DASHED_SHARE for y in (top, bottom)):
            for y in (top, bottom):
                if _share_along(horizontal, y, left, right, level) < RULED_SHARE:
                    if horizontal is masks.horizontal:
                        horizontal = horizontal.copy()
                    cv2.line(horizontal, (left, y), (right, y), 255, 2)
    return masks if horizontal is masks.horizontal else RuleMasks(horizontal, masks.vertical)


def with_dashed_rules_joined(ink: np.ndarray, masks: RuleMasks, dpi: float) -> RuleMasks:
    """``masks`` with each run of MIN_DASHES or more thin horizontal pieces along one line (within LEVEL
    of each other), none further from the next than GAP_TO_DASH times the shorter of the two, joined
    into one rule: each gap filled at the heights both pieces beside it hold, and the rule carried on
    to where the table's other such rules end where it lost its last dash (``_lost_end``)."""
    pieces = _thin_pieces(masks.horizontal, max(3, int(round(DASH_THICKNESS * dpi))))
    level = max(2, int(round(LEVEL * dpi)))
    runs = [run for line in chained(pieces, lambda p: (p[1] + p[3]) / 2, level) for run in _dash_runs(sorted(line))]
    if not runs:
        return masks
    horizontal = masks.horizontal.copy()
    for run in runs:
        for before, after in pairwise(run):
            top, bottom = max(before[1], after[1]), min(before[3], after[3])
            horizontal[top : max(bottom, top + 1), before[2] : after[0]] = 255
        _, top, last_end, bottom = run[-1]
        horizontal[top:bottom, last_end : _lost_end(ink, run, runs, level)] = 255
    return RuleMasks(horizontal, masks.vertical)


def _lost_end(ink: np.ndarray, run: Dashes, runs: list[Dashes], level: int) -> int:
    """Where a run of dashes ends, or, where the furthest right end of the runs overlapping it along
    most of the shorter one lies further, no more than GAP_TO_DASH times its longest gap past it and
    with ink along LOST_END_INK of the way there (within ``level`` of its line), that end: a last dash
    the fax cut too short for the rule mask (fax seed 2619: every row rule of table 三's 总计 column,
    20 fields lost)."""
    start, end = run[0][0], run[-1][2]
    longest_gap = max(after[0] - before[2] for before, after in pairwise(run))
    ends = [other[-1][2] for other in runs if _overlap(run, other) >= OVERLAP * min(end - start, _span(other))]
    furthest = max(ends, default=end)
    if not end < furthest <= end + GAP_TO_DASH * longest_gap:
        return end
    middle = (run[-1][1] + run[-1][3]) // 2
    along = ink[max(0, middle - level) : middle + level + 1, end:furthest].any(axis=0)
    return furthest if float(along.mean()) >= LOST_END_INK else end


def _overlap(a: Dashes, b: Dashes) -> int:
    return min(a[-1][2], b[-1][2]) - max(a[0][0], b[0][0])


def _span(run: Dashes) -> int:
    return run[-1][2] - run[0][0]


def _thin_pieces(horizontal: np.ndarray, thickness: int) -> list[tuple[int, int, int, int]]:
    """(x0, y0, x1, y1) of each piece of the bands of rows holding ``horizontal`` rules no more than
    ``thickness`` rows tall: a band's stretches of ink along it. (Labelling the mask's components took
    35 ms on a clean page here; its bands take 1.4-2.2 ms: benchmarks/results/row_rules.md.)"""
    pieces = []
    for top, bottom in _inked_runs(horizontal, 1):
        if bottom - top <= thickness:
            pieces += [(x0, top, x1, bottom) for x0, x1 in _inked_runs(horizontal[top:bottom], 0)]
    return pieces


def _inked_runs(mask: np.ndarray, axis: int) -> list[tuple[int, int]]:
    """(start, end) of each run of the rows (``axis`` 1) or columns (0) of ``mask`` holding ink, its end
    past the last of them."""
    steps = np.diff(mask.any(axis=axis).astype(np.int8), prepend=0, append=0)
    return list(zip(np.flatnonzero(steps == 1).tolist(), np.flatnonzero(steps == -1).tolist(), strict=True))


def _dash_runs(pieces: list[tuple[int, int, int, int]]) -> list[Dashes]:
    """The runs of MIN_DASHES or more of ``pieces`` (left to right along one line) each no further from
    the one before than GAP_TO_DASH times the shorter of the two."""
    runs = [[pieces[0]]]
    for piece in pieces[1:]:
        before = runs[-1][-1]
        gap = piece[0] - before[2]
        if 0 < gap <= GAP_TO_DASH * min(piece[2] - piece[0], before[2] - before[0]):
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return [run for run in runs if len(run) >= MIN_DASHES]


def _rows_of_columns(vertical: np.ndarray, level: int, min_gap: float) -> list[tuple[int, int, int, int]]:
    """(top, bottom, left, right) of each set of MIN_COLUMN_RULES or more column rules whose tops lie
    within ``level`` of each other, and whose bottoms do, each at least ``min_gap`` from the next."""
    rows = []
    for same_top in chained(column_pieces(vertical), lambda p: p[1], level):
        for same_row in chained(same_top, lambda p: p[3], level):
            middles = sorted((p[0] + p[2]) / 2 for p in same_row)
            if len(same_row) >= MIN_COLUMN_RULES and min(np.diff(middles)) >= min_gap:
                top = int(np.median([p[1] for p in same_row]))
                bottom = int(np.median([p[3] for p in same_row])) - 1
                rows.append((top, bottom, min(p[0] for p in same_row), max(p[2] for p in same_row)))
    return rows


def column_pieces(vertical: np.ndarray) -> list[tuple[int, int, int, int]]:
    """(x0, y0, x1, y1) of each connected piece of ``vertical``, labelled one band of columns holding
    rules at a time: no piece crosses a column with none, and the bands are a small share of the page
    (labelling the whole page took 18-20 ms of the 19 a clean page spent framing rows here; the bands
    take 5-8: benchmarks/results/row_rules.md)."""
    pieces = []
    for left, right in _inked_runs(vertical, 0):
        count, _, stats, _ = cv2.connectedComponentsWithStats(vertical[:, left:right], connectivity=8)
        pieces += [(left + int(x), int(y), left + int(x + w), int(y + h)) for x, y, w, h, _ in stats[1:count]]
    return pieces


def _ink_inside(ink: np.ndarray, vertical: np.ndarray, box: tuple[int, int, int, int], level: int) -> bool:
    """Whether more than MAX_INK_INSIDE of a row's inside (short of its rules) is ink besides its column
    rules: large print, not a table's cells."""
    left, top, right, bottom = box
    inside = np.s_[top + level + 1 : bottom - level, left:right]
    print_ink = (ink[inside] > 0) & (vertical[inside] == 0)
    return print_ink.size == 0 or float(print_ink.mean()) > MAX_INK_INSIDE


def _share_along(mask: np.ndarray, y: int, left: int, right: int, level: int) -> float:
    """Share of the columns from ``left`` to ``right`` with ink within ``level`` of height ``y``."""
    band = mask[max(0, y - level) : y + level + 1, left:right]
    return float(np.count_nonzero(band.any(axis=0))) / max(1, right - left)
