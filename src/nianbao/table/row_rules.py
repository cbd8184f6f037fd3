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
one rule: print kept by the rule mask (strokes at least a quarter of an inch long) is not so regular.

Where a fax kept a table's column rules whole down many rows, each row rule may be left as one short
dash in a cell and specks between (fax set 4602: table 三's last nine rows at the top of a page, dashes
of 30-60 px in cells of 65-110 px, each rule's remains along 0.27-0.41 of the table, none of them a
rule's length, and no column rule ending at a row: 72 fields lost with table 四 below). Pieces of
horizontal ink along one line in most of the cells between those column rules, with no print standing
across that line, are that row's rule: a row of values and dashes has digits across its middle, a
label's characters have strokes above and below theirs."""

from __future__ import annotations

from itertools import pairwise

import cv2
import numpy as np

from nianbao.table.grid import MIN_BROKEN_SHARE
from nianbao.table.lines import RuleMasks
from nianbao.table.positions import chained

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
LONG_COLUMN = 0.6  # inch: a column rule this long stands down several rows
DASH_PIECE = 0.08  # inch: a rule's dash at least this long (a digit's bar at 200 dpi is shorter)
CELL_SIDE = 0.03  # inch: a cell's edges left out, where its column rule and the bar of a junction stand
DASHED_CELLS = 0.6  # of the cells between the column rules along a line: with dashes along PIECE_COVER of them
PIECE_COVER = 0.25  # of a cell's width: one dash of a rule in a cell (0.3-0.6 on that fax)
DASHED_ALONG = 0.25  # of the cells' width along the line: dashes (0.27-0.41 there)
MAX_STRADDLED = 0.02  # of it: print standing across the line, with ink above and below (none there)
# of the dashes' width: ink just above or below them (a rule's middle: 0.02-0.04 there, at most 0.11 on its
# own edges; the bars along the tops of a row of characters: 0.94)
MAX_BESIDE = 0.15
CENTRED, SAME_LENGTH = 0.1, 0.25  # a row of printed dashes: each this near its cell's middle, as long as the others


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


def with_dashed_rules_between_columns(ink: np.ndarray, masks: RuleMasks, dpi: float) -> RuleMasks:
    """``masks`` with a rule drawn across the column rules at least LONG_COLUMN long that stand across
    each line where DASHED_CELLS of the cells between them hold dashes of a rule (``_dashed_lines``),
    none of which the mask holds along RULED_SHARE of that width already."""
    columns = [p for p in column_pieces(masks.vertical) if p[3] - p[1] >= LONG_COLUMN * dpi]
    if len(columns) < MIN_COLUMN_RULES:
        return masks
    level = max(2, int(round(LEVEL * dpi)))
    dashes = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (round(DASH_PIECE * dpi), 1))
    )
    near = [cv2.dilate(mask, np.ones((2 * level + 1, 1), np.uint8)) > 0 for mask in (dashes, masks.horizontal)]
    found = _dashed_lines(ink, dashes, near, columns, (level, max(2, int(round(CELL_SIDE * dpi)))))
    lines = [line[len(line) // 2] for line in chained(found, lambda found: found[0], 1)]  # the middle of a band
    if not lines:
        return masks
    horizontal = masks.horizontal.copy()
    for y, left, right, cell_width in lines:
        left, right = _carried_past_columns(near[0][y], (left, right), cell_width)
        cv2.line(horizontal, (left, y), (right, y), 255, 2)
    return RuleMasks(horizontal, masks.vertical)


def _carried_past_columns(near_dashes: np.ndarray, ends: tuple[int, int], width: int) -> tuple[int, int]:
    """A line's ends carried a cell's ``width`` past the outermost column rules, on each side where the
    dashes (``near_dashes``, along the line) cover PIECE_COVER of that cell: the column at a table's edge
    whose outer rule the fax broke into pieces too short for the rule mask (fax set 4602: table 三's 总计
    column, 9 fields)."""
    left, right = ends
    before, beyond = near_dashes[max(0, left - width) : left], near_dashes[right : right + width]
    if width and before.size and float(before.mean()) >= PIECE_COVER:
        left = max(0, left - width)
    if width and beyond.size and float(beyond.mean()) >= PIECE_COVER:
        right = min(near_dashes.size - 1, right + width)
    return left, right


def _dashed_lines(
    ink: np.ndarray,
    dashes: np.ndarray,
    near: list[np.ndarray],
    columns: list[tuple[int, int, int, int]],
    tolerances: tuple[int, int],
) -> list[tuple[int, int, int, int]]:
    """(height, left, right, the cells' median width) of each line along which dashes lie in DASHED_CELLS
    of the cells between the MIN_COLUMN_RULES or more ``columns`` standing across it, along DASHED_ALONG
    of their width, the rule mask along less than RULED_SHARE of it, with no print there
    (``_print_along``) and not a row of values printed as dashes (``_dash_values``). ``near``: where the
    dashes and the rule mask lie within the level of each line; ``tolerances``: that level, and the
    cells' edges left out. The lines are taken a stretch at a time, over which the same columns stand."""
    level, side = tolerances
    near_dashes, near_rules = near
    ends = sorted({y for _, y0, _, y1 in columns for y in (y0 + level + 1, y1 - level)})
    found = []
    for top, bottom in pairwise(ends):
        middles = sorted((x0 + x1) // 2 for x0, y0, x1, y1 in columns if y0 + level < top and bottom <= y1 - level)
        cells = [(a + side, b - side) for a, b in pairwise(middles) if b - a > 2 * side]
        if len(middles) < MIN_COLUMN_RULES or not cells:
            continue
        stretch = near_dashes[top:bottom]
        dashed = sum(stretch[:, a:b].mean(axis=1) >= PIECE_COVER for a, b in cells)
        inside = np.concatenate([np.arange(a, b) for a, b in cells])
        along, ruled = stretch[:, inside].mean(axis=1), near_rules[top:bottom, inside].mean(axis=1)
        wanted = (dashed >= DASHED_CELLS * len(cells)) & (along >= DASHED_ALONG) & (ruled < RULED_SHARE)
        for y in np.flatnonzero(wanted).tolist():
            on_line = np.any(dashes[max(0, top + y - level) : top + y + level + 1], axis=0)
            if not (_print_along(ink, on_line, top + y, level, inside) or _dash_values(on_line, cells)):
                found.append((top + y, middles[0], middles[-1], int(np.median(np.diff(middles)))))
    return found


def _dash_values(on_line: np.ndarray, cells: list[tuple[int, int]]) -> bool:
    """Whether the dashes along a line (``on_line``: which columns hold one) are a row of values printed
    as dashes: in the middle of each cell that holds any (within CENTRED of its width) and as long as
    each other (within SAME_LENGTH), where a fax leaves a rule's dashes anywhere along it (the row of a
    photographed table 四 printing — in each of its fifteen cells would be taken for a rule)."""
    lengths = []
    for left, right in cells:
        inked = np.flatnonzero(on_line[left:right])
        if inked.size == 0:
            continue
        middle = (inked[0] + inked[-1]) / 2
        if abs(middle - (right - left) / 2) > CENTRED * (right - left):
            return False
        lengths.append(int(inked[-1] - inked[0]) + 1)
    return len(lengths) >= 2 and max(lengths) - min(lengths) <= SAME_LENGTH * min(lengths)


def _print_along(ink: np.ndarray, on_line: np.ndarray, y: int, level: int, inside: np.ndarray) -> bool:
    """Whether the line at ``y`` is print, not a rule, along the columns ``inside``: ink stands across it
    (within ``level`` of it and beyond that above and below) along more than MAX_STRADDLED of them, as
    digits beside a row's dashes do; or its dashes (``on_line``: which columns hold one) have ink just
    above or below them along more than MAX_BESIDE of their width, as the bars along the tops of a row of
    characters do."""
    reach = 2 * level
    on = np.any(ink[max(0, y - level) : y + level + 1], axis=0)[inside]
    above = np.any(ink[max(0, y - level - reach) : max(0, y - level)], axis=0)[inside]
    below = np.any(ink[y + level + 1 : y + level + 1 + reach], axis=0)[inside]
    dashed = on_line[inside]
    beside = int(np.count_nonzero(dashed & (above | below))) / max(1, int(np.count_nonzero(dashed)))
    return float((on & above & below).mean()) > MAX_STRADDLED or beside > MAX_BESIDE


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
