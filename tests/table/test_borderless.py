import numpy as np

from nianbao.table.borderless import borderless_grids, row_bounds
from nianbao.table.text_blocks import text_blocks

DPI = 200
TEXT = 24  # a character's height at 200 dpi


def _page() -> np.ndarray:
    return np.zeros((1400, 1300), np.uint8)


def _block(ink: np.ndarray, centre_x: int, top: int, width: int, height: int = TEXT) -> None:
    """A line of characters: blocks of ink a character wide, closer than a character apart."""
    x = centre_x - width // 2
    while x < centre_x + width // 2:
        ink[top : top + height, x : x + min(TEXT, centre_x + width // 2 - x)] = 255
        x += TEXT + 6


def _table_two_without_rules(ink: np.ndarray, top: int) -> None:
    """Table 二's first blocks as a fax that lost its rules prints them."""
    _block(ink, 650, top, 240)  # 第二十条第（一）项: one line across the table
    for x, width in ((200, 96), (500, 150), (800, 150), (1100, 150)):  # 信息内容 | 本年制发件数 | ...
        _block(ink, x, top + 50, width)
    for row in (2, 3):
        _block(ink, 200, top + 50 * row, 120)
        for x in (500, 800, 1100):
            _block(ink, x, top + 50 * row, 24)
    _block(ink, 200, top + 200, 96)  # 信息内容 | 本年处理决定数量
    _block(ink, 800, top + 200, 200)
    _block(ink, 200, top + 250, 96)  # 行政许可 | 0
    _block(ink, 800, top + 250, 24)


def test_a_table_that_lost_its_rules_is_found_by_how_its_text_lines_up():
    ink = _page()
    _table_two_without_rules(ink, 300)
    [(box, grid)] = borderless_grids(text_blocks(ink, DPI))
    assert (grid.n_rows, grid.n_cols) == (6, 4)
    assert box[1] < 300 and box[3] > 300 + 250 + TEXT
    section = [cell for cell in grid.cells if cell.row == 0]
    assert [(cell.col, cell.colspan) for cell in section] == [(0, 4)]  # the section line spans the table
    values = [(cell.col, cell.colspan) for cell in grid.cells if cell.row == 2]
    assert values == [(0, 1), (1, 1), (2, 1), (3, 1)]
    lone_value = [(cell.col, cell.colspan) for cell in grid.cells if cell.row == 5]
    assert lone_value == [(0, 1), (1, 3)]  # one value beside its label spans the row, as its ruled cell does
    x0, y0, x1, y1 = next(cell.bbox for cell in grid.cells if (cell.row, cell.col) == (2, 2))
    assert x0 + box[0] < 800 - 12 and x1 + box[0] > 800 + 12  # the value's cell holds the value
    assert y0 + box[1] < 400 and y1 + box[1] > 400 + TEXT


def test_prose_and_the_specks_of_lost_rules_make_no_table():
    ink = _page()
    for line in range(8):
        _block(ink, 650, 100 + 40 * line, 1100)  # a paragraph
    rng = np.random.default_rng(0)
    for x, y in zip(rng.integers(0, 1300, 400), rng.integers(0, 1400, 400)):
        ink[y : y + 3, x : x + 3] = 255  # what a fax left of thin rules
    assert borderless_grids(text_blocks(ink, DPI)) == []


def test_a_paragraph_ends_a_table_above_it():
    ink = _page()
    _table_two_without_rules(ink, 100)
    for top in (420, 460):  # a paragraph whose lines break at a wide gap after a quotation mark
        _block(ink, 400, top, 700)
        _block(ink, 975, top, 350)
    [(box, grid)] = borderless_grids(text_blocks(ink, DPI))
    assert box[3] < 420 and grid.n_rows == 6


def test_marks_in_rows_and_columns_with_no_label_or_header_are_no_table():
    ink = _page()
    for y in range(300, 620, 40):
        for x in range(200, 1200, 150):
            ink[y : y + 12, x : x + 8] = 255  # specks clumped by blur and JPEG, as big as a digit
    assert borderless_grids(text_blocks(ink, DPI)) == []
    _block(ink, 125, 300, 96)  # two labels make it a table
    _block(ink, 125, 340, 96)
    assert len(borderless_grids(text_blocks(ink, DPI))) == 1


def test_the_pieces_of_a_dashed_rule_between_columns_are_not_a_column():
    ink = _page()
    _table_two_without_rules(ink, 300)
    for x in (350, 650, 950):
        for y in range(344, 580, 22):  # from the header row down: no rule crosses the section line
            ink[y : y + 16, x : x + 3] = 255  # as tall as a digit 1, but in the gap between two columns
    [(_, grid)] = borderless_grids(text_blocks(ink, DPI))
    assert (grid.n_rows, grid.n_cols) == (6, 4)


def test_a_cell_split_at_a_wide_punctuation_mark_is_one_cell_and_no_cell_leaves_the_page():
    ink = _page()
    _table_two_without_rules(ink, 2)
    ink[202 : 202 + TEXT + 2] = 0  # the header row of the lone value: 信息内容 | 本年收费金额（单位：万元）
    _block(ink, 200, 202, 96)
    _block(ink, 760, 202, 150)
    _block(ink, 885, 202, 60)  # 万元）, after the colon's gap (26 px: wider than the characters' spacing)
    [(box, grid)] = borderless_grids(text_blocks(ink, DPI))
    assert box[1] == 0 and all(cell.bbox[1] >= 0 for cell in grid.cells)
    assert [(cell.col, cell.colspan) for cell in grid.cells if cell.row == 4] == [(0, 1), (1, 3)]


def test_the_table_stage_finds_a_printed_table_without_rules_unless_told_not_to():
    from nianbao.config import TableConfig
    from nianbao.preprocess import CleanPage
    from nianbao.preprocess.geometry import ink_mask
    from nianbao.table import find_tables
    from tests.fixtures.pages import SpecCell, draw_table

    texts = [
        ["信息内容", "本年制发件数", "本年废止件数"],
        ["规章", "0", "3"],
        ["行政规范性文件", "17", "0"],
        ["行政许可", "25", "1"],
    ]
    cells = [SpecCell(r, c, text) for r, row in enumerate(texts) for c, text in enumerate(row)]
    gray = draw_table(cells, [320, 300, 300], 60, line_grey=255)  # the rules are not printed
    page = CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0)
    [table] = find_tables(page, 1, DPI, TableConfig()).tables
    assert (table.n_rows, table.n_cols) == (4, 3)
    for cell in table.cells:  # every cell holds the middle of its printed text
        x0, y0, x1, y1 = cell.bbox
        assert x0 < (280, 590, 890)[cell.col] < x1
        assert y0 < 200 + 60 * cell.row + 30 < y1
    assert find_tables(page, 1, DPI, TableConfig(borderless=False)).tables == []


def test_the_dashes_of_a_column_rule_are_rule_remains_and_a_column_of_1s_is_not():
    """A fax breaks a thin column rule into hairline dashes, some far apart: beside a 5 one reads as its 1.
    A 1 printed in every row of a column lines up as well, but its foot makes it no hairline."""
    from PIL import Image, ImageDraw

    from nianbao.table.text_blocks import rule_remains
    from tests.fixtures.pages import cjk_font

    page = Image.new("L", (600, 900), 0)
    draw = ImageDraw.Draw(page)
    for top in range(100, 800, 60):
        draw.text((200, top), "1", font=cjk_font(26), fill=255)
    ink = (np.array(page) > 127).astype(np.uint8) * 255
    for top, length in ((100, 14), (140, 18), (210, 12), (250, 20), (320, 16), (360, 9), (430, 17), (500, 15)):
        ink[top : top + length, 400:402] = 255  # gaps of 22 to 58 pixels
    remains = rule_remains(ink, DPI)
    assert remains[100:520, 398:404].any(axis=1).sum() >= 110  # every dash
    assert not remains[:, 150:300].any()


def _lone_value_blocks(ink: np.ndarray, top: int) -> None:
    """Table 二's blocks of one value beside its label (第二十条第（五）项, （六）项) without rules."""
    for block, label, value in ((0, 96, 24), (1, 96, 24)):
        start = top + 150 * block
        _block(ink, 650, start, 240)  # 第二十条第（五）项
        _block(ink, 200, start + 50, label)  # 信息内容 | 本年处理决定数量
        _block(ink, 800, start + 50, 200)
        _block(ink, 200, start + 100, 96)  # 行政许可 | 0
        _block(ink, 800, start + 100, value)


def test_blocks_of_one_value_beside_each_label_are_a_table():
    ink = _page()
    _lone_value_blocks(ink, 300)
    [(box, grid)] = borderless_grids(text_blocks(ink, DPI))
    assert grid.n_cols == 2 and grid.n_rows == 6
    value = next(cell for cell in grid.cells if cell.row == 2 and cell.col == 1)
    assert value.bbox[0] + box[0] < 800 < value.bbox[2] + box[0]


def test_the_rows_of_a_faint_table_beyond_its_rules_found_are_found_by_how_their_text_lines_up():
    from nianbao.config import TableConfig
    from nianbao.preprocess import CleanPage
    from nianbao.preprocess.geometry import ink_mask
    from nianbao.table import find_tables
    from tests.fixtures.pages import SpecCell, draw_table

    ruled = [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "0", "3"], ["行政规范性文件", "17", "0"]]
    cells = [SpecCell(r, c, text) for r, row in enumerate(ruled) for c, text in enumerate(row)]
    faint = draw_table(cells, [320, 300, 300], 60, line_grey=244)
    rest = [
        SpecCell(0, 0, "第二十条第（五）项", 1, 3),
        SpecCell(1, 0, "信息内容"),
        SpecCell(1, 1, "本年处理决定数量", 1, 2),
        SpecCell(2, 0, "行政许可"),
        SpecCell(2, 1, "7", 1, 2),
        SpecCell(3, 0, "第二十条第（六）项", 1, 3),
        SpecCell(4, 0, "信息内容"),
        SpecCell(4, 1, "本年处理决定数量", 1, 2),
        SpecCell(5, 0, "行政处罚"),
        SpecCell(5, 1, "3", 1, 2),
    ]
    unruled = draw_table(rest, [320, 300, 300], 60, origin=(120, 380), line_grey=255)  # its rules lost
    rng = np.random.default_rng(0)
    gray = np.clip(np.minimum(faint, unruled) * (224 / 255) + rng.normal(0, 7, faint.shape), 0, 255).astype(np.uint8)
    page = CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0)
    tables = find_tables(page, 1, DPI, TableConfig()).tables
    assert len(tables) == 2 and tables[0].bbox[3] <= tables[1].bbox[1] + 10
    assert (tables[0].n_rows, tables[0].n_cols) == (3, 3)
    below = tables[1]
    value_rows = {cell.row for cell in below.cells if cell.bbox[1] < 380 + 2 * 60 + 30 < cell.bbox[3]}
    assert len(value_rows) == 1 and below.n_cols == 2  # 行政许可's row, its label and its value


def test_a_header_line_with_one_short_word_is_no_row_of_values():
    """A label beside one number holds a value; the second lines of stacked headers (人 under 自然, 企业机构
    under 商业科研) do not, though one of them is as short as a number."""
    from nianbao.table.text_rows import holds_values as _holds_values

    height = float(TEXT)
    assert _holds_values([(100, 0, 300, 24), (780, 0, 804, 24)], height)  # 行政许可 | 0
    assert not _holds_values([(826, 0, 854, 24), (905, 0, 1075, 24)], height)  # 人 | 企业机构
    assert _holds_values([(100, 0, 124, 24), (400, 0, 424, 24), (700, 0, 724, 24)], height)


def _table_three_rows(ink: np.ndarray, top: int, pitch: int, rows: int, first_value_x: int = 500) -> None:
    """Rows of table 三 without rules: a label and seven values a row, ``pitch`` pixels apart."""
    for row in range(rows):
        _block(ink, 220, top + pitch * row, 240)
        for column in range(7):
            _block(ink, first_value_x + 100 * column, top + pitch * row, 24)


def test_rows_as_far_apart_as_ruled_rows_are_one_table():
    """A table printed with its ruled form's row height and no rules: the rows are further apart than
    text heights allow, but as far apart as each other."""
    ink = _page()
    _table_three_rows(ink, 200, 100, 9)  # 76 pixels between rows, over three text heights
    [(_, grid)] = borderless_grids(text_blocks(ink, DPI))
    assert (grid.n_rows, grid.n_cols) == (9, 8)


def test_a_heading_printed_no_larger_than_the_text_ends_the_table_above_it():
    ink = _page()
    _block(ink, 200, 100, 96)  # 信息内容 | 本年收费金额（单位：万元）: table 二's last block
    _block(ink, 800, 100, 300)
    _block(ink, 200, 150, 168)  # 行政事业性收费 | 0
    _block(ink, 800, 150, 24)
    _block(ink, 400, 200, 480)  # 三、收到和处理政府信息公开申请情况: a heading at the text's left
    _table_three_rows(ink, 250, 50, 2, first_value_x=540)
    _block(ink, 220, 350, 240)  # a label's second line, alone on its line: no heading
    _table_three_rows(ink, 400, 50, 2, first_value_x=540)
    [(box, grid)] = borderless_grids(text_blocks(ink, DPI))
    assert box[1] > 200 + TEXT  # table 二's rows and the heading are left out
    assert grid.n_cols == 8  # no column for table 二's lone value, between table 三's
    assert grid.n_rows == 5


def test_two_values_closer_than_a_column_gap_are_a_merged_cell_not_a_column():
    ink = _page()
    _table_three_rows(ink, 200, 50, 4, first_value_x=540)
    ink[350 : 350 + TEXT, 980:1200] = 0  # the last row's two last values, wider: 2459 2833
    _block(ink, 1040, 350, 96)
    _block(ink, 1142, 350, 96)
    [(box, grid)] = borderless_grids(text_blocks(ink, DPI))
    assert grid.n_cols == 8
    merged = next(cell for cell in grid.cells if cell.row == 3 and cell.colspan > 1)
    assert merged.col == 6 and merged.bbox[0] + box[0] < 1040 - 48 and merged.bbox[2] + box[0] > 1142 + 48


def test_a_table_printed_smaller_than_the_prose_above_it_is_found():
    from nianbao.table.text_blocks import in_smaller_print

    ink = _page()
    large = 44
    for line in range(14):  # a report's 16 pt prose, each line broken at its commas
        for left in (100, 400, 700, 1000):
            ink[60 + 60 * line : 60 + 60 * line + large, left : left + 250] = 255
    _table_three_rows(ink, 950, 50, 6)  # a table in 10.5 pt under it
    blocks = text_blocks(ink, DPI)
    assert blocks.text_height > 1.5 * TEXT and borderless_grids(blocks) == []
    smaller = in_smaller_print(ink, DPI, None, blocks)
    assert smaller is not None
    [(box, grid)] = borderless_grids(smaller)
    assert (grid.n_rows, grid.n_cols) == (6, 8) and box[1] > 60 + 60 * 13 + large


def test_the_lines_of_a_wrapped_label_are_one_cell_with_its_values():
    ink = _page()
    _table_three_rows(ink, 200, 80, 2)
    _block(ink, 220, 370, 240)  # 1、申请人无正当理由逾期不
    _table_three_rows(ink, 400, 80, 1)  # 补正、行政机关不再处理其 and the row's values
    _block(ink, 160, 430, 120)  # 政府信息公开申请
    _table_three_rows(ink, 520, 80, 2)
    [(box, grid)] = borderless_grids(text_blocks(ink, DPI))
    assert (grid.n_rows, grid.n_cols) == (5, 8)
    label = next(cell for cell in grid.cells if cell.row == 2 and cell.col == 0)
    assert label.bbox[1] + box[1] <= 370 and label.bbox[3] + box[1] >= 430 + TEXT


def test_a_label_wrapped_round_its_values_stays_left_of_the_first_column_of_values():
    """Table 三's 1、申请人无正当理由逾期不补正… wraps over three lines, its values level with none of
    them: the label column's bound lies right of its lines, though its one-line labels are short."""
    ink = _page()
    for top in (300, 350, 400):  # （七）总计 | 3 | 0 | 3
        _block(ink, 250, top, 96)
        for x in (650, 750, 850):
            _block(ink, x, top, 24)
    _block(ink, 340, 450, 276)  # the wrapped label's lines, from x 202 to 478
    for x in (650, 750, 850):
        _block(ink, x, 480, 24)
    _block(ink, 340, 510, 276)
    [(box, grid)] = borderless_grids(text_blocks(ink, DPI))
    label_bound = box[0] + grid.xs[1]
    assert 478 < label_bound < 650 - 12


def test_two_rows_of_many_values_are_a_table_and_two_of_a_few_are_not():
    """Table 三's last two rows carried over to the next page (（七）总计, 四、结转下年度继续办理: seven
    numbers each); two rows of three values are no table."""
    ink = _page()
    for top in (300, 350):
        _block(ink, 250, top, 150)
        for x in range(550, 1250, 100):
            _block(ink, x, top, 24)
    [(_box, grid)] = borderless_grids(text_blocks(ink, DPI))
    assert (grid.n_rows, grid.n_cols) == (2, 8)
    few = _page()
    for top in (300, 350):
        _block(few, 250, top, 150)
        for x in (550, 650, 750):
            _block(few, x, top, 24)
    assert borderless_grids(text_blocks(few, DPI)) == []


def test_a_row_bound_between_a_wrapped_label_s_lines_and_its_values_does_not_cut_the_values():
    """Table 三's 2、申请人逾期未按收费通知… wraps over four lines, its values printed level with the gap
    between the second and the third, reaching above the second's bottom. Its first two lines are a row
    with its group's label beside them (an unruled table 三 of a real report's layout): the bound under
    that row lies at the values' top, not through them (a 0 whose top was cut off is read "U")."""
    label_row = [(316, 912, 399, 940), (319, 875, 414, 904), (446, 897, 461, 918), (447, 930, 706, 958)]
    values = [(786 + 100 * column, 954, 802 + 100 * column, 975) for column in range(7)]
    values_row = [(445, 967, 724, 996), (445, 1004, 640, 1032), *values]
    assert row_bounds([label_row, values_row], 24.0)[1] == 954
    # rows apart keep the middle of the gap between them; the values of the row above are not cut either
    assert row_bounds([label_row, [(b[0], b[1] + 20, b[2], b[3] + 20) for b in values_row]], 24.0)[1] == 966
    lower_label = [(445, 940, 724, 968), *[(b[0], b[1] - 30, b[2], b[3] - 30) for b in values]]
    assert row_bounds([lower_label[1:], [(445, 930, 724, 958)]], 24.0)[1] == 945


def test_a_heading_whose_words_were_taken_together_ends_the_table_above_it():
    """四、政府信息公开行政复议、行政诉讼情况 between table 三's last rows and table 四, its words one block (closer
    than a column's gap) of which a fax left only a part told as larger print: the heading still ends
    table 三's rows, though table 四's values stand under theirs."""
    from nianbao.table.text_rows import table_runs

    def values(top, xs):
        return [(x - 12, top, x + 12, top + 24) for x in xs]

    three = [[(100, top, 400, top + 24), *values(top, range(512, 862, 50))] for top in (300, 350, 400)]
    heading_line = (150, 460, 700, 500)
    four = [
        [(100, 530, 300, 554), (600, 530, 900, 554)],
        values(580, range(512, 1212, 50)),
        values(630, range(512, 1212, 50)),
    ]
    runs = table_runs([*three, [heading_line], *four], 24.0, frozenset({(230, 460, 530, 500)}))
    assert [len(run) for run in runs] == [3, 3]


def test_a_piece_of_a_row_rule_between_two_rows_is_no_row_of_its_own():
    """A fax that broke a row rule into dashes leaves pieces of it lower than text between two rows; one
    standing alone there is a row of its own that overlaps both, and the table was not found at all."""
    ink = _page()
    _table_three_rows(ink, 200, 46, 8)
    ink[200 + 46 * 3 + 29 : 200 + 46 * 3 + 42, 480:530] = 255  # under the first value of the fourth row
    [(_, grid)] = borderless_grids(text_blocks(ink, DPI))
    assert (grid.n_rows, grid.n_cols) == (8, 8)


def test_a_table_whose_row_rules_were_lost_beside_a_ruled_table_is_found_by_its_text():
    """A fax kept a table's column rules and lost its row rules (seed 3401: table 三's last rows above
    a ruled table 四): its rows are found by how its text lines up, the ruled table's by its rules."""
    from nianbao.config import TableConfig
    from nianbao.preprocess import CleanPage
    from nianbao.preprocess.geometry import ink_mask
    from nianbao.table import find_tables
    from tests.fixtures.pages import SpecCell, draw_table

    widths, top = [320, 150, 150, 150, 150], 200
    texts = [["行政许可", "0", "3", "17", "1"], ["行政处罚", "25", "0", "4", "6"], ["行政强制", "1", "0", "0", "2"]]
    texts += [["行政事业性收费", "7", "9", "0", "1"], ["其他", "0", "0", "0", "0"], ["总计", "33", "12", "21", "10"]]
    unruled = [SpecCell(r, c, text) for r, row in enumerate(texts) for c, text in enumerate(row)]
    gray = draw_table(unruled, widths, 60, origin=(120, top), line_grey=255)
    for x in np.cumsum([120, *widths]):
        gray[top : top + 6 * 60, x : x + 3] = 0  # the column rules the fax kept
    ruled = [SpecCell(r, c, text) for r, row in enumerate(texts[:4]) for c, text in enumerate(row)]
    gray = np.minimum(gray, draw_table(ruled, widths, 60, origin=(120, 800)))
    page = CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0)
    upper, lower = find_tables(page, 1, DPI, TableConfig()).tables
    assert (lower.n_rows, lower.n_cols) == (4, 5) and lower.bbox[1] > 780
    assert upper.n_rows == 6 and upper.bbox[1] < top + 30 and upper.bbox[3] < 800
    for row in range(6):  # each row's cells hold its values
        assert any(cell.bbox[1] < top + 60 * row + 30 < cell.bbox[3] for cell in upper.cells if cell.row == row)


def test_a_table_that_kept_its_column_rules_only_in_pieces_beside_a_ruled_table_is_found_by_its_text():
    """A fax lost a table's row rules and kept each column rule only in pieces, none an inch long (seed
    5312: table 四 under a ruled table 三): the pieces in eight columns or more still tell its text apart
    from prose, and its rows are found by how the text lines up."""
    from nianbao.config import TableConfig
    from nianbao.preprocess import CleanPage
    from nianbao.preprocess.geometry import ink_mask
    from nianbao.table import find_tables
    from tests.fixtures.pages import SpecCell, draw_table

    widths, top = [240] + [110] * 8, 200
    texts = [["结果维持", *[str(c) for c in range(8)]], ["总计", *[str(3 * c) for c in range(8)]]]
    texts += [["其他", *["0"] * 8]]
    unruled = [SpecCell(r, c, text) for r, row in enumerate(texts) for c, text in enumerate(row)]
    gray = draw_table(unruled, widths, 60, origin=(120, top), line_grey=255)
    for x in np.cumsum([120, *widths]):
        for y in (top + 5, top + 95):
            gray[y : y + 85, x : x + 3] = 0  # pieces of 0.43 inch, the rest of each column rule lost
    ruled = [SpecCell(r, c, text) for r, row in enumerate(texts) for c, text in enumerate(row)]
    gray = np.minimum(gray, draw_table(ruled, widths, 60, origin=(120, 800)))
    page = CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0)
    upper, lower = find_tables(page, 1, DPI, TableConfig()).tables
    assert (lower.n_rows, lower.n_cols) == (3, 9) and lower.bbox[1] > 780
    assert upper.n_rows == 3 and upper.bbox[3] < 800
    for row in range(3):  # each row's cells hold its values
        assert any(cell.bbox[1] < top + 60 * row + 30 < cell.bbox[3] for cell in upper.cells if cell.row == row)
