import numpy as np
import pytest

from nianbao.preprocess.geometry import (
    apply_rotation,
    estimate_skew,
    ink_mask,
    is_bilevel,
    rotate_degrees,
    without_colour_marks,
)
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


def _black_and_white_page() -> np.ndarray:
    """White paper with a 1 whose stem is one pixel wide (its foot three rows tall), a thick bar, a line
    one pixel thin across the page (a fold's crease) and specks of noise."""
    page = np.full((200, 200), 255, np.uint8)
    page[50:80, 60] = 0
    page[77:80, 56:65] = 0
    page[50:80, 100:104] = 0
    page[120, 10:190:2] = 0
    page[[20, 150, 170], [30, 120, 180]] = 0
    return page


def test_a_black_and_white_page_keeps_a_character_s_strokes_one_pixel_wide_but_not_its_specks():
    page = _black_and_white_page()
    assert is_bilevel(page)
    ink = ink_mask(page, 200, bilevel=True)
    assert ink[50:80, 60].all() and ink[50:80, 100:104].all()
    assert not ink[[20, 150, 170], [30, 120, 180]].any() and not ink[120].any()  # specks and the crease
    assert not ink_mask(page, 200)[50:76, 60].any()  # a median alone takes the stem with the specks


def test_a_grey_scan_is_not_black_and_white():
    rng = np.random.default_rng(1)
    assert not is_bilevel(rng.integers(0, 256, (100, 100), dtype=np.uint8))
    assert not is_bilevel(np.full((100, 100), 230, np.uint8))
