from nianbao.table.layout import has_cjk, starts_with_enumerator


def test_label_text_against_numbers_and_dashes():
    assert has_cjk("1.属于国家秘密") and has_cjk("总计") and has_cjk("其他")
    assert not has_cjk("0") and not has_cjk("一") and not has_cjk("——") and not has_cjk("0面")
    assert not has_cjk("12.23万元") and not has_cjk("251000元") and not has_cjk("12件")
    assert has_cjk("万元") and has_cjk("采购总金额（万元）")


def test_enumerators_mark_where_a_label_starts():
    assert (
        starts_with_enumerator("（四）无法提供")
        and starts_with_enumerator("3.其他")
        and starts_with_enumerator("四、结转")
    )
    assert not starts_with_enumerator("法提供") and not starts_with_enumerator("理结果")


def test_a_misread_value_does_not_move_the_value_columns():
    from nianbao.model import Cell, Table, Word
    from nianbao.table.layout import value_start

    def cell(row, col, text):
        return Cell(
            row, col, 1, 1, (col * 100, row * 40, col * 100 + 100, row * 40 + 40), (Word(text, (0, 0, 1, 1), 0.9),)
        )

    rows = [["一、本年新收", "0", "1", "2"], ["二、上年结转", "0", "很", "2"], ["（七）总计", "0", "0", "0"]]
    table = Table(
        1, (0, 0, 400, 120), 3, 4, tuple(cell(r, c, t) for r, texts in enumerate(rows) for c, t in enumerate(texts))
    )
    assert value_start(table) == 1


def test_lines_one_under_another_that_all_read_as_values_are_stacked_value_lines():
    from nianbao.table.layout import stacked_value_lines

    owners = [0, 0, 0, 1, 2, 2, 3, 3, 4, 4]
    texts = ["0", "一", "12", "5", "3.其他", "0", "", "7", "-", "55"]
    merged_down = {0, 1, 2, 3}  # cell 4 is one row tall: its "-" is what a rule left above its number
    expected = [True, True, True, False, False, False, False, False, False, False]
    assert stacked_value_lines(owners, texts, merged_down) == expected


def test_values_one_under_another_under_a_label_in_a_cell_merged_down_are_stacked_value_lines():
    """A column's header cell whose rules under it were lost holds its label over the values below it
    (assemble.header_rules); a label's line under a value is no such cell."""
    from nianbao.table.layout import stacked_value_lines

    owners = [0, 0, 0, 1, 1, 2, 2, 2]
    texts = ["现行有效件数", "169", "18", "现行有效件数", "169", "169", "现行有效件数", "18"]
    expected = [False, True, True, False, False, False, False, False]
    assert stacked_value_lines(owners, texts, {0, 1, 2}) == expected


def test_rows_of_print_place_the_value_columns_before_blank_rows_do():
    """Faint 10111_001: table 二's last section alone at a page's top, its banner row cut by lost rules
    into three cells, a blank one at its right end; its one row of numbers starts at the second column.
    A table whose runs are all blank still has them place its value columns."""
    from nianbao.model import Cell, Table, Word
    from nianbao.table.layout import value_start

    def cell(row, col, text, colspan=1):
        box = (col * 100, row * 40, (col + colspan) * 100, row * 40 + 40)
        return Cell(row, col, 1, colspan, box, (Word(text, (0, 0, 1, 1), 0.9),) if text else ())

    cells = (
        cell(0, 0, ""),
        cell(0, 1, "第一丁余弟（儿）頃", colspan=2),
        cell(0, 3, ""),
        cell(1, 0, "信息内容"),
        cell(1, 1, "采购项目数量"),
        cell(1, 2, "采购总金额", colspan=2),
        cell(2, 0, "政府集中采购"),
        cell(2, 1, "0"),
        cell(2, 2, "0", colspan=2),
    )
    assert value_start(Table(2, (0, 0, 400, 120), 3, 4, cells)) == 1
    blank_rows = [(cell(row, 0, "政府集中采购"), cell(row, 1, ""), cell(row, 2, "", 2)) for row in (2, 3)]
    blank = tuple(c for c in cells if c.row < 2) + blank_rows[0] + blank_rows[1]
    assert value_start(Table(2, (0, 0, 400, 160), 4, 4, blank)) == 1


def test_a_label_s_blank_rest_cut_off_it_by_a_rule_is_no_value_column():
    """Fax 10806_000: table 三's last rows alone on a page, a rule the row above them had not cutting their
    labels' cells off 258 pixels short of the values (83-96 wide each): the rows' runs began at that
    blank rest, and the first value column was taken to be it. A blank first value cell as wide as the
    others is a value column's."""
    from nianbao.model import Cell, Table, Word
    from nianbao.table.layout import value_start

    def cell(row, col, text, left, right, colspan=1):
        words = (Word(text, (left + 5, row * 60 + 10, right - 5, row * 60 + 40), 0.9),) if text else ()
        return Cell(row, col, 1, colspan, (left, row * 60, right, row * 60 + 60), words)

    values = [(817, 900), (900, 995), (995, 1082), (1082, 1178), (1178, 1264), (1264, 1358), (1358, 1429)]
    first = [cell(0, 0, "", 159, 374), cell(0, 1, "2.申请人逾期未按收费通知要求缴纳费用", 374, 817, colspan=3)]
    first += [cell(0, 4 + k, "0", *box) for k, box in enumerate(values)]
    cut = [
        [cell(row, 0, "", 159, 374), cell(row, 1, label, 374, 559, 2), cell(row, 3, "", 559, 817)]
        for row, label in ((1, "3.其他"), (2, "（七）总计"), (3, "四、结转下年度继续办理"))
    ]
    rest = [
        c
        for row, cells in enumerate(cut, 1)
        for c in cells + [cell(row, 4 + k, "1", *box) for k, box in enumerate(values)]
    ]
    assert value_start(Table(4, (159, 0, 1429, 240), 4, 11, tuple(first + rest))) == 4
    as_wide = [c if c.col != 3 else cell(c.row, 3, "", 727, 817) for c in rest]
    as_wide = [c if c.col != 1 or c.row == 0 else cell(c.row, 1, c.text, 374, 727, 2) for c in as_wide]
    assert value_start(Table(4, (159, 0, 1429, 240), 4, 11, tuple(first + as_wide))) == 3


def test_a_number_wrapped_over_lines_of_a_cell_one_row_tall_is_read_line_by_line():
    """Fax 11705_000: a 17194 in a narrow column printed "1719" over "4", its 4 read "1"; a cell of digits
    alone on each line is a wrapped number, each line read as a lone value line is. A label's lines, or a
    number under a word, are not."""
    from nianbao.table.layout import stacked_value_lines

    owners = [0, 0, 1, 1, 2, 3, 3]
    texts = ["1719", "1", "12", "(件)", "5", "4,21", "3.5"]
    expected = [True, True, False, False, False, True, True]
    assert stacked_value_lines(owners, texts, set()) == expected
