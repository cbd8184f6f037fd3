"""Printed cell text to a number, or to null with the reason kept. Never a guess."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

NULL_MARKS = {"", "一", "一一", "-", "--", "—", "——", "–", "－", "/", "／", "\\", "无", "空", "×", "x", "X", "_", "…"}
DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "〇": "0", "零": "0", "D": "0", "l": "1", "I": "1", "|": "1"})
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
MONEY = re.compile(r"^([+-]?\d+(?:\.\d+)?)(万元|万|元)?$")


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
    if kind == "money":
        return _parse_money(cleaned, unit_scale)
    candidate = cleaned.rstrip("件个项条")
    if not NUMBER.match(candidate):
        candidate = candidate.translate(DIGIT_LOOKALIKES)
    candidate = candidate.replace("．", ".").replace("。", ".")
    if not NUMBER.match(candidate):
        return ParsedValue(None, f"cannot read {text!r} as a number")
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


def _parse_money(cleaned: str, unit_scale: float) -> ParsedValue:
    match = MONEY.match(cleaned.translate(DIGIT_LOOKALIKES) if not MONEY.match(cleaned) else cleaned)
    if not match:
        return ParsedValue(None, f"cannot read {cleaned!r} as an amount")
    number, unit = float(match.group(1)), match.group(2)
    scale = 10000.0 if unit in ("万元", "万") else 1.0 if unit == "元" else unit_scale
    return ParsedValue(round(number * scale, 6))


def header_unit_scale(header_text: str) -> float:
    """Yuan per printed unit from a header such as 采购总金额（万元）."""
    return 10000.0 if "万元" in normalise_text(header_text) else 1.0
