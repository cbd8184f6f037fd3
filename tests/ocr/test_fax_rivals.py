"""The numbers a fax's value line may be, from its readings (ocr.fax_rivals)."""

from nianbao.ocr.fax_rivals import (
    CLOSED_READINGS,
    FOOTLESS_READINGS,
    LESS_SURE_READINGS,
    decoding_bases,
    drawable,
    lookalikes_restored,
    other_numbers,
    rivals,
)


def test_rivals_are_one_edit_away_or_fax_lookalikes_with_no_leading_zero():
    found = rivals("11")
    assert {"1", "111", "17", "41", "44", "0"} <= found  # 44: two 4s that lost their bars
    assert "11" not in found and not any(r.startswith("0") and r != "0" for r in found)
    assert "0" in rivals("8") and "6" in rivals("0")


def test_two_1s_side_by_side_may_be_one_digit_broken_into_its_two_sides():
    """A 93 whose 3 lost its bars was read "911" (fax seed 2805): the 3's two sides as 1s."""
    found = rivals("911")
    assert {"93", "90", "98", "96"} <= found
    assert {"2003", "2603"} <= rivals("21103")
    assert "93" not in rivals("9101")  # only 1s side by side


def test_only_plain_numbers_are_drawn():
    assert drawable("4628") and not drawable("-2") and not drawable("1.5") and not drawable("")
    assert not drawable("１２") and not drawable("1234567890")


def test_a_reading_stands_for_the_number_its_broken_digits_and_stray_marks_may_be():
    assert decoding_bases(["1:37", "X", "小", "7.", "3i"]) == {"137", "8", "4", "7", "31"}
    assert decoding_bases(["1.1", "—", "--", "()", "二", ""]) == set()  # a decimal, dashes, no number


def test_a_1_or_a_0_is_put_back_as_the_broken_digits_read_so():
    assert lookalikes_restored("178") == {"478", "778"}
    assert lookalikes_restored("2206") == {"2266"}
    assert lookalikes_restored("10") == {"40", "70", "16"} and lookalikes_restored("258") == set()
    assert lookalikes_restored("300", LESS_SURE_READINGS) == {"390", "309"}
    assert lookalikes_restored("58", LESS_SURE_READINGS) == set()
    assert lookalikes_restored("58", CLOSED_READINGS) == {"53"}  # a 3 whose open side the blur closed
    assert lookalikes_restored("72", FOOTLESS_READINGS) == {"22"}  # a 2 that lost its foot


def test_a_line_s_other_numbers_are_those_its_other_readings_gave_at_most_three():
    """A 4 that lost its bar read "1" twice and "4" twice: the 4 is drawn again beside the reading."""
    assert other_numbers("1", ["1", " 4", "1", "4"]) == ["4"]
    assert other_numbers("1", ["()", "1)", "l"]) == []  # no number but the reading's own
    assert other_numbers("11", ["0", "41", "14", "17", "71"]) == ["0", "41", "14"]
