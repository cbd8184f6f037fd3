from nianbao.model import Cell, Table, Word
from nianbao.table.stitch import columns_match, continues_on_page, stitch


def _cell(row, col, text="", rowspan=1, colspan=1, x=None):
    x0 = x if x is not None else 100 + col * 100
    words = (Word(text, (0, 0, 1, 1), 0.99),) if text else ()
    return Cell(row, col, rowspan, colspan, (x0, row * 50, x0 + 100 * colspan, (row + rowspan) * 50), words)


def _upper():
    cells = [
        _cell(0, 0, "项目", colspan=2),
        _cell(0, 2, "自然人"),
        _cell(0, 3, "总计"),
        _cell(1, 0, "（四）无", rowspan=2),
        _cell(1, 1, "1.本机关不掌握"),
        _cell(1, 2, "1"),
        _cell(1, 3, "1"),
        _cell(2, 1, "2.没有现成信息"),
        _cell(2, 2, "0"),
        _cell(2, 3, "0"),
    ]
    return Table(1, (100, 0, 500, 150), 3, 4, tuple(cells))


def _lower(repeat_header):
    cells = []
    if repeat_header:
        cells = [_cell(0, 0, "项目", colspan=2), _cell(0, 2, "自然人"), _cell(0, 3, "总计")]
    r = 1 if repeat_header else 0
    cells += [
        _cell(r, 0, "法提供"),
        _cell(r, 1, "3.补正后申请内容仍不明确"),
        _cell(r, 2, "2"),
        _cell(r, 3, "2"),
        _cell(r + 1, 0, "（七）总计", colspan=2),
        _cell(r + 1, 2, "3"),
        _cell(r + 1, 3, "3"),
    ]
    return Table(2, (100, 0, 500, 150), r + 2, 4, tuple(cells))


def test_split_group_label_is_rejoined_and_header_dropped():
    for repeat in (True, False):
        table = stitch(_upper(), _lower(repeat))
        assert table.n_rows == 5
        group = next(c for c in table.cells if c.col == 0 and c.row == 1)
        assert (group.text, group.rowspan) == ("（四）无法提供", 3)
        assert not any(c.text == "法提供" for c in table.cells)
        total = next(c for c in table.cells if c.text == "（七）总计")
        assert total.row == 4
        assert [table.page_of(i) for i, c in enumerate(table.cells) if c.text == "3"] == [2, 2]
        assert sum(c.text == "项目" for c in table.cells) == 1


def test_a_repeated_header_whose_rows_read_as_one_is_dropped():
    """Faint 6812_001: table 三's header repeated over its last row on the next page, the rules between
    its rows lost, so its three rows' words read as one row, in another order."""
    header = [
        _cell(0, 0, "（本列数据的勾稽关系）", rowspan=2, colspan=2),
        _cell(0, 2, "申请人情况", colspan=2),
        _cell(1, 2, "自然人"),
        _cell(1, 3, "法人或其他组织"),
    ]
    body = [_cell(2, 0, "（七）总计", colspan=2), _cell(2, 2, "3"), _cell(2, 3, "3")]
    upper = Table(1, (100, 0, 500, 150), 3, 4, tuple(header + body))
    repeated = [
        _cell(0, 0, "（本列数据的勾稽关系）", colspan=2),
        _cell(0, 2, "自然人申请人情况"),
        _cell(0, 3, "法人或其他组织"),
    ]
    last_row = [_cell(1, 0, "四、结转下年度继续办理", colspan=2), _cell(1, 2, "0"), _cell(1, 3, "0")]
    table = stitch(upper, Table(2, (100, 0, 500, 100), 2, 4, tuple(repeated + last_row)))
    assert table.n_rows == 4 and sum("勾稽" in c.text for c in table.cells) == 1
    other = [_cell(0, 0, "行政复议结果", colspan=2), _cell(0, 2, "维持"), _cell(0, 3, "纠正")]
    kept = stitch(upper, Table(2, (100, 0, 500, 100), 2, 4, tuple(other + last_row)))
    assert kept.n_rows == 5


def test_a_repeated_header_whose_merged_cell_starts_in_another_row_is_dropped():
    """Fax 8802_002: table 三's note starts in its header's second row on one page (the rule above it lost)
    and in its first on the next, so the repeated header's rows differ one by one. Its words are the
    header's words in as many rows: it is dropped, not joined to the last row above the break."""
    header = [
        _cell(0, 2, "申请人情况", colspan=2),
        _cell(1, 0, "（本列数据的勾稽关系）", colspan=2),
        _cell(1, 2, "自然人"),
        _cell(1, 3, "总计"),
    ]
    body = [_cell(2, 0, "（七）总计", colspan=2), _cell(2, 2, "16"), _cell(2, 3, "16")]
    upper = Table(1, (100, 0, 500, 150), 3, 4, tuple(header + body))
    repeated = [
        _cell(0, 0, "（本列数据的勾稽关系）", rowspan=2, colspan=2),
        _cell(0, 2, "申请人情况", colspan=2),
        _cell(1, 2, "自然人"),
        _cell(1, 3, "总计"),
    ]
    last_row = [_cell(2, 0, "四、结转下年度继续办理", colspan=2), _cell(2, 2, "0"), _cell(2, 3, "0")]
    table = stitch(upper, Table(2, (100, 0, 500, 150), 3, 4, tuple(repeated + last_row)))
    assert table.n_rows == 4 and [c.text for c in table.cells if "自然人" in c.text] == ["自然人"]
    assert [c.text for c in table.cells if c.row == 2 and c.col >= 2] == ["16", "16"]


def test_a_new_label_at_the_page_top_is_not_joined():
    upper = _upper()
    lower = Table(
        2,
        (100, 0, 500, 100),
        2,
        4,
        (
            _cell(0, 0, "（五）不予处理", rowspan=2),
            _cell(0, 1, "1.信访"),
            _cell(0, 2, "0"),
            _cell(0, 3, "0"),
            _cell(1, 1, "2.重复申请"),
            _cell(1, 2, "0"),
            _cell(1, 3, "0"),
        ),
    )
    table = stitch(upper, lower)
    labels = [c.text for c in table.cells if c.col == 0]
    assert "（四）无" in labels and "（五）不予处理" in labels


def test_columns_match_compares_widths():
    assert columns_match(_upper(), _lower(False))
    narrow = Table(
        2, (100, 0, 400, 100), 1, 4, tuple(_cell(0, c) for c in range(3)) + (Cell(0, 3, 1, 1, (400, 0, 420, 50)),)
    )
    assert not columns_match(_upper(), narrow)


def test_a_continued_part_with_fewer_columns_is_placed_by_its_rules():
    upper = Table(
        1,
        (100, 0, 500, 100),
        2,
        4,
        (
            _cell(0, 0, "信息内容"),
            _cell(0, 1, "上一年项目数量"),
            _cell(0, 2, "本年增/减", colspan=2),
            _cell(1, 0, "行政处罚"),
            _cell(1, 1, "0"),
            _cell(1, 2, "1"),
            _cell(1, 3, "2"),
        ),
    )
    lower = Table(
        2,
        (100, 0, 500, 50),
        1,
        3,
        (
            _cell(0, 0, "行政事业性收费"),
            _cell(0, 1, "0"),
            Cell(0, 2, 1, 1, (300, 0, 500, 50), (Word("5", (0, 0, 1, 1), 0.9),)),
        ),
    )
    table = stitch(upper, lower)
    placed = {c.text: (c.row, c.col, c.colspan) for c in table.cells if c.row == 2}
    assert placed == {"行政事业性收费": (2, 0, 1), "0": (2, 1, 1), "5": (2, 2, 2)}


def test_a_header_made_tall_by_an_empty_sliver_at_the_page_foot_is_not_joined():
    upper = Table(
        1,
        (100, 0, 500, 110),
        3,
        4,
        (
            _cell(0, 0, "行政处罚"),
            _cell(0, 1, "0"),
            _cell(0, 2, "1"),
            _cell(0, 3, "2"),
            _cell(1, 0, "信息内容", rowspan=2),
            _cell(1, 1, "上一年项目数量", rowspan=2),
            _cell(1, 2, "本年增/减", rowspan=2, colspan=2),
        ),
    )
    lower = Table(
        2, (100, 0, 500, 50), 1, 4, (_cell(0, 0, "行政事业性收费"), _cell(0, 1, "0"), _cell(0, 2, "0", colspan=2))
    )
    table = stitch(upper, lower)
    assert any(c.text == "行政事业性收费" and c.row == 3 for c in table.cells)
    assert next(c for c in table.cells if c.text.startswith("信息内容")).text == "信息内容"


def _lower_after_a_cut_row(first_row_values=("", "")):
    """The next page of ``_upper``: its first row is the rest of 2.没有现成信息, cut by the page break
    (a word processor lets a tall row run over; the values stay at the row's top, on the first page)."""
    cells = (
        _cell(0, 0, "法提供", rowspan=2),
        _cell(0, 1, "需要另行制作"),
        _cell(0, 2, first_row_values[0]),
        _cell(0, 3, first_row_values[1]),
        _cell(1, 1, "3.补正后申请内容仍不明确"),
        _cell(1, 2, "2"),
        _cell(1, 3, "2"),
    )
    return Table(2, (100, 0, 500, 100), 2, 4, cells)


def test_a_row_cut_by_the_page_break_is_one_row_again():
    table = stitch(_upper(), _lower_after_a_cut_row())
    label = next(c for c in table.cells if c.text.startswith("2.没有"))
    assert (label.text, label.row, label.rowspan) == ("2.没有现成信息需要另行制作", 2, 2)
    values = [c for c in table.cells if c.row == 2 and c.col in (2, 3)]
    assert [(c.text, c.rowspan) for c in values] == [("0", 2), ("0", 2)]
    assert not any(c.row == 3 and c.col in (1, 2, 3) for c in table.cells)  # no empty row left behind
    group = next(c for c in table.cells if c.col == 0 and c.row == 1)
    assert (group.text, group.rowspan) == ("（四）无法提供", 4)
    assert next(c for c in table.cells if c.text.startswith("3.补")).row == 4


def test_rows_are_not_joined_where_both_hold_values_or_the_label_has_no_number():
    table = stitch(_upper(), _lower_after_a_cut_row(("1", "1")))
    assert any(c.text == "需要另行制作" and c.row == 3 for c in table.cells)
    unnumbered = Table(
        1, (100, 0, 500, 100), 2, 4,
        (_cell(0, 0, "信息内容", colspan=2), _cell(0, 2, "本年新制作"), _cell(0, 3, "本年新公开"),
         _cell(1, 0, "规章", colspan=2), _cell(1, 2, "0"), _cell(1, 3, "0")),
    )  # fmt: skip
    lower = Table(1, (100, 0, 500, 50), 1, 4, (_cell(0, 0, "规范性文件", colspan=2), _cell(0, 2), _cell(0, 3)))
    table = stitch(unnumbered, lower)
    assert [c.text for c in table.cells if c.col == 0] == ["信息内容", "规章", "规范性文件"]


VALUE_RULES = (738, 843, 950, 1056, 1162, 1270, 1375, 1482)


def _row(row, top, bottom, label_rules, texts):
    """A row of cells between ``label_rules`` then VALUE_RULES, at ``top``-``bottom`` on the page."""
    xs = (*label_rules, *VALUE_RULES)
    return [
        Cell(row, col, 1, 1, (xs[col], top, xs[col + 1], bottom), (Word(text, (0, 0, 1, 1), 0.99),) if text else ())
        for col, text in enumerate(texts)
    ]


def _rows_table(page, label_rules, rows):
    """Rows of (top, bottom, texts) between ``label_rules`` and VALUE_RULES."""
    cells = [c for r, (top, bottom, texts) in enumerate(rows) for c in _row(r, top, bottom, label_rules, texts)]
    bbox = (label_rules[0], rows[0][0], VALUE_RULES[-1], rows[-1][1])
    return Table(page, bbox, len(rows), len(label_rules) + len(VALUE_RULES) - 1, tuple(cells))


def _table_three_end(top=751):
    """Table 三's last page, found as two grids: a faint rule through a label's print took the label
    columns' rules with it, and the part under it lost its first column's rule (its labels span two)."""
    upper = _rows_table(3, (300, 408), [(660, 751, ["", "5.要求行政机关确认"] + ["0"] * 7)])
    lower = _rows_table(
        3,
        (208,),
        [(top, top + 60, ["（六）其他处理 3.其他"] + ["0"] * 7), (top + 60, top + 110, ["（七）总计"] + ["5"] * 7)],
    )
    return upper, lower


def test_a_part_under_a_table_on_its_page_goes_on_from_it_by_its_value_columns():
    upper, lower = _table_three_end()
    assert continues_on_page(upper, lower)
    table = stitch(upper, lower)
    assert table.n_rows == 3 and table.n_cols == upper.n_cols
    placed = {(c.row, c.col, c.colspan) for c in table.cells if c.text == "（七）总计"}
    assert placed == {(2, 0, 2)}  # the label over the group and item columns, by where its rules are
    assert sorted(c.col for c in table.cells if c.row == 2 and c.text == "5") == list(range(2, 9))


def test_a_part_well_below_on_another_page_or_with_other_columns_does_not_go_on():
    upper, lower = _table_three_end(top=900)
    assert not continues_on_page(upper, lower)
    upper, lower = _table_three_end()
    assert not continues_on_page(upper, Table(4, lower.bbox, lower.n_rows, lower.n_cols, lower.cells))
    fewer = Table(3, lower.bbox, lower.n_rows, 4, tuple(c for c in lower.cells if c.col in (0, 1, 3, 5)))
    moved = tuple(
        Cell(c.row, c.col, 1, 1, (c.bbox[0], c.bbox[1], c.bbox[2] + 40 * (c.col > 0), c.bbox[3]), c.words)
        for c in lower.cells
    )
    assert continues_on_page(upper, fewer)
    # found by how its text lines up, its right side is where its text ends, short of the rule above
    short = tuple(
        Cell(c.row, c.col, 1, 1, (*c.bbox[:2], min(c.bbox[2], 1455), c.bbox[3]), c.words) for c in lower.cells
    )
    assert continues_on_page(upper, Table(3, (*lower.bbox[:2], 1455, lower.bbox[3]), lower.n_rows, lower.n_cols, short))
    assert not continues_on_page(upper, Table(3, lower.bbox, lower.n_rows, lower.n_cols, moved))


def test_value_columns_match_on_the_next_page_where_the_label_columns_do_not():
    """Found by how the text lines up, the label columns' bounds follow each page's labels' wrapping."""
    upper = _rows_table(2, (213, 442, 497), [(100, 150, ["（三）", "1.属于国家秘密"] + ["0"] * 7)])
    lower = _rows_table(3, (213, 287, 393, 459), [(100, 150, ["", "", "2.重复申请"] + ["0"] * 7)])
    assert columns_match(upper, lower, values_only=True) and not columns_match(upper, lower)
    shifted = _rows_table(3, (213, 287, 393, 459), [(100, 150, ["", "", "2.重复申请"] + ["0"] * 7)])
    narrower = Table(
        3, shifted.bbox, 1, 2, (Cell(0, 0, 1, 1, (213, 100, 900, 150)), Cell(0, 1, 1, 1, (900, 100, 1482, 150)))
    )
    assert not columns_match(upper, narrower, values_only=True)


def test_value_columns_shifted_alike_on_the_next_page_still_match():
    """Table 三's last two rows found by how their text lines up on the next page, scanned 18 px to one
    side, their left side where （七）总计 starts."""
    upper = _rows_table(2, (200, 256, 391), [(100, 150, ["", "（六）", "3.其他"] + ["0"] * 7)])
    moved = tuple(
        Cell(c.row, c.col, 1, 1, (c.bbox[0] + 18 if c.col else 240, c.bbox[1], c.bbox[2] + 18, c.bbox[3]), c.words)
        for c in _rows_table(3, (200,), [(100, 150, ["（七）总计"] + ["5"] * 7)]).cells
    )
    lower = Table(3, (240, 100, VALUE_RULES[-1] + 18, 150), 1, 8, moved)
    assert columns_match(upper, lower, values_only=True)
    skewed = tuple(Cell(c.row, c.col, 1, 1, (c.bbox[0] + 5 * c.col, *c.bbox[1:]), c.words) for c in moved)
    assert not columns_match(upper, Table(3, lower.bbox, 1, 8, skewed), values_only=True)


def test_a_value_cell_whose_found_rules_reach_over_a_label_column_is_placed_by_its_print():
    """On the next page, the bound found between （七）总计 and its first number lies well left of the
    first value column's rule above: the number's print stands in that column alone."""
    upper = _rows_table(2, (213, 412, 573), [(100, 150, ["（六）", "3.其他"] + ["0"] * 7)])
    cells = [
        Cell(0, 0, 1, 1, (213, 100, 480, 150), (Word("（七）总计", (230, 110, 360, 140), 0.99),)),
        Cell(0, 1, 1, 1, (480, 100, 843, 150), (Word("10", (780, 110, 800, 140), 0.99),)),
    ]
    cells += [
        Cell(0, c, 1, 1, (VALUE_RULES[c - 1], 100, VALUE_RULES[c], 150), (Word("0", (0, 0, 1, 1), 0.99),))
        for c in range(2, 8)
    ]
    lower = Table(3, (213, 100, VALUE_RULES[-1], 150), 1, 8, tuple(cells))
    table = stitch(upper, lower)
    placed = {c.text: (c.col, c.colspan) for c in table.cells if c.row == 1}
    assert placed["10"] == (3, 1) and placed["（七）总计"][0] == 0


def test_a_value_two_grid_rows_tall_at_the_page_foot_is_not_run_on_by_the_next_page_s_value():
    """Photo 7608_002: the last row's label and its 21 stood two grid rows tall at the page's foot (a rule
    found under the rest of the row), and the next page began with a row of its own. Its 1 is a value of
    that row, not the rest of the 21."""
    upper = Table(
        1,
        (100, 0, 500, 150),
        3,
        4,
        (
            _cell(0, 0, "项目", colspan=2),
            _cell(0, 2, "自然人"),
            _cell(0, 3, "总计"),
            _cell(1, 0, "（五）不予处理", rowspan=2),
            _cell(1, 1, "5.要求行政机关确认", rowspan=2),
            _cell(1, 2, "21", rowspan=2),
            _cell(1, 3, "21"),
            _cell(2, 3, ""),
        ),
    )
    lower = Table(
        2, (100, 0, 500, 50), 1, 4, (_cell(0, 0, "（六）其他处理", colspan=2), _cell(0, 2, "1"), _cell(0, 3, "4"))
    )
    table = stitch(upper, lower)
    values = sorted((c.row, c.text) for c in table.cells if c.col == 2)
    assert values == [(0, "自然人"), (1, "21"), (3, "1")]
