"""A faint table's cell merged over rows and columns cut at the column edges its print leaves blank."""

import numpy as np

from nianbao.model import Cell, Table
from nianbao.table.gutters import split_at_blank_gutters

TEXT = 24
XS = (100, 200, 400, 500)  # a group label's column, the items' labels, a column of values
YS = (100, 160, 220, 280)


def _table(merged: Cell) -> Table:
    """A header row, then two rows whose group and item label cells are one merged cell (the rule
    between their columns lost in those rows)."""
    cells = [Cell(0, c, 1, 1, (XS[c], YS[0], XS[c + 1], YS[1])) for c in range(3)]
    cells += [merged] + [Cell(r, 2, 1, 1, (XS[2], YS[r], XS[3], YS[r + 1])) for r in (1, 2)]
    return Table(3, (XS[0], YS[0], XS[-1], YS[-1]), 3, 3, tuple(cells))


def _print(ink: np.ndarray, x0: int, x1: int, top: int) -> None:
    """A line of characters from ``x0`` to ``x1``."""
    for x in range(x0, x1 - TEXT + 1, TEXT + 4):
        ink[top : top + TEXT, x : x + TEXT] = 255


def test_a_cell_over_a_group_s_and_its_items_labels_is_cut_at_their_blank_column_edge():
    ink = np.zeros((400, 600), np.uint8)
    _print(ink, 110, 190, 178)  # （六）其他 centred across the two rows
    _print(ink, 205, 390, 170)  # 1.申请人无正当理由…
    _print(ink, 205, 300, 230)  # 3.其他
    ink[165:275, 200] = 255  # the lost rule's faint remains, a pixel wide
    merged = Cell(1, 0, 2, 2, (XS[0], YS[1], XS[2], YS[3]))
    cut = split_at_blank_gutters(_table(merged), ink, TEXT)
    parts = sorted((c.col, c.colspan, c.rowspan, c.bbox) for c in cut.cells if c.row == 1 and c.col < 2)
    assert parts == [(0, 1, 2, (100, 160, 200, 280)), (1, 1, 2, (200, 160, 400, 280))]


def test_print_across_the_edge_and_a_header_cell_are_left_whole():
    ink = np.zeros((400, 600), np.uint8)
    _print(ink, 110, 390, 178)  # a label running across both columns
    merged = Cell(1, 0, 2, 2, (XS[0], YS[1], XS[2], YS[3]))
    table = _table(merged)
    assert split_at_blank_gutters(table, ink, TEXT) == table
    blank = np.zeros((400, 600), np.uint8)
    corner = Table(3, table.bbox, 3, 3, (Cell(0, 0, 2, 2, (XS[0], YS[0], XS[2], YS[2])),))
    assert split_at_blank_gutters(corner, blank, TEXT) == corner  # the first row's corner cell
    one_row = Table(
        3,
        table.bbox,
        3,
        3,
        (Cell(0, 0, 1, 3, (XS[0], YS[0], XS[3], YS[1])), Cell(1, 0, 1, 2, (XS[0], YS[1], XS[2], YS[2]))),
    )
    assert split_at_blank_gutters(one_row, blank, TEXT) == one_row  # （七）总计 over two columns of one row


def test_a_line_whose_gap_between_two_characters_falls_on_the_edge_is_left_whole():
    ink = np.zeros((400, 600), np.uint8)
    ink[178:202, 172:196] = 255  # 其 | 他: their gap at x 196-205, over the edge at 200
    ink[178:202, 205:229] = 255
    merged = Cell(1, 0, 2, 2, (XS[0], YS[1], XS[2], YS[3]))
    table = _table(merged)
    assert split_at_blank_gutters(table, ink, TEXT) == table
