"""Rule masks: rules too faint for the ink mask are found by how straight they run; print is not taken."""

import numpy as np

from nianbao.config import TableConfig
from nianbao.preprocess import CleanPage
from nianbao.preprocess.geometry import ink_mask
from nianbao.table import find_tables, without_lone_short_columns, without_lone_short_rows
from nianbao.table.lines import RuleMasks, faint_rules, rule_masks, rules_are_faint
from nianbao.table.regions import table_regions
from tests.fixtures.pages import SpecCell, cjk_font, draw_table

DPI = 200
TEXTS = [
    ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政许可", "0", "-2", "0"],
    ["其他对外管理服务事项", "200", "2", "187"],
    ["行政处罚", "71", "-1", "0"],
]
WIDTHS = [380, 300, 260, 300]


def _scanned(gray: np.ndarray, seed: int = 0) -> np.ndarray:
    """Printed on grey paper (224) and scanned with noise: a rule drawn at 244 on white is 9 levels
    darker than the paper, under noise of 7."""
    rng = np.random.default_rng(seed)
    page = gray.astype(np.float32) * (224 / 255) + rng.normal(0, 7, gray.shape)
    return np.clip(page, 0, 255).astype(np.uint8)


def _faint_table() -> np.ndarray:
    cells = [SpecCell(r, c, text) for r, row in enumerate(TEXTS) for c, text in enumerate(row)]
    return _scanned(draw_table(cells, WIDTHS, 60, line_grey=244))


def test_the_ink_mask_loses_the_rules_of_a_light_grey_table():
    ink = ink_mask(_faint_table(), DPI)
    assert table_regions(rule_masks(ink, TableConfig()), TableConfig()) == []


def test_faint_rules_are_found_and_the_print_beside_them_is_not():
    gray = _faint_table()
    found = faint_rules(gray, DPI) > 0
    xs = np.cumsum([120] + WIDTHS)
    rows = [200 + 60 * r for r in range(len(TEXTS) + 1)]
    for x in xs:  # every column's rule, along most of the table's height
        assert found[rows[0] + 10 : rows[-1] - 10, x - 3 : x + 4].any(axis=1).mean() > 0.8
    for y in rows:
        assert found[y - 3 : y + 4, xs[0] + 10 : xs[-1] - 10].any(axis=0).mean() > 0.8
    print_ = gray < 120
    assert found[print_].mean() < 0.01


def test_a_light_grey_table_is_found_by_its_rules_with_its_merged_cells():
    layout = [
        SpecCell(0, 0, "信息内容", 2, 1),
        SpecCell(0, 1, "申请人情况", 1, 3),
        SpecCell(1, 1, "自然人"),
        SpecCell(1, 2, "商业企业"),
        SpecCell(1, 3, "总计"),
        SpecCell(2, 0, "（三）不予公开", 3, 1),
    ] + [SpecCell(r, c, str(r * c)) for r in range(2, 5) for c in range(1, 4)]
    gray = _scanned(draw_table(layout, [380, 260, 260, 260], 60, line_grey=244))
    page = CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0)
    [table] = find_tables(page, 1, DPI, TableConfig()).tables
    assert (table.n_rows, table.n_cols) == (5, 4)
    assert {(c.row, c.col): (c.rowspan, c.colspan) for c in table.cells} == {
        (c.row, c.col): (c.rowspan, c.colspan) for c in layout
    }
    x0, _, _, y1 = next(c.bbox for c in table.cells if (c.row, c.col) == (3, 2))
    assert abs(x0 - (120 + 380 + 260)) <= 6 and abs(y1 - (200 + 240)) <= 6
    unlooked = find_tables(page, 1, DPI, TableConfig(faint_rules=False)).tables
    assert all(all(c.rowspan == 1 for c in t.cells) for t in unlooked)  # by its text: no merged cell


def _shaded_header_table() -> np.ndarray:
    """The faint table with its header row shaded (grey 215 on white) and that row's rules paler than the
    shade (235): no rule there is darker than both its sides; the one under the band is darker than the
    paper below it only."""
    cells = [SpecCell(r, c, text) for r, row in enumerate(TEXTS) for c, text in enumerate(row)]
    page = draw_table(cells, WIDTHS, 60, line_grey=235)
    band = page[200:262, 120 : 120 + sum(WIDTHS) + 2]
    band[band == 255] = 215  # the paper of the band, not its print nor its rules
    return _scanned(page)


def test_a_shaded_header_band_ends_at_a_rule():
    gray = _shaded_header_table()
    found = faint_rules(gray, DPI) > 0
    xs = np.cumsum([120] + WIDTHS)
    band_foot = found[262 - 5 : 262 + 6, xs[0] + 10 : xs[-1] - 10].any(axis=0).mean()
    assert band_foot > 0.8
    page = CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0)
    [table] = find_tables(page, 1, DPI, TableConfig()).tables
    assert table.n_rows == len(TEXTS)  # the header row stays a row of its own


def test_rules_are_faint_where_those_the_ink_shows_are_a_few_grey_levels_darker_than_the_paper():
    cells = [SpecCell(r, c, text) for r, row in enumerate(TEXTS) for c, text in enumerate(row)]
    for line_grey, faint in ((0, False), (150, False), (200, True)):
        gray = _scanned(draw_table(cells, WIDTHS, 60, line_grey=line_grey))
        ink = ink_mask(gray, DPI)
        assert rules_are_faint(gray, ink, rule_masks(ink, TableConfig())) is faint
    blank = _scanned(np.full((600, 800), 255, np.uint8))
    ink = ink_mask(blank, DPI)
    assert not rules_are_faint(blank, ink, rule_masks(ink, TableConfig()))  # no rule to tell by


def test_prose_makes_no_faint_rule():
    from PIL import Image, ImageDraw

    image = Image.new("L", (1654, 1200), 255)
    draw = ImageDraw.Draw(image)
    for line in range(20):  # lines of characters, their strokes level with each other along each line
        draw.text((120, 100 + 50 * line), "一二三上下工王主三二一" * 4, font=cjk_font(28), fill=0)
    found = faint_rules(_scanned(np.array(image)), DPI)
    masks = rule_masks(found, TableConfig())
    assert not masks.horizontal.any() and not masks.vertical.any()


def test_only_a_page_with_cells_of_text_is_searched_for_faint_rules(monkeypatch):
    """A closing page of prose has no table to find: it is not searched (about 0.1 s a page)."""
    from PIL import Image, ImageDraw

    import nianbao.table as table_stage

    searched = []
    real = table_stage.faint_rules
    monkeypatch.setattr(
        table_stage, "faint_rules", lambda gray, dpi, margin=0: searched.append(1) or real(gray, dpi, margin)
    )
    image = Image.new("L", (1654, 1200), 255)
    draw = ImageDraw.Draw(image)
    for line in range(12):
        draw.text(
            (160, 100 + 60 * line),
            "本机关严格落实政府信息公开工作要求，持续深化政务公开。" * 2,
            font=cjk_font(28),
            fill=0,
        )
    prose = _scanned(np.array(image))
    assert find_tables(CleanPage(prose, prose, ink_mask(prose, DPI), 0, 0.0), 1, DPI, TableConfig()).tables == []
    assert searched == []
    gray = _faint_table()
    find_tables(CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0), 1, DPI, TableConfig())
    assert searched == [1]


def test_a_faint_rule_printed_broken_is_bridged_and_runs_no_further():
    """A light grey rule broken every 110 px by a gap of 24 (a worn print, noise): each gap between two
    stretches of it that still stands out a little is filled; nothing is added beyond the table's sides."""
    cells = [SpecCell(r, c, text) for r, row in enumerate(TEXTS) for c, text in enumerate(row)]
    page = draw_table(cells, WIDTHS, 60, line_grey=244)
    xs = np.cumsum([120] + WIDTHS)
    rows = [200 + 60 * r for r in range(len(TEXTS) + 1)]
    for y in rows:
        for x in range(xs[0] + 40, xs[-1] - 40, 110):
            page[y - 2 : y + 4, x : x + 24] = 255
    found = faint_rules(_scanned(page), DPI) > 0
    for y in rows[1:-1]:  # the rules between rows (the table's top and foot lie beside its print)
        assert found[y - 3 : y + 4, xs[0] + 10 : xs[-1] - 10].any(axis=0).mean() > 0.99
    for y in rows:
        assert not found[y - 3 : y + 4, : xs[0] - 15].any() and not found[y - 3 : y + 4, xs[-1] + 15 :].any()


def test_a_faint_rule_paler_along_a_stretch_is_bridged_and_one_that_stops_is_not():
    """Two rules at 244 on white (9 levels darker than the grey paper). One is printed paler still (250,
    4 levels) along 90 pixels, more than a run: it is bridged. The other stops for 90 pixels, as at a
    merged cell: nothing is drawn there."""
    page = np.full((600, 1200), 255, np.uint8)
    page[200:202, 100:1100] = page[400:402, 100:1100] = 244
    page[200:202, 500:590] = 250
    page[400:402, 500:590] = 255
    found = faint_rules(_scanned(page), DPI) > 0
    assert found[196:206, 510:580].any(axis=0).mean() > 0.95
    assert not found[396:406, 515:575].any()


def test_the_rules_inside_a_shaded_band_paler_than_its_shade_are_found():
    """The header band's own column rules are paler than its shade: lighter than both their sides there."""
    found = faint_rules(_shaded_header_table(), DPI) > 0
    for x in np.cumsum([120] + WIDTHS)[1:-1]:
        assert found[208:254, x - 3 : x + 4].any(axis=1).mean() > 0.9


def test_a_pale_streak_where_the_light_fell_off_is_no_rule():
    """Paper darkened gradually by uneven light is no shaded band: a pale streak across it is no rule."""
    page = np.full((1200, 1654), 224.0, np.float32) * np.linspace(1.0, 0.8, 1654)[None, :]
    page[100:1100, 1300:1302] += 10
    gray = np.clip(page + np.random.default_rng(3).normal(0, 7, page.shape), 0, 255).astype(np.uint8)
    assert not faint_rules(gray, DPI).any()


def test_a_lone_short_piece_of_a_faint_column_rule_ending_inside_a_row_is_noise():
    """Faint seeds 6702, 6703 (150 dpi): noise lined up beside a column of 0s left one faint piece 50-64
    pixels long, alone on its line, ending inside a row and hugging the 0, and it split the merged cell
    the 0 stood in."""
    faint = np.zeros((1000, 900), np.uint8)
    faint[100:160, 300:302] = 255  # a rule broken into pieces along one line
    faint[400:460, 301:303] = 255
    faint[515:565, 500:502] = 255  # alone on its line, ending inside the row 500-600
    faint[500:600, 600:602] = 255  # alone on its line, but spanning the row from rule to rule
    faint[200:500, 700:702] = 255  # long enough to be a rule of its own
    faint[600:660, 801:803] = 255  # short, but on the line of a rule the ink shows
    horizontal = np.zeros_like(faint)
    horizontal[499:501, :] = 255
    horizontal[599:601, :] = 255
    vertical = np.zeros_like(faint)
    vertical[100:900, 800:802] = 255
    ink = faint.copy()
    ink[515:565, 505:515] = 255  # a 0 beside the lone piece
    ink[500:600, 605:615] = 255  # print beside the piece spanning its row
    clear = without_lone_short_columns(faint, RuleMasks(horizontal, vertical), faint, 200.0)
    assert clear[:, 495:505].any()  # no print beside it: kept
    kept = without_lone_short_columns(faint, RuleMasks(horizontal, vertical), ink, 200.0)
    assert kept[:, 300:303].any() and kept[:, 600:602].any() and kept[:, 700:702].any() and kept[:, 801:803].any()
    assert not kept[:, 495:505].any()


def test_short_faint_row_pieces_alone_on_their_line_and_short_of_the_column_rules_are_dropped():
    """Faint seed 9006 (JPEG at 150 dpi): runs of noise 48-50 pixels long, each alone on its line and ending
    inside a cell, split a row of table 三 in two under two of its columns."""
    faint = np.zeros((900, 1000), np.uint8)
    faint[300:302, 100:160] = 255  # a rule broken into pieces along one line
    faint[301:303, 400:460] = 255
    faint[500:502, 515:565] = 255  # alone on its line, ending inside the cell 500-600
    faint[600:602, 600:700] = 255  # alone on its line, but spanning the cell from rule to rule
    faint[700:702, 200:500] = 255  # long enough to be a rule of its own
    faint[801:803, 600:660] = 255  # short, but on the line of a rule the ink shows
    horizontal = np.zeros_like(faint)
    horizontal[800:802, :] = 255
    vertical = np.zeros_like(faint)
    vertical[:, 499:501] = 255
    vertical[:, 599:601] = 255
    vertical[:, 699:701] = 255
    kept = without_lone_short_rows(faint, RuleMasks(horizontal, vertical), 200.0)
    assert kept[300:303].any() and kept[600:602].any() and kept[700:702].any() and kept[801:803].any()
    assert not kept[495:505].any()
