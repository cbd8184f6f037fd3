"""Rows whose rule between them was lost are split again where their value cells' numbers line up."""

from dataclasses import replace

from nianbao.assemble.lost_rules import (
    split_apart_columns,
    split_lost_rules,
    split_merged_labels,
    split_merged_values,
    split_stacked_rows,
)
from nianbao.model import APART_SHAPE, Cell, Table, Word

COL_WIDTH = 100
ROWS = [(100, 160), (160, 280), (280, 340)]  # grid rows' tops and bottoms: the middle one two rows tall


def _word(text, x, y_middle, height=20):
    return Word(text, (x, y_middle - height / 2, x + 15 * len(text), y_middle + height / 2), 0.99)


def _cell(row, col, lines, rowspan=1):
    """A cell at grid ``row``, ``col`` whose ``lines`` are (text, y middle) pairs."""
    bbox = (col * COL_WIDTH, ROWS[row][0], (col + 1) * COL_WIDTH, ROWS[row + rowspan - 1][1])
    return Cell(row, col, rowspan, 1, bbox, tuple(_word(text, col * COL_WIDTH + 10, y) for text, y in lines))


def _table(row1_values, levels=(190, 250)):
    """Row 0 a header; row 1 two template rows whose rule was lost (two labels, then a value cell a column
    for each of ``row1_values``, its numbers at ``levels``); row 2 one row; column 0 merged over all."""
    upper, lower = levels
    cells = [_cell(0, 0, [("三、结果", 220)], rowspan=3), _cell(0, 1, [("项目", 130)])]
    cells += [_cell(0, 2 + k, [("自然人", 130)]) for k in range(len(row1_values))]
    cells.append(_cell(1, 1, [("1.属于国家秘密", upper), ("2.其他法律", lower)]))
    cells += [_cell(1, 2 + k, [(a, upper), (b, lower + (5 if k == 0 else 0))]) for k, (a, b) in enumerate(row1_values)]
    cells.append(_cell(2, 1, [("3.危及", 310)]))
    cells += [_cell(2, 2 + k, [("7", 310)]) for k in range(len(row1_values))]
    return Table(1, (0, 100, 600, 340), 3, 2 + len(row1_values), tuple(cells))


def _texts(table):
    return {(c.row, c.col): c.text for c in table.cells}


def test_a_row_whose_value_cells_stack_numbers_level_with_each_other_is_split_in_two():
    split = split_stacked_rows(_table([("0", "5"), ("12", "3"), ("0", "0")]))
    assert split.n_rows == 4
    texts = _texts(split)
    assert texts[(1, 1)] == "1.属于国家秘密" and texts[(2, 1)] == "2.其他法律"
    assert [texts[(1, c)] for c in (2, 3, 4)] == ["0", "12", "0"]
    assert [texts[(2, c)] for c in (2, 3, 4)] == ["5", "3", "0"]
    assert [texts[(3, c)] for c in (1, 2, 3, 4)] == ["3.危及", "7", "7", "7"]
    merged = next(c for c in split.cells if c.col == 0)
    assert (merged.row, merged.rowspan) == (0, 4)
    upper_box, lower_box = (next(c for c in split.cells if (c.row, c.col) == (r, 2)).bbox for r in (1, 2))
    assert upper_box[3] == lower_box[1] == 220  # midway between the levels, 190 and 250


def test_a_row_is_left_whole_where_too_few_cells_stack_or_their_numbers_are_not_level():
    two_columns = _table([("0", "5"), ("12", "3")])
    assert split_stacked_rows(two_columns) is two_columns
    uneven = _table([("0", "5"), ("12", "3"), ("0", "0")])
    cells = list(uneven.cells)
    third = next(i for i, c in enumerate(cells) if (c.row, c.col) == (1, 4))
    cells[third] = _cell(1, 4, [("0", 190), ("0", 275)])  # its lower number 25 pixels lower
    shifted = Table(1, uneven.bbox, uneven.n_rows, uneven.n_cols, tuple(cells))
    assert split_stacked_rows(shifted) is shifted


def test_a_row_is_split_by_the_numbers_cells_merged_down_over_it_stack_within_it():
    """Fax 10405_002 (a PDF): the rules lost under rows 2 and 3 of (五) in the label column and under
    several rows in some value columns. One grid row held two template rows, and most of its cells were
    merged down from above with it: only one cell of that row alone stacked two numbers, and every value
    of eight rows was left null. A merged cell's numbers within the row's edges stack too."""
    table = _table([("0", "5"), ("12", "3"), ("0", "0")])
    merged = [
        _cell(1, col, [(a, 190), (b, 250), ("7", 310)], rowspan=2)
        for col, (a, b) in ((3, ("12", "3")), (4, ("0", "0")))
    ]
    cells = [c for c in table.cells if not (c.col in (3, 4) and c.row in (1, 2))] + merged
    table = replace(table, cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))))
    texts = _texts(split_lost_rules(table))
    assert [texts[(1, c)] for c in (1, 2, 3, 4)] == ["1.属于国家秘密", "0", "12", "0"]
    assert [texts[(2, c)] for c in (1, 2, 3, 4)] == ["2.其他法律", "5", "3", "0"]
    assert [texts[(3, c)] for c in (1, 2, 3, 4)] == ["3.危及", "7", "7", "7"]

    # a merged cell whose numbers are not level with the others' leaves the row whole, and its values null
    cells[-1] = _cell(1, 4, [("0", 190), ("0", 275), ("7", 310)], rowspan=2)
    uneven = replace(table, cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))))
    assert split_stacked_rows(uneven) is uneven


def test_a_number_wrapped_onto_two_lines_is_no_stack():
    table = _table([("12", "3"), ("12", "3"), ("12", "3")], levels=(200, 221))  # lines touching: one number
    assert split_stacked_rows(table) is table


def _apart(text, x):
    return Word(text, (x, 300, x + 15, 320), 0.99, shape=APART_SHAPE)


def _row_with_merged_cell(words):
    """Row 0 holds a cell a column (x 0-100, 100-200, 200-300, 300-400); row 1 a label and one cell
    merged over columns 1-3 holding ``words``."""
    cells = [
        Cell(0, c, 1, 1, (c * 100, 250, (c + 1) * 100, 290), (Word("0", (c * 100 + 40, 260, c * 100 + 55, 280), 0.99),))
        for c in range(4)
    ]
    cells += [Cell(1, 0, 1, 1, (0, 290, 100, 330), (Word("2.重复申请", (5, 300, 95, 320), 0.99),))]
    cells += [Cell(1, 1, 1, 3, (100, 290, 400, 330), tuple(words))]
    return Table(1, (0, 250, 400, 330), 2, 4, tuple(cells))


def test_numbers_read_apart_in_a_cell_merged_across_columns_go_each_to_its_column():
    split = split_apart_columns(_row_with_merged_cell([_apart("0", 140), _apart("12", 335)]))
    row = {c.col: c for c in split.cells if c.row == 1}
    assert sorted(row) == [0, 1, 2, 3] and all(c.colspan == 1 for c in row.values())
    assert (row[1].text, row[2].text, row[3].text) == ("0", "", "12")
    assert row[1].words[0].shape == "" and row[3].bbox == (300, 290, 400, 330)


def test_a_merged_cell_is_left_whole_with_one_number_or_two_in_one_column():
    one = _row_with_merged_cell([Word("6651", (230, 300, 270, 320), 0.99)])  # a table 二 value spanning columns
    assert split_apart_columns(one) is one
    two_in_one = _row_with_merged_cell([_apart("0", 110), _apart("5", 170)])
    assert split_apart_columns(two_in_one) is two_in_one
    label = _row_with_merged_cell([_apart("(七)", 110), _apart("总计", 250)])
    assert split_apart_columns(label) is label


def _merged_labels(lines):
    """Table 三's header row (y 100-160), then three rows of values (160-200, 200-240, 240-280) whose
    labels stand in one cell over the first two (its ``lines``, each a (text, y middle) pair), the rule
    between those labels lost; the third row labelled alone."""
    cells = [Cell(0, 0, 1, 1, (0, 100, 300, 160), (_word("项目", 10, 130),))]
    cells += [
        Cell(0, c, 1, 1, (c * 100 + 200, 100, c * 100 + 300, 160), (_word("自然人", c * 100 + 210, 130),))
        for c in (1, 2, 3)
    ]
    cells.append(Cell(1, 0, 2, 1, (0, 160, 300, 240), tuple(_word(text, 10, y) for text, y in lines)))
    cells.append(Cell(3, 0, 1, 1, (0, 240, 300, 280), (_word("四、结转下年度继续办理", 10, 260),)))
    for row, top in ((1, 160), (2, 200), (3, 240)):
        cells += [
            Cell(
                row, c, 1, 1, (c * 100 + 200, top, c * 100 + 300, top + 40), (_word(str(row), c * 100 + 240, top + 20),)
            )
            for c in (1, 2, 3)
        ]
    return Table(2, (0, 100, 600, 280), 4, 4, tuple(cells))


def test_a_label_cell_holding_a_line_for_each_row_of_values_it_covers_is_cut_into_them():
    split = split_merged_labels(
        _merged_labels([("一、本年新收政府信息公开申请数量", 180), ("二、上年结转政府信息公开申请数量", 220)])
    )
    labels = {c.row: (c.text, c.rowspan, c.bbox[1], c.bbox[3]) for c in split.cells if c.col == 0}
    assert labels[1] == ("一、本年新收政府信息公开申请数量", 1, 160, 200)
    assert labels[2] == ("二、上年结转政府信息公开申请数量", 1, 200, 240)
    assert labels[3][0] == "四、结转下年度继续办理" and split.n_rows == 4


def test_a_label_merged_over_rows_by_design_is_left_whole():
    for lines in (
        [("（三）不予公开", 200)],  # one label over both rows
        [("（三）不予公开", 170), ("（区分处理的）", 190)],  # two lines of one row's label
        [("三", 180), ("本", 220)],  # a vertical label, one character a line
    ):
        table = _merged_labels(lines)
        assert split_merged_labels(table) is table


def test_a_label_read_apart_from_the_first_numbers_keeps_the_columns_left_of_them():
    """The rules between a row's label (columns 0-1) and its first two values lost: one cell over columns
    0-3 holds the label and two numbers read apart. The label takes columns 0-1, each number its column."""
    cells = [
        Cell(0, c, 1, 1, (c * 100, 250, (c + 1) * 100, 290), (Word("0", (c * 100 + 40, 260, c * 100 + 55, 280), 0.99),))
        for c in range(4)
    ]
    words = (
        Word("二、上年结转", (10, 300, 180, 320), 0.99, shape=APART_SHAPE),
        _apart("3", 240),
        _apart("12", 335),
    )
    cells.append(Cell(1, 0, 1, 4, (0, 290, 400, 330), words))
    split = split_apart_columns(Table(1, (0, 250, 400, 330), 2, 4, tuple(cells)))
    row = {c.col: c for c in split.cells if c.row == 1}
    assert sorted(row) == [0, 2, 3] and (row[0].colspan, row[0].text) == (2, "二、上年结转")
    assert (row[2].text, row[3].text) == ("3", "12") and row[0].bbox[2] == 200 and row[0].words[0].shape == ""
    long_label = replace(words[0], text="二、上年结转政府信息", bbox=(10, 300, 215, 320))
    reaching = Table(1, (0, 250, 400, 330), 2, 4, (*cells[:4], replace(cells[4], words=(long_label, *words[1:]))))
    assert split_apart_columns(reaching) is reaching  # the label reaches into the first number's column


def _merged_value(lines):
    """``_merged_labels``' table with each row labelled alone and column 2's value cell merged down over
    rows 1 and 2 (y 160-240; the rule between them lost in that column only) holding ``lines``."""
    table = _merged_labels([("一、本年新收", 180), ("二、上年结转", 220)])
    cells = [c for c in split_merged_labels(table).cells if not (c.col == 2 and c.row in (1, 2))]
    cells.append(Cell(1, 2, 2, 1, (400, 160, 500, 240), tuple(_word(text, 440, y) for text, y in lines)))
    return replace(table, cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))))


def test_a_value_cell_merged_down_over_rows_with_a_number_in_each_is_cut_into_them():
    split = split_merged_values(_merged_value([("12", 180), ("0", 221)]))
    column = {c.row: (c.text, c.rowspan, c.bbox[1], c.bbox[3]) for c in split.cells if c.col == 2}
    assert column == {0: ("自然人", 1, 100, 160), 1: ("12", 1, 160, 200), 2: ("0", 1, 200, 240), 3: ("3", 1, 240, 280)}


def test_a_merged_value_cell_is_left_whole_unless_each_row_it_covers_holds_one_number():
    for lines in (
        [("12", 200)],  # one number over both rows: which row is it?
        [("12", 170), ("0", 190)],  # two numbers both in row 1
        [("12", 180), ("自然人", 220)],  # not numbers
    ):
        table = _merged_value(lines)
        assert split_merged_values(table) is table


def test_a_merged_value_cell_with_a_dash_in_one_row_is_cut_too_a_label_line_leaves_it_whole():
    """A dash often reads as 一: one row's value as much as a number is."""
    column = {c.row: c.text for c in split_lost_rules(_merged_value([("一", 180), ("0", 221)])).cells if c.col == 2}
    assert (column[1], column[2]) == ("一", "0")
    table = _merged_value([("一", 180), ("自然人", 221)])
    assert split_merged_values(table) is table


def test_a_label_wrapped_onto_a_line_of_one_character_is_still_cut_into_its_rows():
    lines = [("1.本机关不掌握相关政府信", 172), ("息", 188), ("2.没有现成信息需要另行制作", 220)]
    split = split_merged_labels(_merged_labels(lines))
    labels = {c.row: (c.text, c.rowspan) for c in split.cells if c.col == 0}
    assert labels[1] == ("1.本机关不掌握相关政府信息", 1) and labels[2] == ("2.没有现成信息需要另行制作", 1)


def test_the_headers_first_cell_holding_the_first_rows_label_is_cut_at_the_header():
    """The rule under table 三's top-left header cell lost: it runs down over the first row of values."""
    table = _merged_labels([("一、本年新收", 180), ("二、上年结转", 220)])
    header_and_first = Cell(
        0, 0, 2, 1, (0, 100, 300, 200), (_word("（本列数据的勾稽关系）", 10, 130), _word("一、本年新收", 10, 180))
    )
    cells = [c for c in split_merged_labels(table).cells if not (c.col == 0 and c.row in (0, 1))] + [header_and_first]
    split = split_merged_labels(replace(table, cells=tuple(sorted(cells, key=lambda c: (c.row, c.col)))))
    labels = {c.row: (c.text, c.rowspan, c.bbox[1], c.bbox[3]) for c in split.cells if c.col == 0}
    assert labels[0] == ("（本列数据的勾稽关系）", 1, 100, 160) and labels[1] == ("一、本年新收", 1, 160, 200)


def _label_and_one_number(x_middle):
    """Table 二 at a page top: row 0 a label cell (0-100) and a value cell over columns 1-2 (100-300), the
    grid's column 2 with no edges of its own; row 1 one cell over all three columns, the rule after its
    label lost, holding the label and a number read apart, its middle at ``x_middle``."""
    cells = [
        Cell(0, 0, 1, 1, (0, 250, 100, 290), (Word("行政处罚", (10, 260, 90, 280), 0.99),)),
        Cell(0, 1, 1, 1, (100, 250, 300, 290), (Word("583", (185, 260, 215, 280), 0.99),)),
        Cell(1, 0, 1, 3, (0, 290, 300, 330), (_apart("行政许可", 10), _apart("0", x_middle - 7.5))),
    ]
    return Table(1, (0, 250, 300, 330), 2, 3, tuple(cells))


def test_a_label_and_one_number_centred_in_the_rest_of_its_row_are_cut_after_the_label_s_column():
    """Faint 7610_002: 行政许可's one value, printed across the row's columns, and its label were one cell.
    The label takes its column, the number one cell over the rest; a number off the middle stays whole."""
    split = split_apart_columns(_label_and_one_number(200))
    row = {c.col: c for c in split.cells if c.row == 1}
    assert sorted(row) == [0, 1] and (row[0].text, row[0].colspan, row[0].bbox[2]) == ("行政许可", 1, 100)
    assert (row[1].text, row[1].colspan, row[1].bbox) == ("0", 2, (100, 290, 300, 330))
    off_middle = _label_and_one_number(130)
    assert split_apart_columns(off_middle) is off_middle


def _headers_merged(words, value_texts=("规章", "0", "8")):
    """Row 0 one header cell over columns 0-2 (x 0-100, 100-200, 200-300) holding ``words``; row 1 a cell a
    column holding ``value_texts``."""
    cells = [Cell(0, 0, 1, 3, (0, 250, 300, 290), tuple(words))]
    cells += [
        Cell(
            1, c, 1, 1, (c * 100, 290, (c + 1) * 100, 330), (Word(text, (c * 100 + 30, 300, c * 100 + 70, 320), 0.99),)
        )
        for c, text in enumerate(value_texts)
    ]
    return Table(1, (0, 250, 300, 330), 2, 3, tuple(cells))


def _apart_words(*texts_at):
    return [Word(text, (x, 260, x + 60, 280), 0.99, shape=APART_SHAPE) for text, x in texts_at]


def test_headers_read_apart_in_a_header_cell_merged_across_columns_go_each_to_its_column():
    merged = _headers_merged(_apart_words(("信息内容", 20), ("本年制发件数", 120), ("本年废止件数", 220)))
    split = split_apart_columns(merged)
    row = {c.col: c for c in split.cells if c.row == 0}
    assert [(row[c].text, row[c].colspan, row[c].bbox) for c in range(3)] == [
        ("信息内容", 1, (0, 250, 100, 290)),
        ("本年制发件数", 1, (100, 250, 200, 290)),
        ("本年废止件数", 1, (200, 250, 300, 290)),
    ]
    assert all(word.shape == "" for c in range(3) for word in row[c].words)


def test_a_header_cell_is_left_whole_unless_its_words_stand_one_in_each_column_of_a_row_with_no_number():
    two_words = _headers_merged(_apart_words(("信息内容", 20), ("本年制发件数", 120)))
    assert split_apart_columns(two_words) is two_words
    two_in_one = _headers_merged(_apart_words(("信息", 5), ("内容", 35), ("本年制发件数", 220)))
    assert split_apart_columns(two_in_one) is two_in_one
    beside_numbers = _headers_merged(_apart_words(("信息内容", 20), ("本年", 120), ("废止", 220)))
    beside_numbers = replace(
        beside_numbers,
        cells=(*beside_numbers.cells, Cell(0, 3, 1, 1, (300, 250, 400, 290), (Word("7", (330, 260, 345, 280), 0.99),))),
        n_cols=4,
    )
    assert split_apart_columns(beside_numbers) is beside_numbers
