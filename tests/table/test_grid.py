"""The grid is rebuilt from rules alone: spans, faint rules and skew residue, no OCR involved."""

import cv2
import numpy as np
import pytest

from nianbao.config import TableConfig
from nianbao.preprocess.geometry import ink_mask
from nianbao.table.grid import RuleRemains, build_grid
from nianbao.table.lines import RuleMasks, rule_masks, thin_pieces
from nianbao.table.regions import table_regions
from tests.fixtures.pages import SpecCell, draw_table

LAYOUT = (
    [
        SpecCell(0, 0, "（本列数据的勾稽关系）", 3, 3),
        SpecCell(0, 3, "申请人情况", 1, 4),
        SpecCell(1, 3, "自然人", 2, 1),
        SpecCell(1, 4, "法人或其他组织", 1, 2),
        SpecCell(1, 6, "总计", 2, 1),
        SpecCell(2, 4, "商业企业"),
        SpecCell(2, 5, "其他"),
        SpecCell(3, 0, "一、本年新收", 1, 3),
        SpecCell(4, 0, "三\n、\n本", 6, 1),
        SpecCell(4, 1, "（三）不予公开", 4, 1),
    ]
    + [SpecCell(r, 2, f"{r - 3}.项") for r in range(4, 8)]
    + [SpecCell(8, 1, "（四）", 2, 2)]
)
LAYOUT += [SpecCell(r, c, "0") for r in range(3, 10) for c in range(3, 7)]


def _grid(image, dpi=200):
    ink = ink_mask(image, dpi)
    masks = rule_masks(ink, TableConfig())
    ((x0, y0, x1, y1),) = table_regions(masks, TableConfig())
    area = np.s_[y0:y1, x0:x1]
    remains = RuleRemains(*thin_pieces(ink, (x0, y0, x1, y1)), ink[area])
    return build_grid(masks.horizontal[area], masks.vertical[area], dpi / 30, remains)


def _spans(grid):
    return {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}


@pytest.mark.parametrize("line_grey", [0, 170])
def test_merged_cells_are_rebuilt(line_grey):
    image = draw_table(LAYOUT, [60, 160, 200, 110, 110, 110, 110], 56, line_grey=line_grey)
    grid = _grid(image)
    assert (grid.n_rows, grid.n_cols) == (10, 7)
    assert _spans(grid) == {(c.row, c.col): (c.rowspan, c.colspan) for c in LAYOUT}


def test_shaded_header_and_noise_do_not_break_the_grid():
    image = draw_table(LAYOUT, [60, 160, 200, 110, 110, 110, 110], 56).astype(np.int16)
    image[200 : 200 + 3 * 56, 120:970] -= 40  # grey header band
    rng = np.random.default_rng(0)
    image += rng.normal(0, 12, image.shape).astype(np.int16)
    grid = _grid(np.clip(image, 0, 255).astype(np.uint8))
    assert _spans(grid) == {(c.row, c.col): (c.rowspan, c.colspan) for c in LAYOUT}


WIDTHS = [60, 160, 200, 110, 110, 110, 110]
ROW_HEIGHT = 56
ORIGIN = (120, 200)


def _rule_positions():
    xs = list(np.cumsum([ORIGIN[0]] + WIDTHS))
    ys = [ORIGIN[1] + r * ROW_HEIGHT for r in range(11)]
    return xs, ys


def test_rules_broken_into_dashes_still_separate_their_cells():
    """A faint rule a fax broke into dashes over the label columns: the rows there stay apart, and the
    merged label cells, whose text crosses those lines, stay merged."""
    image = draw_table(LAYOUT, WIDTHS, ROW_HEIGHT, origin=ORIGIN)
    xs, ys = _rule_positions()
    gaps = (np.arange(image.shape[1]) // 9) % 5 < 2  # 18-px gaps every 45 px
    for y in ys:
        band = image[y - 1 : y + 3, : xs[3] - 3]
        band[:, gaps[: xs[3] - 3]] = 255
    grid = _grid(image)
    assert _spans(grid) == {(c.row, c.col): (c.rowspan, c.colspan) for c in LAYOUT}


def test_a_table_whose_rules_are_cut_across_is_one_table():
    image = draw_table(LAYOUT, WIDTHS, ROW_HEIGHT, origin=ORIGIN)
    xs, ys = _rule_positions()
    for y in ys:
        image[y - 1 : y + 3, xs[3] - 40 : xs[3] - 10] = 255  # every rule broken at the same place
    grid = _grid(image)
    assert (grid.n_rows, grid.n_cols) == (10, 7)


def test_a_page_edge_beside_a_table_is_not_joined_to_it():
    """A scanned page's dark edge beside a table, broken into pieces as the table's own rules can be, is no
    column of it: it runs on above and below the table."""
    image = draw_table(LAYOUT, WIDTHS, ROW_HEIGHT, origin=ORIGIN)
    for top in range(50, image.shape[0] - 200, 200):
        image[top : top + 150, 20:26] = 0
    masks = rule_masks(ink_mask(image, 200), TableConfig())
    assert [box[0] for box in table_regions(masks, TableConfig())] == [ORIGIN[0] - 2]


def test_column_rules_that_lean_while_the_row_rules_stay_level_still_part_every_row():
    """A photographed sheet whose perspective was not all undone (photo seed 5204): its column rules lean
    12 pixels either way of their middles, further than a rule's tolerance, and its row rules are level.
    The header's and the first rows' cells are not merged across the columns."""
    image = draw_table(LAYOUT, [60, 160, 200, 110, 110, 110, 110], 56)
    middle = 200 + 5 * 56
    lean = 12 / (5 * 56)  # the column rules' shift per row of pixels from the table's middle
    sheared = cv2.warpAffine(image, np.float32([[1, lean, -lean * middle], [0, 1, 0]]), image.shape[::-1],
                             borderValue=255)  # fmt: skip
    grid = _grid(sheared)
    assert (grid.n_rows, grid.n_cols) == (10, 7)
    assert _spans(grid) == {(c.row, c.col): (c.rowspan, c.colspan) for c in LAYOUT}


def test_a_right_frame_leaning_past_its_foot_adds_no_column_beside_it():
    """Photo seed 5607: a sheet whose perspective was not all undone leant table 三's right frame 55 pixels
    from its top to its foot, and the rows' rules at the top reached past where the frame stood lower
    down. A column of no cells beside 总计 took its header over both."""
    xs, ys = [0, 200, 300, 400], list(range(0, 1201, 60))
    frame_top, frame_foot = 560, 505  # the right frame's x at the table's top and foot
    masks = _network_masks([], [(x, 0, 1202) for x in xs], shape=(1210, 600))
    for y in ys:
        masks.horizontal[y : y + 2, : frame_top + (frame_foot - frame_top) * y // 1200] = 255
    cv2.line(masks.vertical, (frame_top, 0), (frame_foot, 1201), 255, 3)
    no_pieces = np.zeros_like(masks.vertical)
    remains = RuleRemains(no_pieces, no_pieces, masks.horizontal | masks.vertical)
    grid = build_grid(masks.horizontal, masks.vertical, tolerance=6.7, remains=remains)
    assert grid.n_cols == 4 and len({cell.colspan for cell in grid.cells}) == 1


def test_no_rules_means_no_grid():
    empty = np.zeros((100, 100), np.uint8)
    assert build_grid(empty, empty) is None


def _network_masks(horizontals, verticals, shape=(800, 1654)):
    """Rule masks holding the given strokes: (y, x0, x1) across, (x, y0, y1) down."""
    horizontal, vertical = np.zeros(shape, np.uint8), np.zeros(shape, np.uint8)
    for y, x0, x1 in horizontals:
        horizontal[y : y + 2, x0:x1] = 255
    for x, y0, y1 in verticals:
        vertical[y0:y1, x : x + 2] = 255
    return RuleMasks(horizontal, vertical)


def test_a_narrow_framed_table_is_a_table_and_a_titles_strokes_are_not():
    # Table 二 of four narrow columns may span a quarter of the page; a large bold title's strokes are long
    # enough to be taken for rules too, and make a network as wide, but none runs across it.
    ys, xs = [100, 160, 220, 280], [300, 390, 480, 570, 660]
    table = _network_masks([(y, xs[0], xs[-1] + 2) for y in ys], [(x, ys[0], ys[-1] + 2) for x in xs])
    ((x0, _, x1, _),) = table_regions(table, TableConfig())
    assert abs(x0 - xs[0]) <= 2 and abs(x1 - xs[-1]) <= 4
    strokes = [(100, 300, 360), (100, 420, 480), (140, 330, 400), (140, 470, 560), (180, 360, 420)]
    title = _network_masks(strokes, [(358, 98, 182), (418, 98, 182), (470, 98, 142), (330, 100, 142)])
    assert table_regions(title, TableConfig()) == []


def test_a_table_whose_label_columns_rules_a_fax_printed_as_dashes_is_one_table():
    """Left of its value columns, every rule of a fax's table 三 was dashes, each piece its own network,
    and its left side with the stubs of its row rules another, too far from the rest to line up with it."""
    ys, values = [200, 280, 360, 440, 520], [726, 862, 1000, 1140, 1280, 1420]
    solid = [(y, values[0], values[-1] + 2) for y in ys]
    stubs = [(y, 178, 300) for y in ys]
    dashes = [(y, x, x + 70) for y in ys for x in range(310, 660, 85)]
    masks = _network_masks(solid + stubs + dashes, [(x, ys[0], ys[-1] + 2) for x in [178, *values]])
    ((x0, _, x1, _),) = table_regions(masks, TableConfig())
    assert abs(x0 - 178) <= 2 and abs(x1 - values[-1]) <= 4
    masks = _network_masks(solid + stubs, [(x, ys[0], ys[-1] + 2) for x in [178, *values]])
    ((x0, _, _, _),) = table_regions(masks, TableConfig())
    assert abs(x0 - values[0]) <= 2  # no dashes between: too far apart to be one table


def test_a_frame_drawn_around_the_cells_own_rules_is_one_edge():
    image = draw_table(LAYOUT, [60, 160, 200, 110, 110, 110, 110], 56)
    # A web page's table border, two millimetres outside its cells' borders (cellspacing).
    x0, y0, x1, y1 = 120 - 16, 200 - 16, 120 + 860 + 16, 200 + 10 * 56 + 16
    image[y0 : y0 + 2, x0:x1] = image[y1 - 2 : y1, x0:x1] = 0
    image[y0:y1, x0 : x0 + 2] = image[y0:y1, x1 - 2 : x1] = 0
    grid = _grid(image)
    assert (grid.n_rows, grid.n_cols) == (10, 7)
    assert _spans(grid) == {(c.row, c.col): (c.rowspan, c.colspan) for c in LAYOUT}


def test_an_edge_drawn_three_times_is_one_edge():
    """The cells' own border, a shaded band's edge 8 pixels outside it and a frame 16 outside: no sliver
    of a row or column between them."""
    image = draw_table(LAYOUT, [60, 160, 200, 110, 110, 110, 110], 56)
    for out in (8, 16):
        x0, y0, x1, y1 = 120 - out, 200 - out, 120 + 860 + out, 200 + 10 * 56 + out
        image[y0 : y0 + 2, x0:x1] = image[y1 - 2 : y1, x0:x1] = 0
        image[y0:y1, x0 : x0 + 2] = image[y0:y1, x1 - 2 : x1] = 0
    grid = _grid(image)
    assert (grid.n_rows, grid.n_cols) == (10, 7)


def test_an_inner_rule_found_twice_bounds_no_row_or_column():
    """A rule inside the table doubled 7 pixels below (a faint rule and its shade's edge) and a column
    rule doubled 7 pixels right: no empty sliver of a row or column between them."""
    image = draw_table(LAYOUT, [60, 160, 200, 110, 110, 110, 110], 56)
    y, x = 200 + 3 * 56 + 7, 120 + 60 + 160 + 200 + 7
    image[y : y + 2, 120 : 120 + 860] = 0
    image[200 + 3 * 56 : 200 + 10 * 56, x : x + 2] = 0
    grid = _grid(image)
    assert (grid.n_rows, grid.n_cols) == (10, 7)
    assert _spans(grid) == {(c.row, c.col): (c.rowspan, c.colspan) for c in LAYOUT}


def test_paper_beside_the_table_up_to_a_page_edge_is_no_column():
    """A photographed sheet's edge runs down beside the table, in its region: the blank paper between is
    no column. A side column holding print, its row rules lost, stays."""
    horizontal, vertical = np.zeros((300, 700), np.uint8), np.zeros((300, 700), np.uint8)
    for y in (100, 150, 200):
        horizontal[y : y + 2, 100:502] = 255
    for x in (100, 300, 500):
        vertical[100:202, x : x + 2] = 255
    vertical[40:280, 640:642] = 255  # the sheet's edge
    blank = RuleRemains(np.zeros_like(vertical), np.zeros_like(vertical), np.zeros_like(vertical))
    grid = build_grid(horizontal, vertical, 6.0, blank)
    assert grid is not None and grid.n_cols == 2
    printed = blank.ink.copy()
    printed[110:140, 560:600] = 255  # a column of numbers
    grid = build_grid(horizontal, vertical, 6.0, RuleRemains(blank.horizontal, blank.vertical, printed))
    assert grid is not None and grid.n_cols == 3


def test_a_fold_s_shadow_run_on_from_the_table_s_top_rule_adds_no_column():
    """A fold's shadow runs on from table 二's top rule to the page's edge: one row's rule reaching past
    the last column rule makes no empty column beside the table. An empty column that the rules of two
    rows reach into is the table's (its frame). The shadow is ink as well as a rule, and no print: folded
    8808_001 (its top rule) and 9312_000 (a row's rule, the shadow 20 pixels from the frame)."""
    horizontal, vertical = np.zeros((300, 700), np.uint8), np.zeros((300, 700), np.uint8)
    for y in (100, 150, 200):
        horizontal[y : y + 2, 100:502] = 255
    for x in (100, 300, 500):
        vertical[100:202, x : x + 2] = 255
    for shadow in (np.s_[100:102, 100:660], np.s_[150:152, 520:700]):
        horizontal_with, ink = horizontal.copy(), np.zeros_like(vertical)
        horizontal_with[shadow] = ink[shadow] = 255
        grid = build_grid(horizontal_with, vertical, 6.0, RuleRemains(np.zeros_like(ink), np.zeros_like(ink), ink))
        assert grid is not None and grid.n_cols == 2
    horizontal[100:102, 100:660] = horizontal[200:202, 100:660] = 255
    blank = RuleRemains(np.zeros_like(vertical), np.zeros_like(vertical), np.zeros_like(vertical))
    grid = build_grid(horizontal, vertical, 6.0, blank)
    assert grid is not None and grid.n_cols == 3


def test_a_bold_stroke_of_print_inside_a_cell_adds_no_row():
    image = draw_table(LAYOUT, [60, 160, 200, 110, 110, 110, 110], 56)
    image[200 + 56 + 24 : 200 + 56 + 29, 420:480] = 0  # the bold 一 of 上一年, as long as a short rule
    image[200 + 6 * 56 + 30 : 200 + 6 * 56 + 35, 548:608] = 0  # one where the cell's text starts, 8 px in
    grid = _grid(image)
    assert (grid.n_rows, grid.n_cols) == (10, 7)
    assert _spans(grid) == {(c.row, c.col): (c.rowspan, c.colspan) for c in LAYOUT}


def test_a_rule_found_in_a_piece_an_inch_long_is_a_rule_wherever_it_ends():
    """The rule under row 8's value cells (x 540-980) kept only a piece 212 pixels long (over an inch at 200
    dpi), less than half the table's width, both its ends inside cells away from any column rule: it still
    parts rows 8 and 9 (a stroke of print is never so long)."""
    image = draw_table(LAYOUT, [60, 160, 200, 110, 110, 110, 110], 56)
    y = 200 + 9 * 56
    image[y - 2 : y + 3, 542:979] = 255
    image[y - 1 : y + 1, 560:772] = 0
    spans = _spans(_grid(image))
    assert spans[(8, 3)] == spans[(9, 3)] == spans[(8, 4)] == spans[(9, 4)] == (1, 1)


def _band_and_pieces_below(pieces, drop=55):
    """A header band (two rules across, its sides) and, ``drop`` pixels under it, pieces of the rule
    under a value row whose own rules were lost, with a piece of one column rule between."""
    page = (2339, 1654)  # A4 at 200 dpi
    band = [(1185, 212, 1466), (1388, 212, 1466)]
    sides = [(212, 1185, 1390), (1464, 1185, 1390)]
    below = [(1388 + drop, x0, x1) for x0, x1 in pieces]
    return _network_masks(band + below, [*sides, (1293, 1398, 1388 + drop + 10)], shape=page)


def test_a_last_row_that_kept_only_pieces_of_the_rule_under_it_is_the_table_s():
    pieces = [(280, 520), (560, 736), (794, 994), (1050, 1446)]  # 81% of the band's width
    ((_, y0, _, y1),) = table_regions(_band_and_pieces_below(pieces), TableConfig())
    assert y0 <= 1185 and y1 >= 1388 + 55
    few = [(280, 520), (1050, 1300)]  # 39%: specks of the next line's strokes, or an underline
    ((_, _, _, bottom),) = table_regions(_band_and_pieces_below(few), TableConfig())
    assert bottom < 1400
    far = table_regions(_band_and_pieces_below(pieces, drop=140), TableConfig())  # another table's top
    assert next(box[3] for box in far if box[1] <= 1185) < 1400


def test_the_next_table_s_top_rule_broken_away_from_it_is_no_last_row():
    """Faint seed 5703: table 四's top rule, its column rules lost just under it, is a network of its own
    58 pixels under table 三 (its heading between), and the rest of table 四 begins 18 pixels under it.
    That rule is table 四's, and table 三 does not grow down to it (the two were one table of 21 columns)."""
    band = [(1185, 212, 1466), (1388, 212, 1466)]
    sides = [(212, 1185, 1390), (1464, 1185, 1390)]
    next_top, body = 1388 + 58, 1388 + 58 + 18
    rules = band + [(next_top, 212, 1466)] + [(body + 60 * i, 212, 1466) for i in range(3)]
    columns = sides + [(x, body, body + 122) for x in (212, 800, 1464)]
    masks = _network_masks(rules, columns, shape=(2339, 1654))
    first = next(box for box in table_regions(masks, TableConfig()) if box[1] <= 1185)
    assert first[3] < 1400


def test_the_next_table_s_top_rule_its_sides_reach_up_to_is_no_last_row():
    """Faint seed 6203: table 四's top rule, broken short of its sides, is pieces of their own 86 pixels
    under table 三's last rule (its heading between); table 四's sides reach up to that rule, but its first
    whole rule is a row lower. Those pieces are table 四's top rule, and table 三 does not grow down to
    them (the two were one table)."""
    band = [(1185, 212, 1466), (1388, 212, 1466)]
    sides = [(212, 1185, 1410), (1464, 1185, 1410)]  # stubs reaching 20 pixels below the last rule
    next_top, body = 1388 + 86, 1388 + 86 + 55
    rules = band + [(next_top, 240, 740), (next_top, 880, 1470)] + [(body + 60 * i, 222, 1492) for i in range(3)]
    columns = sides + [(x, next_top, body + 122) for x in (222, 1490)] + [(800, body, body + 122)]
    masks = _network_masks(rules, columns, shape=(2339, 1654))
    first = next(box for box in table_regions(masks, TableConfig()) if box[1] <= 1185)
    assert first[3] < next_top - 20


def test_only_one_last_row_is_gathered_from_pieces_of_rules():
    """Rows of pieces one under another (a table whose column rules were all lost, lines of text
    between rules) are not gathered one by one: a table grows by one such row at most."""
    pieces = [(280, 520), (560, 736), (794, 994), (1050, 1446)]
    masks = _band_and_pieces_below(pieces)
    second = _band_and_pieces_below(pieces, drop=110)  # another row of pieces under the first
    masks = RuleMasks(masks.horizontal | second.horizontal, masks.vertical)
    ((_, _, _, bottom),) = [box for box in table_regions(masks, TableConfig()) if box[1] <= 1185]
    assert 1388 + 55 <= bottom < 1388 + 110


def test_pieces_of_a_faint_table_one_above_the_other_that_overlap_are_one_table():
    """A faint table's rules broken across, its pieces' column rules reaching past each other's first and
    last rows: tables do not interleave, so pieces overlapping across most of their width and along part
    of their height are one table. Tables one above the other that do not overlap stay two."""
    top = [(y, 200, 1402) for y in range(100, 401, 50)], [(x, 100, 600) for x in (200, 600, 1000, 1400)]
    bottom = [(y, 300, 1302) for y in range(650, 901, 50)], [(x, 450, 902) for x in (400, 800, 1200)]
    masks = _network_masks(top[0] + bottom[0], top[1] + bottom[1], shape=(1000, 1654))
    ((_, y0, _, y1),) = table_regions(masks, TableConfig())
    assert y0 <= 100 and y1 >= 900
    apart = [(x, 620, 902) for x in (400, 800, 1200)]  # the lower table's column rules start below the upper
    masks = _network_masks(top[0] + bottom[0], top[1] + apart, shape=(1000, 1654))
    assert len(table_regions(masks, TableConfig())) == 2


def test_slots_joined_into_no_rectangle_make_cells_that_do_not_overlap():
    """Rules lost in part around three slots leave them joined in an L (the top-left slot with the one
    right of it and the one under it): printed merged cells are rectangles, so such a group is a cell per
    row, and no two cells cover the same slot (words would be read into both)."""
    ys, xs = [0, 60, 120, 180], [0, 100, 200, 300]
    horizontals = [(y, 0, 302) for y in (0, 180)] + [(60, 100, 302), (120, 0, 302)]
    verticals = [(x, 0, 182) for x in (0, 300)] + [(100, 60, 182), (200, 0, 182)]
    masks = _network_masks(horizontals, verticals, shape=(190, 310))
    grid = build_grid(masks.horizontal, masks.vertical, tolerance=6.0)
    covered = [
        (r, c)
        for cell in grid.cells
        for r in range(cell.row, cell.row + cell.rowspan)
        for c in range(cell.col, cell.col + cell.colspan)
    ]
    assert sorted(covered) == sorted({(r, c) for r in range(3) for c in range(3)})
    assert _spans(grid)[(0, 0)] == (1, 2) and _spans(grid)[(1, 0)] == (1, 1)
    assert (len(ys), len(xs)) == (len(grid.ys), len(grid.xs))


def test_a_stroke_across_one_cell_just_above_its_row_s_rule_is_no_row_of_its_own():
    """Faint seed 5405: a stroke across one cell 20 pixels above the rule under its row made a row too
    thin for text, and every other cell of the row was merged down over it. A thin row whose rule runs
    across most columns (a rule found twice lies closer still) stays one."""
    xs, ys = [0, 200, 300, 400, 500], [0, 60, 120, 180]
    verticals = [(x, 0, 182) for x in xs]
    horizontals = [(y, 0, 502) for y in ys]
    masks = _network_masks([*horizontals, (100, 300, 400)], verticals, shape=(190, 510))
    grid = build_grid(masks.horizontal, masks.vertical, tolerance=6.0)
    assert grid.n_rows == 3 and set(_spans(grid).values()) == {(1, 1)}
    masks = _network_masks([*horizontals, (100, 0, 502)], verticals, shape=(190, 510))
    assert build_grid(masks.horizontal, masks.vertical, tolerance=6.0).n_rows == 4


def test_a_stroke_across_one_cell_of_a_wide_row_is_no_row_rule_however_tall_the_parts():
    """Faint seed 7406: a speck along half of one 自然人 cell, 55 pixels under its row's top, split that
    cell alone of a row of ten, and the row's other cells were merged over both parts and left unmapped.
    Across two cells it is a rule; and across one of a row of four (table 二's, faint seed 6706: a faint
    rule found under one cell alone)."""
    xs, ys = [0, 200, 300, 400, 500, 600, 700], [0, 120, 240]
    verticals = [(x, 0, 242) for x in xs]
    horizontals = [(y, 0, 702) for y in ys]
    masks = _network_masks([*horizontals, (55, 200, 300)], verticals, shape=(250, 710))
    grid = build_grid(masks.horizontal, masks.vertical, tolerance=6.0)
    assert grid.n_rows == 2 and set(_spans(grid).values()) == {(1, 1)}
    masks = _network_masks([*horizontals, (55, 0, 200), (55, 200, 300)], verticals, shape=(250, 710))
    assert build_grid(masks.horizontal, masks.vertical, tolerance=6.0).n_rows == 3
    narrow = [(x, 0, 242) for x in xs[:5]]
    masks = _network_masks([(y, 0, 502) for y in ys] + [(55, 200, 300)], narrow, shape=(250, 510))
    assert build_grid(masks.horizontal, masks.vertical, tolerance=6.0).n_rows == 3


def test_a_short_stroke_beyond_the_frame_adds_no_column():
    """Faint seed 5503: a page's edge left short strokes 180 pixels right of table 二's frame, in the
    table's region; the table ended there, and a column of noise read as dashes broke its section rows."""
    xs, ys = [0, 200, 300, 400, 500], [0, 60, 120, 180]
    verticals = [(x, 0, 182) for x in xs]
    horizontals = [(y, 0, 502) for y in ys] + [(90, 640, 680), (150, 650, 680)]
    masks = _network_masks(horizontals, verticals, shape=(190, 690))
    grid = build_grid(masks.horizontal, masks.vertical, tolerance=6.0)
    assert grid.n_cols == 4 and grid.xs[-1] <= 502


def test_a_rule_printed_all_along_as_dashes_parts_its_rows():
    """A fax printed a row's rule as dashes 60-80 pixels long and 30-50 apart, none of them reaching a
    column rule: the dashes are one rule, and rows 8 and 9 stay apart."""
    image = draw_table(LAYOUT, [60, 160, 200, 110, 110, 110, 110], 56)
    y = 200 + 9 * 56
    image[y - 2 : y + 3, 123:978] = 255
    dashes = [(135, 195), (230, 310), (360, 430), (460, 525), (560, 630), (670, 740), (780, 850), (890, 960)]
    for x0, x1 in dashes:  # each end 15-40 pixels from the column rules (x 120, 180, 340, 540 ...)
        image[y - 1 : y + 2, x0:x1] = 0
    spans = _spans(_grid(image))
    assert spans[(8, 3)] == spans[(9, 3)] == spans[(8, 4)] == spans[(9, 4)] == (1, 1)


def test_strokes_of_print_far_apart_on_one_line_are_no_rule():
    image = draw_table(LAYOUT, [60, 160, 200, 110, 110, 110, 110], 56)
    y = 200 + 6 * 56 + 30
    for x in (420, 640, 860):  # bold strokes in three cells of one row, 160 pixels apart
        image[y : y + 5, x : x + 60] = 0
    grid = _grid(image)
    assert (grid.n_rows, grid.n_cols) == (10, 7)


def test_a_value_centred_on_the_edge_between_the_columns_of_its_merged_cell_does_not_cut_it():
    """A value printed across two columns of one row stands on the edge between them: its 0's sides in
    that edge's band, with specks of noise above and below, are print, not what is left of a rule."""
    layout = [SpecCell(0, 0, "信息内容"), SpecCell(0, 1, "上一年项目数量"), SpecCell(0, 2, "本年增/减")]
    layout += [SpecCell(0, 3, "金额"), SpecCell(1, 0, "行政强制"), SpecCell(1, 1, "150"), SpecCell(1, 2, "-3")]
    layout += [SpecCell(1, 3, "0"), SpecCell(2, 0, "政府集中采购"), SpecCell(2, 1, "0"), SpecCell(2, 2, "", 1, 2)]
    widths, row_height = [320, 260, 260, 260], 56
    image = draw_table(layout, widths, row_height)
    edge, top = 120 + 320 + 260 + 260, 200 + 2 * row_height
    cv2.ellipse(image, (edge, top + 28), (4, 11), 0, 0, 360, 0, 2)  # the merged cell's 0, 10 pixels wide
    for y in (top + 10, top + row_height - 10):  # specks of noise along the edge, above and below it
        image[y : y + 3, edge : edge + 3] = 0
    assert _spans(_grid(image))[(2, 2)] == (1, 2)


def test_two_rows_that_kept_only_the_rule_between_them_are_framed_by_their_column_rules():
    """Table 三's last two rows carried over to the top of a fax page, the rules above and below them lost
    and the rule between them broken short of the last two columns (fax set 4014)."""
    columns = [190, 280, 780, 880, 980, 1080, 1180, 1280, 1380, 1480]
    rule = [(250, 190, 1290)]
    masks = _network_masks(rule, [(x, 200, 300) for x in columns], shape=(2339, 1654))
    ((x0, y0, x1, y1),) = table_regions(masks, TableConfig())
    assert abs(x0 - 190) <= 2 and abs(x1 - 1482) <= 4 and abs(y0 - 200) <= 2 and abs(y1 - 300) <= 2
    area = np.s_[y0:y1, x0:x1]
    grid = build_grid(masks.horizontal[area], masks.vertical[area], 200 / 30)
    assert grid is not None and grid.n_rows == 2 and grid.n_cols == len(columns) - 1
    # column rules that stop short of a row's height above or below the rule frame no row
    short = _network_masks(rule, [(x, 235, 300) for x in columns], shape=(2339, 1654))
    assert table_regions(short, TableConfig()) == []
    two = _network_masks(rule, [(x, 200, 300 if x < 300 else 262) for x in columns], shape=(2339, 1654))
    assert table_regions(two, TableConfig()) == []


def test_pieces_of_a_faint_table_one_under_another_as_wide_are_one_table_and_tables_apart_are_not():
    """A faint table's shaded bands kept their edges and the rows between them lost most of their rules:
    each band with the rows beside it is a network of its own, a few pixels from the next (faint set 5206)."""
    xs = [180, 580, 890, 1200, 1500]

    def piece(top, bottom, left=180, right=1500):
        rules = [(top, left, right + 2), (top + 60, left, right + 2), (bottom, left, right + 2)]
        return rules, [(x, top, bottom + 2) for x in xs if left <= x <= right]

    def masks(*pieces):
        return _network_masks(
            [rule for rules, _ in pieces for rule in rules],
            [column for _, columns in pieces for column in columns],
            shape=(2339, 1654),
        )

    ((_, y0, _, y1),) = table_regions(masks(piece(1000, 1200), piece(1210, 1400)), TableConfig())
    assert abs(y0 - 1000) <= 2 and abs(y1 - 1402) <= 4
    apart = table_regions(masks(piece(1000, 1200), piece(1300, 1500)), TableConfig())  # a title between
    assert len(apart) == 2
    narrower = table_regions(masks(piece(1000, 1200), piece(1210, 1400, right=1200)), TableConfig())
    assert len(narrower) == 2
    # Faint seed 7507: a faint stroke down from table 三's last rule, 38 pixels past it, brought it within a
    # title's height of table 四 under their heading; where the table's rules reach is measured, not it.
    upper, lower = piece(1000, 1200), piece(1262, 1400)
    stray = ([], [(472, 1186, 1238)])
    assert len(table_regions(masks(upper, stray, lower), TableConfig())) == 2
    assert len(table_regions(masks(upper, lower), TableConfig())) == 2
    reaching = ([], [(x, 1186, 1238) for x in (472, 900)])  # two column rules reaching down: the table's
    assert len(table_regions(masks(upper, reaching, lower), TableConfig())) == 1
