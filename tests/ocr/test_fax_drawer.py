import numpy as np

from nianbao.ocr.fax_drawer import FAX_ROW, PHASES, SUPERSAMPLE, Face, FaxDrawer, LineInk, faxed, height_left_out
from tests.ocr.test_fax_drawing import MING, needs_fonts


def test_a_fax_draws_each_scan_line_twice_and_drops_a_thin_bar_between_two():
    drawn = np.full((24, 30), 255.0, np.float32)
    drawn[11:13, :] = 0  # a bar 2/3 of a page pixel thin, across two scan lines
    lines = faxed(drawn)
    assert lines.shape == (8, 10) and (lines[::FAX_ROW] == lines[1::FAX_ROW]).all()
    assert lines.min() == 255  # each scan line is at most a third ink there: the bar is lost
    drawn[12:18, :] = 0  # a stem's worth of ink in one scan line survives
    assert faxed(drawn).min() == 0


@needs_fonts
def test_a_number_at_each_offset_is_the_same_drawing_moved_down_whole_scan_lines_tall():
    drawer = FaxDrawer([MING])
    face = Face(MING, 28)
    first = drawer._drawn("407", face, 0)
    rows = np.flatnonzero((first < 255).any(axis=1))
    for phase in PHASES:
        drawn = drawer._drawn("407", face, phase)
        assert drawn.shape[1] == first.shape[1] and drawn.shape[0] % (FAX_ROW * SUPERSAMPLE) == 0
        assert (drawn[:phase] == 255).all()
        assert np.array_equal(drawn[rows + phase], first[rows])
        assert (np.delete(drawn, rows + phase, axis=0) == 255).all()
    assert drawer.drawing("407", face, 3) is drawer.drawing("407", face, 3)  # kept, not drawn again


@needs_fonts
def test_a_drawing_placed_where_it_fits_best_leaves_the_ink_of_a_digit_it_lacks_beside_it():
    drawer, face = FaxDrawer([MING]), Face(MING, 28)
    line = faxed(drawer._drawn("2851", face, 0))  # the line's ink: 2851 as a fax shows it
    ink = LineInk(line)
    assert height_left_out(ink, drawer.drawing("2851", face, 0)) == 0
    assert height_left_out(ink, drawer.drawing("285", face, 0)) >= 0.8 * ink.height  # the 1 beside it
    assert height_left_out(ink, drawer.drawing("285100", face, 0)) == 0  # wider than the line: nothing beside
