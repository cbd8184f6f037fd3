"""Rebuild a table's grid, merged cells included, from its rule masks. Pure geometry, no OCR."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import cv2
import numpy as np

from nianbao.table.lines import RuleMasks
from nianbao.table.positions import chained, cluster_positions

MIN_BROKEN_SHARE = 0.35  # of the edge, short gaps closed: a broken rule's remains along less of it are no rule
MIN_BROKEN_EXTENT = 0.75  # of the edge from the first remains to the last: one short stroke is no rule
DOUBLE_FRAME = 3.5  # tolerances: rules of a table's edge this close are its frame drawn twice
# Tolerances: two rules inside a table this close bound no row or column (no text is so small) but are one
# rule found twice (a faint rule and the edge of the shade beside it, on an unseen faint scan: an empty
# row 7 pixels tall, taken for table 四's values).
ONE_RULE_TWICE = 2.0
FLOATING = 0.5  # of a table's extent: a shorter stroke with no rule across at either end is no rule
# Tolerances (an inch): a stroke this long is no print, whatever the table's width. A faint last rule
# found in pieces, bridged into one that ends a few pixels short of the column rules at either end, was
# 0.55 of its table's width and taken for print (unseen faint 973: its last row ran into the rows above),
# as was another piece 644 pixels long. At half an inch, a piece of a shaded band's edge (0.58 inch) was
# taken for a rule through the band.
LONGEST_PRINT = 30
# Tolerances: a rule printed as dashes by a fax (pieces of 60-80 pixels at 200 dpi, 30-45 apart on an unseen
# fax, its table 二 lost) is one rule where the gaps are no longer. Print kept by the rule mask is
# strokes at least 0.3 inch long, seldom one after another on a line.
DASH_GAP = 8
MAX_INK_BESIDE = 0.2  # a broken rule's band with ink along more of it just beside is a line of text
# Of the points along an edge where its band holds ink, the share at which two strokes side by side make
# it print across the edge, not a rule's remains: a value centred in a faint table's cell merged over two
# columns stands on the edge between them, its 0's sides in the band (faint seed 3502: 政府集中采购's 0
# cut in two, its 采购总金额 lost).
STRADDLED = 0.3
THIN_ROW = 3.5  # tolerances: no line of text fits a thinner row (as DOUBLE_FRAME apart, rules are one edge)
# A rule that splits one cell alone of a row of this many or more is a stroke inside that cell, not a row's
# edge: the template's row rules run across every value column (faint seed 7406: a speck 52 pixels long
# through an empty part of a 自然人 cell split its row of ten, and the row's six other cells were left
# unmapped). Table 二's rows are four cells wide, and a faint rule may be found under one of them alone
# (faint seed 6706: 行政强制's row, the rule under it found in its label's cell).
LONE_CELL_RULE_COLUMNS = 6
OPEN_SIDE_INK = 0.002  # of a side column's pixels: at most this much ink is no print (specks of noise)
# Tolerances: how far from its mean line a rule may run along an edge. A photographed sheet whose
# perspective was not all undone leans its column rules while its row rules stay level (photo seed 5204:
# 30 pixels over table 三's 1,300, its header's and first rows' cells merged across every column).
LEAN_REACH = 3.0
# Tolerances: a side column this thin holding nothing but rules is no column but the lean of the table's
# frame, its rows' rules reaching past the frame's foot (photo seed 5607: a sheet whose perspective was
# not all undone leant table 三's right frame 55 pixels top to foot; a column of no cells beside 总计 took
# its header over both, and the column's 19 numbers were left unmapped).
LEANING_SIDE = 6.0
# Row rules that reach into a side column holding no print make it a column where this many rows' do: a
# column's own frame runs along its top and its foot. One alone is a line run on from one of the table's
# rules (folded seed 8808: a fold's shadow from table 二's top rule to the page's edge, an empty column
# 129 pixels wide beside the table, every section row taken for a row of values, 19 fields lost). The
# shadow's own pixels are no print either (folded 9312_000, at 150 dpi: a shadow on from a row's rule 20
# pixels past the frame, more ink than OPEN_SIDE_INK of the column; 13 fields lost).
MIN_ROWS_INTO_SIDE = 2


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: tuple[int, int, int, int]  # x0, y0, x1, y1 in the masks' pixels


@dataclass(frozen=True)
class Grid:
    ys: tuple[int, ...]  # row boundaries, top to bottom
    xs: tuple[int, ...]  # column boundaries, left to right
    cells: tuple[GridCell, ...]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def _segments(mask: np.ndarray, horizontal: bool) -> list[tuple[float, int, int]]:
    """(position across, start along, end along) of each connected rule."""
    return _labelled_rules(mask, horizontal)[1]


def _labelled_rules(mask: np.ndarray, horizontal: bool) -> tuple[np.ndarray, list[tuple[float, int, int]]]:
    """Each connected rule of ``mask`` labelled, and its segment (position across, start along, end
    along): label i's at i - 1."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    result = []
    for index in range(1, count):
        x, y, w, h, _ = stats[index]
        if horizontal:
            result.append((y + h / 2.0, int(x), int(x + w)))
        else:
            result.append((x + w / 2.0, int(y), int(y + h)))
    return labels, result


def _boundaries(segments: list[tuple[float, int, int]], low: int, high: int, tolerance: float) -> list[int]:
    positions = cluster_positions([s[0] for s in segments], tolerance)
    if not positions:
        return []
    if positions[0] - low > 2 * tolerance:
        positions.insert(0, low)
    if high - positions[-1] > 2 * tolerance:
        positions.append(high)
    # A frame drawn apart from the cells' own rules (a web page's table border around its cells' borders,
    # a shaded band's edge beside its rule) is one edge, not a row or column too narrow for a line of text.
    while len(positions) > 2 and positions[1] - positions[0] < DOUBLE_FRAME * tolerance:
        positions.pop(0)
    while len(positions) > 2 and positions[-1] - positions[-2] < DOUBLE_FRAME * tolerance:
        positions.pop()
    return _one_rule_each(positions, segments, tolerance)


def _one_rule_each(positions: list[int], segments: list[tuple[float, int, int]], tolerance: float) -> list[int]:
    """``positions`` with each pair closer than ONE_RULE_TWICE tolerances (a rule found twice) kept as the
    one of them with the longer rules along it."""

    def length_near(position: int) -> int:
        return sum(end - start for across, start, end in segments if abs(across - position) <= tolerance)

    kept: list[int] = []
    for position in positions:
        if kept and position - kept[-1] < ONE_RULE_TWICE * tolerance:
            if length_near(position) > length_near(kept[-1]):
                kept[-1] = position
            continue
        kept.append(position)
    return kept


def _without_open_sides(
    xs: list[int], h_lines: list[tuple[float, int, int]], ink: np.ndarray, rules: RuleMasks, tolerance: float
) -> list[int]:
    """The column boundaries without a column at either side that holds no print and that fewer than two
    rows' rules reach into (the paper between the table and a page's edge, a photographed sheet's, that
    runs down beside it; ``_rows_reaching``) or that is thinner than LEANING_SIDE tolerances (``rules``:
    the rule masks, whose pixels are no print)."""

    def blank(strip: np.ndarray) -> bool:
        return strip.size == 0 or bool(np.count_nonzero(strip) <= OPEN_SIDE_INK * strip.size)

    def open_side(inner: int, outer: int, rules_reach: bool) -> bool:
        columns = np.s_[:, max(0, min(inner, outer) + reach) : max(0, max(inner, outer) - reach)]
        near_rules = cv2.dilate(rules.horizontal[columns] | rules.vertical[columns], np.ones((3, 3), np.uint8))
        print_only = np.where(near_rules > 0, 0, ink[columns])
        wide = abs(outer - inner) >= LEANING_SIDE * tolerance
        return not (wide and rules_reach) and blank(print_only)

    reach = int(round(tolerance))
    while len(xs) > 2 and open_side(
        xs[-2], xs[-1], _rows_reaching([s for s in h_lines if s[2] >= xs[-1] - reach], tolerance)
    ):
        xs = xs[:-1]
    while len(xs) > 2 and open_side(
        xs[1], xs[0], _rows_reaching([s for s in h_lines if s[1] <= xs[0] + reach], tolerance)
    ):
        xs = xs[1:]
    return xs


def _rows_reaching(lines: list[tuple[float, int, int]], tolerance: float) -> bool:
    """Whether ``lines`` (the row rules that reach a side column's outer edge) are MIN_ROWS_INTO_SIDE rows'
    rules or more: one line alone may be a fold's or a page edge's shadow run on from the table's top."""
    return len(cluster_positions([line[0] for line in lines], tolerance)) >= MIN_ROWS_INTO_SIDE


def _anchored(
    segments: list[tuple[float, int, int]], across: list[tuple[float, int, int]], extent: float, reach: float
) -> list[tuple[float, int, int]]:
    """The horizontal segments that can be rules: long ones, and short ones with a rule across at an end.
    A short stroke ending in the open is print that the rule mask kept (the bold 一 of 上一年, the foot of
    a large 止), not a row's edge. Print has no stroke down as long as a rule."""

    def meets(along: float, position: float) -> bool:
        return any(abs(a[0] - along) <= reach and a[1] - reach <= position <= a[2] + reach for a in across)

    long_enough = min(FLOATING * extent, LONGEST_PRINT * reach)
    spans = {s: _span(chain) for chain in _dashed_chains(segments, reach) for s in chain}
    return [s for s in segments if spans[s] >= long_enough or meets(s[1], s[0]) or meets(s[2], s[0])]


def _dashed_chains(segments: list[tuple[float, int, int]], reach: float) -> list[list[tuple[float, int, int]]]:
    """The segments in chains along one line, each piece at most DASH_GAP tolerances past the one before:
    a rule a fax printed as dashes (every piece floating, its gaps several times as long as a rule's
    tolerance) is one rule as long as the chain."""
    chains = []
    for line in chained(segments, lambda s: s[0], reach / 2):
        pieces = sorted(line, key=lambda s: s[1])
        chains.append([pieces[0]])
        for piece in pieces[1:]:
            if piece[1] - max(s[2] for s in chains[-1]) <= DASH_GAP * reach:
                chains[-1].append(piece)
            else:
                chains.append([piece])
    return chains


def _span(chain: list[tuple[float, int, int]]) -> int:
    return max(s[2] for s in chain) - min(s[1] for s in chain)


def _band(mask: np.ndarray, lo: int, hi: int, start: int, end: int, horizontal: bool) -> np.ndarray:
    """The band [lo, hi) across a line of ``mask`` from ``start`` to ``end``, one row per pixel along it."""
    return mask[max(0, lo) : max(0, hi), start:end].T if horizontal else mask[start:end, max(0, lo) : max(0, hi)]


def _hits_along(mask: np.ndarray, lo: int, hi: int, start: int, end: int, horizontal: bool) -> np.ndarray:
    """For each pixel of [start, end] along the line, whether ``mask`` has ink in the band [lo, hi) across it."""
    window = _band(mask, lo, hi, start, end, horizontal)
    if window.size == 0:
        return np.zeros(0, bool)
    return window.max(axis=1) > 0


def _share_along(mask: np.ndarray, lo: int, hi: int, start: int, end: int, horizontal: bool) -> float:
    """The share of the pixels of [start, end] along a line where ``mask`` has ink in the band [lo, hi)."""
    hits = _hits_along(mask, lo, hi, start, end, horizontal)
    return float(hits.mean()) if hits.size else 0.0


def share_beside(mask: np.ndarray, band: tuple[int, int], reach: int, start: int, end: int, horizontal: bool) -> float:
    """The larger ``_share_along`` of the bands ``reach`` wide either side of ``band`` [lo, hi)."""
    lo, hi = band
    return max(
        _share_along(mask, lo - reach, lo, start, end, horizontal),
        _share_along(mask, hi, hi + reach, start, end, horizontal),
    )


def _dotted_along(hits: np.ndarray, max_gap: int) -> bool:
    """Whether ink along an edge, its gaps up to ``max_gap`` closed, covers most of it from end to end."""
    inked = np.flatnonzero(hits)
    if inked.size == 0:
        return False
    gaps = np.diff(inked) - 1
    covered = inked.size + int(gaps[gaps <= max_gap].sum())
    return covered >= MIN_BROKEN_SHARE * hits.size and inked[-1] - inked[0] + 1 >= MIN_BROKEN_EXTENT * hits.size


class _Splitter:
    """Whether a rule separates two slots: a rule runs along most of the edge between them, within the
    tolerance of its line; or the remains of a broken rule do, with almost no ink just beside the band (a
    bracket or a 丨 ending a line of text is a short thin stroke along the line too)."""

    def __init__(self, horizontal: np.ndarray, vertical: np.ndarray, tolerance: int, remains: RuleRemains | None):
        self.rules = {True: horizontal, False: vertical}
        self.tolerance = tolerance
        self.remains = remains
        self.broken = (
            {} if remains is None else {True: horizontal | remains.horizontal, False: vertical | remains.vertical}
        )
        self.labelled: dict[bool, tuple[np.ndarray, list[tuple[float, int, int]]]] = {}  # once first needed

    def __call__(self, across: int, start: int, end: int, horizontal: bool) -> bool:
        margin = max(2, (end - start) // 6)
        start, end = start + margin, end - margin
        if end <= start:
            return True
        lo, hi = across - self.tolerance, across + self.tolerance + 1
        if _share_along(self.rules[horizontal], lo, hi, start, end, horizontal) >= 0.5:
            return True
        if self._leaning_rule_along(across, start, end, horizontal):
            return True
        if self.remains is None:
            return False
        hits = _hits_along(self.broken[horizontal], lo, hi, start, end, horizontal)
        on_line = max(1, self.tolerance // 3)  # specks this close to the line are its dots
        hits |= _hits_along(self.remains.ink, across - on_line, across + on_line + 1, start, end, horizontal)
        if not _dotted_along(hits, max_gap=self.tolerance):
            return False
        beside = share_beside(self.remains.ink, (lo, hi), self.tolerance, start, end, horizontal)
        return beside <= MAX_INK_BESIDE and not _straddled(self.remains.ink, lo, hi, start, end, horizontal)

    def _leaning_rule_along(self, across: int, start: int, end: int, horizontal: bool) -> bool:
        """Whether a rule whose middle lies on the line ``across`` (within the tolerance) runs along most of
        the edge further off it, as far as LEAN_REACH tolerances: a leaning rule. Another rule's pieces
        there are not taken for it."""
        reach = int(round(LEAN_REACH * self.tolerance))
        lo, hi = across - reach, across + reach + 1
        if not _band(self.rules[horizontal], lo, hi, start, end, horizontal).any():  # most merged cells
            return False
        if horizontal not in self.labelled:
            self.labelled[horizontal] = _labelled_rules(self.rules[horizontal], horizontal)
        labels, segments = self.labelled[horizontal]
        window = _band(labels, lo, hi, start, end, horizontal)
        own = [label for label in np.unique(window) if label and abs(segments[label - 1][0] - across) <= self.tolerance]
        return bool(own) and float(np.isin(window, own).any(axis=1).mean()) >= 0.5


def _straddled(ink: np.ndarray, lo: int, hi: int, start: int, end: int, horizontal: bool) -> bool:
    """Whether the ink in the band [lo, hi) along an edge is print standing across it: at STRADDLED or
    more of the points along the edge where the band holds ink, two strokes or more side by side across
    it, as a 0's sides are, where what is left of a rule is one stroke."""
    window = _band(ink, lo, hi, start, end, horizontal)
    strokes = np.count_nonzero(np.diff((window > 0).astype(np.int8), axis=1, prepend=0) == 1, axis=1)
    held, straddling = int(np.count_nonzero(strokes)), int(np.count_nonzero(strokes >= 2))
    return held > 0 and straddling >= STRADDLED * held


@dataclass(frozen=True)
class RuleRemains:
    """What damage left of broken rules, and the ink around them, over the same pixels as the masks."""

    horizontal: np.ndarray  # short thin horizontal strokes
    vertical: np.ndarray
    ink: np.ndarray


def build_grid(
    horizontal: np.ndarray, vertical: np.ndarray, tolerance: float = 6.0, remains: RuleRemains | None = None
) -> Grid | None:
    """The grid of one table region; slots with no rule between them are merged into one cell. The rules
    place the rows and columns; between two slots, the ``remains`` of a broken rule count as a rule where
    no text lies beside them (text has short thin strokes too)."""
    h_segs, v_segs = _segments(horizontal, True), _segments(vertical, False)
    if not h_segs or not v_segs:
        return None
    x_low = min(min(s[1] for s in h_segs), min(s[0] for s in v_segs))
    x_high = max(max(s[2] for s in h_segs), max(s[0] for s in v_segs))
    y_low = min(min(s[0] for s in h_segs), min(s[1] for s in v_segs))
    y_high = max(max(s[0] for s in h_segs), max(s[2] for s in v_segs))
    h_lines = _anchored(h_segs, v_segs, x_high - x_low, tolerance) or h_segs
    # The table's sides are where its rules reach, not a stroke of print or noise beyond them (a faint
    # page's edge left short strokes 180 pixels right of table 二's frame: a column of noise read as dashes).
    x_low = min(min(s[1] for s in h_lines), min(s[0] for s in v_segs))
    x_high = max(max(s[2] for s in h_lines), max(s[0] for s in v_segs))
    ys = _boundaries(h_lines, int(y_low), int(y_high), tolerance)
    xs = _boundaries(v_segs, int(x_low), int(x_high), tolerance)
    if remains is not None:
        xs = _without_open_sides(xs, h_lines, remains.ink, RuleMasks(horizontal, vertical), tolerance)
    if len(ys) < 2 or len(xs) < 2:
        return None
    tol = int(round(tolerance))
    split = _Splitter(horizontal, vertical, tol, remains)
    ys = _without_strokes_inside_cells(ys, xs, split, tolerance)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not split(xs[c + 1], ys[r], ys[r + 1], horizontal=False):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not split(ys[r + 1], xs[c], xs[c + 1], horizontal=True):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    return Grid(tuple(ys), tuple(xs), tuple(_cells_from_groups(parent, find, ys, xs)))


def _without_strokes_inside_cells(ys: list[int], xs: list[int], split: _Splitter, tolerance: float) -> list[int]:
    """The row boundaries less each inner one that bounds a row thinner than THIN_ROW tolerances and is
    a rule across fewer than half the columns: no text fits such a row, and a rule there is a stroke
    inside a cell (faint seed 5405: one cell's piece 20 pixels above its row's foot ran the row into a
    sliver, every other cell of it merged down over both and left null). So is a rule across one column
    alone of LONE_CELL_RULE_COLUMNS or more, however tall the rows either side."""
    kept = list(ys)
    columns = len(xs) - 1
    index = 1
    while index < len(kept) - 1:
        thin = min(kept[index] - kept[index - 1], kept[index + 1] - kept[index]) < THIN_ROW * tolerance
        across = sum(split(kept[index], left, right, horizontal=True) for left, right in pairwise(xs))
        if (thin and 2 * across < columns) or (across == 1 and columns >= LONE_CELL_RULE_COLUMNS):
            del kept[index]
        else:
            index += 1
    return kept


def _cells_from_groups(parent: list[int], find, ys: list[int], xs: list[int]) -> list[GridCell]:
    """One cell per group of slots with no rule between them. A group that is no rectangle (rules lost
    in part around it: merged cells are printed rectangles) is a cell per run of its slots along each
    row, so that no two cells overlap."""
    n_cols = len(xs) - 1
    groups: dict[int, list[tuple[int, int]]] = {}
    for index in range(len(parent)):
        groups.setdefault(find(index), []).append(divmod(index, n_cols))
    cells = []
    for slots in groups.values():
        rows = [r for r, _ in slots]
        cols = [c for _, c in slots]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        if len(slots) == (r1 - r0 + 1) * (c1 - c0 + 1):
            cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
            continue
        for row in sorted(set(rows)):
            for run in chained((c for r, c in slots if r == row), float, 1):
                cells.append(GridCell(row, run[0], 1, len(run), (xs[run[0]], ys[row], xs[run[-1] + 1], ys[row + 1])))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return cells
