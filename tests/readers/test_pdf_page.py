"""A born-digital page's tables found from its vector rules."""

from dataclasses import dataclass, field
from itertools import pairwise

from nianbao.config import TableConfig
from nianbao.ingest.pdf_layer import Segment
from nianbao.readers.pdf_page import vector_tables

DPI = 200
POINT = DPI / 72


@dataclass
class VectorPage:
    """Stands for a PDF page layer: its size at DPI and its rules, in page pixels."""

    rules: list[Segment] = field(default_factory=list)
    number: int = 1
    dpi: int = DPI
    width: int = round(595 * POINT)
    height: int = round(842 * POINT)

    def segments(self) -> list[Segment]:
        return self.rules


def _bordered(x0, y0, x1, y1, width=1.2):
    """A cell drawn with its own border, inset 0.6 pt, as some PDF writers draw every cell (in points)."""
    x0, y0, x1, y1 = x0 + 0.6, y0 + 0.6, x1 - 0.6, y1 - 0.6
    sides = [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
    return [Segment(*(v * POINT for v in side), width * POINT) for side in sides]


def _row(xs, y0, y1):
    return [segment for left, right in pairwise(xs) for segment in _bordered(left, y0, right, y1)]


def test_a_last_row_printed_alone_on_a_page_is_a_table():
    # synth seed 6302: table 三's last row, 18 pt tall, at the top of the next page
    xs = [64, 299, 333, 368, 402, 437, 471, 506, 540]
    (table,) = vector_tables(VectorPage(_row(xs, 71, 89)), TableConfig()).tables
    assert (table.n_rows, table.n_cols) == (1, 8)


def test_cells_each_drawn_with_its_own_border_keep_every_rule():
    # synth seed 6215: ten columns 31.2 pt wide under a spanning header, each cell's border its own, so
    # two neighbours' sides lie 1.2 pt apart; a row of them lost two column rules and became one cell
    xs = [72.84 + 31.2 * k for k in range(11)]
    rules = _bordered(xs[0], 341, xs[-1], 362) + _row(xs, 362, 383) + _row(xs, 383, 411) + _row(xs, 411, 431)
    (table,) = vector_tables(VectorPage(rules), TableConfig()).tables
    assert (table.n_rows, table.n_cols) == (4, 10)
    assert [cell.colspan for cell in table.cells] == [10] + [1] * 30
