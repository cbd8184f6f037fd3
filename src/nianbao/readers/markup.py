"""Tables that bring their own grid (HTML, DOCX): spans expanded into the page model.

A markup document has no pages. Each of its tables becomes one ``Page`` numbered by the table's place in
the document (1-based), so that a section split over two tables is stitched like a table continued on
the next page. A cell's bbox is its place in its own table's grid, ``(col, row, col + colspan,
row + rowspan)``: where it was read, in table/row/column terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nianbao.model import Cell, Page, Table, Word

READER_NAME = "markup"


@dataclass(frozen=True)
class MarkupCell:
    lines: tuple[str, ...]  # the cell's text, one entry per printed line (<br>, <p>, w:p)
    rowspan: int = 1  # 0: to the end of the table (HTML rowspan="0")
    colspan: int = 1


MarkupRow = Sequence[MarkupCell]


@dataclass(frozen=True)
class MarkupDocument:
    """The data tables of a document (innermost tables, layout tables unwrapped) and its text lines
    before the first table (the title) and after the last one (the signature and date)."""

    tables: list[list[MarkupRow]]
    lines_before: list[str]
    lines_after: list[str]


def clean_line(text: str) -> str:
    """One line of markup text: &nbsp; and runs of white space as single spaces, trimmed."""
    return " ".join(text.replace("\xa0", " ").replace("\u3000", " ").split())


def expand_spans(rows: Sequence[MarkupRow], number: int) -> Table:
    """The grid of one table: every cell placed at the first free slot of its row, as browsers do,
    merged cells covering ``rowspan`` x ``colspan`` slots (clipped at the table's last row)."""
    taken: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    n_rows = len(rows)
    for r, row in enumerate(rows):
        c = 0
        for source in row:
            while (r, c) in taken:
                c += 1
            rowspan = n_rows - r if source.rowspan <= 0 else min(source.rowspan, n_rows - r)
            colspan = max(1, source.colspan)
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            bbox = (float(c), float(r), float(c + colspan), float(r + rowspan))
            words = tuple(Word(line, bbox, 1.0) for line in (clean_line(x) for x in source.lines) if line)
            cells.append(Cell(r, c, rowspan, colspan, bbox, words))
            c += colspan
    n_cols = max((col + 1 for _, col in taken), default=0)
    return Table(number, (0.0, 0.0, float(n_cols), float(n_rows)), n_rows, n_cols, tuple(cells))


def markup_pages(document: MarkupDocument) -> list[Page]:
    """One page per table (see the module note), each read by ``READER_NAME``."""
    pages = []
    for number, rows in enumerate(document.tables, start=1):
        table = expand_spans(rows, number)
        pages.append(Page(number, table.n_cols, table.n_rows, 0.0, tables=(table,), reader=READER_NAME))
    return pages


def is_data_table(rows: Sequence[MarkupRow]) -> bool:
    """Enough cells to be one of the report's tables (a one-cell box is layout)."""
    return sum(len(row) for row in rows) >= 2
