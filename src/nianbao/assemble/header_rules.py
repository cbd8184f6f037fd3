"""A column's header cell whose rules under it were lost, split again where its values show.

A faint or broken rule lost under a column's header, and under the rows below it in that column only,
leaves one cell merged down from the header row holding the header's label and the values below it, one
under another (fax 10606_001: table 二's 现行有效件数 with 169 and 18 under it, two fields lost). Where
the cell's first row holds label text alone, as the other cells of that header row do, and each row
below holds one value (a number or a dash) lying within it, beside a number in another cell of that row,
the cell is cut at the rows' edges: the label to the header row, each value to its row (the template
merges no header down over values). A cell merged down over one row of values is cut so too, and the
other cells of its rows are read row by row where they are merged down over them as well: a rule lost
under a whole header row of table 二 leaves each of its columns' headers merged down over the row below
(folded 10814_002: 本年制发件数, 本年废止件数 and 现行有效件数 each over 规章's number, three fields
lost). Anything else is left whole. assemble.lost_rules splits a value cell
merged down with no header in it; table.layout.stacked_value_lines has a fax page's values so stacked
read as lone value lines are.

Pure: Table in, Table out.
"""

from __future__ import annotations

from nianbao.assemble.lost_rules import cut_into_rows, grid_edges, with_cells, words_by_row
from nianbao.assemble.values import number_or_dash, stacked_values
from nianbao.model import Cell, Table
from nianbao.table.layout import cells_in_row, has_cjk


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
    if cell.colspan != 1 or cell.rowspan < 2 or any(row not in edges for row in rows):
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
    lines = [(found[0].text, found[0].bbox) for found in values]
    if not (stacked_values(lines, dashes=True) == len(values) or (len(values) == 1 and number_or_dash(lines[0][0]))):
        return []
    texts_beside = {row: _texts_beside(table, cell, row, edges) for row in rows}
    if not texts_beside[header] or not all(map(has_cjk, texts_beside[header])):
        return []
    if not all(any(not has_cjk(text) for text in texts_beside[row]) for row in value_rows):
        return []  # a row of numbers, not a label's wrapped line
    return cut_into_rows(cell, words_in, edges)


def _texts_beside(table: Table, cell: Cell, row: int, edges: dict[int, tuple[float, float]]) -> list[str]:
    """The texts the other cells of ``row`` hold there: a cell of that row alone its text, a cell merged
    down over it its words standing within the row's ``edges``."""
    texts = []
    for _, other in cells_in_row(table, row):
        if other is cell:
            continue
        if other.rowspan == 1:
            text = other.text
        else:
            low, high = edges[row]
            text = " ".join(word.text for word in other.words if low <= (word.bbox[1] + word.bbox[3]) / 2 <= high)
        if text.strip():
            texts.append(text)
    return texts
