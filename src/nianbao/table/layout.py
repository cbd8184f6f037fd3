"""Reading a rebuilt table's layout: which cells are labels, which rows are headers. Pure functions."""

from __future__ import annotations

import re

from nianbao.model import Cell, Table

CJK = re.compile(r"[\u4e00-\u9fff]")
ENUMERATOR = re.compile(r"^\s*([（(]\s*[一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[.、．)）])")


DASH_LIKE = re.compile(r"^[一—－\-_]+$")  # a printed dash often reads as the character 一


def has_cjk(text: str) -> bool:
    """Whether a cell holds label text rather than a number, a dash or a number with a stray mark."""
    cjk = CJK.findall(text)
    if not cjk or DASH_LIKE.match(text.replace(" ", "")):
        return False
    return len(cjk) >= 2 or not any(ch.isdigit() for ch in text)


def cells_in_row(table: Table, row: int) -> list[tuple[int, Cell]]:
    """(index, cell) of every cell covering ``row``, left to right."""
    found = [(i, c) for i, c in enumerate(table.cells) if c.row <= row <= c.last_row]
    return sorted(found, key=lambda item: item[1].col)


def trailing_values(row_cells: list[tuple[int, Cell]]) -> list[tuple[int, Cell]]:
    """The run of non-text cells at the right end of a row: where the numbers are."""
    values: list[tuple[int, Cell]] = []
    for item in reversed(row_cells):
        if has_cjk(item[1].text):
            break
        values.append(item)
    return list(reversed(values))


def is_body_row(table: Table, row: int) -> bool:
    row_cells = cells_in_row(table, row)
    values = trailing_values(row_cells)
    return bool(values) and len(values) < len(row_cells)


def first_body_row(table: Table) -> int | None:
    return next((r for r in range(table.n_rows) if is_body_row(table, r)), None)


def starts_with_enumerator(text: str) -> bool:
    return bool(ENUMERATOR.match(text))
