"""A lone digit read surely on a fax page, checked against where and how its ink lies (synthetic crops)."""

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from nianbao.ocr.fax_glyphs import (
    dotted_stroke,
    middle_width,
    misread_lone_digit,
    open_six,
    wider_than_page_ones,
    zero_sides,
)


def _crop(draw) -> np.ndarray:
    crop = np.full((40, 40), 255, np.uint8)
    draw(crop)
    return crop


def _one(crop):
    """A 1 with a flag at its top and a foot."""
    cv2.line(crop, (20, 8), (20, 31), 0, 2)
    cv2.line(crop, (20, 8), (16, 12), 0, 2)
    cv2.line(crop, (15, 31), (25, 31), 0, 2)


def _seven(crop):
    """A 7: a bar across its top and a stem slanting down from its right end."""
    cv2.line(crop, (11, 8), (26, 8), 0, 2)
    cv2.line(crop, (26, 8), (17, 31), 0, 2)


def _four(crop):
    """A 4: a diagonal and a bar, and a stem from its top to its foot."""
    cv2.line(crop, (23, 8), (12, 24), 0, 2)
    cv2.line(crop, (12, 24), (28, 24), 0, 2)
    cv2.line(crop, (23, 8), (23, 31), 0, 2)


def _broken_nine(crop):
    """A 9 whose loop lost its top and its bottom: the loop's left side high up, and a stem starting
    below the top, apart from it."""
    cv2.ellipse(crop, (20, 14), (6, 6), 0, 100, 260, 0, 2)
    cv2.line(crop, (26, 13), (24, 31), 0, 2)


def test_a_one_widest_at_its_top_is_a_seven():
    assert misread_lone_digit(_crop(_seven), "1") == "7"
    assert misread_lone_digit(_crop(_one), "1") is None


def test_a_four_whose_stem_starts_below_its_top_is_a_nine():
    assert misread_lone_digit(_crop(_broken_nine), "4") == "9"
    assert misread_lone_digit(_crop(_four), "4") is None


def _open_zero(crop):
    """A 0 that lost its thin top and bottom: two level sides bowing apart, "()"."""
    cv2.ellipse(crop, (20, 20), (6, 11), 0, 110, 250, 0, 2)
    cv2.ellipse(crop, (20, 20), (6, 11), 0, -70, 70, 0, 2)


def _broken_six(crop):
    """A 6 that lost its thin strokes: its left side from its hook to its foot, and its loop's right side
    low down, apart from it."""
    cv2.ellipse(crop, (22, 20), (8, 12), 0, 120, 250, 0, 2)
    cv2.ellipse(crop, (20, 24), (6, 6), 0, -80, 80, 0, 2)


def _barless_four(crop):
    """A 4 that lost its bar: its diagonal from the stem's top down to where the bar was, and its stem."""
    cv2.line(crop, (24, 8), (13, 26), 0, 2)
    cv2.line(crop, (24, 8), (24, 31), 0, 3)


def _slab_one(crop):
    """A 1 with a flag a third of its height long and a foot."""
    cv2.line(crop, (21, 8), (21, 31), 0, 3)
    cv2.line(crop, (21, 8), (15, 15), 0, 2)
    cv2.line(crop, (15, 31), (27, 31), 0, 2)


def test_a_one_with_a_diagonal_down_to_where_a_fours_bar_was_is_a_four():
    assert misread_lone_digit(_crop(_barless_four), "1") == "4"
    assert misread_lone_digit(_crop(_slab_one), "1") is None


def test_a_one_that_leans_as_a_slash_does_is_a_slash():
    assert misread_lone_digit(_crop(lambda crop: cv2.line(crop, (26, 8), (14, 31), 0, 3)), "1") == "/"


def test_a_six_or_a_nine_left_as_two_level_sides_is_a_zero():
    assert misread_lone_digit(_crop(_open_zero), "9") == "0"
    assert misread_lone_digit(_crop(_open_zero), " 6 ") == "0"


def test_a_six_or_a_nine_whose_hook_reaches_past_its_loop_is_itself():
    assert misread_lone_digit(_crop(_broken_six), "6") is None
    assert misread_lone_digit(_crop(_broken_nine), "9") is None
    assert misread_lone_digit(_crop(lambda crop: cv2.ellipse(crop, (20, 20), (7, 11), 0, 0, 360, 0, 2)), "9") is None


def _open_top_nine(crop):
    """A 9 whose loop lost its top and bottom: the loop's left side, its right side running down into the
    tail from the top, and the tail's end at the bottom left, apart from both."""
    cv2.line(crop, (14, 9), (14, 20), 0, 2)
    cv2.line(crop, (24, 8), (24, 27), 0, 2)
    cv2.line(crop, (23, 28), (21, 31), 0, 2)
    crop[29:32, 13:16] = 0


def _broken_four(crop):
    """A 4 whose diagonal and bar came apart from its stem."""
    cv2.line(crop, (21, 10), (12, 24), 0, 2)
    cv2.line(crop, (12, 24), (21, 24), 0, 2)
    cv2.line(crop, (24, 8), (24, 31), 0, 2)


def test_a_four_with_ink_left_below_its_bar_is_a_nine():
    assert misread_lone_digit(_crop(_open_top_nine), "4") == "9"
    assert misread_lone_digit(_crop(_broken_four), "4") is None


def test_a_four_whose_stem_touches_the_crops_left_edge_is_checked_without_failing():
    """Nothing lies left of such a stem to look at (OpenCV's labelling of an empty image crashes)."""
    crop = _crop(lambda crop: None)
    crop[4:36, 0:3] = 0
    assert misread_lone_digit(crop, "4") is None


def test_only_a_lone_digit_is_checked():
    assert misread_lone_digit(_crop(_seven), "17") is None
    assert misread_lone_digit(_crop(_broken_nine), " 99 ") is None
    assert misread_lone_digit(_crop(lambda crop: None), "1") is None  # no ink


def _straight_sides(crop):
    """A 0 that lost its top and bottom, and its sides' bows too: two short strokes side by side."""
    cv2.line(crop, (16, 10), (16, 28), 0, 2)
    cv2.line(crop, (23, 10), (23, 28), 0, 2)


def _broken_six(crop):
    """A 6 broken open: its left side full height, its loop's right side only half."""
    cv2.line(crop, (16, 10), (16, 28), 0, 2)
    cv2.line(crop, (23, 20), (23, 28), 0, 2)


def _sides_and_a_tail(crop):
    _straight_sides(crop)
    cv2.line(crop, (28, 16), (30, 24), 0, 1)


def test_a_line_read_as_two_round_shapes_is_a_zero_when_its_ink_is_two_sides_alike():
    assert zero_sides(_crop(_straight_sides), "()") and zero_sides(_crop(_straight_sides), "( )")
    assert not zero_sides(_crop(_straight_sides), "11")  # read as strokes: ocr.fax decides
    assert not zero_sides(_crop(_broken_six), "()")
    assert not zero_sides(_crop(_sides_and_a_tail), "()")
    assert not zero_sides(_crop(_four), "()")


def _zero_lost_a_scan_line(crop):
    """A 0 broken open whose right side lost a scan line near its top: the piece above bends in."""
    cv2.line(crop, (16, 10), (16, 28), 0, 2)
    cv2.line(crop, (23, 14), (23, 28), 0, 2)
    crop[10:12, 21:23] = 0


def test_a_six_whose_hook_kept_its_tip_is_not_a_zero_s_two_sides():
    """Fresh fax 9813_002: a 6 read "()", its hook's tip apart above its loop's right side and right of it,
    was told a 0 by its two sides. A 0's side that lost a scan line near its top bends in above the gap."""
    six = cv2.imread(str(FAX_SIXES / "six_hook_tip_read_brackets_0.png"), cv2.IMREAD_GRAYSCALE)
    assert not zero_sides(six, "()")
    assert zero_sides(_crop(_zero_lost_a_scan_line), "()") and zero_sides(_crop(_straight_sides), "()")


def test_a_page_reads_like_a_fax_when_a_line_of_it_reads_as_brackets_and_strokes():
    from nianbao.ocr.fax_glyphs import reads_like_a_fax

    assert reads_like_a_fax(["()", "0", "11", "0)", "(1", "25"])
    assert reads_like_a_fax(["0", "0)", "1", "25"])  # one zero that lost its top and bottom
    assert not reads_like_a_fax(["0", "11", "1", "（一）予以公开", "(2)", "111"])  # labels, numbers, elevens


def _four_without_its_bar(crop):
    """A 4 whose bar the fax lost: its stem black, its thin diagonal left only as faint grey."""
    cv2.line(crop, (23, 8), (12, 24), 170, 1)
    cv2.line(crop, (23, 8), (23, 31), 0, 2)


def test_a_lone_one_far_wider_across_its_middle_than_the_pages_ones_is_a_four_that_lost_its_bar():
    one, four = middle_width(_crop(_one)), middle_width(_crop(_four_without_its_bar))
    assert one is not None and four is not None and four >= 2 * one
    page = [one, one, one, four]
    assert wider_than_page_ones(four, page) and not wider_than_page_ones(one, page)
    assert not wider_than_page_ones(four, [one, four])  # too few 1s on the page to tell
    assert middle_width(_crop(lambda crop: None)) is None


def test_a_reading_with_a_dot_over_a_stroke_is_told():
    assert dotted_stroke(["()", "(i"]) and dotted_stroke(["j)"])
    assert not dotted_stroke(["()", "1", "11", "1)", "い", "リ"])  # what zeros broken open are read as


def test_a_page_reads_poorly_when_several_of_its_numbers_are_read_unsurely():
    from nianbao.ocr.fax_glyphs import reads_poorly

    def cells(*lines):  # a cell a line
        return [[line] for line in lines]

    noise = cells(("「", 0.49), ("S", 0.49), ("F", 0.82), ("（一）予以公开", 0.4))  # specks and labels: no numbers
    noise += cells(("7.属于行政执法案卷", 0.3), ("8.属于行政查询事项", 0.4))  # labels with digits are no numbers either
    good = cells(*[("0", 0.99)] * 60, ("25", 0.45), ("G", 0.3)) + noise
    assert not reads_poorly(good)  # one number read unsurely: any page may have one
    assert reads_poorly(good + cells(("12", 0.49), ("-31", 0.49)))
    # 1s have no thin stroke to lose: -1s whose sign a noisy scan blurred, read unsurely, tell nothing
    assert not reads_poorly(good + cells(("1", 0.49), ("=1", 0.49), ("-1", 0.2), ("+1", 0.3), ("11", 0.4)))
    assert reads_poorly(good + cells(("1", 0.49), ("14", 0.49), ("-4", 0.2)))
    # a vertical label read a character a line, as digits, is one cell: faint seed 5608's 本年度 read 5, 4, 9
    label = [("5", 0.06), ("4", 0.06), ("9", 0.16)]
    assert not reads_poorly(good + [label]) and reads_poorly(good + cells(*label))


def test_a_label_column_cut_into_characters_is_no_evidence_of_lost_strokes():
    """Faint 11012_002: table 三's vertical label, its column's rules lost in its rows, cut into cells of a
    character or two, pieces of which were read as numbers, unsurely; the page's values were read well."""
    from nianbao.ocr.fax_glyphs import lost_thin_strokes, outside_label_columns

    label = [(0, [("0", 0.26), ("–", 0.32)]), (0, [("—", 0.99)]), (0, [("年", 1.0)])]
    label += [(0, [("度", 0.96), ("办", 1.0), ("28", 0.14)]), (0, [("3", 0.07), ("结", 1.0), ("果", 1.0)])]
    label += [(0, [("七、合计", 1.0)]), (0, [])]
    values = [(1, [("自然人", 1.0)])] + [(column, [("0", 0.99)]) for column in (1, 2) for _ in range(4)]
    kept = outside_label_columns(label + values)
    assert kept == [lines for _, lines in values]
    assert lost_thin_strokes([[lines for _, lines in label + values]]) and not lost_thin_strokes([kept])
    # values read as brackets stay in, and where no column holds numbers nothing is left out
    brackets = [(1, [("()", 0.4)]), (1, [("(", 0.3)]), (1, [("0)", 0.4)]), (1, [("本年", 1.0)])]
    assert outside_label_columns(label + brackets) == [lines for _, lines in brackets]
    assert outside_label_columns(label) == [lines for _, lines in label]


def test_a_table_nothing_of_which_was_read_surely_tells_nothing_of_lost_strokes():
    """Hard seed 5901: a title's bold strokes taken for a table's rules, its pieces of characters read
    unsurely, one as ")": that is no zero broken open, and the page is no fax."""
    from nianbao.ocr.fax_glyphs import lost_thin_strokes

    title = [[("一", 0.49)], [("JIL", 0.49)], [(")", 0.49)], [], [("11", 0.49)]]
    values = [[("一、本年新收", 0.98)], [("0", 0.99)], [("12", 0.97)]]
    assert not lost_thin_strokes([title, values])
    assert lost_thin_strokes([values + [[(")", 0.49)]]])  # a table of values read surely elsewhere


FAX_SIXES = Path(__file__).parent / "fax_sixes"
FAX_ZEROS = Path(__file__).parent / "fax_zeros"


def _lines(folder: Path) -> list[dict]:
    return [dict(line, folder=folder) for line in json.loads((folder / "lines.json").read_text())]


@pytest.mark.parametrize("line", _lines(FAX_SIXES) + _lines(FAX_ZEROS), ids=lambda line: line["file"])
def test_faxed_lines_read_as_strokes_are_a_six_broken_open_only_where_they_are_one(line):
    """Line crops of unseen fax seeds (131, 2405, 2406, 2501, 2509, 2602, 2704, 3002): 6s read "11", "li",
    "(i" and "()" are 6s; zeros, an 11, 9s and lone 1s with a speck of noise right of their foot are not,
    nor is a 0 whose right side the fax left as two specks, the lower a quarter of its height (11501_001)."""
    crop = cv2.imread(str(line["folder"] / line["file"]), cv2.IMREAD_GRAYSCALE)
    assert open_six(crop, [line["read"], *line["seen"]]) == (line["printed"] == "6")


def test_a_lone_one_with_a_speck_right_of_its_foot_is_no_six_whoever_read_it_so():
    for line in _lines(FAX_SIXES):
        if line["printed"] == "1":
            crop = cv2.imread(str(FAX_SIXES / line["file"]), cv2.IMREAD_GRAYSCALE)
            assert not open_six(crop, ["1", "11"])  # the speck is too short to be what is left of a loop


def _six_broken_open(gray, right_side=255):
    cv2.ellipse(gray, (20, 20), (8, 14), 0, 100, 260, 0, 2)  # its left side
    cv2.ellipse(gray, (20, 26), (8, 8), 0, -70, 70, 0, 2)  # its loop's lower right side
    gray[7:10, 25:28] = 0  # its hook's tip
    cv2.ellipse(gray, (20, 20), (8, 14), 0, -75, -20, right_side, 2)  # where a 0's right side would run on


def test_a_six_broken_open_is_one_but_not_where_faint_ink_joins_its_right_side_to_the_top():
    assert open_six(_crop(_six_broken_open), ["11", "(i"])
    assert open_six(_crop(_six_broken_open), ["6"])
    assert not open_six(_crop(lambda gray: _six_broken_open(gray, right_side=170)), ["11", "(i"])  # a 0 left grey
    assert not open_six(_crop(_six_broken_open), ["11", "16"])  # a reading saw another digit
    assert open_six(_crop(_six_broken_open), ["11", "6i"])  # the 6 and its hook's tip read apart (fax 4007)


def test_a_page_reads_unsurely_when_a_few_of_its_numbers_are_read_below_the_sure_mark():
    """Told only of a page stored black and white at 200 dpi or less (the pipeline asks): coarse seed 7210's
    4s lost their diagonals and were read "1" surely, beside a few numbers read less so; a 4 that lost its
    bar was read "1" at 0.937 beside one other number read unsurely (mixed 9510_001)."""
    from nianbao.ocr.fax_glyphs import reads_unsurely

    labels = [[("三、本年度办理结果", 0.6)], [("7.属于行政执法案卷", 0.7)], [("F", 0.3)]]
    sure = [[("0", 0.99)]] * 40 + [[("21", 0.998)], [("1", 0.99)], [("17", 0.97)]]
    assert not reads_unsurely([labels, sure + [[("10", 0.88)], [("34", 0.93)]]])  # two: any page may have them
    assert reads_unsurely([labels, sure + [[("10", 0.88)], [("51", 0.81)]], [[("34", 0.93)]]])
    assert reads_unsurely([sure + [[("-3", 0.9)], [("12.5", 0.6)], [("0", 0.94)]]])
    assert reads_unsurely([labels, sure + [[("1", 0.971)]]])  # a lone 1 alone: what a 4 that lost its bar reads
    assert not reads_unsurely([labels, sure + [[("1", 0.985)], [("11", 0.9)]]])
