import numpy as np
import pytest

from nianbao.preprocess.geometry import apply_rotation, estimate_skew, ink_mask, rotate_degrees, without_colour_marks
from tests.fixtures.pages import SpecCell, draw_table

PAGE = draw_table([SpecCell(r, c, str(r * c)) for r in range(12) for c in range(6)], [180] * 6, 60)


@pytest.mark.parametrize("angle", [-3.0, -1.2, 0.0, 0.7, 2.5])
def test_skew_is_measured_within_a_tenth_of_a_degree(angle):
    turned = rotate_degrees(PAGE, angle)
    assert estimate_skew(ink_mask(turned, 200), 6.0) == pytest.approx(-angle, abs=0.1)


def test_blank_page_has_no_skew():
    assert estimate_skew(ink_mask(np.full((800, 600), 255, np.uint8), 200), 6.0) == 0.0


def test_red_seal_is_washed_out_but_black_print_kept():
    image = np.full((50, 50, 3), 255, np.uint8)
    image[10:20, 10:20] = (40, 40, 200)  # red in BGR
    image[30:40, 30:40] = (20, 20, 20)
    grey = without_colour_marks(image)
    assert grey[15, 15] == 200 and grey[35, 35] == 20


def test_quarter_turns_compose():
    image = np.arange(12, dtype=np.uint8).reshape(3, 4)
    assert np.array_equal(apply_rotation(apply_rotation(image, 90), 270), image)
    assert apply_rotation(image, 90).shape == (4, 3)


def test_straightening_fills_the_corners_with_the_page_s_own_edge_not_white():
    """White corners on grey paper meet it in long straight edges that the ink mask takes for rules."""
    grey = np.full((400, 300), 228, np.uint8)
    grey[:, 150:] = 200  # unevenly lit: darker on the right
    grey[100:110, 50:250] = 30  # a line of print
    turned = rotate_degrees(grey, 2.0)
    assert abs(int(turned[0, 0]) - 228) <= 1 and abs(int(turned[-1, -1]) - 200) <= 1
    assert not ink_mask(turned, 200)[:, :20].any() and not ink_mask(turned, 200)[:, -20:].any()
