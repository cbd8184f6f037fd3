"""Where the ruled tables of a page are: networks of rules, joined where damage broke one table's apart."""

from __future__ import annotations

from dataclasses import dataclass, replace
from statistics import median

import cv2
import numpy as np

from nianbao.config import TableConfig
from nianbao.table.lines import RuleMasks
from nianbao.table.positions import chained
from nianbao.table.row_rules import column_pieces

SIDE_BY_SIDE_GAP = 0.15  # of the page width: networks closer than this, level with each other, may be one table
SHARED_HEIGHT = 0.5  # of the shorter network's height
STACKED_WIDTH, STACKED_HEIGHT = 0.5, 0.2  # of the narrower network's width, of the shorter one's height
ROW_TOLERANCE = 5  # pixels: rules of two networks this close in height are one line
MIN_SHARED_RULES = 2
OVERLAP = 0.5  # of the smaller network's box
COLLINEAR = 3  # pixels: pieces of a column's rule this close across are one rule
BROKEN_COLUMN_SHARE = 0.5  # of a table's height: pieces of a column's rule along less of it are not joined
# A network narrower than this share of the page is a table only where two of its horizontal rules run
# across it (FULL_RULE of its width): a narrow table 二 is framed, a title's bold strokes are not.
NARROW_TABLE = 0.3
FULL_RULE = 0.9
# A fax may print a table's rules as dashes (60-80 px long, 10-65 px apart at 200 dpi), each piece its
# own network: a piece of one rule (one rule row, DASH_HEIGHT at most) level with a rule of another
# network and DASH_REACH of the page's width from it at most continues that network's rule.
DASH_HEIGHT = 3 * ROW_TOLERANCE
DASH_REACH = 0.035
# A table's last row whose rules were lost but for pieces of the rule under it: those pieces lie at most
# LAST_ROW_DROP of the page's height below the table (0.47 inch on A4; a row is 0.2-0.35 inch), at
# least LAST_ROW_HEIGHT of that, and along BOTTOM_RULE_SHARE of its width.
LAST_ROW_DROP, LAST_ROW_HEIGHT, BOTTOM_RULE_SHARE = 0.04, 0.25, 0.6
# Rows whose rules a fax lost but for one between them are framed by their column rules (fax set 4014: table
# 三's last two rows carried over to the top of a page, the rules above and below them lost, 14 fields
# lost): where a network has one horizontal rule and FRAMING_COLUMNS of its column rules or more reach
# FRAMED_ROW of the page's height or more above it and below it (a row is 0.2-0.35 inch, 0.018-0.03 of an
# A4 page), the ends of those column rules stand for the lost rules.
FRAMING_COLUMNS = 3
FRAMED_ROW = 0.01
# A faint table whose shaded bands kept their edges and whose rows between lost most of their rules falls
# apart into pieces one under another, each a band and rows next to it (faint set 5206: table 二's four
# sections, 4-14 px apart or overlapping by 20, every one of its 10 fields lost). Networks with rules that
# span nearly the same width (SAME_SPAN of the wider one's) and lie at most STACKED_DROP of the page's
# height apart (0.1 inch: no title between two tables fits) are one table.
SAME_SPAN = 0.95
STACKED_DROP = 0.01
# ... measured from where their rules reach, a lone stroke running past a table's frame left out (faint
# seed 7507: a faint stroke 52 pixels long down from table 三's last rule brought it within STACKED_DROP of
# table 四 under their heading, and the two were one grid, table 三's last three rows lost): its horizontal
# rules, or this many of its column rules' pieces.
MIN_HELD_COLUMNS = 2


@dataclass(frozen=True)
class _Network:
    box: tuple[int, int, int, int]
    rule_rows: np.ndarray  # the heights of its horizontal rules; none: it is a piece of a column's rule
    grown_down: bool = False  # given the broken rule under its last row once (_broken_bottom_rule)
    framed: bool = False  # its lost top and bottom rules stood for by its column rules' ends (_framed_by_columns)
    # How far up and down its rules reach (_held_reach); None: as far as its box
    held: tuple[float, float] | None = None

    @property
    def reach(self) -> tuple[float, float]:
        return self.held if self.held is not None else (self.box[1], self.box[3])

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]

    def gap(self, other: _Network) -> int:
        """Across: negative where the two overlap."""
        return max(self.box[0], other.box[0]) - min(self.box[2], other.box[2])

    def lines_up_with(self, other: _Network, max_gap: float) -> bool:
        """Level with ``other``, near it, and either mostly inside it or ruled at two of its heights; or
        overlapping it across most of the narrower one's width and along part of the shorter one's height
        (STACKED_WIDTH, STACKED_HEIGHT): a faint table broken apart one piece above another."""
        a, b = self.box, other.box
        shared = min(a[3], b[3]) - max(a[1], b[1])
        gap = self.gap(other)
        if -gap >= STACKED_WIDTH * min(a[2] - a[0], b[2] - b[0]) and shared >= STACKED_HEIGHT * min(
            self.height, other.height
        ):
            return True  # tables do not interleave
        if shared < SHARED_HEIGHT * min(self.height, other.height) or gap > max_gap:
            return False
        if gap < 0 and shared * -gap >= OVERLAP * min(_area(a), _area(b)):
            return True  # tables do not interleave: most of one inside the other is one table
        if len(self.rule_rows) < MIN_SHARED_RULES or len(other.rule_rows) < MIN_SHARED_RULES:
            return False
        distances = np.abs(self.rule_rows[:, None] - other.rule_rows[None, :]).min(axis=1)
        return int(np.count_nonzero(distances <= ROW_TOLERANCE)) >= MIN_SHARED_RULES

    def abuts(self, other: _Network, max_drop: float) -> bool:
        """Whether both hold rules, span nearly the same width (SAME_SPAN) and lie one under the other at
        most ``max_drop`` apart (or overlapping)."""
        a, b = self.box, other.box
        if not len(self.rule_rows) or not len(other.rule_rows):
            return False
        if -self.gap(other) < SAME_SPAN * max(a[2] - a[0], b[2] - b[0]):
            return False
        (top_a, bottom_a), (top_b, bottom_b) = self.reach, other.reach
        return max(top_a, top_b) - min(bottom_a, bottom_b) <= max_drop

    def continues_dashed_rule(self, other: _Network, reach: float) -> bool:
        """Whether one of the two is a dash of a rule (DASH_HEIGHT, one rule row) level with a rule of the
        other and no further than ``reach`` beside it."""
        if not 0 <= self.gap(other) <= reach:
            return False
        return any(
            len(dash.rule_rows) == 1
            and dash.height <= DASH_HEIGHT
            and len(rest.rule_rows) > 0
            and np.abs(rest.rule_rows - dash.rule_rows[0]).min() <= ROW_TOLERANCE
            for dash, rest in ((self, other), (other, self))
        )

    def joined(self, others: list[_Network], down: bool = False) -> _Network:
        boxes = [self.box] + [o.box for o in others]
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        rows = np.unique(np.concatenate([self.rule_rows] + [o.rule_rows for o in others]))
        networks = [self, *others]
        held = (min(n.reach[0] for n in networks), max(n.reach[1] for n in networks))
        framed = any(n.framed for n in networks)
        return _Network(box, rows, down or any(n.grown_down for n in networks), framed=framed, held=held)


def table_regions(masks: RuleMasks, config: TableConfig) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x0, y0, x1, y1) of rule networks wide enough to be tables, top to bottom. A faint
    rule broken along its length splits its table's network apart: networks level with each other whose
    rules line up are one table, and so are the pieces of a column's rule beside it."""
    joined = cv2.dilate(masks.horizontal | masks.vertical, np.ones((5, 5), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    page_width = masks.horizontal.shape[1]
    rows = _rule_rows(masks.horizontal, labels, count)
    ends = _column_ends(masks.vertical, labels, count)
    boxes = [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, _ in stats[1:count]]
    networks = [
        _Network(box, rows[i + 1], held=_held_reach(box, rows[i + 1], ends[i + 1])) for i, box in enumerate(boxes)
    ]
    min_row = masks.horizontal.shape[0] * FRAMED_ROW
    networks = [_framed_by_columns(n, masks.vertical, min_row) if len(n.rule_rows) == 1 else n for n in networks]
    regions = []
    last_row = (masks.horizontal.shape[0] * LAST_ROW_DROP, page_width * NARROW_TABLE)
    reaches = (page_width * SIDE_BY_SIDE_GAP, page_width * DASH_REACH, masks.horizontal.shape[0] * STACKED_DROP)
    for network in _joined(networks, reaches, last_row):
        x0, y0, x1, y1 = network.box
        if x1 - x0 < page_width * config.min_table_width_fraction or y1 - y0 < 20:
            continue
        rules = _count_rules(masks.horizontal[y0:y1, x0:x1], axis=1)
        if (max(rules, len(network.rule_rows)) if network.framed else rules) < config.min_rows + 1:
            continue
        if x1 - x0 < page_width * NARROW_TABLE and _full_rules(masks.horizontal[y0:y1, x0:x1]) < 2:
            continue
        regions.append(network.box)
    return sorted(regions, key=lambda r: r[1])


def _joined(
    networks: list[_Network], reaches: tuple[float, float, float], last_row: tuple[float, float]
) -> list[_Network]:
    """Join networks that line up (at most ``max_gap`` apart across), whose dashed rules run on into each
    other (``dash_reach`` apart at most), or that abut one under the other (``max_drop`` apart at most):
    ``reaches`` holds those three. Give each table the broken column rules beside it and the broken rule
    under a last row that lost its own, once (``last_row``: how far below, how wide a table; rows gathered
    one under another would make a table of lines of text), until none changes.
    A network that grew is tried again at once; a pass that joined any is followed by another."""
    max_gap, dash_reach, max_drop = reaches
    networks = sorted(networks, key=lambda n: n.box)
    changed = True
    while changed:
        changed, i = False, 0
        while i < len(networks):
            a = networks[i]
            level = next(
                (
                    n
                    for n in networks[i + 1 :]
                    if a.lines_up_with(n, max_gap) or a.continues_dashed_rule(n, dash_reach) or a.abuts(n, max_drop)
                ),
                None,
            )
            partners = [level] if level is not None else _broken_columns_beside(a, networks)
            down = not partners and not a.grown_down
            partners = partners or (_broken_bottom_rule(a, networks, *last_row) if down else [])
            if not partners:
                i += 1
                continue
            rest = [n for n in networks if n is not a and all(n is not p for p in partners)]
            networks = [*rest[:i], a.joined(partners, down), *rest[i:]]
            changed = True
    return networks


def _broken_columns_beside(table: _Network, networks: list[_Network]) -> list[_Network]:
    """Pieces of column rules (networks with no horizontal rule) beside ``table``, less than its width away
    and within its height, that stand one above another along most of it: a column's rule broken apart
    (the label columns of a table whose row rules were lost lie wholly outside the rest of it). A scanned
    page's edge runs past the table, or drifts across as it goes down, and is left alone."""
    if len(table.rule_rows) < MIN_SHARED_RULES:
        return []
    top, bottom = table.box[1] - ROW_TOLERANCE, table.box[3] + ROW_TOLERANCE
    pieces = [n for n in networks if len(n.rule_rows) == 0 and 0 < table.gap(n) <= table.box[2] - table.box[0]]
    joined = []
    for column in chained(pieces, lambda n: (n.box[0] + n.box[2]) / 2, COLLINEAR):
        within = all(top <= p.box[1] and p.box[3] <= bottom for p in column)
        if within and sum(p.height for p in column) >= BROKEN_COLUMN_SHARE * table.height:
            joined += column
    return joined


def _broken_bottom_rule(table: _Network, networks: list[_Network], max_drop: float, min_width: float) -> list[_Network]:
    """Pieces of a rule under ``table`` (a table at least ``min_width`` wide), between LAST_ROW_HEIGHT of
    ``max_drop`` and ``max_drop`` below its last rule, within its width and along BOTTOM_RULE_SHARE of
    it, with the pieces of column rules above them: a last row whose rules were lost but for those
    pieces (a faint table's row of numbers under a shaded header band). A network reaching further down
    is another table, and is left alone, and so are pieces level with its top rule or less than a row
    above it (``_tops``): that rule broken where the next table begins."""
    x0, _, x1, _ = table.box
    if len(table.rule_rows) < MIN_SHARED_RULES or x1 - x0 < min_width:
        return []
    bottom = float(table.rule_rows.max())  # its last rule: stubs of its column rules may reach below
    below = [
        n
        for n in networks
        if n is not table
        and bottom < n.box[1]
        and n.box[3] <= bottom + max_drop
        and x0 - ROW_TOLERANCE <= n.box[0]
        and n.box[2] <= x1 + ROW_TOLERANCE
    ]
    further = [n for n in networks if n is not table and n.box[3] > bottom + max_drop and len(n.rule_rows)]
    ruled = [(float(n.rule_rows.max()), n) for n in below if len(n.rule_rows)]
    for level in chained(ruled, lambda item: item[0], ROW_TOLERANCE):
        height = max(y for y, _ in level)
        width = sum(n.box[2] - n.box[0] for _, n in level)
        another_top = any(_tops(n, height, LAST_ROW_HEIGHT * max_drop) for n in further)
        if height - bottom >= LAST_ROW_HEIGHT * max_drop and width >= BOTTOM_RULE_SHARE * (x1 - x0):
            return [] if another_top else [n for n in below if n.box[3] <= height + ROW_TOLERANCE]
    return []


def _tops(network: _Network, height: float, reach: float) -> bool:
    """Whether ``network``'s top rule is at ``height``, or it begins there or less than ``reach`` (less
    than a row) below it: a rule there is the top of the table below, broken away from it where its column
    rules were lost (faint seed 5703: table 四's top rule, under its heading, joined to table 三 above), or
    where they still reach up to it (faint seed 6203, its first rule of its own a row lower)."""
    return abs(network.rule_rows.min() - height) <= ROW_TOLERANCE or -ROW_TOLERANCE <= network.box[1] - height <= reach


def _framed_by_columns(network: _Network, vertical: np.ndarray, min_row: float) -> _Network:
    """``network`` (of one horizontal rule) with the heights where FRAMING_COLUMNS of its column rules or
    more end, ``min_row`` or more above that rule and below it, as its rules too: the rules a fax lost
    above and below the rows they frame."""
    x0, y0, x1, y1 = network.box
    rule = float(network.rule_rows[0])
    framing = [
        (y0 + top, y0 + bottom)
        for _, top, _, bottom in column_pieces(vertical[y0:y1, x0:x1])
        if y0 + top <= rule - min_row and y0 + bottom >= rule + min_row
    ]
    if len(framing) < FRAMING_COLUMNS:
        return network
    top, bottom = median(top for top, _ in framing), median(bottom for _, bottom in framing)
    return replace(network, rule_rows=np.array([top, rule, bottom], dtype=float), framed=True)


def _column_ends(vertical: np.ndarray, labels: np.ndarray, count: int) -> list[list[tuple[int, int]]]:
    """For each network label, the (top, bottom) of each piece of its column rules."""
    ends: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    for x0, y0, x1, y1 in column_pieces(vertical):
        ends[int(labels[(y0 + y1) // 2, (x0 + x1) // 2])].append((y0, y1))
    return ends


def _held_reach(
    box: tuple[int, int, int, int], rule_rows: np.ndarray, column_ends: list[tuple[int, int]]
) -> tuple[float, float] | None:
    """How far up and down a framed network's rules reach, within its ``box``: its first and last
    horizontal rules (give or take ROW_TOLERANCE: the box holds their width), or MIN_HELD_COLUMNS of its
    column rules' pieces or more running past them (one alone is a stroke, no table's); None (as far as
    its box) for a network of fewer than MIN_SHARED_RULES horizontal rules, whose column rules alone may
    hold the rows a fax or a faint page lost."""
    if len(rule_rows) < MIN_SHARED_RULES:
        return None
    top, bottom = float(rule_rows.min()) - ROW_TOLERANCE, float(rule_rows.max()) + ROW_TOLERANCE
    above = sorted(y0 for y0, _ in column_ends if y0 < top)
    below = sorted((y1 for _, y1 in column_ends if y1 > bottom), reverse=True)
    if len(above) >= MIN_HELD_COLUMNS:
        top = above[MIN_HELD_COLUMNS - 1]
    if len(below) >= MIN_HELD_COLUMNS:
        bottom = below[MIN_HELD_COLUMNS - 1]
    return max(top, box[1]), min(bottom, box[3])


def _area(box: tuple[int, int, int, int]) -> int:
    return max(1, (box[2] - box[0]) * (box[3] - box[1]))


def _rule_rows(horizontal: np.ndarray, labels: np.ndarray, count: int) -> list[np.ndarray]:
    """For each network label, the middle heights of its horizontal rules."""
    ys, xs = np.nonzero(horizontal)
    owners = labels[ys, xs]
    pairs = np.unique(owners.astype(np.int64) * horizontal.shape[0] + ys)  # each label's heights, sorted
    owners, heights = np.divmod(pairs, horizontal.shape[0])
    starts = np.searchsorted(owners, np.arange(count + 1))
    rows = []
    for label in range(count):
        mine = heights[starts[label] : starts[label + 1]]
        runs = np.split(mine, np.flatnonzero(np.diff(mine) > 1) + 1) if len(mine) else []
        rows.append(np.array([run.mean() for run in runs], dtype=float))
    return rows


def _full_rules(horizontal: np.ndarray) -> int:
    """How many horizontal rules run across (nearly) the whole width of ``horizontal``, a region's mask;
    a rule a little slanted is counted over the few rows it steps across."""
    across = cv2.dilate(horizontal, np.ones((5, 1), np.uint8))
    return _runs((across > 0).sum(axis=1) >= FULL_RULE * horizontal.shape[1])


def _count_rules(mask: np.ndarray, axis: int) -> int:
    return _runs((mask > 0).sum(axis=axis) > 0)


def _runs(profile: np.ndarray) -> int:
    """How many runs of True ``profile`` holds."""
    return int(np.count_nonzero(profile[1:] & ~profile[:-1]) + int(profile[0])) if len(profile) else 0
