"""A grid row that lost every rule between its rows is cut at its label's lines where its values line up
with them (assemble.level_rows, through assemble.lost_rules.split_stacked_rows)."""

from nianbao.assemble.level_rows import level_cuts
from nianbao.assemble.lost_rules import split_stacked_rows
from nianbao.model import Cell, Table, Word

LEVELS = (1260, 1315, 1370)  # 信息内容, 规章, 行政规范性文件


def _word(text, x, y_middle, height=28):
    return Word(text, (x, y_middle - height / 2, x + 20 * len(text), y_middle + height / 2), 0.99)


def _cell(col, lines):
    return Cell(
        0, col, 1, 1, (col * 300, 1233, (col + 1) * 300, 1397), tuple(_word(t, col * 300 + 20, y) for t, y in lines)
    )


def _table_two_section(issued=(("本年新制发件数", 1260), ("……", 1287), ("0", 1370))):
    """Fax 11705_001's table 二, first section: header, 规章 and 行政规范性文件 in one grid row; the lost
    row rules read as dots in the first value column, whose 规章 cell is blank."""
    return [
        _cell(0, [("信息内容", LEVELS[0]), ("规章", LEVELS[1]), ("行政规范性文件", LEVELS[2])]),
        _cell(1, list(issued)),
        _cell(2, [("本年废止件数", LEVELS[0]), ("0", LEVELS[1]), ("8", LEVELS[2])]),
        _cell(3, [("现行有效件数", LEVELS[0]), ("0", LEVELS[1]), ("264", LEVELS[2] + 3)]),
    ]


def test_a_row_whose_values_line_up_with_its_label_s_lines_is_cut_between_them_and_the_rule_s_dots_go():
    cells = _table_two_section()
    table = Table(1, (0, 1233, 1200, 1397), 1, 4, tuple(cells))
    split = split_stacked_rows(table)
    assert split.n_rows == 3
    texts = {(cell.row, cell.col): cell.text for cell in split.cells}
    assert texts[(0, 0)] == "信息内容" and texts[(0, 1)] == "本年新制发件数"
    assert texts[(1, 0)] == "规章" and texts[(1, 1)] == "" and texts[(1, 3)] == "0"
    assert texts[(2, 0)] == "行政规范性文件" and texts[(2, 1)] == "0" and texts[(2, 3)] == "264"


def test_a_wrapped_label_beside_its_values_is_no_rows():
    label = _cell(0, [("要求行政机关确认或", 1290), ("重新出具已获取信息", 1330)])
    between = [label, _cell(1, [("0", 1310)]), _cell(2, [("7", 1310)])]
    assert level_cuts(between) == ([], frozenset())
    level_with_last = [label, _cell(1, [("0", 1330)]), _cell(2, [("7", 1330)])]  # no header over them
    assert level_cuts(level_with_last) == ([], frozenset())


def test_a_row_with_a_level_holding_no_number_or_a_word_off_the_levels_is_left_whole():
    no_number = _table_two_section(issued=(("本年新制发件数", 1260), ("……", 1287), ("0", 1370)))
    no_number[2] = _cell(2, [("本年废止件数", LEVELS[0]), ("8", LEVELS[2])])
    no_number[3] = _cell(3, [("现行有效件数", LEVELS[0]), ("264", LEVELS[2])])
    assert level_cuts(no_number)[0] == []
    off_level = _table_two_section(issued=(("本年新制发件数", 1260), ("12", 1290), ("0", 1370)))
    assert level_cuts(off_level)[0] == []
    assert level_cuts(_table_two_section())[0] == [1287.5, 1342.5]
