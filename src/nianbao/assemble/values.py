"""Printed cell text to a number, or to null with the reason kept. Never a guess."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from nianbao.table.layout import DASH_LIKE

# A printed dash is often read as 一; a lone 一 is taken as that dash, never as the numeral 1.
NULL_MARKS = {"", "一", "一一", "-", "--", "—", "——", "–", "－", "/", "／", "\\", "无", "空", "×", "x", "X", "_", "…"}
# Round glyphs are a zero whatever the recogniser calls them; "I", "l" and "|" are not a 1: they are what
# a dash or a stroke of noise reads as, so a cell read that way gives no number.
DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "〇": "0", "零": "0"})
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
MONEY = re.compile(r"^([+-]?\d+(?:\.\d+)?)(万元|万|元)?$")
# No printed number starts with a 0 followed by a digit: "09" or "00" is a digit the recogniser lost or
# misread (a fax's 6 or 9 broken open reads as 0), never the number 9 or 0.
LEADING_ZERO = re.compile(r"^[+-]?0\d")
# A zero with its decimal places (0.00, table 二's fees in most reports): 0 however its point was read, a
# speck taken for it or print parted where a fax broke it.
ZERO_WITH_POINT = re.compile(r"^0\.0+$")
# An amount's point read as a comma: a comma with one or two digits after it, the amount's last, is no
# thousands separator (those have three). A fee of 5003.53 (万元) was read "5003,53" at 0.998 on a fax.
DECIMAL_COMMA = re.compile(r"^([+-]?\d+),(\d{1,2}(?:万元|万|元)?)$")


# Lines of one cell further apart than this many line heights are not one number wrapped onto two lines
# (a long number in a narrow column), but values of rows whose rule between them was lost.
STACKED_GAP = 1.0


@dataclass(frozen=True)
class ParsedValue:
    value: int | float | None
    problem: str | None = None  # why a printed text gave no number (None for blank/dash or a number)


def normalise_text(text: str) -> str:
    """NFKC (full-width digits and signs to ASCII), no spaces, no thousands separators."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("，", ",").replace(" ", "").replace("\u3000", "")
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)


def parse_value(text: str, kind: str, unit_scale: float = 1.0) -> ParsedValue:
    """``kind`` is fields.tsv's type: integer, signed_integer, decimal or money (yuan)."""
    cleaned = normalise_text(text)
    if cleaned in NULL_MARKS or set(cleaned) <= {"-", "—", "–", "_", "/", "一"}:
        return ParsedValue(None)
    if kind in ("decimal", "money"):
        cleaned = DECIMAL_COMMA.sub(r"\1.\2", cleaned)
    if kind == "money":
        return _parse_money(cleaned, unit_scale)
    candidate = cleaned.rstrip("件个项条")
    if kind in ("integer", "signed_integer") and (spelled := chinese_integer(candidate)) is not None:
        return ParsedValue(spelled)
    if not NUMBER.match(candidate):
        candidate = candidate.translate(DIGIT_LOOKALIKES)
    candidate = candidate.replace("．", ".").replace("。", ".")
    if not NUMBER.match(candidate):
        return ParsedValue(None, f"cannot read {text!r} as a number")
    if LEADING_ZERO.match(candidate):
        return _misread_zero(text)
    if kind in ("integer", "signed_integer"):
        if "." in candidate:
            whole, _, fraction = candidate.partition(".")
            if fraction.strip("0"):
                return ParsedValue(None, f"{text!r} is not a whole number")
            candidate = whole
        if kind == "integer" and candidate.startswith("-"):
            return ParsedValue(None, f"{text!r} is negative where a count is expected")
        return ParsedValue(int(candidate))
    return ParsedValue(float(candidate))


CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMBER = re.compile(r"^[零〇○一二两三四五六七八九十百千万]+$")


def chinese_digits(text: str) -> int | None:
    """Digit by digit, as years are written: 二〇二四 -> 2024; None for anything else."""
    if not text or any(char not in CN_DIGITS for char in text):
        return None
    return int("".join(str(CN_DIGITS[char]) for char in text))


def chinese_integer(text: str) -> int | None:
    """三 -> 3, 十二 -> 12, 一百零五 -> 105, 两万三千 -> 23000; None for anything else."""
    if not CHINESE_NUMBER.match(text):
        return None
    total, section, digit = 0, 0, None
    for char in text:
        if char in CN_DIGITS:
            digit = CN_DIGITS[char]
        elif char in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[char]
            digit = None
        else:  # 万
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


def _parse_money(cleaned: str, unit_scale: float) -> ParsedValue:
    match = MONEY.match(cleaned.translate(DIGIT_LOOKALIKES) if not MONEY.match(cleaned) else cleaned)
    if not match:
        return ParsedValue(None, f"cannot read {cleaned!r} as an amount")
    if LEADING_ZERO.match(match.group(1)):
        return _misread_zero(cleaned)
    number, unit = float(match.group(1)), match.group(2)
    scale = 10000.0 if unit in ("万元", "万") else 1.0 if unit == "元" else unit_scale
    return ParsedValue(round(number * scale, 6))


def _misread_zero(text: str) -> ParsedValue:
    return ParsedValue(
        None, f"{text!r} starts with a 0 followed by a digit, as no printed number does: a digit was misread"
    )


def header_unit_scale(header_text: str) -> float:
    """Yuan per printed unit from a header such as 采购总金额（万元）."""
    return 10000.0 if "万元" in normalise_text(header_text) else 1.0


def printed_values(texts: Iterable[str]) -> int:
    """How many of the cells' ``texts`` read as a number or as a mark printed for no value (NULL_MARKS)."""
    normalised = [normalise_text(text) for text in texts]
    return sum(bool(NUMBER.match(text)) or (text != "" and text in NULL_MARKS) for text in normalised)


def stacked_values(lines: Sequence[tuple[str, tuple[float, float, float, float]]], dashes: bool = False) -> int:
    """How many numbers (and, with ``dashes``, dashes) a cell's lines (text, page box) print one under the
    other, further apart than a wrapped number's lines: 0 when they are one number or hold something else."""
    ordered = sorted(lines, key=lambda line: line[1][1])
    numbers = [number_or_dash(text, dashes) for text, _ in ordered]
    if len(ordered) < 2 or not all(numbers):
        return 0
    apart = any(
        below[1] - above[3] > STACKED_GAP * min(above[3] - above[1], below[3] - below[1])
        for (_, above), (_, below) in pairwise(ordered)
    )
    return len(ordered) if apart else 0


def number_or_dash(text: str, dashes: bool = True) -> bool:
    """Whether ``text`` reads as a number (its digits' lookalikes as digits) or, with ``dashes``, a dash."""
    compact = normalise_text(text)
    return bool(NUMBER.match(compact.translate(DIGIT_LOOKALIKES)) or (dashes and DASH_LIKE.match(compact)))
