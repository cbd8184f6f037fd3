"""Table 三's columns placed by the rows that kept all seven cells."""

from itertools import pairwise

from nianbao.assemble.columns import body_columns, column_at, columns_under
from nianbao.model import Cell


def _cell(x0, x1, text="0"):
    return Cell(0, 0, 1, 1, (float(x0), 0.0, float(x1), 40.0), ())


def _row(edges):
    return [_cell(left, right) for left, right in pairwise(edges)]


EDGES = [700, 800, 900, 1000, 1100, 1200, 1300, 1400]


def test_the_full_rows_place_the_columns_and_a_stray_row_does_not_move_them():
    shifted = [x + 60 for x in EDGES]  # one full row cut wrongly (an L-shaped cell's box)
    middles = body_columns([_row(EDGES), _row(EDGES), _row(shifted), _row(EDGES), _row(EDGES[:5])], 7)
    assert middles == [750, 850, 950, 1050, 1150, 1250, 1350]


def test_too_few_full_rows_place_nothing():
    assert body_columns([_row(EDGES), _row(EDGES), _row(EDGES[:6])], 7) is None


def test_a_cell_in_a_column_is_in_it_and_one_over_two_columns_is_in_neither():
    middles = [750.0, 850.0, 950.0]
    assert column_at(_cell(800, 900), middles) == 1
    assert column_at(_cell(805, 890), middles) == 1  # a cell a little narrower than its column
    assert column_at(_cell(700, 900), middles) is None  # two columns run together
    assert columns_under(_cell(700, 900), middles) == [0, 1]
    assert column_at(_cell(1100, 1200), middles) is None  # right of the table's columns
