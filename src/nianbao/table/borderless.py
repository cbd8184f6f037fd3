"""Tables whose rules are lost: a grid from how the text lines up. Pure geometry, no OCR.

A fax or a faint scan can keep a table's text and lose its thin rules (only specks of them are left), and
some reports print a table with no rules at all. A person still reads such a table by its columns. Here
rows are blocks of text level with each other, in runs (table.text_rows), columns are blocks one above
the other; a run where at least ``MIN_TABULAR_ROWS`` rows hold several blocks in shared columns, and at
least ``MIN_WORD_ROWS`` a label or header, is a table. Its grid has a row per row of text and a column
per column of blocks; a section line across the table (第二十条第（一）项) and a lone value beside its
label are merged cells, as their ruled cells would be.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from nianbao.table.grid import Grid, GridCell
from nianbao.table.positions import chained
from nianbao.table.text_blocks import Box, TextBlocks, holds_any
from nianbao.table.text_rows import (
    COLUMN_GAP,
    MIN_COLUMNS,
    centred_lines_joined,
    holds_values,
    narrow,
    overlapping_rows_joined,
    several,
    several_values,
    sliver,
    table_runs,
    text_rows,
    wrapped_labels_joined,
)

MIN_WORD_ROWS = 2  # rows with a label or header; specks never make one
MAX_COLUMNS, MAX_ROWS = 20, 60  # more than any table of the template has on a page
ROW_HEIGHT = 0.8  # text heights: no row of a table is lower (lower ones overlap: not one table's rows)
FLAT = 0.6  # text heights: a block lower than this, alone in its row or with others as low, is no text


def borderless_grids(blocks: TextBlocks) -> list[tuple[Box, Grid]]:
    """Each table the blocks form (its box in page pixels, its grid), top to bottom."""
    rows = text_rows(blocks.boxes, blocks.text_height)
    if not rows:
        return []
    tables = []
    for run in table_runs(rows, blocks.text_height, blocks.headings):
        if sum(any(holds_any(box, blocks.words) for box in row) for row in run) < MIN_WORD_ROWS:
            continue
        grid = _grid(run, blocks.text_height, blocks.page_size)
        if grid is not None:
            tables.append(grid)
    return tables


def _grid(rows: list[list[Box]], height: float, page_size: tuple[int, int]) -> tuple[Box, Grid] | None:
    """The grid of a run of rows, or None when its blocks share too few or too many columns, or its rows
    of text overlap (not one table's rows) even without the rows of blocks much lower than text."""
    rows = centred_lines_joined(rows)
    columnar = [box for row in rows if several(row, height) for box in row if not sliver(box, height)]
    columns = _columns(rows, columnar, height)
    if not MIN_COLUMNS <= len(columns) <= MAX_COLUMNS or len(rows) > MAX_ROWS:
        return None
    rows = overlapping_rows_joined([[b for b in row if _in_a_column(b, columnar, height)] for row in rows], height)
    rows = wrapped_labels_joined(rows, height)
    bounds = row_bounds(rows, height)
    if _rows_overlap(bounds, height):
        rows = [row for row in rows if not all(_flat(box, height) for box in row)] or rows
        bounds = row_bounds(rows, height)
    xs = [min(max(x, 0), page_size[0]) for x in _column_bounds(rows, columns, height)]
    ys = [min(max(y, 0), page_size[1]) for y in bounds]
    if _rows_overlap(ys, height):
        return None  # rows of text overlap: not a table's rows (or blocks of two tables run together)
    paired = _paired_rows(rows)
    cells = []
    for r, row in enumerate(rows):
        cells.extend(_row_cells(r, row, xs, ys, r in paired))
    box = (xs[0], ys[0], xs[-1], ys[-1])
    shifted = tuple(GridCell(c.row, c.col, c.rowspan, c.colspan, _shift(c.bbox, box)) for c in cells)
    return box, Grid(tuple(y - box[1] for y in ys), tuple(x - box[0] for x in xs), shifted)


def _rows_overlap(bounds: list[int], height: float) -> bool:
    """Whether two of a table's row bounds lie closer than ROW_HEIGHT: its rows of text overlap."""
    return any(below - above < ROW_HEIGHT * height for above, below in pairwise(bounds))


def _flat(box: Box, height: float) -> bool:
    """Whether a block is much lower than the text: a piece of a row's rule a fax broke into dashes, which
    lies between two rows of text and would overlap them as a row of its own (fax seed 3401, page 3)."""
    return box[3] - box[1] < FLAT * height


def _in_a_column(box: Box, columnar: list[Box], height: float) -> bool:
    """Whether a block lies under or over a block of the table's columns. A sliver must lie within one
    (a 1, not a piece of a dashed rule in the gap between two columns); a wider block must overlap one
    (not a remnant of rules beside the table)."""
    if sliver(box, height):
        middle = (box[0] + box[2]) / 2
        return any(b[0] <= middle <= b[2] for b in columnar)
    return any(b[0] < box[2] and box[0] < b[2] for b in columnar)


def _columns(rows: list[list[Box]], columnar: list[Box], height: float) -> list[tuple[int, int, int]]:
    """Columns (left, right, centre), left to right: blocks whose middles lie within COLUMN_GAP text
    heights of each other, kept where a row of values has a block among them. A header split by a
    stroke the fax lost (上 一年项目数量) leaves a block of its own that no row of values shares."""
    several = {box for row in rows if several_values(row, height) for box in row}
    supported = several | {box for row in rows if holds_values(row, height) for box in row}
    groups = chained(columnar, lambda b: (b[0] + b[2]) / 2, COLUMN_GAP * height)
    kept = [group for group in groups if any(box in supported for box in group)]
    # A value alone beside its label, between columns of rows of several values, is one of table 二's
    # values centred across its columns (or a row of another table run into this one): not a column.
    of_several = [i for i, group in enumerate(kept) if any(box in several for box in group)]
    if of_several:
        kept = [g for i, g in enumerate(kept) if i in of_several or not of_several[0] < i < of_several[-1]]
    value_columns = [g for g in kept if any(box in several and narrow(box, height) for box in g)]
    kept = [group for group in kept if not _across_columns(group, value_columns)]
    return [(min(b[0] for b in g), max(b[2] for b in g), sum(b[0] + b[2] for b in g) // (2 * len(g))) for g in kept]


def _across_columns(group: list[Box], value_columns: list[list[Box]]) -> bool:
    """Whether each block of ``group`` reaches over the middles of two columns of values: two values of
    one row closer than a column's gap (2459 2833) taken together, a merged cell, not a column."""
    middles = [sum(b[0] + b[2] for b in other) / (2 * len(other)) for other in value_columns if other is not group]
    return all(sum(box[0] <= middle <= box[2] for middle in middles) >= MIN_COLUMNS for box in group)


def _column_bounds(rows: list[list[Box]], columns: list[tuple[int, int, int]], height: float) -> list[int]:
    """The table's edges, and between two columns the middle of the gap between their blocks (of their
    middles, where a block of one reaches under the other), moved right of any block of the body (its
    header's aside) that runs across it and ends short of the next column: a label's wrapped lines, wider
    than its lines in the rows of several blocks the columns were found by."""
    pad = int(round(height / 2))
    blocks = [b for row in rows for b in row]
    x0, x1 = min(b[0] for b in blocks) - pad, max(b[2] for b in blocks) + pad
    first_values = next((r for r, row in enumerate(rows) if holds_values(row, height)), len(rows))
    labelled = [b for row in rows[first_values:] for b in row]
    bounds = [x0]
    for a, b in pairwise(columns):
        bound = (a[1] + b[0]) // 2 if b[0] > a[1] else (a[2] + b[2]) // 2
        ends = [block[2] for block in labelled if block[0] < bound < block[2] <= b[0]]
        bounds.append((max(ends) + b[0]) // 2 if ends else bound)
    return [*bounds, x1]


def row_bounds(rows: list[list[Box]], height: float) -> list[int]:
    """The table's top and bottom, and between two rows the middle of the gap between their blocks. Where
    the two overlap (a wrapped label's line reaching below the top of the values of the row under it, as
    they are printed level with its middle lines), the bound is moved off the values, which a cut
    through misreads (a 0 that lost its top read "U")."""
    pad = int(round(height / 2))
    tops = [min(b[1] for b in row) for row in rows]
    bottoms = [max(b[3] for b in row) for row in rows]
    bounds = [tops[0] - pad]
    for i in range(len(rows) - 1):
        middle = int(round((bottoms[i] + tops[i + 1]) / 2))
        above = max((b[3] for b in rows[i] if narrow(b, height)), default=None)
        below = min((b[1] for b in rows[i + 1] if narrow(b, height)), default=None)
        if below is not None and middle > below and (above is None or above <= below):
            middle = below
        elif above is not None and middle < above and (below is None or above <= below):
            middle = above
        bounds.append(middle)
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
