import numpy as np

from nianbao.ocr.fax_drawer import FAX_ROW, PHASES, SUPERSAMPLE, Face, FaxDrawer, faxed
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
