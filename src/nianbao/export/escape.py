"""Text cells made safe for spreadsheets: every CSV and XLSX writer passes its cells through here.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is taken as a formula by
Excel and LibreOffice, so a file named ``=HYPERLINK(...).pdf`` would become a live link. Such text is
prefixed with an apostrophe, which spreadsheets show as text. Numbers are left alone: ``-18`` stays -18.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def escape_formula(text: str) -> str:
    """``text`` unchanged unless a spreadsheet would read it as a formula."""
    if not text.startswith(FORMULA_STARTS) or NUMBER.fullmatch(text):
        return text
    return "'" + text


def safe_row(cells: Iterable[object]) -> list[object]:
    """A row for a CSV or XLSX writer: text cells escaped, numbers and empty cells as they are."""
    return [escape_formula(cell) if isinstance(cell, str) else cell for cell in cells]
