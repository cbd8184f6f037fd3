import cv2
import numpy as np
from PIL import Image, ImageDraw

from nianbao.table.bands import clean_ink, text_bands, without_speck_bands
from tests.fixtures.pages import cjk_font


def test_bands_split_lines_and_rejoin_the_strokes_of_san():
    ink = np.zeros((120, 200), np.uint8)
    font_lines = [("三", 10), ("本", 50)]
    image = Image.new("L", (200, 120), 0)
    draw = ImageDraw.Draw(image)
    for text, top in font_lines:
        draw.text((80, top), text, font=cjk_font(30), fill=255)
    ink = (np.array(image) > 128).astype(np.uint8) * 255
    bands = text_bands(ink, min_gap=4, min_height=8)
    assert len(bands) == 2  # 三's three strokes are one line, not three dashes


def _lines_ink(lines, size=(200, 160), font_size=26):
    image = Image.new("L", size, 0)
    draw = ImageDraw.Draw(image)
    for text, top in lines:
        draw.text((20, top), text, font=cjk_font(font_size), fill=255)
    return (np.array(image) > 128).astype(np.uint8) * 255


def test_a_band_of_noise_specks_in_a_tall_cell_is_no_line_of_its_own():
    # A tall row's value sits at its top; heavy noise stacks specks in the empty space below, which read
    # as 國 or a slash beside the value and make the cell unreadable.
    ink = _lines_ink([("0", 4)])
    rng = np.random.default_rng(3)
    for _ in range(12):
        y, x = int(rng.integers(70, 110)), int(rng.integers(10, 60))
        ink[y : y + 3, x : x + 3] = 255
    bands = text_bands(ink, min_gap=4, min_height=6)
    assert len(bands) == 2
    kept = without_speck_bands(ink, bands)
    assert kept == [bands[0]]
    assert without_speck_bands(ink, kept) == kept  # a lone line is never dropped, whatever it is


def test_every_printed_line_of_a_label_stays_beside_a_long_mark():
    # A sliver of a rule kept in one line makes that line's mark long; the others are still print.
    ink = _lines_ink([("2.没有现", 4), ("成信息需", 44), ("要另行制", 84), ("作", 124)])
    ink[40, 5:190] = 255
    bands = text_bands(ink, min_gap=2, min_height=6)
    assert without_speck_bands(ink, bands) == bands
    value_and_second_value = _lines_ink([("12", 4), ("3", 60)])
    bands = text_bands(value_and_second_value, min_gap=4, min_height=6)
    assert len(without_speck_bands(value_and_second_value, bands)) == 2


def test_the_last_digit_of_a_wrapped_number_stays_under_digits_that_ran_together():
    # 10983 printed in a narrow column: 1098 over 3. Blur ran 098 into one mark three digits wide; the 3
    # alone is as tall as they are, so it is print, not a band of specks (it was dropped: 1098 printed).
    ink = _lines_ink([("1098", 4), ("3", 40)])
    top = text_bands(ink, min_gap=4, min_height=6)[0]
    ink[top[1] + 8 : top[1] + 12, top[0] + 14 : top[2]] = 255  # the digits' middles joined by blur
    bands = text_bands(ink, min_gap=4, min_height=6)
    assert len(bands) == 2
    assert without_speck_bands(ink, bands) == bands
    specks = ink.copy()
    specks[bands[1][1] :, :] = 0
    for x in (30, 45, 60):  # specks a third of a digit's height, where the 3 was
        specks[48:54, x : x + 5] = 255
    speck_bands = text_bands(specks, min_gap=4, min_height=6)
    assert without_speck_bands(specks, speck_bands) == speck_bands[:1]


def test_rule_slivers_at_the_cell_edge_are_dropped():
    ink = np.zeros((40, 60), np.uint8)
    ink[:, 0:2] = 255  # a sliver of the left rule
    cv2.putText(ink, "0", (25, 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 255, 2)
    cleaned = clean_ink(ink, min_area=6)
    assert cleaned[:, :3].max() == 0 and cleaned[:, 20:].max() == 255


def test_a_sliver_a_pixel_inside_the_cell_edge_is_dropped_and_a_one_further_in_kept():
    # A rule printed slightly aslant leaves a one-pixel sliver just inside the crop; read with the 0 beside
    # it, it was a confident 10 (noisy 150-dpi scan).
    ink = np.zeros((40, 60), np.uint8)
    ink[8:30, 1:2] = 255
    cv2.putText(ink, "0", (25, 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 255, 2)
    cleaned = clean_ink(ink, min_area=6, edge=2)
    assert cleaned[:, :3].max() == 0 and cleaned[:, 20:].max() == 255
    one = np.zeros((40, 60), np.uint8)
    one[8:30, 6:8] = 255
    assert clean_ink(one, min_area=6, edge=2)[:, 6:8].max() == 255


def test_a_rule_across_the_whole_cell_is_dropped_and_a_one_is_kept():
    # A column rule of one row only (a block of table 二 with a column more than the blocks below) is no
    # column of the grid; left in the merged cell it is read as a confident 1.
    ink = np.zeros((40, 120), np.uint8)
    ink[:, 60:62] = 255
    cv2.putText(ink, "1", (90, 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 255, 2)
    cleaned = clean_ink(ink, min_area=6)
    assert cleaned[:, 55:66].max() == 0 and cleaned[:, 85:].max() == 255
    across = np.zeros((40, 120), np.uint8)
    across[20:22, :] = 255
    assert clean_ink(across, min_area=6).max() == 0
