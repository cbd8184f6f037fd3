"""Rules eaten by noise into dots: found as thin lines dense in ink, and used where they widen a table."""

from itertools import cycle

import numpy as np
from PIL import Image, ImageDraw

from nianbao.config import TableConfig
from nianbao.preprocess import CleanPage
from nianbao.preprocess.geometry import ink_mask
from nianbao.table import find_tables
from nianbao.table.dotted_rules import dotted_rules
from tests.fixtures.pages import SpecCell, cjk_font, draw_table

DPI = 200
LEFT, TOP, HEIGHT, WIDTH, COLUMNS = 120, 300, 70, 116, 12
WHOLE = (4, 8)  # the columns whose rules the noise left whole
XS = [LEFT + WIDTH * c for c in range(COLUMNS + 1)]
YS = [TOP + HEIGHT * r for r in range(4)]
# Dots 5-20 px long with gaps of 8-20 px between them, ink along 0.47 of a rule, as along noisy 10709_002's
# rules at 200 dpi (0.42-0.47).
DOTS, GAPS = (5, 12, 17, 8, 20, 11, 9), (14, 20, 9, 17, 12, 8)
PROSE = (
    "2020年，我局政府信息公开工作取得了一定成效，但仍存在主动公开时效性、规范性有待提高，公开内容不够丰富，"
    "政策解读形式较为单一等问题。下一步，我们将重点做好以下工作：一是加强组织领导，配齐配强工作人员；二是"
    "加大重点领域信息公开力度，及时回应社会关切；三是加强业务培训，提升政务公开工作质量和水平。本年度无其他"
    "需要报告事项；未产生信息处理费收取情况。"
)


def _table_four() -> np.ndarray:
    """A table of three rows (two of labels, one of values) whose rules are dots but around columns 4-7."""
    cells = [SpecCell(0, c, "结果") for c in range(COLUMNS)]
    cells += [SpecCell(1, c, "维持") for c in range(COLUMNS)]
    cells += [SpecCell(2, c, str(c % 3)) for c in range(COLUMNS)]
    page = draw_table(cells, [WIDTH] * COLUMNS, HEIGHT, origin=(LEFT, TOP))
    whole = range(XS[WHOLE[0]] - 2, XS[WHOLE[1]] + 3)
    for y in YS:
        band = page[y - 1 : y + 3]
        for start, stop in _gaps(LEFT - 2, XS[-1] + 3):
            band[:, [x for x in range(start, stop) if x not in whole]] = 255
    for column, x in enumerate(XS):
        if WHOLE[0] <= column <= WHOLE[1]:
            continue
        for start, stop in _gaps(TOP - 2, YS[-1] + 3):
            page[start:stop, x - 1 : x + 3] = 255
    return page


def _gaps(start: int, stop: int):
    """(from, to) of each gap the noise ate between ``start`` and ``stop``."""
    position = start
    for dot, gap in zip(cycle(DOTS), cycle(GAPS)):
        position += dot
        if position >= stop:
            return
        yield position, min(position + gap, stop)
        position += gap


def _prose(page: np.ndarray, top: int) -> np.ndarray:
    """``page`` with lines of prose from ``top`` down: a CJK page's characters stand in columns."""
    image = Image.fromarray(page)
    draw = ImageDraw.Draw(image)
    for line in range(0, len(PROSE), 40):
        draw.text((160, top + 1.5 * line), PROSE[line : line + 40], font=cjk_font(30), fill=0)
    return np.array(image)


def test_rules_eaten_into_dots_are_found_along_their_lines():
    ink = ink_mask(_table_four(), DPI)
    found = dotted_rules(ink, DPI)
    for y in YS:  # short of the table's ends, where the dots counted along a rule run out
        assert (found.horizontal[y - 3 : y + 5, XS[0] : XS[-1]].max(axis=0) > 0).mean() >= 0.8
    for x in XS:
        assert (found.vertical[YS[0] : YS[-1], x - 4 : x + 6].max(axis=1) > 0).mean() >= 0.5
    assert not found.horizontal[YS[0] + 8 : YS[1] - 8].any()  # the labels inside the cells are no rules
    assert not found.vertical[YS[0] : YS[-1], XS[0] + 10 : XS[1] - 10].any()


def test_a_table_found_by_its_whole_rules_alone_is_widened_to_its_dotted_ones():
    gray = _table_four()
    page = CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0)
    [table] = find_tables(page, 1, DPI, TableConfig()).tables
    assert (table.n_rows, table.n_cols) == (3, COLUMNS)
    assert abs(table.bbox[0] - LEFT) <= 6 and abs(table.bbox[2] - XS[-1]) <= 6


def test_a_narrow_table_with_no_dotted_rules_beside_it_is_left_as_found():
    cells = [SpecCell(r, c, "0") for r in range(3) for c in range(4)]
    gray = _prose(draw_table(cells, [WIDTH] * 4, HEIGHT, origin=(LEFT, TOP)), YS[-1] + 60)
    page = CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0)
    [table] = find_tables(page, 1, DPI, TableConfig()).tables  # no table in the prose below it either
    assert (table.n_rows, table.n_cols) == (3, 4)
    assert abs(table.bbox[0] - LEFT) <= 6 and abs(table.bbox[2] - (LEFT + 4 * WIDTH)) <= 6


def test_a_narrow_table_of_one_row_is_not_looked_beside(monkeypatch):
    """A title's bold strokes make such tables: on 268 sets, 25 pages' narrow tables of one row were."""
    from nianbao.table import dotted_rules as module

    looked = []
    monkeypatch.setattr(module, "dotted_rules", lambda ink, dpi: looked.append(dpi))
    cells = [SpecCell(0, c, "0") for c in range(4)]
    gray = draw_table(cells, [WIDTH] * 4, HEIGHT, origin=(LEFT, TOP))
    [table] = find_tables(CleanPage(gray, gray, ink_mask(gray, DPI), 0, 0.0), 1, DPI, TableConfig()).tables
    assert (table.n_rows, table.n_cols) == (1, 4) and not looked
