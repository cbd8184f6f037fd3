"""Finding a photographed sheet against its darker surroundings (synthetic photos, no model)."""

import cv2
import numpy as np

from nianbao.preprocess.perspective import find_page_quad, plausible_sheet

CORNERS = np.array([[120, 90], [1380, 60], [1450, 1950], [80, 1990]], np.float32)  # tl, tr, br, bl


def _photo(shadowed_corner: bool) -> np.ndarray:
    image = np.full((2100, 1560), 70, np.uint8)  # the table the sheet lies on
    cv2.fillPoly(image, [CORNERS.astype(np.int32)], 215)
    if shadowed_corner:  # the sheet's top-left corner in shadow, darker than the cut between paper and table
        cv2.fillPoly(image, [np.array([[100, 60], [520, 60], [100, 420]], np.int32)], 90)
    return image


def test_the_sheets_corners_are_found():
    quad = find_page_quad(_photo(shadowed_corner=False))
    assert quad is not None and np.abs(quad - CORNERS).max() < 8


def test_a_corner_in_shadow_is_placed_where_the_sheets_edges_meet():
    """The shadow cuts the corner off the bright region; the corner is where the top and left edges,
    extended, meet, not at one end of the cut (which tilted the flattened page and cut its top off)."""
    quad = find_page_quad(_photo(shadowed_corner=True))
    assert quad is not None and np.abs(quad - CORNERS).max() < 8


def test_a_scan_with_a_darker_corner_is_no_photo():
    """A scan's page fills the image: with one corner darker (uneven light), its bright part's edges
    meet at the image's corners, so there is no sheet on a table to flatten."""
    scan = np.full((2100, 1560), 215, np.uint8)
    cv2.fillPoly(scan, [np.array([[0, 0], [500, 0], [0, 400]], np.int32)], 90)
    assert find_page_quad(scan) is None


def test_light_on_part_of_the_sheet_is_no_sheet_to_flatten():
    """The lower left of the sheet in shadow as dark as the table: the bright rest, squared off, reached
    beyond the image and flattened into a page too warped to find its table in; it is left as it is."""
    image = np.full((2100, 1560), 70, np.uint8)
    cv2.fillPoly(image, [CORNERS.astype(np.int32)], 215)
    cv2.fillPoly(image, [np.array([[60, 1200], [1460, 2050], [60, 2050]], np.int32)], 75)
    assert find_page_quad(image) is None


def test_a_sheet_at_a_slant_is_plausible_and_a_wedge_is_not():
    shape = (2100, 1560)
    assert plausible_sheet(CORNERS, shape)
    slanted = np.array([[200, 150], [1300, 100], [1500, 2000], [40, 2050]], np.float32)  # strong perspective
    assert plausible_sheet(slanted, shape)
    wedge = np.array([[61, 73], [1593, 44], [1626, 2491], [64, 1608]], np.float32) * 0.85  # measured
    assert not plausible_sheet(wedge, shape)
    beyond = CORNERS + np.array([0, 200], np.float32)  # its lower corners below the image
    assert not plausible_sheet(beyond, shape)


def test_a_sheet_partly_in_shadow_lighter_than_the_table_is_found_whole():
    """The lower left of the sheet in a shadow darker than Otsu's cut but lighter than the table: the cut
    is lowered until the bright region is a sheet, and its corners are the sheet's."""
    image = np.full((2100, 1560), 70, np.uint8)
    cv2.fillPoly(image, [CORNERS.astype(np.int32)], 215)
    shadow = np.zeros_like(image)
    cv2.fillPoly(shadow, [np.array([[60, 1200], [1460, 2050], [60, 2050]], np.int32)], 1)
    image[(shadow > 0) & (image > 100)] = 130  # Otsu cuts at 153
    quad = find_page_quad(image)
    assert quad is not None and np.abs(quad - CORNERS).max() < 12


def test_a_dim_corner_the_cut_left_out_is_not_flattened_across_the_sheet():
    """Light falling unevenly, the sheet dims towards its top right below Otsu's cut: the bright region,
    that sliver left out, still has a sheet's shape, but its top side runs across the sheet, paper on both
    sides of it (photo 10812_001: its table flattened leaning, 25 fields lost). The cut is lowered until
    the sides lie on the sheet's edges."""
    image = np.full((2100, 1560), 70, np.uint8)
    cv2.fillPoly(image, [CORNERS.astype(np.int32)], 215)
    dim = np.zeros_like(image)
    cv2.fillPoly(dim, [np.array([[300, 40], [1420, 40], [1420, 170]], np.int32)], 1)
    image[(dim > 0) & (image > 100)] = 135  # Otsu cuts at about 142
    quad = find_page_quad(image)
    assert quad is not None and np.abs(quad - CORNERS).max() < 12
