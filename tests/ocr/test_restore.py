"""Crop restoration and the agreement of readings, on synthetic crops (no model)."""

import cv2
import numpy as np

from nianbao.ocr.restore import (
    EIGHT_SECOND_LOOK_BELOW,
    FAX_SECOND_LOOK_BELOW,
    SECOND_LOOK_BELOW,
    UNAGREED_CAP,
    agreed_reading,
    on_grey_paper,
    restorations,
    second_look_below,
    smoothed,
    unconfirmed,
    upscaled,
)


def _digit_crop(text="0", height=30, left=10, right=10):
    crop = np.full((height, 20 * len(text) + left + right), 235, np.uint8)
    cv2.putText(crop, text, (left, height - 8), cv2.FONT_HERSHEY_SIMPLEX, height / 40, 30, 2)
    return crop


def _components(black_on_white):
    return cv2.connectedComponents((black_on_white < 128).astype(np.uint8))[0] - 1


def test_a_small_crop_is_enlarged_to_the_recognisers_height_and_a_tall_one_kept():
    assert upscaled(np.zeros((16, 40), np.uint8)).shape == (48, 120)
    assert upscaled(np.zeros((60, 40), np.uint8)).shape == (60, 40)


def test_noise_specks_and_a_rule_remain_are_removed_and_the_digit_kept():
    rng = np.random.default_rng(3)
    crop = _digit_crop("0", left=60, right=60)  # a wide cell, the 0 in its middle
    noisy = np.clip(crop + rng.normal(0, 18, crop.shape), 0, 255).astype(np.uint8)
    specks = rng.random(crop.shape) < 0.006
    noisy[specks] = 0
    noisy[0:2, :] = 40  # what is left of the rule above the cell
    cleaned, _ = restorations(noisy)
    assert cleaned[:4].min() == 255  # the rule remain is gone
    scale = cleaned.shape[0] / crop.shape[0]  # enlarged to the recogniser's height
    assert (
        cleaned[:, : int(50 * scale)].min() == 255 and cleaned[:, -int(50 * scale) :].min() == 255
    )  # no speck away from the 0
    assert cleaned[:, int(60 * scale) : int(80 * scale)].min() == 0  # the 0 itself


def test_a_faint_digit_on_grey_paper_padded_with_white_is_restored_as_the_digit_alone():
    """Line crops are padded with white; on grey paper that margin is not the paper, and the paper
    inside it is not ink."""
    rng = np.random.default_rng(5)
    crop = np.full((20, 16), 205, np.uint8)
    cv2.putText(crop, "3", (2, 16), cv2.FONT_HERSHEY_SIMPLEX, 0.55, 150, 2)
    crop = np.clip(crop + rng.normal(0, 8, crop.shape), 0, 255).astype(np.uint8)
    padded = cv2.copyMakeBorder(crop, 6, 6, 6, 6, cv2.BORDER_CONSTANT, value=255)
    cleaned, _ = restorations(padded)
    ink = cleaned < 128
    assert 0.03 < ink.mean() < 0.2  # the stroke of the 3, not the grey paper (a third of it before)
    assert _components(cleaned) == 1


def test_a_number_with_an_8_on_grey_paper_is_read_again_however_surely_it_was_read():
    grey = cv2.copyMakeBorder(_digit_crop("8"), 6, 6, 6, 6, cv2.BORDER_CONSTANT, value=255)
    white = cv2.copyMakeBorder(
        np.where(_digit_crop("8") == 235, 255, 30).astype(np.uint8), 6, 6, 6, 6, cv2.BORDER_CONSTANT, value=255
    )
    assert on_grey_paper(grey) and not on_grey_paper(white)
    assert second_look_below("38", False, grey) > 1.0  # a smudged 3 read "8" at 0.9988 (hard seed 7101)
    assert second_look_below("38", False, white) == EIGHT_SECOND_LOOK_BELOW < 1.0
    assert second_look_below("33", False, grey) == SECOND_LOOK_BELOW
    assert second_look_below("38", True, grey) == FAX_SECOND_LOOK_BELOW  # a fax's own rules check it


def test_a_zero_broken_by_fax_lines_is_rejoined():
    crop = _digit_crop("0", height=40)
    crop[::2] = 235  # every other scan line lost
    cleaned, joined = restorations(crop)
    assert _components(joined) == 1
    assert _components(cleaned) >= _components(joined)


def test_readings_agree_on_the_most_shared_text_with_its_surest_confidence():
    assert agreed_reading([("0", 0.6), ("o", 0.4), ("0", 0.8)]) == ("0", 0.8)
    assert agreed_reading([("1", 0.7), ("7", 0.6), ("", 0.0)]) is None
    assert agreed_reading([("()", 0.9), ("0", 0.95), ("0", 0.7)]) == ("0", 0.95)


def test_a_sure_dissenting_reading_is_not_outvoted():
    assert agreed_reading([("I", 0.9), ("1", 0.6), ("1", 0.7)]) is None


def test_a_tie_or_agreement_among_restored_readings_alone_is_no_agreement():
    assert agreed_reading([("4", 0.88), ("1", 0.99), ("4", 0.7), ("1", 0.9)]) is None
    assert agreed_reading([("4", 0.88), ("1", 0.99), ("7", 0.5), ("1", 0.9)], frozenset({1, 3})) is None
    assert agreed_reading([("1", 0.88), ("1", 0.99), ("7", 0.5), ("4", 0.3)], frozenset({1, 3})) == ("1", 0.99)


def test_restored_readings_of_nothing_a_value_prints_dissent_but_do_not_vote():
    derived = frozenset({1, 3})
    # a blurred photograph's "+1" binarised into a blob read "二": the crop's own two readings stand
    assert agreed_reading([("+1", 0.88), ("二", 0.72), ("+1", 0.9999), ("二", 0.72)], derived) == ("+1", 0.9999)
    assert agreed_reading([("+1", 0.88), ("二", 0.99), ("+1", 0.95), ("二", 0.99)], derived) is None  # surer
    # a dash a restoration reads is a value's character: it still votes, and ties
    assert agreed_reading([("1", 0.88), ("—", 0.72), ("1", 0.9), ("—", 0.72)], derived) is None
    assert agreed_reading([("1", 0.88), ("二", 0.72)], derived) is None  # one reading is no agreement


def test_an_unconfirmed_reading_is_kept_as_text_but_below_any_cut():
    text, conf = unconfirmed([("1", 0.9), ("7", 0.6)])
    assert text == "1" and conf == UNAGREED_CAP


def test_a_decimal_point_is_not_taken_for_a_speck():
    crop = _digit_crop("96171.6", height=30)
    cleaned, _ = restorations(crop)
    assert _components(cleaned) == _components(255 - (255 - crop > 100).astype(np.uint8) * 255)


def test_a_stroke_broken_off_the_digit_is_kept():
    crop = _digit_crop("4", height=40)
    crop[:, 14:16] = 235  # the tip of the 4's bar cut off by a lost column of the scan
    assert _components(crop) == 2
    cleaned, _ = restorations(crop)
    assert _components(cleaned) == 2


def test_a_smoothed_crop_keeps_its_grey_levels_at_the_recognisers_height_and_a_lone_speck_fades():
    crop = _digit_crop("0", height=24)
    crop[3, 3] = 0  # a black speck of one pixel in the corner
    view = smoothed(crop)
    assert view.shape[0] == 48 and len(np.unique(view)) > 2
    assert view[:12, :12].min() > 150 and view.min() < 100
