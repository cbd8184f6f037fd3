"""Lines of a fax page told by their ink's shape after the recogniser's readings were checked."""

import cv2
import numpy as np

from nianbao.model import BAR_END_FOUR_SHAPE, BOWL_AND_FOOT_TWO_SHAPE, LIKE_ZEROS_SHAPE, OPEN_SIX_SHAPE, OPEN_ZERO_SHAPE
from nianbao.ocr.fax_likeness import LIKE_ZEROS_CONFIDENCE
from nianbao.table.fax_shapes import bar_end_fours, bowl_and_foot_twos, zeros_like_the_page


class _Line:
    def __init__(self, image: np.ndarray) -> None:
        self.image = image


def _stem_and_bar_end(gray: np.ndarray, x: int = 24) -> np.ndarray:
    cv2.line(gray, (x, 8), (x, 31), 0, 2)
    gray[24:27, x - 7 : x - 4] = 0
    return gray


def _fourteen() -> np.ndarray:
    """A 1 with its flag and foot, and a 4 that kept its stem and its bar's end: read "11"."""
    gray = np.full((40, 60), 255, np.uint8)
    cv2.line(gray, (20, 8), (20, 31), 0, 2)
    cv2.line(gray, (20, 8), (16, 12), 0, 2)
    cv2.line(gray, (15, 31), (25, 31), 0, 2)
    return _stem_and_bar_end(gray, 44)


def test_a_lone_one_that_kept_a_four_s_stem_and_bar_end_is_a_four_told_by_its_shape():
    lines = [_Line(_stem_and_bar_end(np.full((40, 40), 255, np.uint8))) for _ in range(4)]
    reads = [("1", 0.99), ("1", 0.49), ("7", 0.99), ("1", 0.99)]
    shapes = ["", "", "", OPEN_SIX_SHAPE]
    checked, told = bar_end_fours(lines, reads, shapes, [0, 1, 2, 3], [("1", 0.3)] * 4)
    assert checked[:2] == [("4", 0.95), ("4", 0.95)] and told[:2] == [BAR_END_FOUR_SHAPE] * 2
    assert (checked[2:], told[2:]) == (reads[2:], shapes[2:])  # no 1, or told by its shape already
    assert bar_end_fours(lines, reads, shapes, [2], reads) == (reads, shapes)  # only the lines asked about
    blank = [_Line(np.full((40, 40), 255, np.uint8))]
    assert bar_end_fours(blank, [("1", 0.99)], [""], [0], [("1", 0.99)]) == ([("1", 0.99)], [""])


def test_a_number_s_1_that_kept_a_four_s_bar_end_is_a_four_where_the_number_was_first_read_surely():
    lines = [_Line(_fourteen())]
    assert bar_end_fours(lines, [("11", 0.95)], [""], [0], [("11", 0.95)]) == ([("14", 0.95)], [BAR_END_FOUR_SHAPE])
    assert bar_end_fours(lines, [("11", 0.6)], [""], [0], [("11", 0.6)]) == ([("11", 0.6)], [""])
    # one the checks of its readings put in doubt stays so, for its drawing to settle
    capped = [("11", 0.49)]
    assert bar_end_fours(lines, capped, [""], [0], [("11", 0.95)]) == ([("14", 0.49)], [BAR_END_FOUR_SHAPE])


def _two_remains() -> np.ndarray:
    """A 2 a fax left as its bowl's right side, two specks of its foot and its hook's tip."""
    gray = np.full((40, 40), 255, np.uint8)
    cv2.ellipse(gray, (20, 15), (7, 8), 0, -80, 90, 0, 2)
    gray[31:34, 10:13] = 0
    gray[31:34, 27:30] = 0
    gray[10:12, 12:14] = 0
    return gray


def test_a_line_read_unsurely_as_strokes_that_kept_a_2_s_bowl_and_foot_is_a_2():
    lines = [_Line(_two_remains()) for _ in range(5)]
    reads = [("?", 0.99), ("1", 0.49), ("1", 0.99), ("—", 0.99), ("11", 0.3)]
    checked, told = bowl_and_foot_twos(lines, reads, [""] * 5, list(range(5)))
    assert [text for text, _ in checked] == ["2", "2", "1", "—", "2"]  # no sure number, no dash, is changed
    assert told == [BOWL_AND_FOOT_TWO_SHAPE, BOWL_AND_FOOT_TWO_SHAPE, "", "", BOWL_AND_FOOT_TWO_SHAPE]


def _arcs(*arcs: tuple[int, int], size: int = 30) -> np.ndarray:
    """A line crop holding the given arcs (start and end angles) of one ellipse: a 0 broken open."""
    crop = np.full((size, size), 255, np.uint8)
    for start, end in arcs:
        cv2.ellipse(crop, (size // 2, size // 2), (5, 8), 0, start, end, 0, 2)
    return crop


def test_a_page_with_no_sure_digit_measures_a_short_zero_against_its_document_s_earlier_pages():
    """Fax seed 6712: a page of table 三's zeros and 1s, none read surely but zeros told by their shape;
    zeros that lost their top and bottom read "11". Shorter than the digits of the document's earlier
    pages, and like the page's zeros, they are zeros; with no digit height to measure against, not."""
    zeros = [_arcs((100, 260), (-80, 80)), _arcs((95, 265), (-75, 75)), _arcs((105, 255), (-85, 85))]
    short = _arcs((125, 235), (-55, 55))  # like them by 0.80: less than a 0 of any height must be
    lines = [_Line(crop) for crop in (*zeros, short)]
    reads = [("0", 0.95)] * 3 + [("11", 0.49)]
    shapes = [OPEN_ZERO_SHAPE] * 3 + [""]
    tall_number = np.full((40, 40), 255, np.uint8)
    cv2.rectangle(tall_number, (8, 6), (30, 33), 0, 2)  # a sure "23" on an earlier page, 28 pixels tall
    alone = zeros_like_the_page(lines, reads, shapes, [0, 1, 2, 3], [0, 1, 2])
    assert alone == (reads, shapes)
    found, found_shapes = zeros_like_the_page(lines, reads, shapes, [0, 1, 2, 3], [0, 1, 2], (), [(tall_number, "23")])
    assert found[3] == ("0", LIKE_ZEROS_CONFIDENCE) and found_shapes[3] == LIKE_ZEROS_SHAPE
    as_tall = np.full((30, 30), 255, np.uint8)
    cv2.rectangle(as_tall, (8, 8), (21, 22), 0, 2)  # the earlier pages' digits as tall as this line: a stroke pair
    assert zeros_like_the_page(lines, reads, shapes, [0, 1, 2, 3], [0, 1, 2], (), [(as_tall, "23")]) == (reads, shapes)
