"""Text normalisation shared by training and prediction (pure functions, no I/O).

A label as printed or read by OCR is reduced to the characters that carry its meaning: NFKC folds
full-width digits and punctuation, quotes are dropped, dash-like marks become 一 (OCR reads the 一 of
“三安全一稳定” as —, - or －), whitespace and line breaks go, and leading numbering (一、 （三） 1. (2) 3、)
is stripped because the same label is numbered differently from report to report.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = "\"'“”‘’„‟«»「」『』〝〞〟＂＇`´"
_DASHES = "-‐‑‒–—―−－─━ー一"
_QUOTE_TABLE = {ord(ch): None for ch in _QUOTES}
_DASH_TABLE = {ord(ch): "一" for ch in _DASHES}
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]+")
_CJK_NUMERAL = "一二三四五六七八九十"
_LEADING_NUMBERING = (
    re.compile(rf"^\(?[{_CJK_NUMERAL}]{{1,3}}\)[、.,:]?"),  # （三） (三) 三) (三)、
    re.compile(rf"^[{_CJK_NUMERAL}]{{1,3}}[、.,:]"),  # 三、 七. 一,
    re.compile(r"^\(?\d{1,2}\)[、.,:]?(?!\d)"),  # (1) 1) （2）
    re.compile(r"^\d{1,2}[、.,:](?!\d)"),  # 1. 1、 2,
    re.compile(r"^\d{1,2}(?=[^\d.,、:%])"),  # 1属于… (OCR dropped the dot)
)
_MAX_NUMBERING_LEVELS = 3
CONTEXT_SEPARATOR = "/"


def fold_characters(text: str) -> str:
    """NFKC, quotes removed, dashes unified to 一, all whitespace removed."""
    folded = unicodedata.normalize("NFKC", text)
    folded = folded.translate(_QUOTE_TABLE).translate(_DASH_TABLE)
    return _INVISIBLE.sub("", folded)


def strip_numbering(text: str) -> str:
    """Remove up to three leading numbering marks: ``三、(六)3.其他`` -> ``其他``."""
    for _ in range(_MAX_NUMBERING_LEVELS):
        for pattern in _LEADING_NUMBERING:
            stripped = pattern.sub("", text, count=1)
            if stripped != text:
                text = stripped
                break
        else:
            return text
    return text


def normalize_label(text: str) -> str:
    """The canonical form of one printed label, as the classifier sees it."""
    return strip_numbering(fold_characters(text))


def normalize_context(context: str) -> str:
    """Each enclosing group label normalised, joined with ``/``; empty parts dropped."""
    folded = fold_characters(context)
    parts = (normalize_label(part) for part in folded.split(CONTEXT_SEPARATOR))
    return CONTEXT_SEPARATOR.join(part for part in parts if part)
