"""A column's header cell whose rules under it were lost, split again where its values show.

A faint or broken rule lost under a column's header, and under the rows below it in that column only,
leaves one cell merged down from the header row holding the header's label and the values below it, one
under another (fax 10606_001: table 二's 现行有效件数 with 169 and 18 under it, two fields lost). Where
the cell's first row holds label text alone, as the other cells of that header row do, and each row
below holds one value (a number or a dash) lying within it, beside a number in another cell of that row,
the cell is cut at the rows' edges: the label to the header row, each value to its row (the template
merges no header down over values). Anything else is left whole. assemble.lost_rules splits a value cell
merged down with no header in it; table.layout.stacked_value_lines has a fax page's values so stacked
read as lone value lines are.

Pure: Table in, Table out.
"""

from __future__ import annotations

from nianbao.assemble.lost_rules import cut_into_rows, grid_edges, with_cells, words_by_row
from nianbao.assemble.values import stacked_values
from nianbao.model import Cell, Table
from nianbao.table.layout import cells_in_row, has_cjk

MIN_VALUE_ROWS = 2  # rows of values under the header, at least: numbers stack two lines or more (stacked_values)


def split_header_over_values(table: Table) -> Table:
    """``table`` with each header cell merged down over rows of values it holds cut into one cell a row
    (``_header_and_value_parts``); the table itself where none is."""
    edges = grid_edges(table.cells, rows=True)
    cells = [
        (part, table.page_of(index))
        for index, cell in enumerate(table.cells)
        for part in _header_and_value_parts(table, cell, edges) or [cell]
    ]
    return table if len(cells) == len(table.cells) else with_cells(table, cells, table.n_rows)


def _header_and_value_parts(table: Table, cell: Cell, edges: dict[int, tuple[float, float]]) -> list[Cell]:
    """``cell``, one column wide and merged down over rows, as one cell a row, where its first row holds
    label text alone and each row below one value, each line within its row (see the module's doc); no
    parts otherwise."""
    rows = range(cell.row, cell.last_row + 1)
    if cell.colspan != 1 or cell.rowspan <= MIN_VALUE_ROWS or any(row not in edges for row in rows):
        return []
    words_in = words_by_row(cell, edges)
    if words_in is None:
        return []
    header, *value_rows = rows
    values = [words_in[row] for row in value_rows]
    if not words_in[header] or not all(has_cjk(word.text) for word in words_in[header]):
        return []
    if any(len(found) != 1 for found in values):
        return []
    if stacked_values([(found[0].text, found[0].bbox) for found in values], dashes=True) != len(values):
        return []
    if not _header_row(table, cell) or not all(_row_of_numbers(table, cell, row) for row in value_rows):
        return []
    return cut_into_rows(cell, words_in, edges)


def _header_row(table: Table, cell: Cell) -> bool:
    """Whether the other cells of ``cell``'s first row that hold text all hold label text, one at least."""
    texts = [other.text for _, other in cells_in_row(table, cell.row) if other is not cell and other.text.strip()]
    return bool(texts) and all(map(has_cjk, texts))


def _row_of_numbers(table: Table, cell: Cell, row: int) -> bool:
    """Whether another cell of ``row`` holds a value: a row of numbers, not a label's wrapped line."""
    return any(
        other is not cell and other.text.strip() and not has_cjk(other.text) for _, other in cells_in_row(table, row)
    )
