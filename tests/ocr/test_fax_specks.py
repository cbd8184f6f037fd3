import numpy as np
import pytest

from nianbao.ocr.fax_specks import REMAINS_BAND, ink_pieces, sign_speck


def _cell_page(speck_x: int | None, rule: bool = False, speck_y: int = 129) -> tuple[np.ndarray, np.ndarray]:
    """A cell (100..300 x 100..160 inside its rules) holding a lone 1 at x 196..200, rows 115..145."""
    gray = np.full((260, 400), 255, np.uint8)
    rules = np.zeros_like(gray)
    gray[115:145, 196:200] = 0
    if speck_x is not None:
        gray[speck_y : speck_y + 2, speck_x : speck_x + 2] = 0  # what is left of a minus sign
    if rule:
        gray[100:160, 170:173] = 0  # the remains of a rule along the cell's left edge
    return gray, rules


def test_ink_pieces_counts_a_speck_beside_the_line():
    line, cell = (196, 115, 200, 145), (100, 100, 300, 160)
    assert ink_pieces(*_cell_page(None), line, cell) == 1
    assert ink_pieces(*_cell_page(185), line, cell) == 2
    assert ink_pieces(*_cell_page(120), line, cell) == 1  # more than a text height away
    assert ink_pieces(*_cell_page(None, rule=True), line, (170, 100, 300, 160)) == 1  # the rule is no piece
    assert ink_pieces(*_cell_page(185, speck_y=136), line, cell) == 2  # where a 4's lost bar leaves its remains


@pytest.mark.parametrize(("speck_x", "speck_y"), [(210, 129), (185, 116), (185, 141), (168, 129)])
def test_ink_pieces_leaves_out_specks_of_noise_right_above_below_or_far_left_of_the_line(speck_x, speck_y):
    line, cell = (196, 115, 200, 145), (100, 100, 300, 160)
    assert ink_pieces(*_cell_page(speck_x, speck_y=speck_y), line, cell) == 1
    page = _cell_page(speck_x, speck_y=speck_y)
    page[0][speck_y + 2, speck_x : speck_x + 2] = 0  # three rows tall: more than a speck
    assert ink_pieces(*page, line, cell) == 2


def test_a_speck_where_a_minus_would_be_is_told_from_one_above_or_far_from_the_number():
    gray = np.full((60, 200), 255, np.uint8)
    cell, line = (5, 5, 195, 55), (100, 20, 112, 41)  # a digit 21 pixels tall
    assert not sign_speck(gray, np.zeros_like(gray), line, cell)
    gray[30:32, 90:94] = 0  # a minus shrunk to a speck, at the digit's middle height
    assert sign_speck(gray, np.zeros_like(gray), line, cell)
    rules = np.zeros_like(gray)
    rules[30:32, 90:94] = 255
    assert not sign_speck(gray, rules, line, cell)  # what is left of a rule is no sign
    gray[30:32, 90:94] = 255
    gray[20:22, 90:94] = 0  # level with the digit's top: noise
    gray[30:32, 70:74] = 0  # more than a digit's height to its left: noise
    assert not sign_speck(gray, np.zeros_like(gray), line, cell)


def test_a_speck_where_a_4_s_lost_bar_ends_lies_lower_than_a_minus_may():
    gray = np.full((60, 200), 255, np.uint8)
    cell, line = (5, 5, 195, 55), (100, 20, 112, 41)  # a digit 21 pixels tall
    gray[36:39, 92:95] = 0  # its middle 0.83 of the digit's height down: below a minus's, a 4's bar's end
    assert not sign_speck(gray, np.zeros_like(gray), line, cell)
    assert sign_speck(gray, np.zeros_like(gray), line, cell, REMAINS_BAND)
