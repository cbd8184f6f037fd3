"""Where a fax's number lies in its cell, told against where the page places its values (synthetic
cells)."""

import cv2
import numpy as np
import pytest

from nianbao.ocr.fax_placement import (
    centre_offset,
    digits_offset,
    no_minus_lost,
    one_off_centre,
    placement_sample,
    right_of_a_four_s_stem,
    values_centred,
)


def test_centre_offset_is_in_line_heights_rightwards():
    cell = (100, 0, 300, 60)
    assert centre_offset((190, 10, 210, 30), cell) == 0.0
    assert centre_offset((200, 10, 220, 30), cell) == pytest.approx(0.5)
    assert centre_offset((180, 10, 200, 30), cell) == pytest.approx(-0.5)


@pytest.mark.parametrize(
    ("offsets", "centred"),
    [
        ([0.0, 0.05, -0.03], True),
        ([0.0, 0.02], False),  # too few to tell
        ([2.5, 2.1, 3.0, 0.0], False),  # printed against their cells' right sides
        ([-1.4, -2.2, -1.1, 0.1], False),  # ... or left sides
        ([0.125, 0.071, 0.467, 0.321, -0.083], True),  # centred, some broken digits that lost a side
    ],
)
def test_values_are_centred_when_most_lie_at_their_cells_middles(offsets, centred):
    assert values_centred(offsets) is centred


def test_a_lone_one_right_of_its_cell_s_middle_has_lost_ink_on_its_left():
    assert one_off_centre("1", 0.15) and one_off_centre(" 1 ", 0.41)
    assert not one_off_centre("1", 0.05) and not one_off_centre("1", -0.2)
    assert not one_off_centre("14", 0.3) and not one_off_centre("+1", 0.3)


def test_a_lone_one_far_right_of_its_cell_s_middle_is_no_four_s_stem():
    assert right_of_a_four_s_stem("1", 0.6) and not right_of_a_four_s_stem("1", 0.15)
    assert not right_of_a_four_s_stem("4", 0.6) and not right_of_a_four_s_stem("11", 0.6)


def test_numbers_other_than_a_lone_one_tell_how_values_are_placed():
    assert all(placement_sample(text) for text in ("12", "-3", "1,024", "0.5", "0", " 7 ", "-1"))
    assert not any(placement_sample(text) for text in ("1", " 1 ", "()", "--", "1a", ""))


def _cell_with(text: str, x: int) -> tuple[np.ndarray, np.ndarray]:
    """A fax cell 200 pixels wide, its rules drawn at its sides, ``text`` printed from ``x``, and its rule
    mask."""
    gray = np.full((60, 200), 255, np.uint8)
    gray[:, :2] = gray[:, -2:] = 0
    cv2.putText(gray, text, (x, 42), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 0, 2)
    rules = np.zeros_like(gray)
    rules[:, :3] = rules[:, -3:] = 255
    return gray, rules


def _width(text: str) -> int:
    return cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 0.9, 2)[0][0]


def test_a_number_s_digits_are_placed_by_their_own_strokes_not_a_minus_or_specks():
    line, cell = (0, 10, 200, 50), (0, 0, 200, 60)
    gray, rules = _cell_with("25", 100 - _width("25") // 2)
    assert abs(digits_offset(gray, rules, line, cell)) < 0.08
    gray, rules = _cell_with("-25", 100 - _width("-25") // 2)
    assert digits_offset(gray, rules, line, cell) > 0.15  # the minus left out: the digits stand right
    gray[12:14, 20:22] = 0  # a speck of noise
    assert digits_offset(gray, rules, line, cell) > 0.15
    blank = np.full((60, 200), 255, np.uint8)
    assert digits_offset(blank, np.zeros_like(blank), line, cell) is None


def test_a_number_read_with_no_sign_kept_it_only_when_its_digits_stand_in_the_middle():
    assert no_minus_lost("2", 0.0) and no_minus_lost("5", -0.06) and no_minus_lost("23", 0.05)
    assert not no_minus_lost("2", 0.35) and not no_minus_lost("3", 0.17)  # a -2 or -3 that lost its minus
    assert not no_minus_lost("2", -0.5) and not no_minus_lost("2", None)
    assert not no_minus_lost("12", 0.0) and not no_minus_lost("11", 0.0)  # a +2 or +1 that lost its bar
    assert no_minus_lost("1", 0.0)
