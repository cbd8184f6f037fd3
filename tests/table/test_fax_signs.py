from dataclasses import dataclass

import numpy as np

from nianbao.model import NO_SIGN_SHAPE, OPEN_ZERO_SHAPE, SIGN_SPECK_SHAPE
from nianbao.table.fax_signs import may_have_lost_minus, sign_shapes


@dataclass(frozen=True)
class _Line:
    owner: int
    bbox: tuple[int, int, int, int]


def test_only_a_number_other_than_0_with_no_sign_may_have_lost_its_minus():
    assert may_have_lost_minus("12")
    assert not may_have_lost_minus("0")
    assert not may_have_lost_minus("-3")
    assert not may_have_lost_minus("—")


def test_a_number_with_a_speck_where_its_minus_would_be_or_off_centre_is_marked():
    gray = np.full((60, 400), 255, np.uint8)
    cells = [(5, 5, 195, 55), (205, 5, 395, 55)]
    lines = [_Line(0, (100, 20, 112, 41)), _Line(1, (300, 20, 312, 41))]
    gray[20:41, 100:112] = 0
    gray[20:41, 300:312] = 0
    gray[30:32, 90:94] = 0  # a minus shrunk to a speck, at the first digit's middle height
    page = (gray, np.zeros_like(gray))
    shapes = sign_shapes(page, lines, cells, [("2", 0.99), ("3", 0.99)], ["", ""], [0, 1])
    assert shapes == [SIGN_SPECK_SHAPE, NO_SIGN_SHAPE]  # two values are too few to tell the page's centring by
    kept = sign_shapes(page, lines, cells, [("2", 0.99), ("0", 0.99)], ["", OPEN_ZERO_SHAPE], [0, 1])
    assert kept == [SIGN_SPECK_SHAPE, OPEN_ZERO_SHAPE]  # a 0, and a shape told already, are left as they are
