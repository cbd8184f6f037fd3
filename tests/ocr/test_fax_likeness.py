"""A fax's 0 broken open, told by its likeness to the page's sure zeros."""

from dataclasses import replace

import cv2
import numpy as np

from nianbao.ocr.fax_likeness import (
    LIKE_ZEROS,
    LIKE_ZEROS_AS_ONES,
    MAX_SIDE_GAP,
    NO_DIGIT_SIDE_GAP,
    ONES_RIGHT_TOP,
    SHORT_BROKEN_LIKE_ZEROS,
    SHORT_ONES_RIGHT_TOP,
    SHORT_WHOLE_LIKE_ZEROS,
    SHORT_ZERO_HEIGHT,
    STROKE_SIDE_GAP,
    WHOLE_ONES_LIKE_ZEROS,
    like_page_zeros,
    likeness_to_zeros,
    line_glyph,
    page_digit_height,
)


def _arcs(*arcs: tuple[int, int], size: int = 30, axes: tuple[int, int] = (5, 8)) -> np.ndarray:
    """A line crop holding the given arcs (start and end angles) of one ellipse: a 0 broken open."""
    crop = np.full((size, size), 255, np.uint8)
    for start, end in arcs:
        cv2.ellipse(crop, (size // 2, size // 2), axes, 0, start, end, 0, 2)
    return crop


def _page_zeros():
    return [
        line_glyph(_arcs(*arcs)) for arcs in (((100, 260), (-80, 80)), ((95, 265), (-75, 75)), ((105, 255), (-85, 85)))
    ]


def test_a_zero_broken_open_like_the_page_s_zeros_is_a_zero():
    glyph = line_glyph(_arcs((98, 262), (-78, 78)))
    assert likeness_to_zeros(glyph, _page_zeros()) >= LIKE_ZEROS
    assert like_page_zeros(glyph, "()", _page_zeros()) and like_page_zeros(glyph, "1)", _page_zeros())


def test_a_six_or_a_nine_broken_open_is_not_like_the_page_s_zeros():
    six = _arcs((100, 260), (20, 80))  # its loop's right side low, and the end of its tail above
    cv2.circle(six, (19, 8), 1, 0, -1)
    nine = _arcs((-80, 80), (200, 260))
    cv2.circle(nine, (11, 22), 1, 0, -1)
    for crop in (six, nine):
        assert not like_page_zeros(line_glyph(crop), "()", _page_zeros())


def test_a_six_keeping_only_its_bowl_s_right_side_is_no_zero_however_like():
    # The left arc whole, the right side from half-way down: what a 6 whose thin hook a fax lost leaves.
    six = _arcs((110, 250), (15, 85))
    glyph = line_glyph(six)
    assert glyph is not None and glyph.right_top > 0.45
    assert not like_page_zeros(glyph, "()", [glyph])  # even where it is the page's zeros' very likeness
    zero = line_glyph(_arcs((100, 260), (-80, 80)))
    assert zero is not None and zero.right_top < 0.2 and like_page_zeros(zero, "()", [zero])


def test_a_nine_whose_loop_s_left_side_ends_half_way_down_is_no_zero_however_like():
    # Fax 9512_000: the loop's left side from the top to half-way down, the right side on to the tail's
    # foot, read "1)" four times; like the page's zeros, but its left side bare below the loop.
    nine = line_glyph(_arcs((200, 265), (-80, 80)))
    assert nine is not None and nine.side_gap >= STROKE_SIDE_GAP
    assert not like_page_zeros(nine, "1)", [nine]) and not like_page_zeros(nine, "()", [nine])
    broken = line_glyph(_arcs((100, 140), (185, 260), (-80, 80)))  # a 0 that lost a scan line or two
    assert broken is not None and 0 < broken.side_gap < STROKE_SIDE_GAP and like_page_zeros(broken, "1)", [broken])


def test_a_line_read_as_strokes_another_reading_saw_as_strokes_over_specks_is_no_zero_however_like():
    """Fax 11404_000: a 9 whose loop's side and tail's end are two pieces, read "1)" three times and "!!"
    once, as like the page's zeros as a 0 with a lost scan line: "!" is a stroke over a speck."""
    broken = line_glyph(_arcs((100, 140), (185, 260), (-80, 80)))
    assert like_page_zeros(broken, "1)", [broken], readings=["1)", "(1", "1)"])
    for specked in (["!!", "1)", "1)"], ["1)", "！"], [" ! "]):
        assert not like_page_zeros(broken, "1)", [broken], readings=specked)
    assert like_page_zeros(broken, "1)", [broken], readings=["(!"])  # a paren beside it: a 0's side
    assert not like_page_zeros(broken, "11", [broken], readings=["!!"])
    # Read so itself, a line is told by its sides, as one read as letters is (fax 10804_002: a whole 0 read "!!").
    zero = line_glyph(_arcs((100, 260), (-80, 80)))
    assert like_page_zeros(zero, "!!", [zero]) and not like_page_zeros(broken, "!!", [broken])


def test_only_a_narrow_line_read_as_round_shapes_and_strokes_is_compared():
    zero = line_glyph(_arcs((100, 260), (-80, 80)))
    assert not like_page_zeros(zero, "8", _page_zeros())  # read as a digit: the other checks decide
    assert not like_page_zeros(zero, "()", [])  # no sure zero on the page
    wide = line_glyph(_arcs((100, 260), (-80, 80), size=60, axes=(20, 8)))  # wider than a lone 0
    assert not like_page_zeros(wide, "()", _page_zeros())
    small = line_glyph(_arcs((100, 260), (-80, 80), size=16, axes=(2, 4)))  # another size: another font
    assert likeness_to_zeros(small, _page_zeros()) == -1


def test_a_zero_that_lost_its_top_read_as_letters_is_a_zero_only_with_whole_sides_and_as_narrow_as_the_zeros():
    lost_top = line_glyph(_arcs((-60, 240)))  # its sides and its bottom: what is read "U"
    assert likeness_to_zeros(lost_top, _page_zeros()) >= LIKE_ZEROS and lost_top.side_gap == 0
    for reading in ("U", "UJ", "リ", "门"):
        assert like_page_zeros(lost_top, reading, _page_zeros())
    assert not like_page_zeros(lost_top, "U", [])  # no sure zero on the page
    for reading in ("U8", "ULI"):  # a digit read, or more than a lone 0 is read as
        assert not like_page_zeros(lost_top, reading, _page_zeros())
    # a 9's loop whose left side broke where its tail leaves it, as like the zeros, read "!!"
    broken = line_glyph(_arcs((-80, 80), (100, 160), (200, 260)))
    assert likeness_to_zeros(broken, _page_zeros()) >= LIKE_ZEROS and broken.side_gap >= NO_DIGIT_SIDE_GAP
    assert not like_page_zeros(broken, "!!", _page_zeros())
    assert like_page_zeros(broken, "()", _page_zeros())  # round shapes and strokes ask likeness alone
    wide = line_glyph(_arcs((-60, 240), axes=(6, 8)))  # a character's ring, wider than the page's zeros
    assert likeness_to_zeros(wide, _page_zeros()) >= LIKE_ZEROS
    assert not like_page_zeros(wide, "口", _page_zeros())


def test_a_line_read_as_letters_that_another_reading_gave_as_a_digit_is_no_zero_by_likeness():
    """Fax 6216_001: a 6 broken open read "い" three times and "6" once, as like the page's zeros as a 0."""
    lost_top = line_glyph(_arcs((-60, 240)))
    assert like_page_zeros(lost_top, "い", _page_zeros(), readings=["(ì", "い", "い"])
    assert not like_page_zeros(lost_top, "い", _page_zeros(), readings=["(ì", "い", "6", "い"])
    assert like_page_zeros(lost_top, "11", _page_zeros(), readings=["6"]) == like_page_zeros(
        lost_top, "11", _page_zeros()
    )  # read as 1s, a zero's other readings often hold a 6 ("61"): those ask only likeness and shape


def test_ink_touching_the_crop_s_edge_is_no_part_of_the_glyph():
    crop = _arcs((100, 260), (-80, 80))
    crop[:, 0:2] = 0  # a rule's remains along the crop's edge
    glyph = line_glyph(crop)
    assert glyph is not None and glyph.width == line_glyph(_arcs((100, 260), (-80, 80))).width
    assert line_glyph(np.full((20, 20), 255, np.uint8)) is None


def test_a_zero_read_as_ones_is_a_zero_only_as_wide_as_the_page_s_zeros_and_more_like_them():
    zero = line_glyph(_arcs((98, 262), (-78, 78)))
    assert likeness_to_zeros(zero, _page_zeros()) >= LIKE_ZEROS_AS_ONES
    assert like_page_zeros(zero, "11", _page_zeros()) and like_page_zeros(zero, " 1", _page_zeros())
    # as like the zeros, but 1.3 times as wide: two strokes as far apart as a printed 11's stems
    wider = line_glyph(_arcs((98, 262), (-78, 78), axes=(7, 8)))
    assert likeness_to_zeros(wider, _page_zeros()) >= LIKE_ZEROS_AS_ONES
    assert like_page_zeros(wider, "()", _page_zeros()) and not like_page_zeros(wider, "11", _page_zeros())
    less_like = line_glyph(_arcs((120, 240), (-60, 60)))  # its sides shorter than the page's zeros'
    assert LIKE_ZEROS <= likeness_to_zeros(less_like, _page_zeros()) < LIKE_ZEROS_AS_ONES
    broken = replace(less_like, side_gap=0.1)  # a side broken by lost scan lines
    assert like_page_zeros(broken, "()", _page_zeros()) and not like_page_zeros(broken, "11", _page_zeros())


def test_a_six_whose_hook_kept_its_tip_read_as_ones_is_no_zero():
    """A 6's right side is its hook's tip, a gap, then its bowl: read "11", it is not taken for a 0 however
    like the page's zeros; read "()", the likeness alone decides as before."""
    six = line_glyph(_arcs((100, 260), (-80, -60), (10, 80)))
    assert six is not None and six.side_gap >= MAX_SIDE_GAP
    assert line_glyph(_arcs((98, 262), (-78, 78))).side_gap == 0
    zero = line_glyph(_arcs((98, 262), (-78, 78)))
    for broken in (replace(zero, side_gap=MAX_SIDE_GAP), replace(zero, right_top=ONES_RIGHT_TOP + 0.05)):
        assert not like_page_zeros(broken, "11", _page_zeros())
        assert like_page_zeros(broken, "()", _page_zeros())


def test_a_zero_read_as_ones_shorter_than_the_page_s_digits_needs_less_likeness():
    """A 0 that lost its top and bottom is shorter than its font's digits, where a printed 1 keeps its
    stem's full height: so short, with its right side whole, it is a 0 less like the zeros than one as tall
    as the digits must be."""
    less_like = replace(line_glyph(_arcs((120, 240), (-60, 60))), side_gap=0.1)  # a side broken
    assert less_like is not None and less_like.right_top <= SHORT_ONES_RIGHT_TOP
    assert SHORT_BROKEN_LIKE_ZEROS <= likeness_to_zeros(less_like, _page_zeros()) < LIKE_ZEROS_AS_ONES
    taller_digits = less_like.height / SHORT_ZERO_HEIGHT + 1
    assert like_page_zeros(less_like, "11", _page_zeros(), taller_digits)
    assert like_page_zeros(less_like, "1", _page_zeros(), taller_digits)
    assert not like_page_zeros(less_like, "11", _page_zeros(), less_like.height)  # as tall as the digits
    assert not like_page_zeros(less_like, "11", _page_zeros(), None)  # no sure digit to measure
    late_right = replace(less_like, right_top=SHORT_ONES_RIGHT_TOP + 0.05)  # a 6's hook tip lost, its bowl left
    assert not like_page_zeros(late_right, "11", _page_zeros(), taller_digits)
    gapped = replace(less_like, side_gap=MAX_SIDE_GAP)
    assert not like_page_zeros(gapped, "11", _page_zeros(), taller_digits)
    unlike = line_glyph(_arcs((100, 260), (20, 80)))  # a 6's bowl: not like the zeros at all
    assert unlike is not None and not like_page_zeros(unlike, "11", _page_zeros(), 100)


def test_a_short_zero_read_as_ones_with_whole_sides_needs_less_likeness_than_one_with_a_side_broken():
    """Short, as wide as the zeros and its right side whole, a line read "11" with no side broken by two lost
    scan lines or more is a 0 less like the page's zeros than LIKE_ZEROS; with a side broken, as a 9's left
    side ends under its loop, it must be more like them."""
    whole = line_glyph(_arcs((125, 235), (-55, 55)))
    assert whole is not None and whole.side_gap == 0
    assert SHORT_WHOLE_LIKE_ZEROS <= likeness_to_zeros(whole, _page_zeros()) < LIKE_ZEROS
    taller_digits = whole.height / SHORT_ZERO_HEIGHT + 1
    assert like_page_zeros(whole, "11", _page_zeros(), taller_digits)
    assert not like_page_zeros(whole, "11", _page_zeros(), whole.height)  # as tall as the digits: a stroke pair
    assert not like_page_zeros(replace(whole, side_gap=0.14), "11", _page_zeros(), taller_digits)
    likelier = line_glyph(_arcs((120, 240), (-60, 60)))
    assert likelier is not None and likeness_to_zeros(likelier, _page_zeros()) >= SHORT_BROKEN_LIKE_ZEROS
    assert like_page_zeros(replace(likelier, side_gap=0.14), "11", _page_zeros(), taller_digits)
    unlike = line_glyph(_arcs((130, 230), (-50, 50)))  # shorter arcs still: too little of a 0 left to tell
    assert unlike is not None and likeness_to_zeros(unlike, _page_zeros()) < SHORT_WHOLE_LIKE_ZEROS
    assert not like_page_zeros(unlike, "11", _page_zeros(), taller_digits)


def test_a_zero_read_as_ones_with_whole_sides_from_its_top_needs_less_likeness_at_any_height():
    """Fax 11403_001: zeros read "11", their sides whole and as wide as the page's zeros, like them by
    0.86-0.89, on a page whose sure digits were too few to measure its digits' height on; a 6 or a 9 as like
    has a side broken, or its right side begins lower."""
    whole = line_glyph(_arcs((120, 240), (-60, 60)))
    assert whole is not None and whole.side_gap == 0 and whole.right_top <= SHORT_ONES_RIGHT_TOP
    assert WHOLE_ONES_LIKE_ZEROS <= likeness_to_zeros(whole, _page_zeros()) < LIKE_ZEROS_AS_ONES
    for digit_height in (None, whole.height):
        assert like_page_zeros(whole, "11", _page_zeros(), digit_height)
        assert not like_page_zeros(replace(whole, side_gap=0.1), "11", _page_zeros(), digit_height)
        assert not like_page_zeros(replace(whole, right_top=0.15), "11", _page_zeros(), digit_height)


def test_the_page_s_digit_height_is_that_of_its_sure_numbers_no_zero_is_read_as():
    def glyph(height: int):
        return replace(line_glyph(_arcs((100, 260), (-80, 80))), height=height)

    lines = [
        (glyph(20), "23", 0.99),
        (glyph(22), "5.5", 0.95),
        (glyph(21), "7", 0.9),
        (glyph(12), "11", 0.99),  # what a 0 may be read as
        (glyph(12), "0", 0.99),
        (glyph(30), "1,234", 0.99),  # a comma reaches below the digits
        (glyph(40), "38", 0.5),  # not sure
        (None, "42", 0.99),
    ]
    assert page_digit_height(lines, 0.9) == 21
    assert page_digit_height(lines[3:], 0.9) is None


def test_a_page_with_no_sure_digit_but_0s_and_1s_takes_its_lone_1s_height():
    """A report of zeros and ones (fax seed 2406): its lone 1s read surely are as tall as the digits."""

    def glyph(height: int):
        return replace(line_glyph(_arcs((100, 260), (-80, 80))), height=height)

    ones = [(glyph(15), "1", 0.99), (glyph(16), "1", 0.95), (glyph(15), "1", 0.9)]
    others = [(glyph(13), "11", 0.99), (glyph(9), "1", 0.5)]  # a 0 may be read "11"; a 1 read unsurely
    assert page_digit_height(ones + others, 0.9) == 15
    assert page_digit_height([*ones, (glyph(20), "23", 0.99)], 0.9) == 20  # a digit 2-9 comes first
    assert page_digit_height(ones[1:] + others, 0.9) is None  # two 1s are too few to tell
