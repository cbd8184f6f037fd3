from nianbao.table.band_rows import with_rows_under_bands
from nianbao.table.grid import Grid, GridCell
from nianbao.table.text_blocks import TextBlocks

TEXT = 24


def _band(top: int) -> tuple[tuple[int, int, int, int], Grid]:
    """A shaded band of two rows (第二十条第（一）项; 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数)
    found as a grid by its edges, at x 200-1400."""
    xs = (0, 400, 733, 1066, 1200)
    cells = (GridCell(0, 0, 1, 4, (0, 0, 1200, 50)),) + tuple(
        GridCell(1, c, 1, 1, (xs[c], 50, xs[c + 1], 100)) for c in range(4)
    )
    return (200, top, 1400, top + 100), Grid((0, 50, 100), xs, cells)


def _value_row(top: int) -> list[tuple[int, int, int, int]]:
    """规章 | 0 | 5 | 0, unruled."""
    return [(300, top, 420, top + TEXT)] + [(x - 8, top, x + 8, top + TEXT) for x in (766, 1100, 1333)]


def _blocks(boxes: list[tuple[int, int, int, int]]) -> TextBlocks:
    return TextBlocks(boxes, float(TEXT), (1600, 2200), frozenset(b for b in boxes if b[2] - b[0] > 2 * TEXT))


def test_the_rows_of_values_under_a_shaded_band_are_rows_of_its_table():
    box, grid = _band(300)
    under = _value_row(420) + _value_row(470)
    [(new_box, new_grid)] = with_rows_under_bands([(box, grid)], _blocks(under))
    assert new_grid.n_rows == 4 and new_grid.n_cols == 4
    assert new_box[3] >= 470 + TEXT and new_box[:3] == box[:3]
    value = next(cell for cell in new_grid.cells if (cell.row, cell.col) == (3, 2))
    assert value.bbox[1] + box[1] < 470 and value.bbox[3] + box[1] > 470 + TEXT
    assert value.bbox[0] + box[0] < 1100 - 8 and value.bbox[2] + box[0] > 1100 + 8


def test_prose_a_distant_row_and_rows_beyond_the_band_s_sides_are_not_its_rows():
    box, grid = _band(300)
    prose = [(220, 420, 1380, 420 + TEXT)]
    assert with_rows_under_bands([(box, grid)], _blocks(prose + _value_row(470))) == [(box, grid)]
    far = _value_row(420 + 4 * TEXT)
    assert with_rows_under_bands([(box, grid)], _blocks(far)) == [(box, grid)]
    wide = [(100, 420, 220, 420 + TEXT)] + _value_row(420)[1:]
    assert with_rows_under_bands([(box, grid)], _blocks(wide)) == [(box, grid)]


def test_a_table_of_several_ruled_rows_is_left_alone():
    box, grid = _band(300)
    taller = Grid((0, 50, 100, 150), grid.xs, grid.cells)
    assert with_rows_under_bands([(box, taller)], _blocks(_value_row(470))) == [(box, taller)]


def test_rows_under_a_band_stop_at_the_next_table():
    box, grid = _band(300)
    next_box, next_grid = _band(500)
    [first, second] = with_rows_under_bands([(box, grid), (next_box, next_grid)], _blocks(_value_row(420)))
    assert first[1].n_rows == 3 and first[0][3] <= 500
    assert second == (next_box, next_grid)


def test_a_faint_header_of_three_rows_takes_the_rows_of_values_under_it_when_asked():
    """Table 四's header, three rows whose only lines are its shading's edges found as faint rules."""
    box, grid = _band(300)
    taller = Grid((0, 50, 100, 150), grid.xs, grid.cells)
    taller_box = (box[0], box[1], box[2], box[1] + 150)
    [(new_box, new_grid)] = with_rows_under_bands([(taller_box, taller)], _blocks(_value_row(470)), band_rows=3)
    assert new_grid.n_rows == 4 and new_box[3] >= 470 + TEXT


def test_a_faint_table_s_last_row_lost_under_a_merged_header_has_its_value_under_that_header():
    """Faint seed 6615: 行政许可 | 0, its row's rules lost, under 信息内容 | 本年处理决定数量 (across the three
    value columns). Its one value goes in a cell as wide as the header's, not in a column of its own."""
    xs = (0, 400, 733, 1066, 1200)
    cells = (GridCell(0, 0, 1, 4, (0, 0, 1200, 50)), GridCell(1, 0, 1, 1, (0, 50, 400, 100))) + (
        GridCell(1, 1, 1, 3, (400, 50, 1200, 100)),
    )
    box, grid = (200, 300, 1400, 400), Grid((0, 50, 100), xs, cells)
    lost_row = [(300, 420, 420, 420 + TEXT), (992, 420, 1008, 420 + TEXT)]
    [(_, new_grid)] = with_rows_under_bands([(box, grid)], _blocks(lost_row), band_rows=None)
    added = [(c.col, c.colspan) for c in new_grid.cells if c.row == 2]
    assert added == [(0, 1), (1, 3)]
    two_values = [*lost_row, (1250, 420, 1266, 420 + TEXT)]
    [(_, new_grid)] = with_rows_under_bands([(box, grid)], _blocks(two_values), band_rows=None)
    assert [(c.col, c.colspan) for c in new_grid.cells if c.row == 2] == [(0, 1), (1, 1), (2, 1), (3, 1)]


def test_any_faint_grid_takes_a_lost_row_of_values_under_it():
    box, grid = _band(300)
    ruled = Grid((0, 50, 100, 150, 200, 250), grid.xs, grid.cells)
    ruled_box = (box[0], box[1], box[2], box[1] + 250)
    [(_, new_grid)] = with_rows_under_bands([(ruled_box, ruled)], _blocks(_value_row(300 + 270)), band_rows=None)
    assert new_grid.n_rows == 6


def test_a_lone_value_of_five_digits_beside_its_label_is_a_row_under_the_band():
    """Faint 10512_001: 行政许可 | 31839 under 信息内容 | 本年处理决定数量, the number 2.9 text heights wide
    (wider than a value elsewhere); a header of four characters beside a label is no such row."""
    box, grid = _band(300)
    label = (300, 420, 420, 420 + TEXT)
    five_digits = (1100 - 35, 420, 1100 + 35, 420 + TEXT)
    [(_, new_grid)] = with_rows_under_bands([(box, grid)], _blocks([label, five_digits]), band_rows=None)
    assert new_grid.n_rows == 3
    header = (1100 - 48, 420, 1100 + 48, 420 + TEXT)
    assert with_rows_under_bands([(box, grid)], _blocks([label, header]), band_rows=None) == [(box, grid)]
