"""Tables whose rules are lost: a grid from how the text lines up. Pure geometry, no OCR.

A fax or a faint scan can keep a table's text and lose its thin rules (only specks of them are left), and
some reports print a table with no rules at all. A person still reads such a table by its columns. Here
rows are blocks of text (table.text_blocks) level with each other, columns are blocks one above the
other; a run of text lines where at least ``MIN_TABULAR_ROWS`` rows hold several blocks in shared
columns, and at least ``MIN_WORD_ROWS`` a label or header, is a table. Its grid has a row per row of
text and a column per column of blocks; a section line across the table (第二十条第（一）项) and a lone
value beside its label are merged cells, as their ruled cells would be.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from nianbao.table.grid import Grid, GridCell, chained
from nianbao.table.text_blocks import SLIVER, Box, TextBlocks

MIN_TABULAR_ROWS = 3  # rows of several blocks in shared columns; fewer is a line of text, not a table
MIN_WORD_ROWS = 2  # rows with a label or header; specks never make one
MIN_COLUMNS = 2
MAX_COLUMNS, MAX_ROWS = 20, 60  # more than any table of the template has on a page
# In text heights: cells of a row are further apart than COLUMN_GAP, runs of rows than ROW_GAP; no row
# of a table is lower than ROW_HEIGHT, and rows whose blocks reach OVERLAP into each other are one row
# (the lines of a header band); a value is at most VALUE_WIDTH wide (five digits).
COLUMN_GAP, ROW_GAP, ROW_HEIGHT, OVERLAP, VALUE_WIDTH = 1.2, 3.0, 0.8, 0.2, 2.5
WIDE = 0.6  # a block wider than this share of the text's width is a line of prose: it ends a table
CENTRED_LINE, CENTRED = 0.4, 0.08  # shares of the table's width: a short line, and how near its middle


def borderless_grids(blocks: TextBlocks) -> list[tuple[Box, Grid]]:
    """Each table the blocks form (its box in page pixels, its grid), top to bottom."""
    rows = _rows(blocks.boxes, blocks.text_height)
    if not rows:
        return []
    tables = []
    for run in _runs(rows, blocks.text_height, blocks.headings):
        if sum(any(_holds_a_word(box, blocks.words) for box in row) for row in run) < MIN_WORD_ROWS:
            continue
        grid = _grid(run, blocks.text_height, blocks.page_size)
        if grid is not None:
            tables.append(grid)
    return tables


def _holds_a_word(box: Box, words: frozenset[Box]) -> bool:
    return any(box[0] <= w[0] and box[1] <= w[1] and w[2] <= box[2] and w[3] <= box[3] for w in words)


def _rows(boxes: list[Box], height: float) -> list[list[Box]]:
    """Blocks level with each other (their middles within half a text height), top to bottom, each row
    left to right."""
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b[1] + b[3]) / 2):
        middle = (box[1] + box[3]) / 2
        if rows and abs(middle - _middle(rows[-1])) <= height / 2:
            rows[-1].append(box)
        else:
            rows.append([box])
    # A row of slivers only is what is left of a dashed rule between rows, not text.
    return [_cells_of(sorted(row), height) for row in rows if any(not _sliver(b, height) for b in row)]


def _cells_of(row: list[Box], height: float) -> list[Box]:
    """A row's blocks closer than COLUMN_GAP taken together: one cell's text split at a wide
    punctuation mark (本年收费金额（单位：万元）). A sliver stays apart: it may be a piece of a rule."""
    merged: list[Box] = []
    for box in row:
        last = merged[-1] if merged else None
        if last and box[0] - last[2] < COLUMN_GAP * height and not _sliver(box, height) and not _sliver(last, height):
            merged[-1] = (last[0], min(last[1], box[1]), max(last[2], box[2]), max(last[3], box[3]))
        else:
            merged.append(box)
    return merged


def _middle(row: list[Box]) -> float:
    return sum((b[1] + b[3]) / 2 for b in row) / len(row)


def _several(row: list[Box], height: float) -> bool:
    """Whether a row holds several cells' blocks (``_cells_of``; slivers aside: they may be what is
    left of a dashed rule between two cells)."""
    return sum(not _sliver(b, height) for b in row) >= MIN_COLUMNS


def _sliver(box: Box, height: float) -> bool:
    return box[2] - box[0] < SLIVER * height


def _runs(rows: list[list[Box]], height: float, headings: frozenset[Box]) -> list[list[list[Box]]]:
    """Runs of rows close under each other that end with a row of several blocks and start with one, or
    with a lone line just above it (a table's first section line). A line of prose (a block wider than
    WIDE of all the text's width) or a heading ends a run."""
    left, right = min(b[0] for row in rows for b in row), max(b[2] for row in rows for b in row)
    runs: list[list[list[Box]]] = [[]]
    for row in rows:
        current = runs[-1]
        if any(b[2] - b[0] > WIDE * (right - left) for b in row):
            runs.append([])
            continue
        if current and min(b[1] for b in row) - max(b[3] for b in current[-1]) > ROW_GAP * height:
            runs.append([])
        runs[-1].append(row)
    trimmed = []
    for run in (part for whole in runs for part in _split_at_headings(whole, headings)):
        tabular = [i for i, row in enumerate(run) if _several(row, height)]
        if len(tabular) >= MIN_TABULAR_ROWS:
            first = tabular[0] - 1 if tabular[0] > 0 and len(run[tabular[0] - 1]) == 1 else tabular[0]
            trimmed.append(run[first : tabular[-1] + 1])
    return trimmed


def _split_at_headings(run: list[list[Box]], headings: frozenset[Box]) -> list[list[list[Box]]]:
    """A run cut at each heading between two tables: a lone line in a larger print (``headings``)."""
    parts: list[list[list[Box]]] = [[]]
    for row in run:
        if len(row) == 1 and row[0] in headings:
            parts.append([])
        else:
            parts[-1].append(row)
    return [part for part in parts if part]


def _grid(rows: list[list[Box]], height: float, page_size: tuple[int, int]) -> tuple[Box, Grid] | None:
    """The grid of a run of rows, or None when its blocks share too few or too many columns, or its rows
    of text overlap (not one table's rows)."""
    rows = _centred_lines_joined(rows)
    columnar = [box for row in rows if _several(row, height) for box in row if not _sliver(box, height)]
    columns = _columns(rows, columnar, height)
    if not MIN_COLUMNS <= len(columns) <= MAX_COLUMNS or len(rows) > MAX_ROWS:
        return None
    rows = _overlapping_rows_joined([[b for b in row if _in_a_column(b, columnar, height)] for row in rows], height)
    xs = [min(max(x, 0), page_size[0]) for x in _column_bounds(rows, columns, height)]
    ys = [min(max(y, 0), page_size[1]) for y in _row_bounds(rows, height)]
    if any(below - above < ROW_HEIGHT * height for above, below in pairwise(ys)):
        return None  # rows of text overlap: not a table's rows (or blocks of two tables run together)
    paired = _paired_rows(rows)
    cells = []
    for r, row in enumerate(rows):
        cells.extend(_row_cells(r, row, xs, ys, r in paired))
    box = (xs[0], ys[0], xs[-1], ys[-1])
    shifted = tuple(GridCell(c.row, c.col, c.rowspan, c.colspan, _shift(c.bbox, box)) for c in cells)
    return box, Grid(tuple(y - box[1] for y in ys), tuple(x - box[0] for x in xs), shifted)


def _in_a_column(box: Box, columnar: list[Box], height: float) -> bool:
    """Whether a block lies under or over a block of the table's columns. A sliver must lie within one
    (a 1, not a piece of a dashed rule in the gap between two columns); a wider block must overlap one
    (not a remnant of rules beside the table)."""
    if _sliver(box, height):
        middle = (box[0] + box[2]) / 2
        return any(b[0] <= middle <= b[2] for b in columnar)
    return any(b[0] < box[2] and box[0] < b[2] for b in columnar)


def _overlapping_rows_joined(rows: list[list[Box]], height: float) -> list[list[Box]]:
    """Rows whose blocks reach into each other taken as one row (empty ones dropped): the lines of a
    header band, where each header is centred in it on one, two or three lines."""
    joined: list[list[Box]] = []
    for row in (r for r in rows if r):
        if joined and min(b[1] for b in row) < max(b[3] for b in joined[-1]) - OVERLAP * height:
            joined[-1] = sorted(joined[-1] + row)
        else:
            joined.append(row)
    return joined


def _centred_lines_joined(rows: list[list[Box]]) -> list[list[Box]]:
    """Rows with the blocks of a short line centred on the table taken as one block: a section line
    (第二十条第（一）项) that a fax broke where it lost a character's strokes (二)."""
    left, right = min(b[0] for row in rows for b in row), max(b[2] for row in rows for b in row)
    width, middle = right - left, (left + right) / 2
    joined = []
    for row in rows:
        x0, x1 = min(b[0] for b in row), max(b[2] for b in row)
        if len(row) > 1 and x1 - x0 <= CENTRED_LINE * width and abs((x0 + x1) / 2 - middle) <= CENTRED * width:
            row = [(x0, min(b[1] for b in row), x1, max(b[3] for b in row))]
        joined.append(row)
    return joined


def _columns(rows: list[list[Box]], columnar: list[Box], height: float) -> list[tuple[int, int, int]]:
    """Columns (left, right, centre), left to right: blocks whose middles lie within COLUMN_GAP text
    heights of each other, kept where a row of values has a block among them. A header split by a
    stroke the fax lost (上 一年项目数量) leaves a block of its own that no row of values shares."""
    value_rows = [row for row in rows if _holds_values(row, height)]
    supported = {box for row in value_rows for box in row}
    groups = chained(columnar, lambda b: (b[0] + b[2]) / 2, COLUMN_GAP * height)
    kept = [group for group in groups if any(box in supported for box in group)]
    return [(min(b[0] for b in g), max(b[2] for b in g), sum(b[0] + b[2] for b in g) // (2 * len(g))) for g in kept]


def _holds_values(row: list[Box], height: float) -> bool:
    """Whether a row holds values: several blocks as narrow as numbers, or just a label and one value
    beside it (table 二's blocks of one value a row)."""
    if sum(_narrow(b, height) for b in row) >= MIN_COLUMNS:
        return True
    label_and_value = len(row) == 2 and not _narrow(row[0], height) and _narrow(row[1], height)
    return label_and_value and not _sliver(row[1], height)


def _narrow(box: Box, height: float) -> bool:
    """As narrow as a number of a few digits: a value, not a label or header of several characters."""
    return box[2] - box[0] <= VALUE_WIDTH * height


def _column_bounds(rows: list[list[Box]], columns: list[tuple[int, int, int]], height: float) -> list[int]:
    """The table's edges, and between two columns the middle of the gap between their blocks (of their
    middles, where a block of one reaches under the other)."""
    pad = int(round(height / 2))
    x0, x1 = min(b[0] for row in rows for b in row) - pad, max(b[2] for row in rows for b in row) + pad
    gaps = [(a[1] + b[0]) // 2 if b[0] > a[1] else (a[2] + b[2]) // 2 for a, b in pairwise(columns)]
    return [x0, *gaps, x1]


def _row_bounds(rows: list[list[Box]], height: float) -> list[int]:
    pad = int(round(height / 2))
    tops = [min(b[1] for b in row) for row in rows]
    bottoms = [max(b[3] for b in row) for row in rows]
    bounds = [tops[0] - pad]
    bounds.extend(int(round((bottoms[i] + tops[i + 1]) / 2)) for i in range(len(rows) - 1))
    bounds.append(bottoms[-1] + pad)
    return bounds


def _paired_rows(rows: list[list[Box]]) -> set[int]:
    """Rows of two blocks, one under the other in a run of such rows: a label and one value under a
    label and its header (table 二's 信息内容 | 本年处理决定数量, then 行政许可 | 0)."""
    paired: set[int] = set()
    for r in range(1, len(rows)):
        above, row = rows[r - 1], rows[r]
        if len(above) == len(row) == 2 and above[1][0] < row[1][2] and row[1][0] < above[1][2]:
            paired.update((r - 1, r))
    return paired


def _row_cells(r: int, row: list[Box], xs: list[int], ys: list[int], paired: bool) -> list[GridCell]:
    """A row's cells: each block in the columns it reaches across (one merged cell when several). A lone
    block reaching over a column boundary spans the whole row (a section line), and the second block of
    a ``paired`` row spans every column right of the first, as its ruled cell would."""
    n_cols = len(xs) - 1
    taken: set[int] = set()
    cells = []
    for index, box in enumerate(row):
        first = max(0, _column_of(box[0], xs))
        last = min(n_cols - 1, _column_of(box[2] - 1, xs))
        if len(row) == 1 and last > first:
            first, last = 0, n_cols - 1
        elif paired and index == 1:
            first, last = min(first, max(taken) + 1), n_cols - 1
        span = [c for c in range(first, last + 1) if c not in taken]
        if not span:
            continue
        taken.update(span)
        cells.append(GridCell(r, span[0], 1, span[-1] - span[0] + 1, (xs[span[0]], ys[r], xs[span[-1] + 1], ys[r + 1])))
    cells.extend(GridCell(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1])) for c in range(n_cols) if c not in taken)
    return sorted(cells, key=lambda cell: cell.col)


def _column_of(x: int, xs: list[int]) -> int:
    return int(np.searchsorted(xs, x, side="right")) - 1


def _shift(bbox: Box, origin: Box) -> Box:
    x0, y0, x1, y1 = bbox
    return (x0 - origin[0], y0 - origin[1], x1 - origin[0], y1 - origin[1])
