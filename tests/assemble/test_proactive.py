"""Mapping table 二 to field ids, with a stand-in classifier (the real one has its own tests)."""

from nianbao.assemble.mapping import Decision
from nianbao.assemble.proactive import fill_section_gaps, map_proactive
from nianbao.assemble.unnamed_rows import place_unnamed_rows
from nianbao.model import APART_SHAPE, Cell, Table, Word
from tests.assemble.test_requests import _cell, _grid, _grid_cells


def _classifier(keys, unknown=0.1):
    """A stand-in classifier naming the labels in ``keys``, each other label at ``unknown``."""

    def classify(table, axis, labels):
        return [Decision(keys.get(label.text), 0.99 if label.text in keys else unknown) for label in labels]

    return classify


def test_proactive_blocks_each_under_their_own_header():
    keys = {
        "规章": "regulations",
        "行政许可": "licensing",
        "本年制发件数": "issued",
        "现行有效件数": "in_force",
        "本年处理决定数量": "decisions",
    }
    classify = _classifier(keys)

    rows = [
        [("第二十条第（一）项", 3)],
        [("信息内容", 1), ("本年制发件数", 1), ("现行有效件数", 1)],
        [("规章", 1), ("2", 1), ("很", 1)],
        [("第二十条第（五）项", 3)],
        [("信息内容", 1), ("本年处理决定数量", 2)],
        [("行政许可", 1), ("7969", 2)],
    ]
    cells = _grid_cells(rows)
    result = map_proactive(Table(1, (0, 0, 300, 240), 6, 3, tuple(cells)), classify)
    mapped = {m.field_id: m.cell.text for m in result.cells}
    assert mapped == {
        "proactive.regulations.issued": "2",
        "proactive.regulations.in_force": "很",
        "proactive.licensing.decisions": "7969",
    }
    assert {m.shared_with_rows for m in result.cells} == {0}

    # the rule under 行政许可's number lost: its cell runs into the next item's row, whose number it may be
    lost = [c for c in cells if c.row != 5] + [_cell(5, 0, "行政许可"), _cell(5, 1, "7969", rowspan=2, colspan=2)]
    lost.append(_cell(6, 0, "行政处罚"))
    result = map_proactive(Table(1, (0, 0, 300, 280), 7, 3, tuple(lost)), classify)
    assert [(m.field_id, m.shared_with_rows) for m in result.cells if m.cell.text == "7969"] == [
        ("proactive.licensing.decisions", 1)
    ]


def test_a_section_whose_header_row_was_lost_leaves_its_rows_unnamed_not_under_the_last_headers():
    keys = {"规章": "regulations", "行政许可": "licensing", "本年制发件数": "issued", "现行有效件数": "in_force"}
    classify = _classifier(keys)

    rows = [
        [("第二十条第（一）项", 3)],
        [("信息内容", 1), ("本年制发件数", 1), ("现行有效件数", 1)],
        [("规章", 1), ("2", 1), ("5", 1)],
        [("第二十条第（五）项信息内容上一年项目数量本年增/减", 3)],  # its header row's rule lost
        [("行政许可", 1), ("7", 1), ("1", 1)],
    ]
    result = map_proactive(Table(1, (0, 0, 300, 200), 5, 3, tuple(_grid_cells(rows))), classify)
    assert {m.field_id: m.cell.text for m in result.cells} == {
        "proactive.regulations.issued": "2",
        "proactive.regulations.in_force": "5",
    }
    assert [(row.row_key, [cell.text for _, cell in row.values]) for row in result.unnamed] == [
        ("licensing", ["7", "1"])
    ]


def test_two_values_under_one_header_cell_are_named_by_neither():
    """Table 二's headers 本年废止件数 | 现行有效件数 run together where their rule was lost: the words of
    both would name the first value by the second's column."""
    rows = [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数现行有效件数"],
        ["行政规范性文件", "0", "0", "91"],
    ]
    cells = [_cell(0, 0, rows[0][0], colspan=4), _cell(1, 0, "信息内容"), _cell(1, 1, "本年制发件数")]
    cells += [_cell(1, 2, rows[1][2], colspan=2)]
    cells += [_cell(2, c, text) for c, text in enumerate(rows[2])]
    table = Table(1, (0, 0, 400, 120), 3, 4, tuple(cells))

    def classify(_table, axis, labels):
        keys = {"行政规范性文件": "normative_documents", "本年制发件数": "issued", rows[1][2]: "in_force"}
        return [Decision(keys.get(label.text), 0.9) for label in labels]

    mapped = {m.field_id: m.cell.text for m in map_proactive(table, classify).cells}
    assert mapped == {"proactive.normative_documents.issued": "0"}


def test_two_values_under_one_header_cell_are_named_by_its_two_labels_when_its_words_cut_into_them():
    """The same header run together, where the classifier names its two halves: two columns the template
    prints side by side, in that order, name the two values. Halves naming columns the template does not
    print side by side (issued, in_force) name neither."""
    header = "本年废止件数现行有效件数"
    cells = [_cell(0, 0, "第二十条第（一）项", colspan=4), _cell(1, 0, "信息内容"), _cell(1, 1, "本年制发件数")]
    cells += [_cell(1, 2, header, colspan=2)]
    cells += [_cell(2, c, text) for c, text in enumerate(["行政规范性文件", "0", "3", "91"])]
    table = Table(1, (0, 0, 400, 120), 3, 4, tuple(cells))

    def classify_with(halves):
        keys = {"行政规范性文件": "normative_documents", "本年制发件数": "issued", **halves}
        return lambda _table, axis, labels: [Decision(keys.get(label.text), 0.9) for label in labels]

    named = classify_with({"本年废止件数": "repealed", "现行有效件数": "in_force"})
    mapped = {m.field_id: m.cell.text for m in map_proactive(table, named).cells}
    assert mapped == {
        "proactive.normative_documents.issued": "0",
        "proactive.normative_documents.repealed": "3",
        "proactive.normative_documents.in_force": "91",
    }
    apart = classify_with({"本年废止件数": "in_force", "现行有效件数": "issued"})
    mapped = {m.field_id: m.cell.text for m in map_proactive(table, apart).cells}
    assert mapped == {"proactive.normative_documents.issued": "0"}
    # a header reaching on past the two cells under it holds a third column's words too: named by neither
    wide = Cell(1, 2, 1, 2, (200.0, 40.0, 470.0, 80.0), (Word(header, (0, 0, 1, 1), 0.99),))
    cells = [wide if (c.row, c.col) == (1, 2) else c for c in table.cells]
    mapped = {m.field_id: m.cell.text for m in map_proactive(Table(1, table.bbox, 3, 4, tuple(cells)), named).cells}
    assert mapped == {"proactive.normative_documents.issued": "0"}


def test_three_values_under_one_header_cell_are_named_by_its_three_labels_when_its_words_cut_into_them():
    """Faint seed 5406: section (一) lost both rules between its three headers, one cell over the three
    value columns. Its words cut into three labels the classifier names as the template's three columns
    side by side, in that order; three it names out of that order name none."""
    header = "本年新制作数量本年新公开数量对外公开总数量"
    cells = [_cell(0, 0, "第二十条第（一）项", colspan=4), _cell(1, 0, "信息内容"), _cell(1, 1, header, colspan=3)]
    cells += [_cell(2, c, text) for c, text in enumerate(["规范性文件", "0", "3", "13"])]
    table = Table(1, (0, 0, 400, 120), 3, 4, tuple(cells))

    def classify_with(thirds):
        keys = {"规范性文件": "normative_documents", **thirds}
        return lambda _table, axis, labels: [Decision(keys.get(label.text), 0.9) for label in labels]

    named = classify_with(
        {"本年新制作数量": "new_made", "本年新公开数量": "new_published", "对外公开总数量": "total_published"}
    )
    mapped = {m.field_id: m.cell.text for m in map_proactive(table, named).cells}
    assert mapped == {
        "proactive.normative_documents.new_made": "0",
        "proactive.normative_documents.new_published": "3",
        "proactive.normative_documents.total_published": "13",
    }
    shuffled = classify_with(
        {"本年新制作数量": "new_published", "本年新公开数量": "new_made", "对外公开总数量": "total_published"}
    )
    assert map_proactive(table, shuffled).cells == []


def test_two_numbers_far_apart_in_one_cell_under_one_header_cell_are_named_by_its_two_labels():
    """Faint seed 7110: section (五) lost the column rule between 本年增/减 and 处理决定数量 down the table,
    header and values alike: one cell holds each row's two numbers far apart (read one by one), under one
    header cell naming both. Each number takes its share of the cell, and the header's words name them."""
    header = "本年增/减处理决定数量"
    cells = [_cell(0, 0, "第二十条第（五）项", colspan=3), _cell(1, 0, "信息内容"), _cell(1, 1, "上一年项目数量")]
    cells += [_cell(1, 2, header), _cell(2, 0, "行政许可"), _cell(2, 1, "350")]
    apart = (
        Word("-2", (215.0, 85.0, 230.0, 95.0), 0.96, shape=APART_SHAPE),
        Word("0", (270.0, 85.0, 280.0, 95.0), 1.0, shape=APART_SHAPE),
    )
    cells.append(Cell(2, 2, 1, 1, (200.0, 80.0, 300.0, 120.0), apart))
    table = Table(1, (0, 0, 300, 120), 3, 3, tuple(cells))
    keys = {
        "行政许可": "licensing",
        "上一年项目数量": "items_last_year",
        "本年增/减": "items_change",
        "处理决定数量": "decisions",
    }
    classify = lambda _table, axis, labels: [Decision(keys.get(label.text), 0.9) for label in labels]  # noqa: E731
    mapped = {m.field_id: m.cell.text for m in map_proactive(table, classify).cells}
    assert mapped == {
        "proactive.licensing.items_last_year": "350",
        "proactive.licensing.items_change": "-2",
        "proactive.licensing.decisions": "0",
    }


def test_a_header_row_in_cells_another_section_ruled_is_its_section_s_header_not_an_item():
    """Faint seed 7110: sections (六) and (八) in one grid, their rules faint; (八)'s header words fall into
    the cells (六)'s columns ruled, as many blank as not. They head (八)'s rows, not (六)'s header."""
    rows = [
        [("信息内容", 1), ("上一年项目数量", 1), ("本年增/减", 1), ("", 1), ("处理决定数量", 1)],
        [("行政处罚", 1), ("175", 1), ("5", 1), ("", 1), ("1743", 1)],
        [("", 1), ("第二十条第（八）项", 1), ("", 1), ("", 1), ("", 1)],
        [("信息内容", 1), ("上一年项目数量", 1), ("", 1), ("本年增/减", 1), ("", 1)],
        [("行政事业性收费", 1), ("15", 1), ("", 1), ("0", 1), ("", 1)],
    ]
    keys = {
        "行政处罚": "penalty",
        "行政事业性收费": "fees",
        "上一年项目数量": "items_last_year",
        "本年增/减": "items_change",
        "处理决定数量": "decisions",
    }
    mapped = {m.field_id: m.cell.text for m in map_proactive(_grid(rows), _classifier(keys)).cells}
    assert mapped == {
        "proactive.penalty.items_last_year": "175",
        "proactive.penalty.items_change": "5",
        "proactive.penalty.decisions": "1743",
        "proactive.fees.items_last_year": "15",
        "proactive.fees.items_change": "0",
    }


SECTION_ONE = {
    "规章": "regulations",
    "规范性文件": "normative_documents",
    "行政处罚": "penalty",
    "本年制发件数": "issued",
    "本年处理决定数量": "decisions",
}


_section_classify = _classifier(SECTION_ONE, unknown=0.41)


def _two_sections(first_label, second_label):
    return _grid(
        [
            [("第二十条第（一）项", 2)],
            [("信息内容", 1), ("本年制发件数", 1)],
            [(first_label, 1), ("3", 1)],
            [(second_label, 1), ("12", 1)],
            [("第二十条第（六）项", 2)],
            [("信息内容", 1), ("本年处理决定数量", 1)],
            [("行政处罚", 1), ("86", 1)],
            [("規牙", 1), ("5", 1)],
        ]
    )


def test_an_item_a_fax_left_unreadable_takes_its_place_in_its_section_s_order():
    """A fax read 规章 as 規江: it is the row above 规范性文件 in section (一), and 行政强制 the one under
    行政处罚 in section (六). Each is placed, and said to be placed by the order."""
    result = map_proactive(_two_sections("規江", "规范性文件"), _section_classify)
    assert {m.field_id: m.cell.text for m in result.cells} == {
        "proactive.regulations.issued": "3",
        "proactive.normative_documents.issued": "12",
        "proactive.penalty.decisions": "86",
        "proactive.coercion.decisions": "5",
    }
    assert [u["reason"] for u in result.unmapped] == [
        "placed as regulations by its section's row order, not by its text",
        "placed as coercion by its section's row order, not by its text",
    ]


def test_an_unreadable_item_is_not_placed_where_its_key_is_taken_or_its_neighbours_disagree():
    taken = map_proactive(
        _two_sections("规章", "规范"),
        lambda t, a, labels: [
            Decision("regulations", 0.99) if label.text in ("规章", "規牙") else _section_classify(t, a, [label])[0]
            for label in labels
        ],
    )
    assert "proactive.normative_documents.issued" in {m.field_id for m in taken.cells}
    regulations = Decision("regulations", 0.99)
    none, coercion = Decision(None, 0.4), Decision("coercion", 0.99)
    assert fill_section_gaps([regulations, none], [1, 1])[1].key == "normative_documents"
    assert fill_section_gaps([regulations, none], [1, 2])[1].key is None  # not in the same block
    normative = Decision("normative_documents", 0.99)
    assert fill_section_gaps([regulations, none, normative], [1, 2, 2])[1].key is None  # taken
    assert fill_section_gaps([regulations, none, normative], [1, 1, 1])[1].key is None  # the two disagree
    assert fill_section_gaps([none, none, coercion], [1, 1, 1])[:2] == [none, Decision("penalty", 0.4, True)]
    licensing = Decision("licensing", 0.99)  # 2019 prints 其他对外管理服务事项 under it, 2021 nothing
    assert fill_section_gaps([licensing, none], [1, 1])[1].key is None


def test_a_row_named_as_a_more_probable_row_of_its_block_is_placed_by_the_order_instead():
    """Fax 10705_001: its 规章, read 规范, was named 规范性文件 above the row that is."""
    misread, normative = Decision("normative_documents", 0.6), Decision("normative_documents", 0.99)
    assert fill_section_gaps([misread, normative], [1, 1]) == [Decision("regulations", 0.6, True), normative]
    assert fill_section_gaps([normative, misread], [1, 1])[1].key is None  # no row the order leaves below
    assert fill_section_gaps([misread, normative], [1, 2]) == [misread, normative]  # two blocks: each its own


def _licensing_and_penalty(
    licensing_headers, widths=(1, 1, 1), penalty_headers=("上一年项目数量", "本年增/减", "处理决定数量")
):
    """Sections (五) and (六), each under its own header row of three columns; ``widths`` the colspans of
    (六)'s three value columns (a grid of five columns)."""
    first, second, third = widths
    return _grid(
        [
            [("第二十条第（五）项", 5)],
            [("信息内容", 2)] + [(header, 1) for header in licensing_headers],
            [("行政许可", 2), ("67", 1), ("+1", 1), ("0", 1)],
            [("第二十条第（六）项", 5)],
            [("信息内容", 5 - first - second - third)]
            + [(header, span) for header, span in zip(penalty_headers, widths, strict=True)],
            [("行政处罚", 5 - first - second - third), ("197", first), ("0", second), ("2226", third)],
        ]
    )


def _column_classify(t, a, labels):
    keys = {
        "行政许可": "licensing",
        "行政处罚": "penalty",
        "上一年项目数量": "items_last_year",
        "本年增/减": "items_change",
        "处理决定数量": "decisions",
        "采购总金额": "amount",
    }
    return [Decision(keys.get(label.text), 0.99 if label.text in keys else 0.2) for label in labels]


BROKEN = ("上 ·年项日数量", "本年增/减", "处理决定数量")


def test_a_column_whose_header_a_fax_broke_takes_the_key_of_the_same_column_of_another_section():
    """Fax set 4004: (五)'s 上一年项目数量 read "上 ·年项日数量", below the classifier's cut: 行政许可's 67 was
    lost. (六) prints the same three columns in the same places, its other two under the same keys."""
    result = map_proactive(_licensing_and_penalty(BROKEN), _column_classify)
    mapped = {m.field_id: m.cell.text for m in result.cells}
    assert mapped["proactive.licensing.items_last_year"] == "67"
    assert mapped["proactive.penalty.items_last_year"] == "197"
    assert [u["reason"] for u in result.unmapped] == [
        "placed as items_last_year by the same column of another section, not by its text"
    ]


def test_a_column_takes_no_key_from_a_section_whose_columns_stand_elsewhere_or_are_others():
    def licensing_columns(table):
        return {m.field_id for m in map_proactive(table, _column_classify).cells if ".licensing." in m.field_id}

    def reasons(table):
        return [u["reason"] for u in map_proactive(table, _column_classify).unmapped]

    whole = {f"proactive.licensing.{key}" for key in ("items_last_year", "items_change", "decisions")}
    assert licensing_columns(_licensing_and_penalty(BROKEN)) == whole
    # no twin: the column is placed by its own section's column order alone (its other two in their places)
    by_order = ["placed as items_last_year by its section's column order, not by its text"]
    assert reasons(_licensing_and_penalty(BROKEN, widths=(2, 1, 1))) == by_order
    other_columns = ("上一年项目数量", "采购总金额", "处理决定数量")
    assert reasons(_licensing_and_penalty(BROKEN, penalty_headers=other_columns)) == by_order
    broken_twice = ("上 ·年项日数量", "本年增/减", "处理决定")
    assert licensing_columns(_licensing_and_penalty(broken_twice)) == {"proactive.licensing.items_change"}


def _change_column_cut(sliver_width: float, change_box: tuple[float, ...] = (0, 0, 1, 1)) -> Table:
    """Section (五) whose 本年增/减 value cell a stroke no rule of the print cut in two: the number in a
    piece 100 px wide (its print at ``change_box``), a blank piece ``sliver_width`` wide beside it, under
    one header cell."""
    cells = [_cell(0, 0, "第二十条第（五）项", colspan=5), _cell(1, 0, "信息内容"), _cell(1, 1, "上一年项目数量")]
    cells += [Cell(1, 2, 1, 2, (200.0, 40.0, 300.0 + sliver_width, 80.0), (Word("本年增/减", (0, 0, 1, 1), 0.99),))]
    cells += [
        Cell(
            1,
            4,
            1,
            1,
            (300.0 + sliver_width, 40.0, 400.0 + sliver_width, 80.0),
            (Word("处理决定数量", (0, 0, 1, 1), 0.99),),
        )
    ]
    cells += [_cell(2, 0, "行政许可"), _cell(2, 1, "216")]
    cells += [Cell(2, 2, 1, 1, (200.0, 80.0, 300.0, 120.0), (Word("+1", change_box, 0.99),))]
    cells += [Cell(2, 3, 1, 1, (300.0, 80.0, 300.0 + sliver_width, 120.0), ())]
    cells += [
        Cell(2, 4, 1, 1, (300.0 + sliver_width, 80.0, 400.0 + sliver_width, 120.0), (Word("0", (0, 0, 1, 1), 0.99),))
    ]
    return Table(1, (0, 0, 400 + sliver_width, 120), 3, 5, tuple(cells))


def test_a_blank_sliver_cut_off_a_value_cell_leaves_the_header_s_column_to_the_cell_with_print():
    """Faint 7610_000: a stroke no eye sees cut a sliver off 本年增/减's value cells in three rows. The
    cell with print takes the header's column; a blank piece as wide as a column may be a column whose
    header's rule was lost, and then neither is named."""
    keys = {"行政许可": "licensing", "上一年项目数量": "items_last_year", "本年增/减": "items_change"}
    classify = _classifier({**keys, "处理决定数量": "decisions"})
    mapped = {m.field_id: m.cell.text for m in map_proactive(_change_column_cut(40.0), classify).cells}
    assert mapped == {
        "proactive.licensing.items_last_year": "216",
        "proactive.licensing.items_change": "+1",
        "proactive.licensing.decisions": "0",
    }
    wide = {m.field_id: m.cell.text for m in map_proactive(_change_column_cut(100.0), classify).cells}
    assert "proactive.licensing.items_change" not in wide and wide["proactive.licensing.decisions"] == "0"


def test_a_blank_piece_cut_off_a_value_cell_whose_print_stands_under_the_header_s_middle_leaves_it_the_column():
    """Faint 9006_001: noise along a 0's side, spanning its row, cut 采购总金额's value cell in two 9 px
    right of the 0, which stood at the header's middle: the piece with print takes the header's column.
    Printed at the middle of its own half, it may be one of two columns whose headers' rule was lost."""
    keys = {"行政许可": "licensing", "上一年项目数量": "items_last_year", "本年增/减": "items_change"}
    classify = _classifier({**keys, "处理决定数量": "decisions"})
    centred = _change_column_cut(100.0, (288.0, 90.0, 300.0, 110.0))  # the header spans 200-400
    mapped = {m.field_id: m.cell.text for m in map_proactive(centred, classify).cells}
    assert mapped["proactive.licensing.items_change"] == "+1"
    in_its_half = _change_column_cut(100.0, (244.0, 90.0, 256.0, 110.0))
    assert "proactive.licensing.items_change" not in {m.field_id for m in map_proactive(in_its_half, classify).cells}


def test_a_header_swallowed_with_its_block_s_title_over_all_values_leaves_the_row_to_the_template():
    """Faint 7709_000: section (五)'s shaded title and header rows came out as one cell over the three
    value columns, its words naming none of them alone: the row is placed by the template's order, as a
    row whose header was lost is."""
    swallowed = "第二十条第（五）项上一年项目数量本年增/减处理决定数量"
    rows = [[("信息内容", 1), (swallowed, 3)], [("行政许可", 1), ("134", 1), ("2", 1), ("309", 1)]]
    result = map_proactive(
        Table(1, (0, 0, 400, 80), 2, 4, tuple(_grid_cells(rows))), _classifier({"行政许可": "licensing"})
    )
    assert result.cells == [] and [row.row_key for row in result.unnamed] == ["licensing"]
    place_unnamed_rows(result, "2019")
    assert {m.field_id: m.cell.text for m in result.cells} == {
        "proactive.licensing.items_last_year": "134",
        "proactive.licensing.items_change": "2",
        "proactive.licensing.decisions": "309",
    }


def test_a_column_its_header_alone_places_nowhere_is_asked_again_under_its_section_s_title():
    """Fax 8604_002: 行政事业性收费's section at a page's top, no twin section beside it, its 上一年项目数量 read
    上年项日数最: no column alone, 上一年项目数量 with its section's title as context (as table 二's column
    labels are learnt). A key another column of the row took stays that column's."""

    def classify(table, axis, labels):
        def key(label):
            if label.text == "本年增/减" or (label.text == "上年项日数最" and "（八）" in label.context):
                return {"本年增/减": "items_change", "上年项日数最": "items_last_year"}[label.text]
            return {"行政事业性收费": "fees"}.get(label.text)

        return [Decision(key(label), 0.9 if key(label) else 0.2) for label in labels]

    rows = [
        [("第二十条第（八）项", 3)],
        [("信息内容", 1), ("上年项日数最", 1), ("本年增/减", 1)],
        [("行政事业性收费", 1), ("20", 1), ("1", 1)],
    ]
    result = map_proactive(_grid(rows), classify)
    assert {m.field_id: m.cell.text for m in result.cells} == {
        "proactive.fees.items_last_year": "20",
        "proactive.fees.items_change": "1",
    }
    twice = [rows[0], [("信息内容", 1), ("上年项日数最", 1), ("上年项日数最 ", 1)], rows[2]]

    def twice_classify(table, axis, labels):
        if axis == "row":
            return [Decision("fees", 0.9) for _ in labels]
        return [Decision("items_last_year" if label.context else None, 0.9) for label in labels]

    placed = {m.field_id for m in map_proactive(_grid(twice), twice_classify).cells}
    assert placed == {"proactive.fees.items_last_year"}  # not both columns under one key


def test_a_section_alone_at_a_page_s_top_whose_banner_lost_its_rules_is_mapped():
    """Faint 10111_001: table 二's last section (政府集中采购) alone at a page's top; lost rules cut its
    banner row into three cells, a blank one at its right end, and its banner was misread. Its row of
    numbers still starts the value columns, and both its fields are mapped."""
    keys = {"政府集中采购": "procurement", "采购项目数量": "projects", "采购总金额": "amount"}
    rows = [
        [("", 1), ("第一丁余弟（儿）頃", 2), ("", 1)],
        [("信息内容", 1), ("采购项目数量", 1), ("采购总金额", 2)],
        [("政府集中采购", 1), ("0", 1), ("0", 2)],
    ]
    result = map_proactive(_grid(rows), _classifier(keys))
    assert {m.field_id: m.cell.text for m in result.cells} == {
        "proactive.procurement.projects": "0",
        "proactive.procurement.amount": "0",
    }


def test_a_column_no_header_placed_takes_the_key_its_section_prints_in_its_place():
    """Fax 10103_002 at 150 dpi: 上一年项目数量 read `1年项日数量` in every section (below the classifier's
    cut). Beside 本年增/减 and 本年处理决定数量 placed in their places, it is the section's first column; a
    row whose other columns stand elsewhere than the section prints them, or whose cell there is blank,
    is left as it was."""
    keys = {"行政许可": "licensing", "本年增/减": "items_change", "本年处理决定数量": "decisions"}
    rows = [
        [("第二十条第（五）项", 4)],
        [("信息内容", 1), ("1年项日数量", 1), ("本年增/减", 1), ("本年处理决定数量", 1)],
        [("行政许可", 1), ("155", 1), ("12", 1), ("11302", 1)],
    ]
    result = map_proactive(_grid(rows), _classifier(keys))
    assert {m.field_id: m.cell.text for m in result.cells} == {
        "proactive.licensing.items_last_year": "155",
        "proactive.licensing.items_change": "12",
        "proactive.licensing.decisions": "11302",
    }
    assert [u["reason"] for u in result.unmapped] == [
        "placed as items_last_year by its section's column order, not by its text"
    ]

    swapped = [rows[0], [rows[1][0], rows[1][1], rows[1][3], rows[1][2]], rows[2]]
    result = map_proactive(_grid(swapped), _classifier(keys))
    assert "proactive.licensing.items_last_year" not in {m.field_id for m in result.cells}

    blank = [rows[0], rows[1], [("行政许可", 1), ("", 1), ("12", 1), ("11302", 1)]]
    assert "proactive.licensing.items_last_year" not in {
        m.field_id for m in map_proactive(_grid(blank), _classifier(keys)).cells
    }


def test_a_lone_value_under_a_header_naming_two_columns_takes_the_one_whose_share_it_stands_in():
    """Fax 10205_001: the rule between 本年制发件数 and 本年废止件数 was lost down the table, header and
    values alike, and the two headers were read as one line. A 3 printed under 本年废止件数 (the dash
    beside it lost) was taken for the first column, as the whole header's words name it. It takes the
    column of the half it stands in; a value standing across the middle takes neither, and a header
    naming one column keeps it."""
    header = "本年制发件数本年废止件数"

    def value(row: int, text: str, left: float) -> Cell:
        return Cell(
            row, 1, 1, 2, (100.0, row * 40.0, 300.0, row * 40.0 + 40), (Word(text, (left, 0, left + 20, 1), 0.99),)
        )

    cells = [_cell(0, 0, "第二十条第（一）项", colspan=4), _cell(1, 0, "信息内容"), _cell(1, 1, header, colspan=2)]
    cells += [_cell(1, 3, "现行有效件数"), _cell(2, 0, "规章"), value(2, "3", 240), _cell(2, 3, "39")]
    cells += [_cell(3, 0, "行政规范性文件"), value(3, "7", 190), _cell(3, 3, "5")]
    table = Table(1, (0, 0, 400, 160), 4, 4, tuple(cells))
    keys = {"规章": "regulations", "行政规范性文件": "normative_documents", "现行有效件数": "in_force"}
    halves = {"本年制发件数": "issued", "本年废止件数": "repealed"}
    result = map_proactive(table, _classifier({**keys, header: "issued", **halves}))
    assert {m.field_id: m.cell.text for m in result.cells} == {
        "proactive.regulations.repealed": "3",
        "proactive.regulations.in_force": "39",
        "proactive.normative_documents.in_force": "5",
    }
    assert {
        "page": 1,
        "text": header,
        "reason": "no canonical column",
        "context": "第二十条第（一）项",
    } in result.unmapped
    one_column = {m.field_id: m.cell.text for m in map_proactive(table, _classifier({**keys, header: "issued"})).cells}
    assert one_column["proactive.regulations.issued"] == "3"
    assert one_column["proactive.normative_documents.issued"] == "7"


def test_a_section_row_joined_to_its_header_row_heads_its_items_not_the_section_above():
    """Faint 10314_001: the rule between (五)'s grey title and header bands lost, its title and header words
    in one cell over two of the columns (一) ruled, and the band's noise read "2" at 0.21 in the third. The
    row heads 行政许可's value, which stands under (一)'s second column; it is no item row."""
    keys = {
        "规章": "regulations",
        "行政许可": "licensing",
        "本年制发件数": "issued",
        "本年废止件数": "repealed",
        "现行有效件数": "in_force",
        "第二十条第（五）项本年处理决定数量": "decisions",
    }
    rows = [
        [("第二十条第（一）项", 4)],
        [("信息内容", 1), ("本年制发件数", 1), ("本年废止件数", 1), ("现行有效件数", 1)],
        [("规章", 1), ("0", 1), ("7", 1), ("0", 1)],
        [("信息内容", 1), ("第二十条第（五）项本年处理决定数量", 2), ("", 1)],
        [("行政许可", 1), ("0", 3)],
    ]
    cells = [c for c in _grid_cells(rows) if (c.row, c.col) != (3, 3)]
    speck = Cell(3, 3, 1, 1, (300.0, 120.0, 400.0, 160.0), (Word("2", (390, 150, 398, 158), 0.2142),))
    table = Table(1, (0, 0, 400, 200), 5, 4, (*cells, speck))
    labels = []

    def classify(table_kind, axis, asked):
        labels.extend((axis, label.text, label.context) for label in asked)
        return _classifier(keys)(table_kind, axis, asked)

    mapped = {m.field_id: m.cell.text for m in map_proactive(table, classify).cells}
    assert mapped["proactive.licensing.decisions"] == "0"
    assert "proactive.licensing.repealed" not in mapped
    assert ("row", "行政许可", "第二十条第（五）项") in labels

    # read surely, the mark is a value: the row is an item row as before, and heads nothing
    sure = Cell(3, 3, 1, 1, speck.bbox, (Word("2", speck.words[0].bbox, 0.99),))
    mapped = {m.field_id for m in map_proactive(Table(1, (0, 0, 400, 200), 5, 4, (*cells, sure)), classify).cells}
    assert "proactive.licensing.decisions" not in mapped

    # one header cell over a single column is not enough: a fax's noise in one value cell reads as words too
    narrow = [c for c in cells if c.row != 3] + [
        _cell(3, 0, "信息内容"),
        _cell(3, 1, "第二十条第（五）项本年处理决定数量"),
    ]
    narrow += [_cell(3, 2, ""), _cell(3, 3, "")]
    mapped = {m.field_id for m in map_proactive(Table(1, (0, 0, 400, 200), 5, 4, tuple(narrow)), classify).cells}
    assert "proactive.licensing.decisions" not in mapped


def _licensing_joined_to_its_value(words):
    """Section (五) of table 二 (two columns wide: 信息内容 and one value column from x=100) whose 行政许可 row
    lost the rule between its label and its value: one cell across the table holding ``words``."""
    rows = [
        [("第二十条第（五）项", 2)],
        [("信息内容", 1), ("本年处理决定数量", 1)],
        [("行政处罚", 1), ("8", 1)],
    ]
    joined = Cell(3, 0, 1, 2, (0.0, 120.0, 200.0, 160.0), tuple(words))
    return Table(1, (0, 0, 200, 160), 4, 2, (*_grid_cells(rows), joined))


def test_an_item_row_whose_label_and_value_joined_in_one_cell_is_mapped_by_its_words_places():
    """Faint 10412_002 at 150 dpi: the rule between 行政许可 and its 13100 lost, one cell across the table
    held both, far apart; taken for a section's title, the row's value was lost. The label's words stand
    left of the value column and the number's right of its edge: the row is an item row."""
    keys = {"行政许可": "licensing", "行政处罚": "penalty", "本年处理决定数量": "decisions"}
    apart = [
        Word("行政许可", (20.0, 130.0, 70.0, 150.0), 0.99, shape=APART_SHAPE),
        Word("13100", (130.0, 130.0, 170.0, 150.0), 0.99, shape=APART_SHAPE),
    ]
    mapped = {
        m.field_id: m.cell.text for m in map_proactive(_licensing_joined_to_its_value(apart), _classifier(keys)).cells
    }
    assert mapped == {"proactive.penalty.decisions": "8", "proactive.licensing.decisions": "13100"}

    # a section's title is no label: words with Chinese right of the edge
    title = [apart[0], Word("（五）项", (130.0, 130.0, 170.0, 150.0), 0.99, shape=APART_SHAPE)]
    mapped = {m.field_id for m in map_proactive(_licensing_joined_to_its_value(title), _classifier(keys)).cells}
    assert mapped == {"proactive.penalty.decisions"}

    # a word across the value column's edge belongs to neither side: the row is left alone
    across = [apart[0], Word("13100", (90.0, 130.0, 170.0, 150.0), 0.99, shape=APART_SHAPE)]
    mapped = {m.field_id for m in map_proactive(_licensing_joined_to_its_value(across), _classifier(keys)).cells}
    assert mapped == {"proactive.penalty.decisions"}


def test_a_label_run_into_its_value_with_the_row_s_blank_rest_cut_off_is_mapped_by_its_words_places():
    """Faint 11012_002 at 150 dpi: the rule between 行政许可 and its 16165 lost, one cell over the label
    column and part of the value column held both, far apart, and a stroke no rule of the print cut the
    row's blank rest off it: the row is an item row, its number the value."""
    keys = {"行政许可": "licensing", "行政处罚": "penalty", "本年处理决定数量": "decisions"}
    rows = [
        [("第二十条第（五）项", 3)],
        [("信息内容", 1), ("本年处理决定数量", 2)],
        [("行政处罚", 1), ("8", 2)],
    ]
    words = (
        Word("行政许可", (20.0, 130.0, 70.0, 150.0), 0.99, shape=APART_SHAPE),
        Word("16165", (170.0, 130.0, 230.0, 150.0), 0.99, shape=APART_SHAPE),
    )
    joined = Cell(3, 0, 1, 2, (0.0, 120.0, 250.0, 160.0), words)

    def mapped(rest_words):
        rest = Cell(3, 2, 1, 1, (250.0, 120.0, 300.0, 160.0), rest_words)
        table = Table(1, (0, 0, 300, 160), 4, 3, (*_grid_cells(rows), joined, rest))
        return {m.field_id: m.cell.text for m in map_proactive(table, _classifier(keys)).cells}

    assert mapped(()) == {"proactive.penalty.decisions": "8", "proactive.licensing.decisions": "16165"}
    # the rest of the row holding print, the number may not be the row's only value: not taken for it
    keys["行政许可16165"] = "licensing"
    assert mapped((Word("5", (270.0, 130.0, 280.0, 150.0), 0.99),)).get("proactive.licensing.decisions") != "16165"
