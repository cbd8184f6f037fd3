"""Rows of values under a shaded band with no rules: the rest of a table whose only lines are its bands'
edges. Pure geometry, no OCR.

A table printed without rules but with shaded header bands (a word processor's table style) is found as
ruled grids of one or two rows: each band's edges are its only lines. Its rows of values, white and
unruled, lie under the band. A row of text under such a grid, nearer to it than ROW_GAP text heights
and within its columns, holding values (table.text_rows.holds_values), is a row of that grid, as are
the rows of values that follow it as closely.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from nianbao.table.grid import Grid, GridCell
from nianbao.table.text_blocks import Box, TextBlocks, blocks_outside
from nianbao.table.text_rows import ROW_GAP, holds_values, text_rows

BAND_ROWS = 2  # a grid of at most this many rows may be a shaded band (a section line, a header row)
# In text heights: a row's one value beside its label under a band may be this wide (six digits, where
# their font's digits are 0.6 text heights wide; a header of four characters is four heights): faint
# 10512_001 (a JPEG at 150 dpi) printed 行政许可's 31839 2.9 heights wide, wider than a value elsewhere
# (text_rows.VALUE_WIDTH), and its row was lost between two bands.
LONE_VALUE_WIDTH = 3.6
MERGED_REACH = 0.2  # a block reaches into a column by this share of its width at least


def with_rows_under_bands(
    grids: list[tuple[Box, Grid]], blocks: TextBlocks, band_rows: int | None = BAND_ROWS
) -> list[tuple[Box, Grid]]:
    """The grids, each band's grid (``band_rows`` rows at most; None: any grid) with the rows of values
    under it. Built on faint rules, a grid of any size may lack the rows under it: table 四's header of
    three rows, its shading's edges found as rules, and its row of values under it white and unruled; or
    a table whose last row lost its rules to the scan (faint seed 6615: 行政许可's row, its bottom rule
    eaten to pieces and its sides' feet gone)."""
    height = blocks.text_height
    rows = text_rows(blocks_outside(blocks, [box for box, _ in grids]).boxes, height)
    tops = sorted(box[1] for box, _ in grids)
    extended = []
    for box, grid in grids:
        if band_rows is None or grid.n_rows <= band_rows:
            below = min((top for top in tops if top >= box[3]), default=blocks.page_size[1])
            under = _rows_under(box, grid, [row for row in rows if min(b[1] for b in row) < below], height)
            if under:
                extended.append(_extended(box, grid, under, min(below, blocks.page_size[1]), height))
                continue
        extended.append((box, grid))
    return extended


def _rows_under(box: Box, grid: Grid, rows: list[list[Box]], height: float) -> list[list[Box]]:
    """The rows of values under the grid, each nearer than ROW_GAP text heights to the one above, all
    within the grid's sides."""
    left, right = box[0] + grid.xs[0] - height, box[0] + grid.xs[-1] + height
    bottom = box[1] + grid.ys[-1]
    under: list[list[Box]] = []
    for row in sorted((r for r in rows if _top(r) >= bottom - height / 2), key=_top):
        within = all(left <= b[0] and b[2] <= right for b in row)
        if _top(row) - bottom > ROW_GAP * height or not within or not holds_values(row, height, LONE_VALUE_WIDTH):
            break
        under.append(row)
        bottom = max(b[3] for b in row)
    return under


def _top(row: list[Box]) -> int:
    return min(b[1] for b in row)


def _extended(box: Box, grid: Grid, under: list[list[Box]], below: int, height: float) -> tuple[Box, Grid]:
    """The grid with the rows under it, their bounds halfway between them, above ``below``."""
    x0, y0 = box[0], box[1]
    bottoms = [max(b[3] for b in row) for row in under]
    between = [(bottom + _top(row)) // 2 - y0 for bottom, row in zip(bottoms, under[1:], strict=False)]
    ys = [*grid.ys, *between, min(bottoms[-1] + int(round(height / 2)), below) - y0]
    cells = list(grid.cells)
    above = [(c.col, c.col + c.colspan) for c in grid.cells if c.row + c.rowspan == grid.n_rows and c.colspan > 1]
    for offset, row in enumerate(under):
        r = grid.n_rows + offset
        spans = [(b[0] - x0, b[2] - x0) for b in row]
        cells.extend(_row_cells(r, spans, grid.xs, (ys[r], ys[r + 1]), above))
    return (box[0], box[1], box[2], max(box[3], y0 + ys[-1])), Grid(tuple(ys), grid.xs, tuple(cells))


def _row_cells(
    r: int,
    spans: list[tuple[int, int]],
    xs: tuple[int, ...],
    rows: tuple[int, int],
    merged_above: Sequence[tuple[int, int]] = (),
) -> list[GridCell]:
    """A row's cells, one a column; a block reaching well into several columns has one cell across them
    (its ink is not cut), and so have the columns a merged cell of the row above spans (``merged_above``:
    first column, column past the last) where they hold one block at most: a row lost under a header
    "本年处理决定数量" across three columns has its one value under it, not in a column of its own."""
    top, bottom = rows
    cells, taken = [], set()
    for left, right in spans:
        reach = MERGED_REACH * (right - left)
        columns = [
            c for c, (a, b) in enumerate(pairwise(xs)) if min(b, right) - max(a, left) > reach and c not in taken
        ]
        if len(columns) > 1:
            taken.update(columns)
            cells.append(GridCell(r, columns[0], 1, len(columns), (xs[columns[0]], top, xs[columns[-1] + 1], bottom)))
    for first, past in merged_above:
        inside = [s for s in spans if xs[first] <= (s[0] + s[1]) / 2 <= xs[past]]
        if len(inside) <= 1 and not taken & set(range(first, past)):
            taken.update(range(first, past))
            cells.append(GridCell(r, first, 1, past - first, (xs[first], top, xs[past], bottom)))
    cells.extend(GridCell(r, c, 1, 1, (xs[c], top, xs[c + 1], bottom)) for c in range(len(xs) - 1) if c not in taken)
    return sorted(cells, key=lambda cell: cell.col)
