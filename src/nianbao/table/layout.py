"""Reading a rebuilt table's layout: which cells are labels, which rows are headers. Pure functions."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from itertools import dropwhile

from nianbao.model import Cell, Table

CJK = re.compile(r"[\u4e00-\u9fff]")
ENUMERATOR = re.compile(
    r"^\s*([（(]\s*[一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[.、．)）])"
)


DASH_LIKE = re.compile(r"^[一—－\-_]+$")  # a printed dash often reads as the character 一
WRAPPED_PART = re.compile(r"\d[\d.,]*")  # a line of a number wrapped in its cell


UNIT_CHARACTERS = set("万元件个项条")
# A blank first cell of a row's run of values this many times as wide as each other is the rest of its
# label's column, cut off by a rule, not a value column (``value_start``).
LABEL_REST_WIDTH = 2.0


def has_cjk(text: str) -> bool:
    """Whether a cell holds label text rather than a number (with its unit: 12.23万元), a dash, or a
    number with a stray mark."""
    has_digit = any(ch.isdigit() for ch in text)
    cjk = [ch for ch in CJK.findall(text) if not (has_digit and ch in UNIT_CHARACTERS)]
    if not cjk or DASH_LIKE.match(text.replace(" ", "")):
        return False
    return len(cjk) >= 2 or not has_digit


def stacked_value_lines(owners: Sequence[int], texts: Sequence[str], merged_down: Collection[int]) -> list[bool]:
    """Whether each text line of a cell (its cell's index, its reading, top to bottom) is one of two or
    more lines, one under another, of a cell merged down over rows (``merged_down``, by index) that all
    read as values (numbers, dashes; no label text), under label text or none: a value cell whose rule
    between rows was lost, one row's value on each line (assemble.lost_rules cuts it into its rows), or a
    column's header cell whose rules under it were (assemble.header_rules); or of another cell, each read
    as digits: a number wrapped in a narrow column (fax 11705_000's 17194, "1719" over a 4 read "1").
    Each such line is read as a lone value line is."""
    by_cell: defaultdict[int, list[str]] = defaultdict(list)
    for owner, text in zip(owners, texts, strict=True):
        if text.strip():
            by_cell[owner].append(text)
    stacked = {
        owner
        for owner, lines in by_cell.items()
        if (_values_under_label(lines) if owner in merged_down else _wrapped_number(lines))
    }
    return [
        owner in stacked and bool(text.strip()) and not has_cjk(text) for owner, text in zip(owners, texts, strict=True)
    ]


def _wrapped_number(lines: list[str]) -> bool:
    """Whether a cell's lines are two or more, each read as digits alone (a decimal point or a thousands
    comma among them)."""
    return len(lines) > 1 and all(WRAPPED_PART.fullmatch(line.replace(" ", "")) for line in lines)


def _values_under_label(lines: list[str]) -> bool:
    """Whether a cell's lines, top to bottom, are two values or more, under label text or none."""
    values = list(dropwhile(has_cjk, lines))
    return len(values) > 1 and not any(map(has_cjk, values))


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


def mostly_words(cells: list[tuple[int, Cell]]) -> bool:
    """Whether more than half the cells hold label text: a header row rather than a row of numbers."""
    return sum(has_cjk(cell.text) for _, cell in cells) * 2 > len(cells)


def value_start(table: Table) -> int | None:
    """The first value column: where most rows' run of numbers begins. A cell misread as a stray
    character does not move it, so that cell stays a value cell (and is left null as unreadable). Rows
    whose run holds print count before rows whose run is blank, which count only where no row's holds
    any: a faint page's rules lost down a section row left it a blank cell at its right end, under no
    column of numbers (faint 10111_001: table 二's last section alone at a page's top, its banner row
    cut into three cells, its one row of numbers starting a column further left; that section's two
    fields were lost). A run holding print starts past a blank rest of its label's column
    (``_past_label_rest``)."""
    printed: list[int] = []
    blank: list[int] = []
    for row in range(table.n_rows):
        row_cells = cells_in_row(table, row)
        values = trailing_values(row_cells)
        if values and len(values) < len(row_cells):
            if any(cell.text.strip() for _, cell in values):
                printed.append(_past_label_rest(values)[0][1].col)
            else:
                blank.append(values[0][1].col)
    starts = printed or blank
    return Counter(starts).most_common(1)[0][0] if starts else None


def _past_label_rest(values: list[tuple[int, Cell]]) -> list[tuple[int, Cell]]:
    """A row's run of value cells without its first where that is blank and LABEL_REST_WIDTH times as wide
    as each other: the rest of the label column, a rule cutting it off its label, and no column of
    numbers. Fax 10806_000: table 三's last rows alone on a page, their labels' cells cut 258 pixels short
    of the values (83-96 wide each) by a rule the row above them had not; the first value column was
    taken to be that rest, and three rows (21 fields) had a value cell too many to be placed."""
    first, others = values[0][1], [cell for _, cell in values[1:]]
    width = first.bbox[2] - first.bbox[0]
    if first.text.strip() or not others or any(width < LABEL_REST_WIDTH * (c.bbox[2] - c.bbox[0]) for c in others):
        return values
    return values[1:]


def is_body_row(table: Table, row: int) -> bool:
    row_cells = cells_in_row(table, row)
    values = trailing_values(row_cells)
    return bool(values) and len(values) < len(row_cells)


def first_body_row(table: Table) -> int | None:
    return next((r for r in range(table.n_rows) if is_body_row(table, r)), None)


def starts_with_enumerator(text: str) -> bool:
    return bool(ENUMERATOR.match(text))
