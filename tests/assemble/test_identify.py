"""Which report table a rebuilt table is: by the template's words, or by table 四's row of numbers."""

from nianbao.assemble.identify import identify, logical_tables
from nianbao.model import Cell, Table, Word


def _cell(row, col, text, colspan=1):
    words = (Word(text, (0, 0, 1, 1), 0.99),) if text else ()
    return Cell(row, col, 1, colspan, (col * 60.0, row * 40.0, (col + colspan) * 60.0, row * 40.0 + 40), words)


def _table(rows):
    cells = tuple(cell for row in rows for cell in row)
    return Table(3, (0, 0, 900, 40 * len(rows)), len(rows), max(c.col + c.colspan for c in cells), cells)


def test_the_template_words_name_the_table():
    header = [_cell(0, 0, "行政复议", colspan=5), _cell(0, 5, "行政诉讼", colspan=10)]
    assert identify(_table([header, [_cell(1, c, "0") for c in range(15)]])) == "appeals"


def test_table_two_s_last_block_alone_is_table_two_by_its_own_header_words():
    """Faint 7609_000: table 二's last block, found as a table of its own at a page's foot, its 信息内容
    read 信息内谷: 收费金额 names it with 事业性收费; 2019's 上一年项目数量 names a block so too."""
    fees = [
        [_cell(0, 0, "信息内谷"), _cell(0, 1, "本年收费金额（单位：万元）")],
        [_cell(1, 0, "行政事业性收费"), _cell(1, 1, "7747.15")],
    ]
    assert identify(_table(fees)) == "proactive"
    old = [[_cell(0, 0, "信息内谷"), _cell(0, 1, "上一年项目数量")], [_cell(1, 0, "行政事业性收费"), _cell(1, 1, "9")]]
    assert identify(_table(old)) == "proactive"


def test_a_table_whose_header_was_lost_is_table_four_by_its_fifteen_numbers():
    """A fax turns a shaded header black: no word is read, and the row of fifteen numbers is all left."""
    black = [_cell(0, c, "") for c in range(15)]
    numbers = [_cell(1, c, str(c % 4)) for c in range(13)] + [_cell(1, 13, "?"), _cell(1, 14, "一")]
    table = _table([black, numbers])
    assert identify(table) == "appeals"
    assert [kind for kind, _ in logical_tables([[table]])] == ["appeals"]


def test_words_read_with_a_character_wrong_name_a_table_none_names_otherwise():
    """Fresh fax 8404_001: table 四's dashes lost, its header read 行政切议 and 行政诉讼, no row of numbers."""
    header = [_cell(0, 0, "行政切议", colspan=5), _cell(0, 5, "行政诉讼", colspan=10)]
    leaves = [_cell(1, 0, "结果维待"), _cell(1, 1, "")] + [_cell(1, c, "") for c in range(2, 15)]
    blanks = [_cell(2, c, "") for c in range(15)]
    assert identify(_table([header, leaves, blanks])) == "appeals"
    # one word, whole or misread, is no table's; nor are words two characters wrong
    assert identify(_table([[_cell(0, 0, "行政切议"), _cell(0, 1, "")], blanks])) is None
    assert identify(_table([[_cell(0, 0, "行政切以"), _cell(0, 1, "结里维待")], blanks])) is None
    # words found whole decide before misread ones: 行政许可 is table 二's, not 行政诉讼 misread
    proactive = [[_cell(0, 0, "行政许可"), _cell(0, 1, "本年处理决定数量"), _cell(0, 2, "行政复仪")]]
    assert identify(_table(proactive)) == "proactive"


def test_other_rows_of_numbers_are_no_table_four():
    assert identify(_table([[_cell(0, c, str(c)) for c in range(14)]])) is None  # fourteen
    assert identify(_table([[_cell(0, c, "?") for c in range(15)]])) is None  # fifteen, not numbers
    spanning = [_cell(0, 0, "12", colspan=2)] + [_cell(0, c, str(c)) for c in range(2, 16)]
    assert identify(_table([spanning])) is None  # fifteen cells, one of them spanning two columns


def test_a_row_of_fifteen_dashes_is_table_four_where_its_header_was_not_found():
    """A year without appeals prints a dash in each of table 四's cells; its shaded header, ruled in light
    grey, was not found as part of the table."""
    dashes = [_cell(0, c, "—") for c in range(13)] + [_cell(0, 13, "1"), _cell(0, 14, "1")]
    assert identify(_table([dashes])) == "appeals"
    assert identify(_table([[_cell(0, c, "") for c in range(15)]])) is None  # fifteen blanks print nothing


def _ruled(page, x0, rows, top):
    """Rows of a label cell from ``x0`` to 240, then seven value cells 60 wide, from ``top`` down."""
    cells = []
    for r, (label, value) in enumerate(rows):
        y = top + 40.0 * r
        words = (Word(label, (0, 0, 1, 1), 0.99),)
        cells.append(Cell(r, 0, 1, 1, (x0, y, 240.0, y + 40), words))
        cells += [
            Cell(r, c, 1, 1, (180.0 + 60 * c, y, 240.0 + 60 * c, y + 40), (Word(value, (0, 0, 1, 1), 0.99),))
            for c in range(1, 8)
        ]
    return Table(page, (x0, top, 660.0, top + 40.0 * len(rows)), len(rows), 8, tuple(cells))


def test_a_part_not_identified_right_under_table_three_on_its_page_is_stitched_on():
    words = [("（二）部分公开", "1"), ("（三）不予公开", "0"), ("（四）无法提供", "0")]
    requests = _ruled(3, 0.0, words, 100.0)
    assert identify(requests) == "requests"
    rest = _ruled(3, 20.0, [("3.其他", "0"), ("（七）合计", "2")], 220.0)
    assert identify(rest) is None
    [(kind, table)] = logical_tables([[requests, rest]])
    assert kind == "requests" and table.n_rows == 5
    below = _ruled(3, 20.0, [("3.其他", "0"), ("（七）合计", "2")], 400.0)  # far below: not its part
    assert [t.n_rows for _, t in logical_tables([[requests, below]])] == [3]
