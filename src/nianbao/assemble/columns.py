"""Table 三's seven applicant columns placed by the body's own rows, not by the header's words. Pure.

Where a table's rules were partly lost (a faint or noisy scan), a row may come out with two columns' cells
run together, and the header above it with them: naming its columns by the header's words would shift
every value after the merge one column over. The rows that kept all seven cells show where each column
lies; a value of another row belongs to the column it sits in, and to none where it sits across two.
Where a row's cell holds two columns' numbers far apart on one line, the reader read each on its own
(``split_apart_numbers``); where a row's label and its numbers stand in one cell across the table, the
label's words end left of where the other rows' values begin (``label_and_values_joined``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from statistics import median

from nianbao.model import APART_SHAPE, Cell, Table, Word
from nianbao.table.layout import has_cjk

MIN_FULL_ROWS = 3  # rows with every column's cell: fewer could be rows the grid cut wrongly alike
CENTRE_SLACK = 0.35  # of the gap to the next column: a cell's middle nearer a column than this is in it


def body_columns(rows: Sequence[Sequence[Cell]], count: int) -> list[float] | None:
    """The middle of each of ``count`` columns, from the rows of value cells that have exactly ``count``
    (left to right); None where fewer than MIN_FULL_ROWS rows do, or their columns do not run in order."""
    full = [row for row in rows if len(row) == count]
    if len(full) < MIN_FULL_ROWS:
        return None
    middles = [median((row[k].bbox[0] + row[k].bbox[2]) / 2 for row in full) for k in range(count)]
    if any(right <= left for left, right in pairwise(middles)):
        return None
    return middles


def columns_by_page(rows: Sequence[tuple[int, Sequence[Cell]]], count: int) -> dict[int, list[float] | None]:
    """Each page's column middles (``body_columns``) from its rows of value cells, given with their page:
    a table split over two pages has each half where its own page's scan put it."""
    by_page: dict[int, list[Sequence[Cell]]] = {}
    for page, row in rows:
        by_page.setdefault(page, []).append(row)
    return {page: body_columns(page_rows, count) for page, page_rows in by_page.items()}


def columns_under(cell: Cell, middles: Sequence[float]) -> list[int]:
    """The columns whose middles ``cell`` reaches over: two or more where their rule was lost."""
    return [k for k, middle in enumerate(middles) if cell.bbox[0] <= middle <= cell.bbox[2]]


def column_at(cell: Cell, middles: Sequence[float]) -> int | None:
    """The column whose middle ``cell``'s middle lies at, within CENTRE_SLACK of the gap to its
    neighbours; None for a cell between two columns (two columns' cells run together) or outside them."""
    centre = (cell.bbox[0] + cell.bbox[2]) / 2
    for k, middle in enumerate(middles):
        if abs(centre - middle) <= CENTRE_SLACK * column_gap(middles, k):
            return k
    return None


def column_gap(middles: Sequence[float], k: int) -> float:
    """How far column ``k``'s middle lies from the nearer of its neighbours' (``middles``)."""
    return min(abs(middles[k] - middles[j]) for j in (k - 1, k + 1) if 0 <= j < len(middles))


def split_apart_numbers(values: Sequence[tuple[int, Cell]], fill: bool = False) -> list[tuple[int, Cell]]:
    """A row's value cells (with their table index), each cell whose one line holds numbers far apart
    (the reader's Words of APART_SHAPE, one per number) split into a cell per number, as wide as its print;
    or with ``fill``, as its share of the cell (from the cell's side or the middle of the gap before it to
    the middle of the gap after it or the cell's other side), so that a header above the cell spans its
    parts as it spanned the cell."""
    split: list[tuple[int, Cell]] = []
    for index, cell in values:
        words = _apart_words(cell)
        if not words:
            split.append((index, cell))
            continue
        middles = [(left.bbox[2] + right.bbox[0]) / 2 for left, right in pairwise(words)]
        for k, word in enumerate(words):
            x0, x1 = word.bbox[0], word.bbox[2]
            if fill:
                x0 = middles[k - 1] if k else cell.bbox[0]
                x1 = middles[k] if k < len(middles) else cell.bbox[2]
            bbox = (x0, cell.bbox[1], x1, cell.bbox[3])
            split.append((index, replace(cell, bbox=bbox, words=(replace(word, shape=""),))))
    return split


def _apart_words(cell: Cell) -> list[Word]:
    """The words of ``cell``, left to right, where its one line holds two parts or more far apart (the
    reader's Words of APART_SHAPE); none otherwise."""
    words = sorted(cell.words, key=lambda word: word.bbox[0])
    one_line = len({(word.bbox[1], word.bbox[3]) for word in words}) == 1
    if len(words) < 2 or not one_line or any(word.shape != APART_SHAPE for word in words):
        return []
    return words


def label_and_values_joined(table: Table, index: int, start: int) -> tuple[str, list[tuple[int, Cell]]] | None:
    """A cell across a row holding a label and its values far apart on one line, the rule between them
    lost (faint 10412_002 at 150 dpi: 行政许可 and its 13100 in one cell the width of table 二): the label's
    text, and a value cell from where the other rows' value column ``start`` begins to the cell's right
    side holding the rest, cut into its numbers' shares (``split_apart_numbers``). None unless the label's
    words all end left of that edge and hold Chinese, and the values' all begin right of it and hold none."""
    cell = table.cells[index]
    words = _apart_words(cell)
    edges = [other.bbox[0] for other in table.cells if other.col == start]
    if not words or not edges:
        return None
    edge = median(edges)
    label = [word for word in words if word.bbox[2] <= edge]
    values = words[len(label) :]
    if not label or not values or any(word.bbox[0] < edge or has_cjk(word.text) for word in values):
        return None
    if not all(has_cjk(word.text) for word in label):
        return None
    if len(values) == 1:  # one number: no parts to cut it into
        values = [replace(values[0], shape="")]
    bbox = (edge, cell.bbox[1], cell.bbox[2], cell.bbox[3])
    joined = replace(cell, col=start, colspan=cell.last_col - start + 1, bbox=bbox, words=tuple(values))
    return "".join(word.text for word in label), split_apart_numbers([(index, joined)], fill=True)
