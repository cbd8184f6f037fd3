"""A line of a cell known by the shape of its ink: a slash, a dash, print in two parts far apart."""

import cv2
import numpy as np
from PIL import Image, ImageDraw

from nianbao.table.line_shapes import (
    crumbled_line,
    crumbs_beside,
    flat_dash,
    groups_apart,
    is_dash_band,
    is_slash,
    print_groups,
    without_faint_marks,
)
from tests.fixtures.pages import cjk_font


def _glyph_ink(text, size=34):
    image = Image.new("L", (size * 2, size * 2), 0)
    ImageDraw.Draw(image).text((size // 2, size // 4), text, font=cjk_font(size), fill=255)
    ink = (np.array(image) > 128).astype(np.uint8) * 255
    ys, xs = np.nonzero(ink)
    return ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]


def test_a_lone_slash_is_told_from_one_and_seven():
    assert is_slash(_glyph_ink("/"))
    for text in ("1", "7", "0", "4", "—", "-"):
        assert not is_slash(_glyph_ink(text)), text


def _with_speck(ink, area):
    """``ink`` with a speck of noise of about ``area`` pixels in a corner, clear of the stroke."""
    side = max(1, int(area**0.5))
    framed = cv2.copyMakeBorder(ink, side + 2, 0, side + 2, 0, cv2.BORDER_CONSTANT, value=0)
    framed[:side, :side] = 255
    return framed


def test_a_slash_beside_a_speck_of_noise_is_still_a_slash():
    # Heavy scanner noise leaves specks beside a printed "/" that the speck filter keeps; the
    # recogniser reads such a cell as 7 at 0.9 and more.
    slash = _glyph_ink("/")
    assert is_slash(_with_speck(slash, 9))
    assert not is_slash(_with_speck(slash, int(0.5 * np.count_nonzero(slash))))  # a second stroke, not a speck
    for text in ("1", "7"):
        assert not is_slash(_with_speck(_glyph_ink(text), 9)), text
    assert not is_slash(_with_speck(slash, 9), noise_specks=False)  # a fax's 2 that kept a crumb of its bar


def _band(*spans: tuple[int, int]) -> np.ndarray:
    band = np.zeros((20, 200), np.uint8)
    for x0, x1 in spans:
        band[:, x0:x1] = 255
    return band


def _apart(ink):
    return groups_apart(print_groups(ink))


def test_a_line_of_print_in_two_parts_far_apart_is_apart():
    assert _apart(_band((10, 30), (60, 80)))  # 30 px apart, 20 px tall: two numbers of two columns
    assert not _apart(_band((10, 18), (20, 28), (33, 41)))  # a number's digits, a thin space too
    assert not _apart(_band((10, 30)))
    remains = _band((10, 30), (45, 47), (60, 80))  # a lost rule's remains between them
    assert _apart(remains)
    speck = np.zeros((20, 200), np.uint8)
    speck[:, 10:30], speck[8:11, 60:63] = 255, 255  # a number and a speck of noise
    assert not _apart(speck)
    decimal = _band((0, 8), (12, 26), (28, 41), (59, 72), (74, 88))
    decimal[:, 41:59] = 0
    decimal[16:20, 47:53] = 255  # 144.92: its point stands in an 18 px gap
    assert not _apart(decimal)


def test_a_lost_rule_s_remains_taller_than_the_print_neither_joins_nor_makes_the_line_taller():
    """Two numbers of two columns with a faint rule's remains between them, running above and below the
    digits: the band is as tall as the remains, and the digits would count as too short for print."""
    band = np.zeros((29, 102), np.uint8)
    band[8:24, 0:15], band[8:24, 90:102] = 255, 255  # 0 | 0, 16 px tall
    band[1:28, 51:55] = 255  # the rule's remains: 4 px wide, 27 px tall
    assert print_groups(band) == [(0, 15, True), (90, 102, True)] and _apart(band)
    one = np.zeros((16, 60), np.uint8)
    one[:, 0:12], one[:, 16:20] = 255, 255  # a 0 and a thin 1 as tall as it: one number
    assert print_groups(one) == [(0, 20, True)]


def test_a_line_s_print_is_grouped_at_its_wide_gaps():
    rows = _band((10, 30), (60, 80), (130, 150))
    rows[8:11, 100:104] = 255  # a speck between the second and third number
    assert print_groups(rows) == [(10, 30, True), (60, 80, True), (100, 104, False), (130, 150, True)]
    assert print_groups(_band((10, 18), (20, 28), (33, 41))) == [(10, 41, True)]  # one number's digits


def test_a_dash_swollen_by_noise_or_among_specks_is_a_dash_and_a_digit_is_not():
    swollen = np.zeros((9, 24), np.uint8)
    swollen[:, :] = 255  # a dash's stroke swollen to 9 px, taller than the smallest digit (8)
    assert flat_dash(swollen, 8)
    specks = np.zeros((20, 40), np.uint8)
    specks[9:13, 4:36], specks[1:3, 10:12], specks[17:19, 30:32] = 255, 255, 255
    assert flat_dash(specks, 8)
    digits = np.zeros((20, 40), np.uint8)
    digits[:, 4:12], digits[:, 20:28] = 255, 255  # two digits: pieces taller than wide
    assert not flat_dash(digits, 8)
    blob = np.zeros((14, 40), np.uint8)
    blob[:, 2:38] = 255  # a flat piece as tall as a small digit and a half: not a dash
    assert not flat_dash(blob, 8)


def test_a_low_wide_line_is_a_dash_only_where_its_largest_piece_lies_across_it():
    band = (30, 40, 54, 47)  # 7 px tall (the smallest digit 8), 24 wide
    stroke = np.zeros((7, 24), np.uint8)
    stroke[2:5, 1:23] = 255  # a printed dash
    assert is_dash_band(band, 8, stroke)
    broken = stroke.copy()
    broken[:, 9:11] = 0  # broken in two by noise: still flat pieces
    assert is_dash_band(band, 8, broken)
    tops = np.zeros((7, 24), np.uint8)  # fax 8601_002: a 22 whose digits kept only short upright pieces
    tops[0:6, 0:2], tops[0:7, 8:10], tops[0:5, 13:15], tops[0:7, 21:24] = 255, 255, 255, 255
    assert not is_dash_band(band, 8, tops)
    assert not is_dash_band((30, 40, 54, 49), 8, np.pad(stroke, ((1, 1), (0, 0))))  # as tall as a digit


def test_marks_far_fainter_than_the_cells_print_are_dropped_and_its_print_is_kept():
    """A faint mark of noise texture beside a 0 (on a heavily damaged scan) is no print: read with it, the
    line was "70". Two digits printed alike, and one half as dark as the other, both stay."""
    gray = np.full((40, 100), 215, np.uint8)
    cv2.ellipse(gray, (60, 20), (6, 10), 0, 0, 360, 60, 2)  # the 0
    cv2.line(gray, (20, 8), (26, 14), 195, 2)  # the faint mark
    ink = np.where(gray < 210, 255, 0).astype(np.uint8)
    kept = without_faint_marks(ink, gray)
    assert kept[:, 55:70].any() and not kept[:, 15:30].any()
    cv2.line(gray, (30, 10), (30, 30), 140, 2)  # a 1 printed half as dark
    ink = np.where(gray < 210, 255, 0).astype(np.uint8)
    kept = without_faint_marks(ink, gray)
    assert kept[:, 28:33].any() and kept[:, 55:70].any() and not kept[:, 15:27].any()


def test_a_two_line_label_and_its_row_s_number_between_its_lines_are_apart():
    """Faint 9406_002 (a PNG at 150 dpi): the rule between a two-line label (本机关不掌握相关政府信 / 息) and its
    row's 10 was lost, and the 10, printed between the label's lines, joined them in one band 61 pixels
    tall: the label's characters 26 tall, the 10 21. Measured on the band, their 41-pixel gap was none
    and the 10 no print; measured on the characters, they are two parts. A band whose characters are as
    tall as it is measured on it as before, and so is a band of a fax's crumbs (too few, or on a fax page) or
    of noise specks lower than a character can be (faint 9809_000: bands of 12 pixels, specks of 3-4)."""
    band = np.zeros((61, 390), np.uint8)
    band[0:61, 0:24] = 255  # the label's first character over the second line's 息
    for x0 in range(52, 318, 27):
        band[0:26, x0 : x0 + 24] = 255  # the first line's characters
    band[20:41, 359:390] = 255  # the 10, centred between the lines
    on_characters = print_groups(band, least_character=16)
    assert on_characters == [(52, 319, True), (359, 390, True)] and groups_apart(on_characters)
    assert print_groups(band) == [(0, 390, True)]  # a fax page's line, measured as before
    level = np.zeros((26, 390), np.uint8)
    for x0 in range(52, 318, 27):
        level[:, x0 : x0 + 24] = 255
    level[:, 335:355] = 255
    assert print_groups(level, least_character=16) == [
        (52, 355, True)
    ]  # 16 pixels apart, all 26 tall: one line as before
    specks = np.zeros((12, 350), np.uint8)
    for k, x0 in enumerate(range(0, 340, 40)):
        specks[(k % 2) * 8 : (k % 2) * 8 + 4, x0 : x0 + 8] = 255  # a faint page's noise, at two levels
    assert print_groups(specks, least_character=16) == print_groups(specks)
    crumbs = np.zeros((25, 60), np.uint8)
    crumbs[0:9, 10:16], crumbs[16:25, 22:28] = 255, 255  # two crumbs of a fax's digit, at two levels
    assert print_groups(crumbs, least_character=0) == [(10, 28, False)]


def _crumbs(*pieces: tuple[int, int, int, int]) -> np.ndarray:
    ink = np.zeros((54, 86), np.uint8)
    for y0, y1, x0, x1 in pieces:
        ink[y0:y1, x0:x1] = 255
    return ink


def test_a_fax_s_two_that_lost_its_diagonal_is_one_line_of_crumbs():
    # as a 200-dpi fax left one: its arc 7 rows tall, then 5 blank rows, then its bar 5 rows tall
    two = _crumbs((19, 26, 45, 49), (31, 36, 37, 48))
    assert crumbled_line(two, min_height=8) == [(37, 19, 49, 36)]
    assert crumbled_line(_crumbs((19, 26, 45, 49)), min_height=8) == []  # one crumb lower than a line
    assert crumbled_line(_crumbs((5, 9, 10, 14), (40, 44, 60, 64)), min_height=8) == []  # far apart: two specks
    assert crumbled_line(_crumbs((2, 9, 40, 44), (14, 20, 40, 44), (25, 31, 40, 44)), min_height=8) == []  # too tall
    assert crumbled_line(np.zeros((54, 86), np.uint8), min_height=8) == []


def _diagonal_cell():
    """A cell's ink (255 = ink) with a lone diagonal stroke; its line's band."""
    ink = np.zeros((60, 80), np.uint8)
    cv2.line(ink, (44, 14), (34, 42), 255, 3)
    return ink, (32, 13, 47, 44)


def test_crumbs_of_print_beside_a_diagonal_are_what_a_digit_left():
    """A 2 that lost strokes leaves its diagonal, a dot of its arc and a piece of its bar: crumbs smaller
    than the specks cleaned away. A lone slash has none; a rule's remains at the cell's edge are none."""
    ink, band = _diagonal_cell()
    assert not crumbs_beside(ink, band)
    ink[50:58, 20:60] = 255  # the rule below, whose remains run out of the line's surroundings
    assert not crumbs_beside(ink, band)
    ink[40:43, 44:49] = 255  # what is left of a 2's bar
    assert crumbs_beside(ink, band)
