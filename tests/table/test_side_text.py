"""A faint table's side moved to the text beside it, where its rules were found only part of the way."""

from nianbao.model import Cell, Table
from nianbao.table.side_text import widened_to_side_text
from nianbao.table.text_blocks import TextBlocks

TEXT = 24
XS = (600, 800, 900, 1000, 1100)  # the grid's column rules as found: a first column, then three of values
YS = (300, 360, 420)


def _table(ys=YS) -> Table:
    """The last rows of table 三 continued on a page, found as a grid from x 600 to 1100."""
    cells = tuple(
        Cell(r, c, 1, 1, (XS[c], ys[r], XS[c + 1], ys[r + 1])) for r in range(len(ys) - 1) for c in range(len(XS) - 1)
    )
    return Table(3, (XS[0], ys[0], XS[-1], ys[-1]), len(ys) - 1, len(XS) - 1, cells)


def _blocks(boxes) -> TextBlocks:
    return TextBlocks(list(boxes), float(TEXT), (1600, 2200))


def _values(x_middles=(850, 950, 1050)):
    return [(x - 10, y, x + 10, y + TEXT) for x in x_middles for y in (318, 378)]


def _sides(table: Table) -> dict[int, tuple[float, float]]:
    return {c.col: (c.bbox[0], c.bbox[2]) for c in table.cells if c.row == 1}


def test_labels_left_of_an_empty_first_column_are_taken_into_it():
    labels = [(260, 318, 380, 318 + TEXT), (200, 378, 520, 378 + TEXT)]  # （七）总计; 四、结转下年度继续办理
    [widened] = widened_to_side_text([_table()], _blocks(labels + _values()))
    assert _sides(widened)[0] == (200 - 0.3 * TEXT, 800)
    assert widened.bbox[0] == 200 - 0.3 * TEXT and _sides(widened)[3] == (1000, 1100)


def test_a_label_cut_through_by_the_first_columns_found_side_takes_the_side_left_of_it():
    labels = [(400, 318, 700, 318 + TEXT), (200, 318, 340, 318 + TEXT)]  # 2. 申请人|逾期未按, and （六）left of it
    [widened] = widened_to_side_text([_table()], _blocks(labels + _values()))
    assert _sides(widened)[0][0] == 200 - 0.3 * TEXT


def test_a_number_running_out_past_the_last_column_takes_the_side_right_of_it():
    values = _values((850, 950)) + [(1095, 318, 1140, 318 + TEXT), (1110, 378, 1125, 378 + TEXT)]  # 115; 3
    labels = [(620, 318, 760, 318 + TEXT), (620, 378, 760, 378 + TEXT)]
    [widened] = widened_to_side_text([_table()], _blocks(labels + values))
    assert _sides(widened)[3] == (1000, 1140 + 0.3 * TEXT) and _sides(widened)[0] == (600, 800)


def test_a_table_whose_text_stands_within_its_sides_is_left_as_it_is():
    labels = [(620, 318, 760, 318 + TEXT), (620, 378, 760, 378 + TEXT)]
    prose_above = [(100, 200, 1500, 200 + TEXT)]  # outside the table's rows
    table = _table()
    assert widened_to_side_text([table], _blocks(labels + _values() + prose_above)) == [table]


def test_a_lone_row_is_never_widened():
    """A title's strokes may be taken for a row's rules: the title runs across them."""
    table = _table(ys=(300, 360))
    assert widened_to_side_text([table], _blocks([(200, 318, 1400, 318 + TEXT)])) == [table]


def test_text_inside_another_table_is_not_taken():
    labels = [(260, 318, 380, 318 + TEXT)]
    other = Table(3, (150, 300, 400, 420), 2, 1, (Cell(0, 0, 2, 1, (150, 300, 400, 420)),))
    table = _table()
    assert widened_to_side_text([table, other], _blocks(labels + _values()))[0] == table


def test_a_header_line_the_grids_top_runs_through_is_taken_into_the_first_row():
    """The top rule found through the header's print (信息内容 | 本年处理决定数量), cutting it in two."""
    header = [(620, 290, 760, 290 + TEXT), (820, 290, 1080, 290 + TEXT)]
    heading = [(700, 240, 900, 240 + TEXT)]  # 第二十条第（六）项, well above: left out
    labels = [(620, 378, 760, 378 + TEXT)]
    [widened] = widened_to_side_text([_table()], _blocks(header + heading + labels + _values()))
    tops = {(c.row, c.col): c.bbox[1] for c in widened.cells}
    assert tops[(0, 0)] == tops[(0, 3)] == 290 - 0.3 * TEXT and tops[(1, 0)] == 360
    assert widened.bbox[1] == 290 - 0.3 * TEXT and widened.bbox[3] == 420


def test_a_heading_alone_under_a_grid_whose_foot_runs_through_it_is_left_out():
    """The foot found through the next section's heading (第二十条第（五）项), which stands alone."""
    labels = [(620, 318, 760, 318 + TEXT), (620, 378, 760, 378 + TEXT)]
    heading = [(820, 410, 1040, 410 + TEXT)]
    table = _table()
    assert widened_to_side_text([table], _blocks(labels + heading + _values())) == [table]


def test_a_heading_in_larger_print_whose_foot_the_top_runs_through_is_not_taken():
    """四、政府信息公开行政复议、行政诉讼情况 over table 四, the top of its shaded header band found in
    the heading's foot: cut in two cells, but in a larger print than any table's."""
    heading = [(620, 280, 760, 280 + 2 * TEXT), (780, 280, 1080, 280 + 2 * TEXT)]
    labels = [(620, 378, 760, 378 + TEXT)]
    blocks = TextBlocks(heading + labels + _values(), float(TEXT), (1600, 2200), headings=frozenset(heading))
    table = _table()
    assert widened_to_side_text([table], blocks) == [table]
