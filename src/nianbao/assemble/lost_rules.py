"""Rows and columns whose rule between them was lost, split again where their numbers show where.

Rows:
A faint or broken rule lost between two rows leaves one grid row holding both: each of its value cells
prints its numbers one under another, level with the numbers of the cells beside it (the template prints
one number a cell). Where MIN_STACKED_CELLS cells of a grid row hold the same count of numbers and each
number lies level across them, the row is split midway between those levels, every cell of the row with
it (a label's lines go where they stand), and a cell merged down over the row spans the new rows too. A
row that does not line up so is left whole: its cells stay null with their reason.

Columns: a cell merged across grid columns (the rule between them lost in that row) whose line holds two
numbers or more read apart (table.cells reads a line's parts far apart one by one; the row mappers'
``assemble.columns.split_apart_numbers`` gives each its own cell), each within one of
those columns and no two in one, is cut at the columns' edges, each number to its column. A cell holding
one number, or anything else, stays whole (a table 二 value may span columns). A cell holding a row's
label read apart from its first numbers (the rules between the label and them lost) is cut so too: the
label keeps the columns left of the first number's, where it ends. A label and one number centred in the
rest of the row, whose columns the grid shows no edges for, are cut after the label's column: the number
is one value printed across the row's columns.

Labels: a rule lost between two rows' labels only (their values keep their own rows) leaves one label
cell holding both labels, one line in each row; a rule lost under the header's first cell leaves it
holding the first row's label. Where each row of values the cell covers holds a line of its own, and
every line lies within one row (or within the header rows above the first), the cell is cut at those
rows' edges, each line to its row.
A label merged over rows by design holds one label for all of them (（三）不予公开), or one character a
line (a vertical 三、本年度办理结果): it is never cut so.

Values: a rule lost between two rows in one column only leaves a value cell merged down over rows whose
cells beside it keep their own. Where it prints one value (a number or a dash) in each row it covers,
each within that row, it is cut at the rows' edges, each value to its row (the template merges no value
cells down). On a fax page too: each line of such a cell was checked against its ink as a lone value
line is (table.layout.stacked_value_lines).

Pure: Table in, Table out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from statistics import median

from nianbao.assemble.columns import split_apart_numbers
from nianbao.assemble.level_rows import level_cuts
from nianbao.assemble.values import NUMBER, normalise_text, stacked_values
from nianbao.model import Cell, Table, Word
from nianbao.table.layout import cells_in_row, has_cjk, value_start

# A label's line; a label most of whose lines hold one character is a vertical label (a label wrapped
# onto a line of its own may leave one character there).
MIN_LABEL_CHARACTERS = 2
MIN_STACKED_CELLS = 3  # value cells of one row holding the same count of numbers, one under another
LEVEL_SLACK = 0.5  # of a line's height: how far apart one row's numbers may lie in two cells
DIGIT = re.compile(r"\d")
CENTRED_SLACK = 0.05  # of a row's width right of its label: how far a number centred across it may lie off


def split_lost_rules(table: Table) -> Table:
    """``table`` with its rows and columns whose rule was lost split again where their values show."""
    return split_merged_values(split_merged_labels(split_apart_columns(split_stacked_rows(table))))


def split_apart_columns(table: Table) -> Table:
    """``table`` with each cell merged across columns whose numbers stand one in each of some of them
    cut at the columns' edges (``_column_parts``), and each header cell so merged whose words stand one in
    each of them (``_header_parts``); the table itself where none does."""
    edges = grid_edges(table.cells)
    numbered = {row for cell in table.cells if DIGIT.search(cell.text) for row in range(cell.row, cell.last_row + 1)}
    cells = [
        (part, table.page_of(index))
        for index, cell in enumerate(table.cells)
        for part in _column_parts(cell, edges) or _header_parts(cell, edges, numbered) or [cell]
    ]
    return table if len(cells) == len(table.cells) else with_cells(table, cells, table.n_rows)


def grid_edges(cells: Sequence[Cell], rows: bool = False) -> dict[int, tuple[float, float]]:
    """Each grid column's left and right edge (page x), or with ``rows`` each grid row's top and bottom
    (page y), from the cells one column wide (one row tall) alone."""
    near, far = (1, 3) if rows else (0, 2)
    by_line: dict[int, list[Cell]] = {}
    for cell in cells:
        if (cell.rowspan if rows else cell.colspan) == 1:
            by_line.setdefault(cell.row if rows else cell.col, []).append(cell)
    return {
        line: (median(c.bbox[near] for c in found), median(c.bbox[far] for c in found))
        for line, found in by_line.items()
    }


def _column_parts(cell: Cell, edges: dict[int, tuple[float, float]]) -> list[Cell]:
    """``cell``, merged across columns, as one cell a column, where it holds two numbers or more read
    apart (``split_apart_numbers``) each within one of its columns and no two in one; or a row's label
    read apart from its first numbers, the label then one cell over the columns left of them (or with one
    number, ``_label_and_centred_value``). None otherwise."""
    parts = [part for _, part in split_apart_numbers([(0, cell)])]
    label = parts.pop(0) if len(parts) > 1 and has_cjk(parts[0].text) else None
    if cell.colspan < 2 or len(parts) < (1 if label else 2):
        return []
    if not all(NUMBER.match(normalise_text(part.text)) for part in parts):
        return []
    owner = _columns_holding(parts, range(cell.col, cell.last_col + 1), edges)
    if owner is None:
        return []
    first = min(owner) if label else cell.col
    if any(c not in edges for c in range(first, cell.last_col + 1)):
        return _label_and_centred_value(cell, label, parts[0], edges) if label and len(parts) == 1 else []
    if label and (first == cell.col or label.bbox[2] > edges[first][0]):
        return []
    _, y0, _, y1 = cell.bbox
    label_cells = []
    if label:  # over the columns left of the first number, whose own edges the grid may not show
        box = (cell.bbox[0], y0, edges[first][0], y1)
        label_cells = [replace(cell, colspan=first - cell.col, bbox=box, words=label.words)]
    return label_cells + _one_cell_a_column(cell, range(first, cell.last_col + 1), edges, owner)


def _header_parts(cell: Cell, edges: dict[int, tuple[float, float]], numbered: set[int]) -> list[Cell]:
    """``cell``, merged across columns in rows holding no number (``numbered``: the rows that do), as one
    cell a column where its words were read apart (table.cells), one within each of its columns: the
    headers of columns side by side whose rules a faint page lost (faint seed 8306: 信息内容, 本年制发件数
    and 本年废止件数 in one cell over three columns). None otherwise: a header printed over several
    columns is one line, and a row's label over them is beside numbers."""
    columns = range(cell.col, cell.last_col + 1)
    if cell.colspan < 2 or any(row in numbered for row in range(cell.row, cell.last_row + 1)):
        return []
    parts = [part for _, part in split_apart_numbers([(0, cell)])]
    if len(parts) != cell.colspan or not all(has_cjk(part.text) for part in parts):
        return []
    owner = _columns_holding(parts, columns, edges)
    if owner is None or len(owner) != len(columns):
        return []
    return _one_cell_a_column(cell, columns, edges, owner)


def _one_cell_a_column(
    cell: Cell, columns: range, edges: dict[int, tuple[float, float]], owner: dict[int, Cell]
) -> list[Cell]:
    """``cell`` cut at the edges of ``columns`` (each in ``edges``), each part holding the words of the
    part ``owner`` gives its column, or none."""
    _, y0, _, y1 = cell.bbox
    return [
        replace(
            cell, col=c, colspan=1, bbox=(edges[c][0], y0, edges[c][1], y1), words=owner[c].words if c in owner else ()
        )
        for c in columns
    ]


def _label_and_centred_value(
    cell: Cell, label: Cell, number: Cell, edges: dict[int, tuple[float, float]]
) -> list[Cell]:
    """A row's label and its one number, the rules between them lost, as the label's column and one value
    cell over the rest of the row, where the grid shows no edges for the columns of that rest and the
    number stands centred in it (CENTRED_SLACK), as table 二 prints a value across its columns. Faint
    7610_002: 行政许可's one number at a page top, the rule after its label lost. None otherwise."""
    if cell.col not in edges or label.bbox[2] > edges[cell.col][1]:
        return []
    x0, y0, x1, y1 = cell.bbox
    start = edges[cell.col][1]
    if abs((number.bbox[0] + number.bbox[2] - start - x1) / 2) > CENTRED_SLACK * (x1 - start):
        return []
    return [
        replace(cell, colspan=1, bbox=(x0, y0, start, y1), words=label.words),
        replace(cell, col=cell.col + 1, colspan=cell.colspan - 1, bbox=(start, y0, x1, y1), words=number.words),
    ]


def _columns_holding(
    parts: Sequence[Cell], columns: range, edges: dict[int, tuple[float, float]]
) -> dict[int, Cell] | None:
    """Each part by the column its middle lies in; None where one lies in no column, or two in one."""
    owner: dict[int, Cell] = {}
    for part in parts:
        middle = (part.bbox[0] + part.bbox[2]) / 2
        inside = [c for c in columns if c in edges and edges[c][0] <= middle < edges[c][1]]
        if len(inside) != 1 or inside[0] in owner:
            return None
        owner[inside[0]] = part
    return owner


def split_stacked_rows(table: Table) -> Table:
    """``table`` with each grid row whose value cells line up their stacked numbers split into as many
    rows (``_row_splits``), or whose cells line up with its label's lines (assemble.level_rows); the
    table itself where none does."""
    edges = grid_edges(table.cells, rows=True)
    splits: dict[int, list[float]] = {}
    marks: frozenset[int] = frozenset()
    for row in range(table.n_rows):
        if cuts := _row_splits(table.cells, row, edges):
            splits[row] = cuts
        elif (levels := level_cuts([cell for _, cell in cells_in_row(table, row)]))[0]:
            splits[row], marks = levels[0], marks | levels[1]
    if not splits:
        return table
    added_before = [
        sum(len(cuts) for split_row, cuts in splits.items() if split_row < row) for row in range(table.n_rows + 1)
    ]
    cells: list[tuple[Cell, int]] = []
    for index, cell in enumerate(table.cells):
        page = table.page_of(index)
        first = cell.row + added_before[cell.row]
        if cell.rowspan == 1 and cell.row in splits:
            kept = replace(cell, words=tuple(word for word in cell.words if id(word) not in marks))
            cells.extend((part, page) for part in _split_cell(kept, first, splits[cell.row]))
            continue
        added = added_before[cell.last_row + 1] - added_before[cell.row]
        cells.append((replace(cell, row=first, rowspan=cell.rowspan + added), page))
    return with_cells(table, cells, table.n_rows + added_before[table.n_rows])


def with_cells(table: Table, cells: list[tuple[Cell, int]], n_rows: int, n_cols: int | None = None) -> Table:
    """``table`` of ``n_rows`` rows (and ``n_cols`` columns, else as many as it had) holding ``cells``
    (each with the page it was read on), in row order."""
    ordered = sorted(cells, key=lambda item: (item[0].row, item[0].col))
    pages = tuple(page for _, page in ordered) if table.cell_pages else ()
    return replace(
        table,
        n_rows=n_rows,
        n_cols=table.n_cols if n_cols is None else n_cols,
        cells=tuple(cell for cell, _ in ordered),
        cell_pages=pages,
    )


def _row_splits(cells: Sequence[Cell], row: int, edges: dict[int, tuple[float, float]]) -> list[float]:
    """Where (page y) to split grid ``row``: midway between the levels of the numbers its value cells
    stack, where MIN_STACKED_CELLS of them stack as many, each level within LEVEL_SLACK of a line's height
    across them, and no cell stacks another count; none otherwise. A cell merged down over the row (a
    rule lost in its column too) stacks the numbers whose middles lie within the row's ``edges``."""
    stacks = []
    for cell in cells:
        lines = sorted(_words_within(cell, row, edges), key=lambda word: word.bbox[1])
        if stacked_values([(word.text, word.bbox) for word in lines]):
            stacks.append(lines)
    counts = {len(stack) for stack in stacks}
    if len(stacks) < MIN_STACKED_CELLS or len(counts) != 1:
        return []
    centres = [[(word.bbox[1] + word.bbox[3]) / 2 for word in stack] for stack in stacks]
    line_height = median(word.bbox[3] - word.bbox[1] for stack in stacks for word in stack)
    levels = [median(column) for column in zip(*centres, strict=True)]
    if any(
        abs(centre - level) > LEVEL_SLACK * line_height
        for row_centres in centres
        for centre, level in zip(row_centres, levels, strict=True)
    ):
        return []
    return [(above + below) / 2 for above, below in pairwise(levels)]


def _words_within(cell: Cell, row: int, edges: dict[int, tuple[float, float]]) -> tuple[Word, ...]:
    """The words of ``cell`` in grid ``row``: all of a cell one row tall in it; of one merged down over it,
    those whose middles lie within the row's edges (none where the row has none)."""
    if cell.rowspan == 1:
        return cell.words if cell.row == row else ()
    if not cell.row <= row <= cell.last_row or row not in edges:
        return ()
    top, bottom = edges[row]
    return tuple(word for word in cell.words if top <= (word.bbox[1] + word.bbox[3]) / 2 <= bottom)


def _split_cell(cell: Cell, first_row: int, cuts: Sequence[float]) -> list[Cell]:
    """``cell`` cut at page heights ``cuts`` into one cell a row from ``first_row`` on, each holding the
    lines whose middle lies in it."""
    x0, y0, x1, y1 = cell.bbox
    edges = [y0, *cuts, y1]
    part_of = [bisect_right(cuts, (word.bbox[1] + word.bbox[3]) / 2) for word in cell.words]
    return [
        replace(
            cell,
            row=first_row + k,
            rowspan=1,
            bbox=(x0, top, x1, bottom),
            words=tuple(word for word, part in zip(cell.words, part_of, strict=True) if part == k),
        )
        for k, (top, bottom) in enumerate(pairwise(edges))
    ]


def split_merged_labels(table: Table) -> Table:
    """``table`` with each label cell that holds the labels of the rows of values it covers, a line in
    each, cut into one cell a row; the table itself where none does."""
    start = value_start(table)
    if start is None:
        return table
    value_rows = {c.row for c in table.cells if c.col >= start and c.rowspan == 1 and c.text and not has_cjk(c.text)}
    edges = grid_edges(table.cells, rows=True)
    cells = [
        (part, table.page_of(index))
        for index, cell in enumerate(table.cells)
        for part in (_label_parts(cell, value_rows, edges) if cell.col < start else None) or [cell]
    ]
    return table if len(cells) == len(table.cells) else with_cells(table, cells, table.n_rows)


def _label_parts(cell: Cell, value_rows: set[int], edges: dict[int, tuple[float, float]]) -> list[Cell]:
    """``cell`` cut into one part from each row of values it covers on (and one above the first such row,
    where it starts above it), each holding the lines within it, where each row of values holds a line
    and every line lies within one part (see the module's doc); no parts otherwise."""
    rows = range(cell.row, cell.last_row + 1)
    starts = [row for row in rows if row in value_rows]
    if not starts or len(starts) < (1 if cell.row < starts[0] else 2) or any(row not in edges for row in rows):
        return []
    short = sum(len(word.text.strip()) < MIN_LABEL_CHARACTERS for word in cell.words)
    if 2 * short > len(cell.words):
        return []
    starts = sorted({cell.row, *starts})
    spans = list(pairwise([*starts, cell.last_row + 1]))
    x0, _, x1, _ = cell.bbox
    boxes = [(x0, edges[first][0], x1, edges[end - 1][1]) for first, end in spans]
    part_of = []
    for word in cell.words:
        middle = (word.bbox[1] + word.bbox[3]) / 2
        inside = [k for k, box in enumerate(boxes) if box[1] <= middle <= box[3]]
        if len(inside) != 1:
            return []
        part_of.append(inside[0])
    if not {k for k, (first, _) in enumerate(spans) if first in value_rows} <= set(part_of):
        return []
    return [
        replace(
            cell,
            row=first,
            rowspan=end - first,
            bbox=boxes[k],
            words=tuple(word for word, part in zip(cell.words, part_of, strict=True) if part == k),
        )
        for k, (first, end) in enumerate(spans)
    ]


def split_merged_values(table: Table) -> Table:
    """``table`` with each value cell merged down over rows that prints one number in each of them cut
    into one cell a row (``_value_parts``); the table itself where none is."""
    start = value_start(table)
    if start is None:
        return table
    edges = grid_edges(table.cells, rows=True)
    cells = [
        (part, table.page_of(index))
        for index, cell in enumerate(table.cells)
        for part in (_value_parts(cell, edges) if cell.col >= start else None) or [cell]
    ]
    return table if len(cells) == len(table.cells) else with_cells(table, cells, table.n_rows)


def _value_parts(cell: Cell, edges: dict[int, tuple[float, float]]) -> list[Cell]:
    """``cell``, one column wide and merged down over rows, as one cell a row, where it holds as many
    values (numbers, dashes) one under another as it covers rows and each lies within its own row; none
    otherwise."""
    rows = range(cell.row, cell.last_row + 1)
    if cell.rowspan < 2 or cell.colspan != 1 or any(row not in edges for row in rows):
        return []
    if stacked_values([(word.text, word.bbox) for word in cell.words], dashes=True) != cell.rowspan:
        return []
    row_of = words_by_row(cell, edges)
    if row_of is None or any(len(words) != 1 for words in row_of.values()):
        return []
    return cut_into_rows(cell, row_of, edges)


def words_by_row(cell: Cell, edges: dict[int, tuple[float, float]]) -> dict[int, list[Word]] | None:
    """The words of ``cell``, merged down over rows, by the row within whose ``edges`` each one's middle
    lies; None where one lies within none of them, or two."""
    rows = range(cell.row, cell.last_row + 1)
    row_of: dict[int, list[Word]] = {row: [] for row in rows}
    for word in cell.words:
        middle = (word.bbox[1] + word.bbox[3]) / 2
        inside = [row for row in rows if edges[row][0] <= middle <= edges[row][1]]
        if len(inside) != 1:
            return None
        row_of[inside[0]].append(word)
    return row_of


def cut_into_rows(cell: Cell, row_of: dict[int, list[Word]], edges: dict[int, tuple[float, float]]) -> list[Cell]:
    """``cell`` as one cell a row it covers, each holding its words of ``row_of`` (``words_by_row``)."""
    x0, _, x1, _ = cell.bbox
    return [
        replace(cell, row=row, rowspan=1, bbox=(x0, edges[row][0], x1, edges[row][1]), words=tuple(words))
        for row, words in row_of.items()
    ]
