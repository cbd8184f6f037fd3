"""A row whose rules a fax broke into dashes is framed by its column rules and what is left of its rules."""

from itertools import pairwise

import numpy as np
from PIL import Image, ImageDraw

from nianbao.config import TableConfig
from nianbao.preprocess import CleanPage
from nianbao.preprocess.geometry import ink_mask
from nianbao.table import find_tables
from nianbao.table.lines import RuleMasks, rule_masks
from nianbao.table.row_rules import (
    _carried_past_columns,
    with_dashed_row_rules,
    with_dashed_rules_between_columns,
    with_dashed_rules_joined,
)
from tests.fixtures.pages import SpecCell, cjk_font, draw_table

DPI = 200
TOP, HEIGHT = 200, 58
WIDTHS = [600] + [96] * 7
ROW = [SpecCell(0, 0, "四、结转下年度继续办理")] + [SpecCell(0, c, v) for c, v in enumerate("6000601", 1)]


def _carried_over_row(dash: int, gap: int) -> np.ndarray:
    """The last row of table 三 alone at the top of a page, its rules left as dashes ``dash`` pixels long
    ``gap`` apart (a fax that lost a skewed thin rule wherever it fell between two scan lines)."""
    page = draw_table(ROW, WIDTHS, HEIGHT)
    for y in (TOP, TOP + HEIGHT):
        band = page[y - 1 : y + 3]
        for x in range(120, 120 + sum(WIDTHS), dash + gap):
            band[:, x + dash : x + dash + gap] = 255
        for x in np.cumsum([120, *WIDTHS]):  # the column rules survive whole
            band[:, x - 1 : x + 3] = 0
    return page


def _tables(gray: np.ndarray, fax: bool = False):
    page = CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0, fax=fax)
    return find_tables(page, 1, DPI, TableConfig()).tables


def test_a_lone_row_whose_rules_are_dashes_is_found_with_its_cells():
    gray = _carried_over_row(dash=24, gap=20)
    ink = ink_mask(gray, DPI)
    assert not rule_masks(ink, TableConfig()).horizontal[TOP - 3 : TOP + 4].any()  # too short to be rules
    [table] = _tables(gray)
    assert (table.n_rows, table.n_cols) == (1, 8)
    x0, y0, x1, y1 = next(c.bbox for c in table.cells if c.col == 1)
    assert abs(y0 - TOP) <= 3 and abs(y1 - (TOP + HEIGHT)) <= 4 and abs(x0 - 720) <= 4 and abs(x1 - 816) <= 4


def test_column_rules_with_nothing_along_their_ends_frame_no_row():
    """Bars of large print stand level with each other too; no rule's remains run between their ends."""
    gray = np.full((2339, 1654), 255, np.uint8)
    for x in range(300, 1300, 110):
        gray[TOP : TOP + HEIGHT, x : x + 3] = 0
    ink = ink_mask(gray, DPI)
    masks = rule_masks(ink, TableConfig())
    assert with_dashed_row_rules(ink, masks, DPI, 0.15) is masks
    assert _tables(gray) == []


def test_a_title_in_large_print_frames_no_row():
    """Its upright strokes stand level with each other, with strokes along their tops and bottoms."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    for line, y in (("泸州市江阳区自然资源和规划局", 230), ("2024年政府信息公开工作年度报告", 330)):
        draw.text((400, y), line, font=cjk_font(62), fill=0, stroke_width=1, stroke_fill=0)
    gray = np.array(image)
    ink = ink_mask(gray, DPI)
    masks = rule_masks(ink, TableConfig())
    assert masks.vertical.any()  # strokes as tall as rules
    assert with_dashed_row_rules(ink, masks, DPI, 0.15) is masks


def test_a_row_too_sparsely_dashed_is_left_alone():
    gray = _carried_over_row(dash=8, gap=40)
    assert _tables(gray) == []


def _brick_dashed_table(dash: int, gap: int) -> np.ndarray:
    """A table of three value columns whose every row rule a fax left as dashes ``dash`` pixels long
    ``gap`` apart, each rule's dashes offset from the last's (a skewed thin rule falls between scan lines
    at a different place on each), and whose column rules survive only in pieces."""
    widths, height = [400, 300, 300, 300], 52
    cells = [
        SpecCell(r, c, text)
        for r, row in enumerate(
            [
                ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                ["规章", "0", "0", "0"],
                ["规范性文件", "30", "29", "30"],
                ["行政许可", "393", "+5", "26015"],
            ]
        )
        for c, text in enumerate(row)
    ]
    page = draw_table(cells, widths, height)
    left, right = 120, 120 + sum(widths)
    for row in range(5):
        y = TOP + row * height
        band = page[y - 1 : y + 3, left - 2 : right + 3]
        band[:] = 255
        for x in range((row % 2) * (dash + gap) // 2, band.shape[1], dash + gap):
            band[1:3, x : x + dash] = 0
    return page


def test_a_table_whose_rules_are_all_regular_dashes_is_found_whole():
    """Fax seed 2602: every rule of table 二 left as dashes of 56-101 px, 60-76 px apart: the table was
    found as three pieces of its value columns, its label column and a row lost."""
    gray = _brick_dashed_table(dash=87, gap=71)
    [table] = _tables(gray)
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert table.bbox[0] <= 125 and table.bbox[2] >= 1380  # the label column kept; 26015 within the last


def test_dashes_join_only_in_runs_of_four_with_gaps_no_longer_than_them():
    horizontal = np.zeros((400, 1600), np.uint8)
    for x in range(100, 700, 150):  # four pieces of 90, 60 apart: a rule
        horizontal[100:103, x : x + 90] = 255
    for x in range(100, 500, 150):  # three pieces: print, perhaps
        horizontal[200:203, x : x + 90] = 255
    for x in range(100, 1400, 300):  # gaps of 210 after pieces of 90: far more paper than rule
        horizontal[300:303, x : x + 90] = 255
    horizontal[350:362, 100:190] = horizontal[350:362, 250:340] = 255  # thick strokes are print
    horizontal[350:362, 400:490] = horizontal[350:362, 550:640] = 255
    masks = RuleMasks(horizontal, np.zeros_like(horizontal))
    joined = with_dashed_rules_joined(horizontal, masks, DPI).horizontal
    assert joined[100:103, 100:640].all()
    assert (joined[150:, :] == horizontal[150:, :]).all()
    assert not joined[:100].any() and not joined[100:103, 640:].any()


def test_a_run_of_dashes_that_lost_its_last_dash_is_carried_on_to_where_the_others_end():
    """Fax seed 2619: a rule's last dash in table 三's 总计 column was cut too short for the rule mask by
    the table's edge; its stub is left in the ink. Without such ink (a rule that ends there), it is not."""
    horizontal = np.zeros((400, 1600), np.uint8)
    for x in range(100, 1280, 160):  # dashes of 90, 70 apart, the last cut to 60 by the edge at 1280
        horizontal[100:103, x : min(x + 90, 1280)] = 255
    for y in (200, 300):  # dashes of the next rules fall 30 px further along: their last ends at 1180
        for x in range(130, 1200, 160):
            horizontal[y : y + 3, x : x + 90] = 255
    ink = horizontal.copy()
    ink[200:203, 1250:1280] = 255  # 200's last dash, 30 px to the edge: too short for the rule mask
    masks = RuleMasks(horizontal, np.zeros_like(horizontal))
    joined = with_dashed_rules_joined(ink, masks, DPI).horizontal
    assert joined[200:203, 130:1280].all()  # carried on to where the rule at 100 ends
    assert joined[300:303, 130:1180].all() and not joined[300:303, 1180:].any()


LAST_ROWS = [  # table 三's last rows, carried over to the top of a page
    ("3、要求提供公开出版物", "0000000"),
    ("4、无正当理由大量反复申请", "1-00-01"),
    ("5、要求行政机关确认", "0000000"),
    ("1、申请人无正当理由逾期", "0000022"),
    ("2、申请人逾期未按收费通知", "0000011"),
    ("3、其他", "0000000"),
    ("（七）总计", "5008041"),
    ("四、结转下年度继续办理", "0010004"),
]
VALUE_WIDTHS = [420] + [110] * 7


def _rows_left_as_a_dash_a_cell(rows=LAST_ROWS, rules_kept=False) -> np.ndarray:
    """Table 三's last rows whose column rules a fax kept whole and whose inner row rules it left as one
    dash in each cell, 35-55% of its width, at a place of its own, with specks between (fax set 4602)."""
    cells = [SpecCell(r, c, text) for r, (label, values) in enumerate(rows) for c, text in enumerate([label, *values])]
    page = draw_table(cells, VALUE_WIDTHS, 60)
    if rules_kept:
        return page
    xs = np.cumsum([120, *VALUE_WIDTHS])
    rng = np.random.default_rng(7)
    for row in range(1, len(rows)):
        y = TOP + row * 60
        page[y - 2 : y + 3, xs[0] + 3 : xs[-1] - 2] = 255
        for left, right in pairwise(xs):
            width = right - left
            length = int(width * rng.uniform(0.35, 0.55))
            start = left + 4 + int(rng.integers(0, width - length - 8))
            page[y : y + 2, start : start + length] = 0
            page[y, start + length + 6 : right - 4 : 9] = 0  # specks of the rest
    return page


def test_a_table_whose_row_rules_a_fax_left_as_a_dash_a_cell_is_found_whole():
    """Fax set 4602: table 三's last nine rows at the top of a page, each row rule left as a dash in most
    cells, no dash a rule's length and no column rule ending at a row: found as 7 rows of 9 columns, 47
    fields lost. A page not faxed is not looked at so."""
    gray = _rows_left_as_a_dash_a_cell()
    [table] = _tables(gray, fax=True)
    assert (table.n_rows, table.n_cols) == (len(LAST_ROWS), 8)
    assert all(cell.rowspan == 1 for cell in table.cells)
    ink = ink_mask(gray, DPI)
    masks = rule_masks(ink, TableConfig())
    drawn = with_dashed_rules_between_columns(ink, masks, DPI).horizontal
    for row in range(1, len(LAST_ROWS)):
        y = TOP + row * 60
        assert drawn[y - 3 : y + 4, 600:1300].any(axis=0).all()
    [unfaxed] = _tables(gray)
    assert unfaxed.n_rows < len(LAST_ROWS)


def test_a_rule_between_column_rules_is_carried_a_cell_further_where_its_dashes_go_on():
    """Fax set 4602: table 三's 总计 column, its outer rule left as pieces too short for the rule mask: the
    row rules found between the column rules are carried a cell on where their dashes go on, along a
    quarter of a cell or more."""
    along = np.zeros(1600, bool)
    along[300:340] = along[420:460] = along[700:740] = True  # dashes before 400 and in the cells up to 1100
    along[1130:1150] = True  # a dash past the last column rule at 1100, a fifth of a cell: no more
    assert _carried_past_columns(along, (400, 1100), 100) == (300, 1100)
    along[1150:1165] = True  # and along 0.35 of it
    assert _carried_past_columns(along, (400, 1100), 100) == (300, 1200)
    assert _carried_past_columns(along, (400, 1100), 0) == (400, 1100)


def test_rows_of_dashes_printed_as_values_draw_no_rule():
    """A row printing every value as a dash, and rows printing some: digits and the label stand across
    the dashes' line."""
    rows = [("3、要求提供公开出版物", "-------"), ("4、无正当理由大量反复申请", "1-00-01"), ("3、其他", "—" * 7)] * 3
    gray = _rows_left_as_a_dash_a_cell(rows, rules_kept=True)
    ink = ink_mask(gray, DPI)
    masks = rule_masks(ink, TableConfig())
    assert with_dashed_rules_between_columns(ink, masks, DPI) is masks
    [table] = _tables(gray, fax=True)
    assert table.n_rows == len(rows)


def test_a_row_of_values_printed_as_dashes_alone_draws_no_rule():
    """Table 四 photographed (labeled r24_photo_dashes): its row of values prints — in each of its fifteen
    cells, with no label beside them to stand across the line; each dash is in its cell's middle and as
    long as the others, where a fax leaves a rule's dashes anywhere."""
    headers = [SpecCell(0, 0, "行政复议", colspan=5), SpecCell(0, 5, "行政诉讼", colspan=10)]
    cells = headers + [SpecCell(1, c, "总计") for c in range(15)] + [SpecCell(2, c, "") for c in range(15)]
    gray = draw_table(cells, [86] * 15, 70)
    middle = TOP + 2 * 70 + 35
    for left in range(120, 120 + 15 * 86, 86):
        gray[middle - 1 : middle + 1, left + 29 : left + 57] = 0  # —, 28 px long
    ink = ink_mask(gray, DPI)
    masks = rule_masks(ink, TableConfig())
    assert with_dashed_rules_between_columns(ink, masks, DPI) is masks
    [table] = _tables(gray, fax=True)
    assert (table.n_rows, table.n_cols) == (3, 15)


def test_bars_of_print_with_no_dashes_between_draw_no_rule():
    gray = np.full((2339, 1654), 255, np.uint8)
    for x in range(200, 1500, 110):
        gray[TOP : TOP + 160, x : x + 3] = 0
    ink = ink_mask(gray, DPI)
    masks = rule_masks(ink, TableConfig())
    assert with_dashed_rules_between_columns(ink, masks, DPI) is masks
