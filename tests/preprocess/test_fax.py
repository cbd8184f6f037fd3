"""Telling a 2:1 fax page apart from any other page, from its doubled scan lines."""

import cv2
import numpy as np

from nianbao.preprocess.fax import doubled_axis, upright_fax


def _page(seed: int = 0) -> np.ndarray:
    """A bilevel page of text-like lines and a ruled box, at square resolution."""
    rng = np.random.default_rng(seed)
    page = np.full((1200, 900), 255, np.uint8)
    cv2.rectangle(page, (60, 60), (840, 1140), 0, 3)
    for row in range(12):
        words = "".join(str(v) for v in rng.integers(0, 10, 12))
        cv2.putText(page, words, (100, 140 + 80 * row), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 0, 2)
    return page


def _faxed(page: np.ndarray) -> np.ndarray:
    """Sent at half the vertical resolution, bilevel, shown with square pixels (every line twice)."""
    half = cv2.resize(page, (page.shape[1], page.shape[0] // 2), interpolation=cv2.INTER_AREA)
    half = np.where(half < 128, 0, 255).astype(np.uint8)
    return np.repeat(half, 2, axis=0)


def test_a_page_with_every_scan_line_drawn_twice_is_a_fax():
    assert doubled_axis(_faxed(_page())) == 0


def test_a_fax_turned_sideways_has_doubled_columns():
    assert doubled_axis(np.ascontiguousarray(np.rot90(_faxed(_page())))) == 1


def test_pages_at_square_resolution_are_not_faxes():
    page = _page()
    assert doubled_axis(page) is None
    noisy = (page.astype(np.float32) + np.random.default_rng(1).normal(0, 8, page.shape)).clip(0, 255)
    assert doubled_axis(noisy.astype(np.uint8)) is None
    assert doubled_axis(np.full((800, 600), 255, np.uint8)) is None  # a blank page tells nothing


def test_a_fax_is_judged_in_the_frame_its_text_is_read_in():
    fax = _faxed(_page())
    sideways = np.ascontiguousarray(np.rot90(fax))
    assert upright_fax(fax, 0) and upright_fax(sideways, 90) and upright_fax(sideways, 270)
    assert not upright_fax(fax, 90)  # doubled lines across the text: its horizontal strokes are whole
    assert not upright_fax(_page(), 0)
    assert upright_fax(_page(), 0, stored_axis=0)  # its lines were seen doubled before drawing blended them
    assert not upright_fax(_page(), 90, stored_axis=0)


def test_a_fax_stretched_by_a_ratio_that_is_not_two_is_a_fax():
    """204 x 98 dpi shown with square pixels: most lines drawn twice, some three times."""
    page = _page()
    half = np.where(cv2.resize(page, (900, 600), interpolation=cv2.INTER_AREA) < 128, 0, 255).astype(np.uint8)
    stretched = cv2.resize(half, (900, round(600 * 204 / 98)), interpolation=cv2.INTER_NEAREST)
    assert doubled_axis(stretched) == 0


def _grey_scan(page: np.ndarray) -> np.ndarray:
    """The page scanned in grey at 150 dpi: its strokes soft at their edges."""
    return cv2.GaussianBlur(cv2.resize(page, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA), (0, 0), 0.7)


def _jpeg(page: np.ndarray) -> np.ndarray:
    _, data = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 30])  # its blocks blur the edges
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)


def test_a_page_scanned_black_and_white_at_150_dpi_is_told_though_stored_as_jpeg():
    from nianbao.preprocess.fax import coarse_bilevel

    thresholded = np.where(_grey_scan(_page()) < 128, 0, 255).astype(np.uint8)
    assert coarse_bilevel(thresholded, 150) and coarse_bilevel(_jpeg(thresholded), 150)
    assert coarse_bilevel(thresholded, 175)  # noisy 9808_001: a 4 stored so lost its bar
    assert not coarse_bilevel(thresholded, 300)  # fine enough to keep its thin strokes
    assert not coarse_bilevel(_grey_scan(_page()), 150)  # grey edges all round its strokes
    assert not coarse_bilevel(np.full((600, 450), 255, np.uint8), 150)  # a blank page tells nothing
