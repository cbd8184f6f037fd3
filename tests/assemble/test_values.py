import pytest

from nianbao.assemble.values import chinese_digits, chinese_integer, header_unit_scale, parse_value


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("21", "integer", 21),
        ("０", "integer", 0),
        ("1,234", "integer", 1234),
        ("12件", "integer", 12),
        ("O", "integer", 0),
        ("96171.6", "decimal", 96171.6),
        ("38.09533", "decimal", 38.09533),
        ("+1", "signed_integer", 1),
        ("-2", "signed_integer", -2),
        ("－2", "signed_integer", -2),
        ("7730.28", "decimal", 7730.28),
        ("251000元", "money", 251000.0),
        ("25.1万元", "money", 251000.0),
        ("5003,53", "money", 5003.53),  # its point read as a comma
        ("5623,36", "decimal", 5623.36),
        ("25,1万元", "money", 251000.0),
        ("1,234", "money", 1234.0),
        ("1,234.5", "money", 1234.5),
        ("5,003,53", "money", 5003.53),
        ("3.0", "integer", 3),
        ("0.5", "decimal", 0.5),
        ("0.00", "decimal", 0.0),
    ],
)
def test_numbers(text, kind, expected):
    parsed = parse_value(text, kind)
    assert parsed.value == expected and type(parsed.value) is type(expected) and parsed.problem is None


@pytest.mark.parametrize("text", ["", " ", "-", "—", "/", "——", "－", "一"])
def test_blank_and_dash_are_null_without_a_problem(text):
    assert parse_value(text, "integer").value is None
    assert parse_value(text, "integer").problem is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("1a2", "integer"),
        ("I", "integer"),
        ("l0", "integer"),
        ("|", "money"),
        ("5003,5,3", "money"),
        ("17,10", "integer"),
        ("-3", "integer"),
        ("2.5", "integer"),
        ("见附件", "decimal"),
    ],
)
def test_unreadable_is_null_with_a_reason(text, kind):
    parsed = parse_value(text, kind)
    assert parsed.value is None and parsed.problem


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("09", "integer"),
        ("00", "integer"),
        ("O8", "integer"),
        ("+07", "signed_integer"),
        ("012.5", "decimal"),
        ("08元", "money"),
    ],
)
def test_a_leading_zero_is_a_misread_digit_not_a_number(text, kind):
    # A fax's 9 broken open reads as 0: "98" read "08" must not become the number 8.
    parsed = parse_value(text, kind)
    assert parsed.value is None and "starts with a 0" in (parsed.problem or "")


def test_money_unit_from_the_header():
    assert parse_value("25.1", "money", header_unit_scale("采购总金额（万元）")).value == 251000.0
    assert header_unit_scale("采购总金额") == 1.0


@pytest.mark.parametrize(
    ("text", "expected"), [("三", 3), ("十二", 12), ("一百零五", 105), ("两万三千", 23000), ("〇", 0)]
)
def test_counts_written_in_chinese_numerals(text, expected):
    assert parse_value(text, "integer").value == expected


def test_one_reader_of_chinese_numerals_for_counts_and_dates():
    assert [chinese_integer(t) for t in ("三", "十二", "二十一", "一百零五", "两万三千")] == [3, 12, 21, 105, 23000]
    assert [chinese_digits(t) for t in ("二〇二四", "二○二三", "二零二五")] == [2024, 2023, 2025]
    assert chinese_digits("二十") is None and chinese_integer("十a") is None


def test_numbers_one_under_another_in_one_cell_are_counted_a_wrapped_number_is_not():
    from nianbao.assemble.values import stacked_values

    rows_apart = [("442", (10, 100, 50, 120)), ("0", (20, 177, 30, 197)), ("0", (20, 254, 30, 274))]
    assert stacked_values(rows_apart) == 3  # a cell three rows tall: its rules between rows were lost
    assert stacked_values(list(reversed(rows_apart))) == 3
    wrapped = [("117", (10, 100, 50, 120)), ("82", (10, 124, 40, 144))]
    assert stacked_values(wrapped) == 0  # a long number wrapped in a narrow column: one number
    assert stacked_values([("3.其他", (10, 100, 80, 120)), ("0", (20, 177, 30, 197))]) == 0
    assert stacked_values([("12", (10, 100, 50, 120))]) == 0
    with_dash = [("一", (10, 100, 50, 120)), ("0", (20, 177, 30, 197))]
    assert stacked_values(with_dash) == 0 and stacked_values(with_dash, dashes=True) == 2
