"""Constrained decoding of value cells on hand-made class probabilities (no model)."""

import numpy as np

from nianbao.ocr.convert import WEAK_STEP_CAP, ctc_decode_values, rec_charset, value_classes
from nianbao.ocr.restore import FAX_SECOND_LOOK_BELOW, SECOND_LOOK_BELOW

CHARSET = rec_charset(["0", "1", "2", "3", "7", "8", "9", "I", "o", "國", "新", "—", "一", ".", "万", "元", "１"])


def _probs(steps):
    """One line: each step is {character: probability}; what is left goes to the blank."""
    probs = np.zeros((1, len(steps), len(CHARSET)), dtype=np.float32)
    for t, step in enumerate(steps):
        for char, p in step.items():
            probs[0, t, CHARSET.index(char)] = p
        probs[0, t, 0] = 1.0 - sum(step.values())
    return probs


def _decode(steps):
    (reading,) = ctc_decode_values(_probs(steps), CHARSET, value_classes(CHARSET))
    return reading


def test_digits_read_the_same_and_as_surely_as_free_decoding():
    text, conf = _decode([{"3": 0.98}, {}, {"9": 0.97}, {"9": 0.97}, {}, {"0": 0.99}])
    assert text == "390"
    assert conf > 0.97


def test_an_I_read_surely_is_no_number():
    text, _ = _decode([{"I": 0.8, "1": 0.1}])
    assert text == "I"  # the free reading, which values.py refuses as a number


def test_an_I_read_unsurely_becomes_a_1_too_doubtful_to_keep():
    text, conf = _decode([{"I": 0.45, "1": 0.35}])
    assert text == "1"
    assert conf <= 0.55


def test_a_dash_is_not_a_digit():
    assert _decode([{"—": 0.6, "1": 0.3}])[0] == "—"


def test_a_round_zero_read_as_letter_o_is_a_zero():
    text, conf = _decode([{"o": 0.45, "0": 0.3}])
    assert text == "0"
    assert conf >= 0.75


def test_a_speck_read_as_a_character_beside_a_zero_leaves_its_doubt():
    text, conf = _decode([{"國": 0.4}, {}, {"0": 0.9}])
    assert text == "0"
    assert conf <= 0.6 + 1e-6


def test_a_sure_label_keeps_its_free_reading():
    assert _decode([{"新": 0.95}, {}, {"國": 0.9}])[0] == "新國"


def test_full_width_digits_and_money_units_fold_into_the_alphabet():
    text, _ = _decode([{"１": 0.9}, {}, {"2": 0.9}, {".": 0.9}, {"3": 0.9}, {"万": 0.9}, {"元": 0.9}])
    assert text == "12.3万元"


def test_a_long_number_with_one_step_contested_by_a_letter():
    steps = [{"3": 0.95}, {}, {"9": 0.95}, {}, {"o": 0.3, "0": 0.25, "國": 0.2}, {}, {"1": 0.95}]
    text, conf = _decode(steps)
    assert text == "3901"
    assert conf <= 0.8 + 1e-6


def test_one_weak_digit_of_a_long_number_caps_its_confidence_below_a_second_look():
    # "273" read "278": two sure steps and an 8 at 0.875 average to 0.958, above any second look
    text, conf = _decode([{"2": 1.0}, {}, {"7": 1.0}, {}, {"8": 0.875, "3": 0.125}])
    assert text == "278"
    assert conf <= WEAK_STEP_CAP < SECOND_LOOK_BELOW and WEAK_STEP_CAP < FAX_SECOND_LOOK_BELOW


def test_a_long_number_read_surely_at_every_step_keeps_its_mean():
    text, conf = _decode([{"2": 0.99}, {}, {"7": 0.95}, {}, {"3": 0.92}])
    assert text == "273"
    assert conf > SECOND_LOOK_BELOW
