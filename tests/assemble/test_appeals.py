"""Mapping table 四, with a stand-in classifier (the real one has its own tests)."""

from dataclasses import replace

from nianbao.assemble import appeals
from nianbao.assemble.appeals import map_appeals
from nianbao.assemble.mapping import Decision
from nianbao.model import APART_SHAPE, Cell, Table, Word
from tests.assemble.test_requests import _cell, fake_classify


def test_appeals_fifteen_numbers_in_template_order():
    cells = [_cell(0, 0, "行政复议", colspan=5), _cell(0, 5, "行政诉讼", colspan=10)]
    cells += [_cell(1, c, str(c)) for c in range(15)]
    result = map_appeals(Table(4, (0, 0, 1500, 80), 2, 15, tuple(cells)), fake_classify)
    mapped = {m.field_id: m.cell.text for m in result.cells}
    assert mapped["appeals.review.upheld"] == "0" and mapped["appeals.litigation_direct.total"] == "9"
    assert mapped["appeals.litigation_after_review.total"] == "14" and len(mapped) == 15


def test_appeals_numbers_above_table_four_s_headers_are_not_its_own():
    """Table 三's last row run together with table 四 (the rules between them lost): fifteen cells of
    numbers above table 四's headers are not table 四's row."""
    cells = [_cell(0, c, str(90 + c)) for c in range(15)]
    cells += [_cell(1, 0, "行政复议", colspan=5), _cell(1, 5, "行政诉讼", colspan=10)]
    cells += [_cell(2, c, str(c)) for c in range(15)]
    result = map_appeals(Table(4, (0, 0, 1500, 120), 3, 15, tuple(cells)), fake_classify)
    mapped = {m.field_id: m.cell.text for m in result.cells}
    assert mapped["appeals.review.upheld"] == "0" and len(mapped) == 15


def test_appeals_numbers_far_apart_in_one_cell_are_one_column_each():
    """Table 四's value row with some column rules lost: eleven cells, three holding two or three numbers
    far apart that the reader read one by one. The fifteen numbers take the template's order."""
    texts = [["0", "1"], ["2"], ["3", "4"], ["5"], ["6"], ["7"], ["8"], ["9"], ["10"], ["11"], ["12", "13", "14"]]
    cells = [_cell(0, 0, "行政复议行政诉讼", colspan=11)]
    for col, numbers in enumerate(texts):
        shape = APART_SHAPE if len(numbers) > 1 else ""
        words = tuple(
            Word(t, (col * 100 + k * 30, 45, col * 100 + k * 30 + 10, 70), 0.99, shape=shape)
            for k, t in enumerate(numbers)
        )
        cells.append(Cell(1, col, 1, 1, (col * 100.0, 40.0, col * 100.0 + 100, 80.0), words))
    result = map_appeals(Table(4, (0, 0, 1100, 80), 2, 11, tuple(cells)), fake_classify)
    mapped = {m.field_id: m.cell for m in result.cells}
    assert len(mapped) == 15 and mapped["appeals.review.upheld"].text == "0"
    assert mapped["appeals.review.corrected"].text == "1" and mapped["appeals.review.corrected"].shape == ""
    assert mapped["appeals.litigation_after_review.total"].text == "14"
    assert mapped["appeals.litigation_after_review.total"].bbox[0] == 1060


def test_appeals_row_of_three_cells_holding_fifteen_numbers_far_apart():
    """A value row that kept only two of its column rules: three cells, fifteen numbers read one by one."""
    cells = [_cell(0, 0, "行政复议行政诉讼", colspan=3)]
    for col, (start, count) in enumerate(((0, 4), (4, 9), (13, 2))):
        words = tuple(
            Word(str(start + k), (col * 500 + k * 50, 45, col * 500 + k * 50 + 10, 70), 0.99, shape=APART_SHAPE)
            for k in range(count)
        )
        cells.append(Cell(1, col, 1, 1, (col * 500.0, 40.0, col * 500.0 + 500, 80.0), words))
    result = map_appeals(Table(4, (0, 0, 1500, 80), 2, 3, tuple(cells)), fake_classify)
    mapped = {m.field_id: m.cell.text for m in result.cells}
    assert len(mapped) == 15 and mapped["appeals.review.upheld"] == "0"
    assert mapped["appeals.litigation_direct.total"] == "9" and mapped["appeals.litigation_after_review.total"] == "14"


def _value_cell(left, right, text, middle=None):
    """A cell of table 四's value row from ``left`` to ``right``, its number's print centred on ``middle``."""
    middle = (left + right) / 2 if middle is None else middle
    words = (Word(text, (middle - 10, 45, middle + 10, 70), 0.99),) if text else ()
    return Cell(1, 0, 1, 1, (float(left), 40.0, float(right), 80.0), words)


def test_appeals_fifteen_cells_one_over_two_columns_and_one_a_sliver_are_placed_by_where_their_numbers_stand():
    """A faint table 四 lost the rule between its sixth and seventh columns, and a shade's edge beside its
    last made a sliver of a cell: fifteen cells still, but every number after the wide one stands a column
    to the right of its cell's place in the row. The two numbers read together ("05") are neither's."""
    cells = [_cell(0, 0, "行政复议行政诉讼", colspan=15)]
    row = [_value_cell(100 * c, 100 * c + 100, str(c)) for c in range(5)]
    row += [_value_cell(500, 700, "05", middle=600)]
    row += [_value_cell(100 * c, 100 * c + 100, str(c)) for c in range(7, 15)]
    row += [_value_cell(1500, 1520, "")]
    cells += [replace(cell, col=col) for col, cell in enumerate(row)]
    result = map_appeals(Table(4, (0, 0, 1520, 80), 2, 15, tuple(cells)), fake_classify)
    mapped = {m.field_id: m.cell.text for m in result.cells}
    assert mapped["appeals.review.total"] == "4" and mapped["appeals.litigation_direct.other"] == "7"
    assert mapped["appeals.litigation_after_review.total"] == "14" and len(mapped) == 13
    assert "appeals.litigation_direct.upheld" not in mapped and "appeals.litigation_direct.corrected" not in mapped


def test_appeals_numbers_far_apart_that_make_no_fifteen_are_not_placed():
    """Two numbers far apart in the last of a row's fifteen cells would make sixteen: the row is no
    fifteen numbers in the template's order, and the cell is not split."""
    cells = [_cell(0, 0, "行政复议行政诉讼", colspan=15)]
    cells += [_cell(1, c, str(c)) for c in range(14)]
    words = (
        Word("97", (1400, 45, 1410, 70), 0.99, shape=APART_SHAPE),
        Word("98", (1460, 45, 1470, 70), 0.99, shape=APART_SHAPE),
    )
    cells.append(Cell(1, 14, 1, 1, (1400.0, 40.0, 1500.0, 80.0), words))
    result = map_appeals(Table(4, (0, 0, 1500, 80), 2, 15, tuple(cells)), fake_classify)
    mapped = {m.field_id: m.cell.text for m in result.cells}
    assert mapped["appeals.litigation_after_review.total"] == "9798" and len(mapped) == 15


def test_appeals_the_first_row_of_numbers_where_no_header_could_be_read():
    """A fax may leave table 四's headers unreadable: its one row of fifteen numbers is still its own."""
    cells = [_cell(0, 0, "囗囗", colspan=5), _cell(0, 5, "口口", colspan=10)]
    cells += [_cell(1, c, str(c)) for c in range(15)]
    result = map_appeals(Table(4, (0, 0, 1500, 80), 2, 15, tuple(cells)), fake_classify)
    assert len(result.cells) == 15 and result.cells[0].cell.text == "0"


def test_appeals_a_row_of_a_lost_rule_s_remains_under_the_headers_is_not_its_row():
    """Fax seeds 5303 and 5312: the rules above table 四's leaf headers left dotted remains, or its words
    in pieces, a row of their own read as marks, dashes and a stray digit; the fifteen zeros under the
    headers are table 四's row. A row of fifteen dashes is one too."""
    cells = [_cell(0, 0, "行政复议", colspan=5), _cell(0, 5, "行政诉讼", colspan=10)]
    cells += [_cell(1, c, ["?", "—", "", "…", "1⊥中"][c % 5]) for c in range(15)]
    cells += [_cell(2, c, "结果维持") for c in range(15)]
    zeros = cells + [_cell(3, c, "0") for c in range(15)]
    result = map_appeals(Table(4, (0, 0, 1500, 160), 4, 15, tuple(zeros)), fake_classify)
    assert [m.cell.text for m in result.cells] == ["0"] * 15 and result.cells[0].cell.row == 3
    dashes = cells + [_cell(3, c, "—") for c in range(15)]
    result = map_appeals(Table(4, (0, 0, 1500, 160), 4, 15, tuple(dashes)), fake_classify)
    assert {m.cell.row for m in result.cells} == {3}


def test_appeals_a_labelled_row_run_into_table_four_s_grid_is_not_its_row():
    """Table 三's 四、结转下年度继续办理 run into table 四's grid above its headers, its label in the first
    of fifteen cells: read as table 四's row, every number would go one column to the right."""
    cells = [_cell(0, 0, "（七）总计", colspan=2)] + [_cell(0, c, "") for c in range(2, 15)]
    cells += [_cell(1, 0, "四、结转下年度继续办理")] + [_cell(1, c, str(c % 3)) for c in range(1, 15)]
    cells += [_cell(2, 0, "行政复议", colspan=5), _cell(2, 5, "行政诉讼", colspan=10)]
    cells += [_cell(3, c, str(c)) for c in range(15)]
    result = map_appeals(Table(4, (0, 0, 1500, 160), 4, 15, tuple(cells)), fake_classify)
    mapped = {m.field_id: m.cell.text for m in result.cells}
    assert mapped["appeals.review.upheld"] == "0" and mapped["appeals.litigation_after_review.total"] == "14"


def test_appeals_a_row_whose_first_number_was_misread_as_a_character_is_its_row():
    """A fax's 3 in table 四's first column read 小: one character is no row's label."""
    cells = [_cell(0, 0, "行政复议", colspan=5), _cell(0, 5, "行政诉讼", colspan=10)]
    cells += [_cell(1, 0, "小")] + [_cell(1, c, str(c)) for c in range(1, 15)]
    result = map_appeals(Table(4, (0, 0, 1500, 80), 2, 15, tuple(cells)), fake_classify)
    mapped = {m.field_id: m.cell.text for m in result.cells}
    assert mapped["appeals.review.upheld"] == "小" and mapped["appeals.review.corrected"] == "1"
    assert mapped["appeals.litigation_after_review.total"] == "14" and len(mapped) == 15


LEAF_KEYS = {"行政复议": "review", "行政诉讼": "litigation_direct", "结果维持": "upheld", "结果纠正": "corrected"}
LEAF_KEYS |= {"其他结果": "other", "尚未审结": "pending", "总计": "total"}


def _mapped_by_leaves(table):
    """Table 四 mapped by a stand-in classifier that knows its headers' words as printed."""

    def classify(_table, axis, labels):
        return [Decision(LEAF_KEYS.get(label.text), 0.99) for label in labels]

    return {m.field_id: m.cell.text for m in map_appeals(table, classify).cells}


def _split_column(left, right):
    """Table 四 of eleven value cells: 其他结果 of 行政诉讼 (columns 7 and 8) split by a rule the print does
    not have; ``left`` and ``right``: each half's (text, word's x-range) or None."""
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    cells = [_cell(0, 0, "行政复议", colspan=5), _cell(0, 5, "行政诉讼", colspan=6)]
    cells += [_cell(1, c, leaf) for c, leaf in enumerate(leaves)]
    cells += [_cell(1, 5 + c, leaf, colspan=2 if leaf == "其他结果" else 1) for c, leaf in enumerate(leaves[:3])]
    cells += [_cell(1, 9, "尚未审结"), _cell(1, 10, "总计")]
    cells += [_cell(2, c, str(c)) for c in range(11) if c not in (7, 8)]
    for col, half in ((7, left), (8, right)):
        words = (Word(half[0], (half[1][0], 85.0, half[1][1], 115.0), 0.99),) if half else ()
        cells.append(Cell(2, col, 1, 1, (col * 100.0, 80.0, col * 100.0 + 100, 120.0), words))
    return Table(4, (0, 0, 1100, 120), 3, 11, tuple(cells))


def test_appeals_value_cells_under_one_leaf_header_give_its_number_only_where_it_is_whole():
    """A rule the print does not have splits 其他结果's value cell in two. Its number is one half's where
    the other half is empty and the number keeps clear of the rule; a number against the rule may be
    cut by it (the left half of a 0 reads 1), and halves both holding print are neither's."""
    whole = _mapped_by_leaves(_split_column(("2", (735.0, 750.0)), None))
    assert whole["appeals.litigation_direct.other"] == "2"
    assert whole["appeals.litigation_direct.corrected"] == "6" and whole["appeals.litigation_direct.pending"] == "9"
    assert whole["appeals.review.total"] == "4"
    assert "appeals.litigation_direct.other" not in _mapped_by_leaves(_split_column(("1", (790.0, 797.0)), None))
    assert "appeals.litigation_direct.other" not in _mapped_by_leaves(
        _split_column(("1", (780.0, 797.0)), ("7", (803.0, 815.0)))
    )


def _two_leaves_in_one_cell(header_words):
    """Table 四 of ten value cells: 行政诉讼's 结果纠正 and 其他结果 (columns 6 and 7) in one header cell, the
    rule between them lost, holding ``header_words`` (text, x-range, y-range)."""
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    cells = [_cell(0, 0, "行政复议", colspan=5), _cell(0, 5, "行政诉讼", colspan=5)]
    cells += [_cell(1, c, leaf) for c, leaf in enumerate(leaves)]
    words = tuple(Word(text, (x[0], y[0], x[1], y[1]), 0.99, shape=APART_SHAPE) for text, x, y in header_words)
    cells += [_cell(1, 5, "结果维持"), Cell(1, 6, 1, 2, (600.0, 40.0, 800.0, 80.0), words)]
    cells += [_cell(1, 8, "尚未审结"), _cell(1, 9, "总计")]
    cells += [_cell(2, c, str(c)) for c in range(10)]
    return Table(4, (0, 0, 1000, 120), 3, 10, tuple(cells))


def test_appeals_two_leaf_headers_in_one_cell_name_the_values_their_words_stand_over():
    """Faint 9107_000: the rule between 结果纠正 and 其他结果 (two lines each) was lost, and their cell read
    结果其他纠正结果, its words apart; each value cell takes the leaf whose words stand over it. Words that
    do not part so (one over both cells) name neither."""
    top, foot = (45.0, 58.0), (62.0, 75.0)
    parted = [
        ("结果", (610, 650), top),
        ("其他", (710, 750), top),
        ("纠正", (610, 650), foot),
        ("结果", (710, 750), foot),
    ]
    found = _mapped_by_leaves(_two_leaves_in_one_cell(parted))
    assert found["appeals.litigation_direct.corrected"] == "6" and found["appeals.litigation_direct.other"] == "7"
    assert found["appeals.litigation_direct.pending"] == "8" and found["appeals.review.upheld"] == "0"
    whole = _mapped_by_leaves(_two_leaves_in_one_cell([("结果其他", (610, 750), top), ("纠正结果", (610, 750), foot)]))
    assert "appeals.litigation_direct.corrected" not in whole and "appeals.litigation_direct.other" not in whole
    swapped = [
        ("其他", (610, 650), top),
        ("结果", (710, 750), top),
        ("结果", (610, 650), foot),
        ("纠正", (710, 750), foot),
    ]
    assert "appeals.litigation_direct.other" not in _mapped_by_leaves(
        _two_leaves_in_one_cell(swapped)
    )  # not the template's order


def _slotted_row(cells_spec):
    """Table 四 with a value row over fifteen equal columns 100 pixels wide: ``cells_spec`` gives each
    cell as (left, right, number or "", the number's middle)."""
    cells = [_cell(0, 0, "行政复议行政诉讼", colspan=15)]
    for col, (left, right, text, middle) in enumerate(cells_spec):
        words = (Word(text, (middle - 6, 45, middle + 6, 70), 0.99),) if text else ()
        cells.append(Cell(1, col, 1, 1, (float(left), 40.0, float(right), 80.0), words))
    return Table(4, (0, 0, 1500, 80), 2, len(cells_spec), tuple(cells))


def test_appeals_numbers_of_a_row_missing_a_rule_take_the_equal_column_they_stand_in():
    """The rule between columns 10 and 11 lost: one cell over both holds the number of column 11 only
    (column 10 printed blank). Fourteen numbers, each in the middle of one of fifteen equal columns."""
    spec = [(c * 100, c * 100 + 100, str(c), c * 100 + 50) for c in range(10)]
    spec += [(1000, 1200, "11", 1150)] + [(c * 100, c * 100 + 100, str(c), c * 100 + 50) for c in range(12, 15)]
    result = map_appeals(_slotted_row(spec), fake_classify)
    mapped = {m.field_id: m.cell.text for m in result.cells}
    assert len(mapped) == 14 and "appeals.litigation_after_review.upheld" not in mapped
    assert mapped["appeals.litigation_after_review.corrected"] == "11"
    assert mapped["appeals.review.upheld"] == "0" and mapped["appeals.litigation_after_review.total"] == "14"


def test_appeals_a_number_in_a_cell_cut_by_a_rule_the_print_lacks_places_none_of_the_row():
    """A rule found through column 7's 0 cut it: its left half, read 1, stands in a cell narrower than
    the column. The row is not placed by equal columns (the half 0 would be a wrong 1)."""
    spec = [(c * 100, c * 100 + 100, str(c), c * 100 + 50) for c in range(7)]
    spec += [(700, 745, "1", 740), (745, 800, "", 0)] + [
        (c * 100, c * 100 + 100, str(c), c * 100 + 50) for c in range(8, 15)
    ]
    result = map_appeals(_slotted_row(spec), fake_classify)
    assert "appeals.litigation_direct.other" not in {m.field_id for m in result.cells}


def test_appeals_a_number_beside_an_empty_sliver_its_column_lost_to_a_rule_is_placed():
    """A faint page's rule found along the left edge of column 13's digits split an empty sliver off the
    column: the number's cell alone is narrower than its column, with nothing cut off it (faint seed
    8807). The row is placed; a sliver that holds a reading is no such edge (the test above)."""
    spec = [(c * 100, c * 100 + 100, str(c), c * 100 + 50) for c in range(13)]
    spec += [(1300, 1330, "", 0), (1330, 1400, "13", 1350), (1400, 1500, "14", 1450)]
    mapped = {m.field_id: m.cell.text for m in map_appeals(_slotted_row(spec), fake_classify).cells}
    assert len(mapped) == 15 and mapped["appeals.litigation_after_review.pending"] == "13"
    assert mapped["appeals.review.upheld"] == "0" and mapped["appeals.litigation_after_review.total"] == "14"
    cut = spec[:13] + [(1300, 1330, "1", 1315), (1330, 1400, "13", 1350), (1400, 1500, "14", 1450)]
    assert "appeals.litigation_after_review.pending" not in {
        m.field_id for m in map_appeals(_slotted_row(cut), fake_classify).cells
    }


def test_appeals_a_reading_between_two_equal_columns_is_left_out_the_others_placed():
    """The rule between columns 1 and 2 lost: their two 0s, in one cell over both, read as one "010"
    standing between the columns. It is no column's; the row's other thirteen numbers are placed."""
    spec = [(0, 100, "0", 50), (100, 300, "010", 200)] + [
        (c * 100, c * 100 + 100, str(c), c * 100 + 50) for c in range(3, 15)
    ]
    mapped = {m.field_id: m.cell.text for m in map_appeals(_slotted_row(spec), fake_classify).cells}
    assert "appeals.review.corrected" not in mapped and "appeals.review.other" not in mapped
    assert mapped["appeals.review.upheld"] == "0" and mapped["appeals.litigation_after_review.total"] == "14"
    assert len(mapped) == 13
    shifted = [(left, right, text, middle + (40 if middle in (550, 650) else 0)) for left, right, text, middle in spec]
    values = [(i, cell) for i, cell in enumerate(_slotted_row(shifted).cells) if cell.row == 1]
    assert appeals._equal_column_slots(values, values, 15) is None  # two more between columns: not placed
