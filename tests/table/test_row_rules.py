"""A row whose rules a fax broke into dashes is framed by its column rules and what is left of its rules."""

import numpy as np
from PIL import Image, ImageDraw

from nianbao.config import TableConfig
from nianbao.preprocess import CleanPage
from nianbao.preprocess.geometry import ink_mask
from nianbao.table import find_tables
from nianbao.table.lines import rule_masks
from nianbao.table.row_rules import with_dashed_row_rules
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


def _tables(gray: np.ndarray):
    page = CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0)
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
