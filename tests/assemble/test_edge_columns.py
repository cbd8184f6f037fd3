"""A sliver of a column along a table's side, empty in every row, is no column."""

from nianbao.assemble.edge_columns import column_widths, without_empty_edge_columns
from nianbao.model import Cell, Table, Word

EDGES = [0, 24, 400, 700, 1000, 1300, 1324]  # a 24-pixel sliver at each side of five real columns


def _cell(row, col, text, colspan=1, rowspan=1):
    box = (float(EDGES[col]), row * 60.0, float(EDGES[col + colspan]), (row + rowspan) * 60.0)
    return Cell(row, col, rowspan, colspan, box, (Word(text, box, 0.99),) if text else ())


def _table(left_sliver_text=""):
    """Table 二's first block with a sliver column at both sides (columns 0 and 5), empty save where
    ``left_sliver_text`` is printed in the left one's first row."""
    cells = [
        _cell(0, 0, left_sliver_text, rowspan=3),
        _cell(0, 1, "第二十条第（一）项", colspan=4),
        _cell(1, 1, "信息内容"),
        _cell(1, 2, "本年新制作数量"),
        _cell(1, 3, "本年新公开数量"),
        _cell(1, 4, "对外公开总数量"),
        _cell(2, 1, "规章"),
        _cell(2, 2, "0"),
        _cell(2, 3, "3", colspan=2),
        _cell(0, 5, ""),
        _cell(1, 5, "", rowspan=2),
    ]
    return Table(1, (0.0, 0.0, 1324.0, 180.0), 3, 6, tuple(cells), tuple(range(11)))


def test_empty_slivers_at_both_sides_are_dropped_and_every_other_cell_keeps_its_place():
    table = without_empty_edge_columns(_table())
    assert table.n_cols == 4
    placed = {(c.row, c.col, c.colspan): c.text for c in table.cells}
    assert placed == {
        (0, 0, 4): "第二十条第（一）项",
        (1, 0, 1): "信息内容",
        (1, 1, 1): "本年新制作数量",
        (1, 2, 1): "本年新公开数量",
        (1, 3, 1): "对外公开总数量",
        (2, 0, 1): "规章",
        (2, 1, 1): "0",
        (2, 2, 2): "3",
    }
    # each cell keeps the page it was read on (the cells' pages were numbered by their order)
    pages = {c.text: page for c, page in zip(table.cells, table.cell_pages)}
    assert pages["规章"] == 6 and pages["3"] == 8


def test_a_sliver_holding_print_or_a_column_as_wide_as_others_is_kept():
    kept_left = without_empty_edge_columns(_table(left_sliver_text="一"))
    assert kept_left.n_cols == 5 and any(c.col == 0 and c.text == "一" for c in kept_left.cells)
    wide = Table(
        1,
        (0.0, 0.0, 600.0, 60.0),
        1,
        3,
        tuple(Cell(0, k, 1, 1, (k * 200.0, 0.0, k * 200.0 + 200, 60.0)) for k in range(3)),
    )
    assert without_empty_edge_columns(wide) is wide


def test_column_widths_come_from_cells_one_column_wide():
    assert column_widths(_table().cells, 6) == [24.0, 376.0, 300.0, 300.0, 300.0, 24.0]
