"""Mapping table 三 to field ids, with a stand-in classifier (the real one has its own tests)."""

from dataclasses import replace

from nianbao.assemble.mapping import Decision
from nianbao.assemble.requests import fill_row_gaps, map_requests
from nianbao.model import APART_SHAPE, Cell, Table, Word

LABELS = {
    "一、本年新收": "new_received",
    "二、上年结转": "carried_over",
    "（七）总计": "result.total",
    "四、结转下年度继续办理": "carried_forward",
    "2.其他法律行政法规禁止公开": "result.withheld.legal_prohibition",
    "4.保护第三方合法权益": "result.withheld.third_party_rights",
    "1.属于国家秘密": "result.withheld.state_secret",
    "（七）总计四、结转下年度继续办理": "carried_forward",  # the classifier goes by the last words
    "自然人": "natural_person",
    "商业企业": "commercial_enterprise",
    "总计": "total",
    "行政复议": "review",
    "行政诉讼": "litigation",
}


def fake_classify(table, axis, labels):
    return [Decision(LABELS.get(label.text), 0.99 if label.text in LABELS else 0.2) for label in labels]


def _cell(row, col, text, rowspan=1, colspan=1):
    words = (Word(text, (0, 0, 1, 1), 0.99),) if text else ()
    return Cell(
        row, col, rowspan, colspan, (col * 100.0, row * 40.0, (col + colspan) * 100.0, (row + rowspan) * 40.0), words
    )


def _requests(labels):
    cells = [_cell(0, 0, "申请人情况", colspan=8)]
    for r, label in enumerate(labels, start=1):
        cells.append(_cell(r, 0, label))
        cells += [_cell(r, 1 + c, str(r * 10 + c)) for c in range(7)]
    return Table(3, (0, 0, 800, 40 * (len(labels) + 1)), len(labels) + 1, 8, tuple(cells))


def test_rows_and_the_fixed_column_order():
    result = map_requests(_requests(["一、本年新收", "二、上年结转", "无关文字"]), fake_classify)
    mapped = {m.field_id: m.cell.text for m in result.cells}
    assert mapped["requests.new_received.natural_person"] == "10"
    assert mapped["requests.carried_over.total"] == "26"
    assert [u["text"] for u in result.unmapped] == ["无关文字"]
    assert result.keys_seen == {"new_received", "carried_over"}


def test_a_value_cell_running_into_the_next_columns_values_is_marked():
    """Where the rule between two value columns was lost, one cell lies under both headers and holds both
    numbers (8 | 2 read as 82): which column's is it? A cell under one header, however wide, is its own."""
    header = [_cell(0, 0, "申请人情况"), _cell(0, 1, "自然人"), _cell(0, 2, "商业企业"), _cell(0, 3, "总计")]
    row = [_cell(1, 0, "一、本年新收"), _cell(1, 1, "82", colspan=2), _cell(1, 3, "10")]
    result = map_requests(Table(3, (0, 0, 400, 80), 2, 4, (*header, *row)), fake_classify)
    beside = {m.cell.text: m.shared_with_columns for m in result.cells}
    assert beside == {"82": 1, "10": 0}
    wide_header = [_cell(0, 0, "申请人情况"), _cell(0, 1, "自然人", colspan=2), _cell(0, 3, "总计")]
    result = map_requests(Table(3, (0, 0, 400, 80), 2, 4, (*wide_header, *row)), fake_classify)
    assert {m.cell.text: m.shared_with_columns for m in result.cells} == {"82": 0, "10": 0}


def test_rows_under_one_label_cell_are_left_out_not_named_by_its_last_words():
    """Where the rules between rows' labels were lost, one label cell holds （七）总计 and 四、结转下年度继续办理
    over two rows of values: the classifier would name both rows by the last words, and the total's
    numbers would print as the carried-forward ones."""
    table = _requests(["一、本年新收", "（七）总计", "四、结转下年度继续办理"])
    merged_label = _cell(2, 0, "（七）总计四、结转下年度继续办理", rowspan=2)
    cells = [c for c in table.cells if not (c.col == 0 and c.row in (2, 3))] + [merged_label]
    result = map_requests(Table(3, table.bbox, 4, 8, tuple(cells)), fake_classify)
    assert {m.field_id.split(".")[1] for m in result.cells} == {"new_received"}
    assert [u["reason"] for u in result.unmapped] == [
        "its label cell runs into 1 other row(s) with values (the rule between them lost)"
    ] * 2


def test_a_value_cell_running_into_the_next_rows_values_is_marked():
    """Where the rule under one value was lost, its cell covers the next row too, whose other values stand
    in cells of their own; a value cell spanning grid rows that hold no values of their own is one row's."""
    table = _requests(["一、本年新收", "二、上年结转"])
    cells = [c for c in table.cells if (c.row, c.col) not in {(1, 3), (2, 3)}] + [_cell(1, 3, "12", rowspan=2)]
    table = Table(3, table.bbox, 3, 8, tuple(cells))
    shared = {m.field_id: m.shared_with_rows for m in map_requests(table, fake_classify).cells}
    assert shared["requests.new_received.research_institution"] == 1
    assert shared["requests.new_received.natural_person"] == 0
    assert "requests.carried_over.research_institution" not in shared

    tall = _requests(["一、本年新收"])  # its values span a second grid row, whose label alone starts there
    cells = [c if c.row == 0 or c.col == 0 else _cell(1, c.col, c.text, rowspan=2) for c in tall.cells]
    tall = Table(3, tall.bbox, 3, 8, (*cells, _cell(2, 0, "")))
    assert {m.shared_with_rows for m in map_requests(tall, fake_classify).cells} == {0}


def test_a_sliver_cut_off_a_row_in_one_cell_is_no_row_its_values_run_into():
    """Faint seed 5710: a stroke in the 总计 cell of a two-line row cut a sliver off it there alone; the
    row's label and its other value cells span both grid rows, the sliver's cell is blank. The row's
    values are its own, not run into another row's."""
    table = _requests(["一、本年新收", "二、上年结转"])
    cells = [c if c.row != 2 else _cell(2, c.col, c.text, rowspan=2) for c in table.cells if (c.row, c.col) != (2, 7)]
    cells += [_cell(2, 7, "27"), _cell(3, 7, "")]
    table = Table(3, (0, 0, 800, 160), 4, 8, tuple(cells))
    result = map_requests(table, fake_classify)
    shared = {m.field_id: m.shared_with_rows for m in result.cells if m.field_id.startswith("requests.carried_over")}
    assert len(shared) == 7 and set(shared.values()) == {0}


def test_a_second_row_for_the_same_key_is_not_forced():
    result = map_requests(_requests(["（七）总计", "（七）总计"]), fake_classify)
    assert len(result.cells) == 7 and "second row" in result.unmapped[0]["reason"]


def test_row_order_places_a_row_the_text_could_not():
    result = map_requests(
        _requests(["2.其他法律行政法规禁止公开", "3.危及三安企一稳淀", "4.保护第三方合法权益"]), fake_classify
    )
    assert "requests.result.withheld.security_stability.total" in {m.field_id for m in result.cells}
    assert "row order" in result.unmapped[0]["reason"]


def test_gaps_are_filled_only_when_the_order_leaves_one_key():
    unsure = Decision(None, 0.3)
    # between 5.要求…确认 and （七）总计 only the 2019 order leaves one row: （六）其他处理 printed as one row
    decisions = [Decision("result.not_processed.confirm_or_reissue", 0.9), unsure, Decision("result.total", 0.9)]
    assert fill_row_gaps(decisions)[1].key == "result.other.unsplit"
    decisions = [Decision("result.other.no_amendment_overdue", 0.9), unsure, Decision("result.other.other", 0.9)]
    assert fill_row_gaps(decisions)[1].key == "result.other.fee_unpaid"
    decisions = [Decision("new_received", 0.9), unsure, Decision("result.total", 0.9)]
    assert fill_row_gaps(decisions)[1].key is None


def test_a_row_named_as_another_rows_key_out_of_the_order_is_placed_by_the_order():
    """A fax's 属于过程性信息 read 属于国起作性性信息 was named 属于国家秘密, whose own row is above."""
    withheld = [f"result.withheld.{name}" for name in ("state_secret", "legal_prohibition", "security_stability")]
    withheld += [f"result.withheld.{name}" for name in ("third_party_rights", "internal_affairs")]
    decisions = [Decision(key, 0.9) for key in withheld]
    decisions += [Decision("result.withheld.state_secret", 0.52), Decision("result.withheld.enforcement_files", 0.9)]
    filled = fill_row_gaps(decisions)
    assert filled[5].key == "result.withheld.process_information" and filled[5].by_structure
    assert filled[0].key == "result.withheld.state_secret"  # in its place: left as the text named it
    twice = [Decision(withheld[i], p) for i, p in ((0, 0.9), (1, 0.6), (2, 0.9), (1, 0.5), (4, 0.9))]
    assert [d.key for d in fill_row_gaps(twice)] == [withheld[i] for i in (0, 1, 2, 3, 4)]


def _grid_cells(rows):
    """Cells of a grid given as rows of (text, colspan)."""
    cells = []
    for r, row in enumerate(rows):
        col = 0
        for text, span in row:
            cells.append(_cell(r, col, text, colspan=span))
            col += span
    return cells


def _grid(rows):
    cells = _grid_cells(rows)
    n_cols = max(c.col + c.colspan for c in cells)
    return Table(1, (0, 0, 100 * n_cols, 40 * len(rows)), len(rows), n_cols, tuple(cells))


def _request_rows(rows, page_offsets=None):
    """Table 三 rows of seven values 100 px wide from x=100; a row given as (label, cells) with
    cells as (text, colspan) runs columns together where colspan is 2. ``page_offsets``: each row's x
    shift (a table split over two pages, each half where its scan put it)."""
    cells, pages = [], []
    header = [_cell(0, 0, "申请人情况", colspan=8)]
    for r, (label, values) in enumerate(rows, start=1):
        shift = page_offsets[r - 1][1] if page_offsets else 0
        page = page_offsets[r - 1][0] if page_offsets else 3
        row = [Cell(r, 0, 1, 1, (shift, r * 40.0, shift + 100.0, r * 40.0 + 40), (Word(label, (0, 0, 1, 1), 0.99),))]
        col = 1
        for text, span in values:
            box = (shift + col * 100.0, r * 40.0, shift + (col + span) * 100.0, r * 40.0 + 40)
            row.append(Cell(r, col, 1, span, box, (Word(text, (0, 0, 1, 1), 0.99),)))
            col += span
        cells += row
        pages += [page] * len(row)
    all_cells = (*header, *cells)
    return Table(3, (0, 0, 900, 40 * (len(rows) + 1)), len(rows) + 1, 8, all_cells, tuple([3] + pages))


FULL = [(str(c), 1) for c in range(7)]


def test_a_row_with_two_columns_run_together_keeps_its_other_values_in_their_columns():
    """Where a faint rule was lost in one row, the values after the merged cell are not moved a column
    over: the full rows show where each column lies."""
    merged = [("0", 1), ("13", 2), ("4", 1), ("5", 1), ("6", 1), ("7", 1)]
    labels = ["一、本年新收", "二、上年结转", "（七）总计", "四、结转下年度继续办理"]
    rows = [(labels[0], merged)] + [(label, FULL) for label in labels[1:]]
    result = map_requests(_request_rows(rows), fake_classify)
    mapped = {m.field_id: (m.cell.text, m.shared_with_columns) for m in result.cells if "new_received" in m.field_id}
    assert mapped == {
        "requests.new_received.natural_person": ("0", 0),
        "requests.new_received.commercial_enterprise": ("13", 1),
        "requests.new_received.social_welfare_org": ("4", 0),
        "requests.new_received.legal_service_org": ("5", 0),
        "requests.new_received.other_org": ("6", 0),
        "requests.new_received.total": ("7", 0),
    }


def test_a_value_cell_over_two_columns_whose_print_stands_in_one_is_that_column_s():
    """Faint 10813_002: the rule between two columns lost in one row, a 0 printed at the middle of the
    second: it is that column's value, running into no other. Print standing between the two leaves the
    cell running into both, null."""
    labels = ["一、本年新收", "二、上年结转", "（七）总计", "四、结转下年度继续办理"]
    rows = [(labels[0], [("0", 1), ("7", 2), ("4", 1), ("5", 1), ("6", 1), ("7", 1)])]
    table = _request_rows(rows + [(label, FULL) for label in labels[1:]])

    def placed(print_box):
        cells = tuple(
            replace(cell, words=(Word("7", (print_box[0], 50.0, print_box[1], 70.0), 0.99),))
            if cell.row == 1 and cell.colspan == 2
            else cell
            for cell in table.cells
        )
        result = map_requests(replace(table, cells=cells), fake_classify)
        return {
            m.field_id.split(".")[-1]: m.shared_with_columns
            for m in result.cells
            if "new_received" in m.field_id and m.cell.colspan == 2
        }

    assert placed((345.0, 355.0)) == {"research_institution": 0}
    assert placed((290.0, 310.0)) == {"commercial_enterprise": 1}


def test_a_number_beside_a_blank_sliver_cut_off_its_cell_keeps_its_column():
    """A faint rule found along a 0's right edge cut a blank sliver off its cell (faint 8905_002): two cells
    stand in one column, and the one holding print keeps it. Two cells that both hold print give none."""
    labels = ["一、本年新收", "二、上年结转", "（七）总计", "四、结转下年度继续办理"]
    table = _request_rows([(label, FULL) for label in labels])

    def cut(second):
        cells = []
        for cell in table.cells:
            if cell.row == 1 and cell.bbox[0] == 200.0:
                words = (Word(second, (0, 0, 1, 1), 0.99),) if second else ()
                cells += [
                    replace(cell, bbox=(200.0, 40.0, 270.0, 80.0)),
                    Cell(1, 2, 1, 1, (270.0, 40.0, 300.0, 80.0), words),
                ]
            else:
                cells.append(cell)
        return replace(table, cells=tuple(cells), cell_pages=(3,) * len(cells))

    def commercial(second):
        result = map_requests(cut(second), fake_classify)
        return [m.cell.text for m in result.cells if m.field_id == "requests.new_received.commercial_enterprise"]

    assert commercial("") == ["1"]
    assert commercial("7") == []


def test_a_number_at_its_column_s_middle_beside_a_blank_cut_off_its_cell_keeps_its_column():
    """Noise on a faint 150-dpi page cut a blank 35 pixels off a 0's cell 95 wide (faint 10011_000), too
    wide for a sliver: the 0 printed at the column's middle keeps it. A number printed off the column's
    middle, at its own piece's, does not: it may be one of two columns' values, their rule lost. Nor does
    a piece of a number cut at the column's middle (faint 9711_001: a 3's right side, read "1")."""
    labels = ["一、本年新收", "二、上年结转", "（七）总计", "四、结转下年度继续办理"]
    table = _request_rows([(label, FULL) for label in labels])

    def cut(at, print_box):
        cells = []
        for cell in table.cells:
            if cell.row == 1 and cell.bbox[0] == 200.0:
                word = Word("1", (print_box[0], 50.0, print_box[1], 70.0), 0.99)
                cells += [
                    Cell(1, 2, 1, 1, (200.0, 40.0, at, 80.0)),
                    Cell(1, 3, 1, 1, (at, 40.0, 300.0, 80.0), (word,)),
                ]
            else:
                cells.append(cell)
        return replace(table, cells=tuple(cells), cell_pages=(3,) * len(cells))

    def commercial(at, print_box):
        result = map_requests(cut(at, print_box), fake_classify)
        return [m.cell.text for m in result.cells if m.field_id == "requests.new_received.commercial_enterprise"]

    assert commercial(237.0, (244.0, 254.0)) == ["1"]
    assert commercial(237.0, (263.0, 273.0)) == []
    assert commercial(249.0, (252.0, 256.0)) == []


def test_each_page_of_a_split_table_places_its_own_columns():
    labels = ["一、本年新收", "二、上年结转", "（七）总计", "1.属于国家秘密",
              "2.其他法律行政法规禁止公开", "四、结转下年度继续办理", "4.保护第三方合法权益"]  # fmt: skip
    short = FULL[:3] + [("9", 2)] + FULL[5:]  # a merged cell on the second page
    rows = [(label, FULL) for label in labels[:6]] + [(labels[6], short)]
    offsets = [(3, 0.0)] * 3 + [(4, 160.0)] * 4  # the second page's scan put the table 160 px right
    result = map_requests(_request_rows(rows, offsets), fake_classify)
    row = "requests.result.withheld.third_party_rights"
    mapped = {
        m.field_id[len(row) + 1 :]: (m.cell.text, m.shared_with_columns) for m in result.cells if row in m.field_id
    }
    assert mapped == {
        "natural_person": ("0", 0),
        "commercial_enterprise": ("1", 0),
        "research_institution": ("2", 0),
        "social_welfare_org": ("9", 1),
        "other_org": ("5", 0),
        "total": ("6", 0),
    }


def test_a_row_alone_on_its_page_takes_its_columns_from_numbers_read_apart_in_one_cell():
    """Faint 6812_001: table 三's last row alone on the next page, two 0s in one cell (their rule lost)."""
    labels = ["一、本年新收", "二、上年结转", "（七）总计", "四、结转下年度继续办理"]
    merged = FULL[:3] + [("00", 2)] + FULL[5:]
    rows = [(label, FULL) for label in labels[:3]] + [(labels[3], merged)]
    table = _request_rows(rows, [(3, 0.0)] * 3 + [(4, 0.0)])
    apart = tuple(Word("0", (x, 165.0, x + 15, 185.0), 0.99, shape=APART_SHAPE) for x in (440.0, 540.0))
    cells = tuple(replace(c, words=apart) if c.text == "00" else c for c in table.cells)
    result = map_requests(replace(table, cells=cells), fake_classify)
    mapped = {m.field_id: m.cell.text for m in result.cells if "carried_forward" in m.field_id}
    assert len(mapped) == 7 and mapped["requests.carried_forward.social_welfare_org"] == "0"
    assert mapped["requests.carried_forward.total"] == "6"


def test_a_header_cell_reaching_down_beside_a_row_is_not_its_label():
    """The rules under table 三's 总计 header lost, its cell reaches down beside the first body row, whose own
    label cell runs into the rows under it: 总计 is no label of that row, and the row is left out."""
    cells = [_cell(0, 0, "申请人情况", colspan=7), _cell(0, 7, "总计", rowspan=2)]
    cells.append(_cell(1, 0, "一、本年新收二、上年结转（一）予以公开", rowspan=3))
    cells += [_cell(r, c, str(r * 10 + c)) for r in (1, 2, 3) for c in range(1, 7)]
    cells += [_cell(r, 7, str(r)) for r in (2, 3)]
    result = map_requests(Table(3, (0, 0, 800, 160), 4, 8, tuple(cells)), fake_classify)
    assert not [m for m in result.cells if m.cell.text in {str(10 + c) for c in range(1, 7)}]


def test_of_two_label_cells_placed_in_one_column_the_one_further_right_is_the_row_s_own():
    """A part stitched on whose label columns were bounded by its labels' wrapping: 四、 | 结转下年度继续办理
    both placed in the first column."""
    table = _requests(["一、本年新收"])
    number = Cell(2, 0, 1, 1, (0.0, 80.0, 40.0, 120.0), (Word("四、", (0, 0, 1, 1), 0.99),))
    label = Cell(2, 0, 1, 1, (40.0, 80.0, 100.0, 120.0), (Word("四、结转下年度继续办理", (0, 0, 1, 1), 0.99),))
    values = [_cell(2, 1 + c, str(c)) for c in range(7)]
    stitched = Table(3, table.bbox, 3, 8, (*table.cells, number, label, *values))
    mapped = {m.field_id: m.cell.text for m in map_requests(stitched, fake_classify).cells}
    assert mapped["requests.carried_forward.natural_person"] == "0"


def test_a_misread_mark_beside_a_label_is_not_the_row_s_label():
    """四、结转下年度继续办理 | ERRN (a mark misread in the label columns) | 0 …: the row is still named by
    its label."""
    cells = [_cell(0, 0, "申请人情况", colspan=9), _cell(1, 0, "一、本年新收", colspan=2)]
    cells += [_cell(2, 0, "四、结转下年度继续办理"), _cell(2, 1, "ERRN")]
    cells += [_cell(r, 2 + c, str(c)) for r in (1, 2) for c in range(7)]
    result = map_requests(Table(3, (0, 0, 900, 120), 3, 9, tuple(cells)), fake_classify)
    named = {m.field_id for m in result.cells if m.field_id.startswith("requests.carried_forward")}
    assert len(named) == 7
    assert not [u for u in result.unmapped if u["text"] == "ERRN"]


def _blank_row_above(label, below, values=tuple(str(c) for c in range(7))):
    """Table 三: 一、本年新收, a row labelled ``label`` with blank values, then ``below`` with ``values``."""
    table = _requests(["一、本年新收"])
    blank = [_cell(2, 0, label)] + [_cell(2, 1 + c, "") for c in range(7)]
    row = [_cell(3, 0, below)] + [_cell(3, 1 + c, value) for c, value in enumerate(values)]
    return Table(3, (0, 0, 800, 160), 4, 8, (*table.cells, *blank, *row))


def test_a_label_s_first_line_taken_for_a_row_with_blank_values_joins_the_row_under_it():
    """1.申请人无正当理由逾期 on a row of its own with blank cells, its values level with the label's next
    line: one row, named by the whole label."""
    joined = _blank_row_above("4.保护第三方", "合法权益")
    mapped = {m.field_id: m.cell.text for m in map_requests(joined, fake_classify).cells}
    assert mapped["requests.result.withheld.third_party_rights.natural_person"] == "0"
    assert mapped["requests.result.withheld.third_party_rights.total"] == "6"
    apart = _blank_row_above("4.保护第三方", "2.其他法律行政法规禁止公开")
    mapped = {m.field_id: m.cell.text for m in map_requests(apart, fake_classify).cells}
    assert mapped["requests.result.withheld.legal_prohibition.natural_person"] == "0"


def _classify_by(names):
    """A classifier that names the labels in ``names`` so, and the others as fake_classify does."""

    def classify(table, axis, labels):
        return [Decision(names.get(label.text) or LABELS.get(label.text), 0.99) for label in labels]

    return classify


def test_where_blanks_are_printed_for_zeros_a_blank_row_is_a_row_of_its_own():
    """A report that prints blanks for zeros: a blank 4.保护第三方合法权益 above 5.属于三类内部事务信息 whose
    numeral a fax lost (read "·属于类内部事务信息") are two rows; joined, the 2 of the second was printed
    as the first's."""
    names = {
        "4.保护第三方合法权益": "result.withheld.third_party_rights",
        "·属于类内部事务信息": "result.withheld.internal_affairs",
        "4.保护第三方合法权益·属于类内部事务信息": "result.withheld.third_party_rights",
    }

    values = ("2", "", "", "", "", "", "2")
    table = _blank_row_above("4.保护第三方合法权益", "·属于类内部事务信息", values)
    mapped = {m.field_id: m.cell.text for m in map_requests(table, _classify_by(names)).cells}
    assert mapped["requests.result.withheld.internal_affairs.natural_person"] == "2"
    assert mapped["requests.result.withheld.third_party_rights.natural_person"] == ""
    assert mapped["requests.result.withheld.third_party_rights.total"] == ""


def test_a_total_whose_numeral_was_lost_under_a_blank_row_is_its_own_row():
    """A blank （六）其他处理 above （七）总计 read "()总计" on a fax: the total is not the blank row's
    second line (joined, the two read as 其他处理, and the totals were printed as its numbers)."""
    names = {
        "（六）其他处理": "result.other.unsplit",
        "()总计": "result.total",
        "（六）其他处理()总计": "result.other.unsplit",
    }

    mapped = {
        m.field_id: m.cell.text
        for m in map_requests(_blank_row_above("（六）其他处理", "()总计"), _classify_by(names)).cells
    }
    assert mapped["requests.result.total.natural_person"] == "0"
    assert mapped["requests.result.total.total"] == "6"
    assert not any(mapped[field] for field in mapped if field.startswith("requests.result.other"))


def test_rows_carried_over_to_a_page_photographed_at_another_angle_are_not_measured_by_its_header():
    """Photo seed 2403: table 三's last rows lay on the next page, photographed 50 px further right; each
    value cell there lay under two of the first page's headers, and its 2 was left null as run together."""
    leaves = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    header = [Cell(0, c, 1, 1, (c * 100.0, 0.0, c * 100.0 + 100, 40.0), (Word(t, (0, 0, 1, 1), 0.99),))
              for c, t in enumerate(["申请人情况", *leaves])]  # fmt: skip
    labels = [
        "一、本年新收",
        "二、上年结转",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "（七）总计",
        "四、结转下年度继续办理",
    ]
    rows = _request_rows([(label, FULL) for label in labels], [(3, 0.0)] * 2 + [(4, 50.0)] * 4)
    table = Table(3, rows.bbox, rows.n_rows, 8, (*header, *rows.cells[1:]), (3,) * len(header) + rows.cell_pages[1:])
    result = map_requests(table, fake_classify)
    beside = {m.field_id: m.shared_with_columns for m in result.cells}
    assert beside["requests.carried_forward.social_welfare_org"] == 0 and not any(beside.values())
    assert {m.cell.text for m in result.cells if m.field_id.startswith("requests.carried_forward.")} == set("0123456")
