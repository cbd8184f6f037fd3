"""A column's header cell whose rules under it were lost is cut again where its values show."""

from nianbao.assemble.header_rules import split_header_over_values
from nianbao.model import Cell, Table, Word

ROWS = [(100, 150), (150, 200), (200, 250)]  # table 二's first section: its header and two rows


def _word(text, x, y_middle):
    return Word(text, (x, y_middle - 10, x + 15 * len(text), y_middle + 10), 0.99)


def _cell(row, col, lines, rowspan=1):
    """A cell at grid ``row``, ``col`` whose ``lines`` are (text, y middle) pairs."""
    bbox = (col * 100, ROWS[row][0], (col + 1) * 100, ROWS[row + rowspan - 1][1])
    return Cell(row, col, rowspan, 1, bbox, tuple(_word(text, col * 100 + 10, y) for text, y in lines))


def _section(last_column, row_values=(("0", "4"), ("18", "8"))):
    """Fax 10606_001: 信息内容 | 本年制发件数 | 本年废止件数 | ``last_column``, a cell merged down over the
    header and both rows (the rules under 现行有效件数 lost in that column alone)."""
    cells = [
        _cell(0, 0, [("信息内容", 125)]),
        _cell(0, 1, [("本年制发件数", 125)]),
        _cell(0, 2, [("本年废止件数", 125)]),
    ]
    for row, (label, values) in enumerate(zip(("规章", "行政规范性文件"), row_values, strict=True), start=1):
        middle = sum(ROWS[row]) / 2
        cells += [_cell(row, 0, [(label, middle)])] + [_cell(row, 1 + k, [(v, middle)]) for k, v in enumerate(values)]
    cells.append(_cell(0, 3, last_column, rowspan=3))
    return Table(1, (0, 100, 400, 250), 3, 4, tuple(sorted(cells, key=lambda c: (c.row, c.col))))


def test_a_header_cell_merged_down_over_a_value_in_each_row_below_is_cut_into_its_rows():
    split = split_header_over_values(_section([("现行有效件数", 125), ("169", 176), ("18", 224)]))
    column = {c.row: (c.text, c.rowspan, c.bbox[1], c.bbox[3]) for c in split.cells if c.col == 3}
    assert column == {0: ("现行有效件数", 1, 100, 150), 1: ("169", 1, 150, 200), 2: ("18", 1, 200, 250)}


def test_a_header_cell_merged_down_is_left_whole_unless_each_row_below_holds_one_value_of_a_row_of_numbers():
    for lines, row_values in (
        ([("现行有效件数", 125), ("169", 176)], (("0", "4"), ("18", "8"))),  # no value in the last row
        ([("现行有效件数", 125), ("169", 170), ("18", 190)], (("0", "4"), ("18", "8"))),  # both in one row
        ([("现行有效", 125), ("件数", 176), ("18", 224)], (("0", "4"), ("18", "8"))),  # a label's wrapped line
        ([("169", 125), ("18", 176), ("7", 224)], (("0", "4"), ("18", "8"))),  # no header in the first row
        ([("现行有效件数", 125), ("169", 176), ("18", 224)], (("", ""), ("18", "8"))),  # a row with no number
    ):
        table = _section(lines, row_values)
        assert split_header_over_values(table) is table


def _header_row_merged_down(values=("0", "0", "239")):
    """Folded 10814_002: the rule under table 二's header row lost across its value columns, each header
    merged down over 规章's number; 信息内容 and 规章 keep their own cells."""
    cells = [_cell(0, 0, [("信息内容", 125)]), _cell(1, 0, [("规章", 175)])]
    headers = ("本年制发件数", "本年废止件数", "现行有效件数")
    cells += [
        _cell(0, 1 + k, [(header, 125), (value, 176)], rowspan=2)
        for k, (header, value) in enumerate(zip(headers, values, strict=True))
    ]
    return Table(1, (0, 100, 400, 200), 2, 4, tuple(sorted(cells, key=lambda c: (c.row, c.col))))


def test_a_header_row_merged_down_over_one_row_of_values_is_cut_into_its_rows():
    split = split_header_over_values(_header_row_merged_down())
    by_place = {(c.row, c.col): (c.text, c.rowspan) for c in split.cells}
    assert by_place == {
        (0, 0): ("信息内容", 1),
        (1, 0): ("规章", 1),
        (0, 1): ("本年制发件数", 1),
        (1, 1): ("0", 1),
        (0, 2): ("本年废止件数", 1),
        (1, 2): ("0", 1),
        (0, 3): ("现行有效件数", 1),
        (1, 3): ("239", 1),
    }


def test_a_header_merged_down_over_one_row_is_left_whole_where_the_row_holds_no_other_number():
    table = _header_row_merged_down(values=("0", "件", "件"))  # one value; the others a header's wrapped line
    split = split_header_over_values(table)
    assert split is table
