"""A sliver of a column along a table's side, empty in every row, dropped. Pure: Table in, Table out.

A table may print a second line just inside or outside its border (a double border), or its shade may
end a little short of it: where that line is found as a rule, the grid gains a column a few pixels wide
along that side. Its empty cells count among every row's cells, so a section row (第二十条第（一）项) or a
header row of table 二 is no longer one cell or mostly words: it is taken for a row of values, and the
rows below lose their section and their column headers (on faint scans, whole blocks of table 二 were
lost so). A column that narrow holds no print, and a column holding print is never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from statistics import median

from nianbao.assemble.lost_rules import grid_edges, with_cells
from nianbao.model import Cell, Table

# Of the median width of the table's columns: an edge column narrower than this is a sliver. Real
# columns of the template are at least a character wide; the slivers measured were 24 pixels at 200 dpi
# beside columns of 120 to 400.
SLIVER_WIDTH = 0.25


def without_empty_edge_columns(table: Table) -> Table:
    """``table`` without its first or last column wherever that column is a sliver holding nothing."""
    while table.n_cols > 1:
        widths = column_widths(table.cells, table.n_cols)
        known = [width for width in widths if width is not None]
        if not known:
            return table
        limit = SLIVER_WIDTH * median(known)
        edge = next((col for col in (0, table.n_cols - 1) if _empty_sliver(table.cells, col, widths[col], limit)), None)
        if edge is None:
            return table
        table = _without_column(table, edge)
    return table


def column_widths(cells: Sequence[Cell], n_cols: int) -> list[float | None]:
    """Each grid column's width (``lost_rules.grid_edges``); None for a column no cell covers alone."""
    edges = grid_edges(cells)
    return [edges[col][1] - edges[col][0] if col in edges else None for col in range(n_cols)]


def _empty_sliver(cells: Sequence[Cell], col: int, width: float | None, limit: float) -> bool:
    own = [cell for cell in cells if cell.col == col and cell.colspan == 1]
    return width is not None and width < limit and not any(cell.text.strip() for cell in own)


def _without_column(table: Table, col: int) -> Table:
    """``table`` with grid column ``col`` taken out: its own cells dropped, cells spanning it narrowed,
    cells right of it moved one column left."""
    kept: list[tuple[Cell, int]] = []
    for index, cell in enumerate(table.cells):
        if cell.col == col and cell.colspan == 1:
            continue
        if cell.col <= col <= cell.last_col:
            cell = replace(cell, colspan=cell.colspan - 1)
        elif cell.col > col:
            cell = replace(cell, col=cell.col - 1)
        kept.append((cell, table.page_of(index)))
    return with_cells(table, kept, table.n_rows, table.n_cols - 1)
