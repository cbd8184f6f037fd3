"""Map table 四 to field ids: one row of fifteen numbers under a two- or three-level header."""

from __future__ import annotations

import statistics

from nianbao.assemble.columns import split_apart_numbers
from nianbao.assemble.mapping import (
    Classify,
    Label,
    MappedCell,
    MappingResult,
    columns_run_into,
    header_stacks,
    print_middle,
    value_cells,
)
from nianbao.assemble.values import printed_values
from nianbao.model import Cell, Table
from nianbao.table.layout import CJK, has_cjk
from nianbao.template import default_template

MIN_LABEL_CHARACTERS = 2  # a row label's characters at least (（七）总计, 四、结转下年度继续办理)


def appeal_order() -> tuple[str, ...]:
    """Table 四's fifteen value columns as printed: every group's leaves, group by group."""
    template = default_template()
    return tuple(f"{group}.{leaf}" for group in template.rows("appeals") for leaf in template.columns("appeals"))


def map_appeals(table: Table, classify: Classify) -> MappingResult:
    """Table 四: one row of fifteen numbers under a two- or three-level header. Of several rows of
    numbers, the one under its headers with the most numbers and dashes (``_most_values``): where the
    rules between table 三's last rows and table 四 ran together into one grid, table 三's 总计 row comes
    first, fifteen cells wide with its blanks.
    Where no header above any row could be read, the first row of numbers. A cell holding numbers far
    apart (the rules between their columns lost, each number read on its own) counts one per number:
    a row that so holds fifteen takes the template's order, and so does one of fifteen cells about
    equally wide (``_about_equally_wide``); another is placed by where its numbers stand. A row that
    starts with words is another table's, run into this one's grid."""
    result = MappingResult()
    rows = ((row, value_cells(table, row, 0)) for row in range(table.n_rows))
    numbers = {  # each row's value cells, and them with a cell per number (a cell may hold several)
        row: (values, split)
        for row, values in rows
        if len(split := split_apart_numbers(values)) >= 5 and not _starts_with_words(values)
    }
    if not numbers:
        return result
    # a row under the headers has every row after it under them too: the first is enough to ask about
    first = next((r for r in numbers if _under_appeal_headers(table, range(0, r), classify)), None)
    under_headers = [r for r in numbers if first is not None and r >= first]
    row = _most_values(under_headers, {r: v for r, (v, _) in numbers.items()}) if under_headers else next(iter(numbers))
    (values, split), header_rows = numbers[row], range(0, row)
    order: list[str | None] = list(appeal_order())
    fifteen = len(values) == len(order) and _about_equally_wide(values)
    if len(values) != len(order) and len(split) == len(order):
        values, fifteen = split, True  # columns whose rules were lost, each number read on its own
    if fifteen:  # fifteen numbers: the template's fixed column order decides
        keys = order
    elif (slots := _equal_column_slots(_without_end_slivers(values), split, len(order))) is not None:
        values, keys = [item for item, _ in slots], [order[slot] for _, slot in slots]
    else:
        keys = _appeal_keys_from_headers(table, header_rows, values, classify)
    for (index, cell), key in zip(values, keys):
        if key is not None:
            beside = columns_run_into(table, header_rows, cell)
            result.cells.append(
                MappedCell(f"appeals.{key}", cell, table.page_of(index), "", shared_with_columns=beside)
            )
    return result


# Table 四 prints its fifteen columns equally wide: a number whose middle lies within this share of a
# column's width of the middle of one of fifteen equal columns across its row stands in that column.
SLOT_SLACK = 0.25
MAX_MISSING_SLOTS = 3  # a row placed so holds numbers in all but at most this many columns
MAX_BETWEEN_SLOTS = 1  # ... and of its numbers at most this many stand between two columns, placed in none


def _equal_column_slots(
    values: list[tuple[int, Cell]], split: list[tuple[int, Cell]], count: int
) -> list[tuple[tuple[int, Cell], int]] | None:
    """Each number of a row that does not hold fifteen cells (rules between columns lost, a number
    printed in some and not in others), with the column it stands in: where the numbers lie in the
    middle of one of ``count`` equal columns across the row, no two in one, and each one's cell covers
    that column (a cell narrower was cut by a rule the print does not have: the left half of a 0 reads
    1). None where one does not, or where fewer than all but MAX_MISSING_SLOTS columns hold a number. One
    reading that stands between two columns is no column's (two columns' 0s read as one "010" in a cell
    over both, their rule lost): it is left out, and the others are placed (MAX_BETWEEN_SLOTS)."""
    x0, x1 = min(cell.bbox[0] for _, cell in values), max(cell.bbox[2] for _, cell in values)
    pitch = (x1 - x0) / count
    spans = _with_empty_slivers(values)
    numbers = [(item, item[1].words) for item in split if item[1].text.strip()]
    if pitch <= 0 or len(numbers) < count - MAX_MISSING_SLOTS:
        return None
    placed: list[tuple[tuple[int, Cell], int]] = []
    between = 0
    for item, words in numbers:
        middle = print_middle(words)
        position = (middle - x0) / pitch - 0.5
        slot = round(position)
        if abs(position - slot) > SLOT_SLACK:
            between += 1
            continue
        if not 0 <= slot < count or (placed and slot <= placed[-1][1]):
            return None
        left, right = spans[item[0]]
        if left > x0 + (slot + SLOT_SLACK) * pitch or right < x0 + (slot + 1 - SLOT_SLACK) * pitch:
            return None
        placed.append((item, slot))
    return placed if between <= MAX_BETWEEN_SLOTS else None


def _with_empty_slivers(values: list[tuple[int, Cell]]) -> dict[int, tuple[float, float]]:
    """Each value cell's left and right edges, taken on over an empty cell beside it narrower than
    COLUMN_WIDTHS[0] times their median width: a rule the print does not have, found just beside a
    number (the edge of its digits on a faint page, a JPEG block's edge), split a sliver off its column
    (faint seed 8807: 302 in table 四's last column, right of a sliver 26 pixels wide, 15 fields lost).
    What a rule cut off a number would be read in the sliver, which would hold it."""
    narrow = COLUMN_WIDTHS[0] * statistics.median(_widths(values))
    slivers = [not cell.text.strip() and cell.bbox[2] - cell.bbox[0] < narrow for _, cell in values]
    spans: dict[int, tuple[float, float]] = {}
    for position, (index, _) in enumerate(values):
        left, right = position, position
        while left > 0 and slivers[left - 1]:
            left -= 1
        while right + 1 < len(values) and slivers[right + 1]:
            right += 1
        spans[index] = (values[left][1].bbox[0], values[right][1].bbox[2])
    return spans


# Table 四 prints its fifteen columns about equally wide: fifteen value cells of which one is wider than
# COLUMN_WIDTHS[1] times their median width, or narrower than COLUMN_WIDTHS[0] times it, are no fifteen
# columns (faint set 5214: a rule between two columns lost and a shade's edge beside the last taken for
# one, every number after the wide cell one column to the right, four numbers wrong).
COLUMN_WIDTHS = (0.5, 1.6)


def _most_values(rows: list[int], values: dict[int, list[tuple[int, Cell]]]) -> int:
    """Of ``rows`` (table 四's rows of value cells under its headers), the one with the most cells read as a
    number or printed as a dash, the first of those tied: a fax that lost the rules of the header left
    their dotted remains, or the header's words in pieces, as a row of their own, read as marks, dashes
    and a stray digit (fax seeds 5303 and 5312: the fifteen zeros under them were lost)."""

    return max(rows, key=lambda row: (printed_values(cell.text for _, cell in values[row]), -row))


def _about_equally_wide(cells: list[tuple[int, Cell]]) -> bool:
    """Whether a row's value cells are all within COLUMN_WIDTHS of their median width."""
    widths = _widths(cells)
    middle = statistics.median(widths)
    return all(COLUMN_WIDTHS[0] * middle <= width <= COLUMN_WIDTHS[1] * middle for width in widths)


def _without_end_slivers(cells: list[tuple[int, Cell]]) -> list[tuple[int, Cell]]:
    """A row's value cells less an empty first or last one narrower than COLUMN_WIDTHS[0] times their
    median width: a shade's or a page's edge beside the table, no column, which would stretch the
    fifteen equal columns the row's numbers are placed in."""
    if len(cells) < 3:
        return cells
    widths = _widths(cells)
    narrow = COLUMN_WIDTHS[0] * statistics.median(widths)
    first, last = 0, len(cells)
    if not cells[0][1].text.strip() and widths[0] < narrow:
        first = 1
    if not cells[-1][1].text.strip() and widths[-1] < narrow:
        last -= 1
    return cells[first:last]


def _widths(cells: list[tuple[int, Cell]]) -> list[float]:
    return [cell.bbox[2] - cell.bbox[0] for _, cell in cells]


def _starts_with_words(cells: list[tuple[int, Cell]]) -> bool:
    """Whether a row's first cell that holds anything holds words: a labelled row (table 三's 四、结转下年度
    继续办理, its rules run into table 四's grid); table 四's row of numbers has no label. One character
    is no label: a fax's 3 read as 小."""
    first = next((cell.text for _, cell in cells if cell.text.strip()), "")
    return has_cjk(first) and len(CJK.findall(first)) >= MIN_LABEL_CHARACTERS


def _under_appeal_headers(table: Table, header_rows: range, classify: Classify) -> bool:
    """Whether the rows above hold any of table 四's headers (行政复议, 行政诉讼, 结果维持 ...)."""
    labels = [Label(c.text, "", table.page) for c in table.cells if c.row in header_rows and c.text]
    return bool(labels) and any(decision.key for decision in classify("appeals", "column", labels))


def _appeal_keys_from_headers(
    table: Table, header_rows: range, values: list[tuple[int, Cell]], classify: Classify
) -> list[str | None]:
    """Each value cell's key from the headers above it. Value cells side by side under one leaf header:
    a rule the print does not have split its column (``_uncut``), or the rule between their headers was
    lost, their words read apart, each over its own cell (``_leaf_parts``)."""
    leaves = default_template().columns("appeals")
    parents = default_template().header_parents.get("appeals", ())
    cells = [cell for _, cell in values]
    aboves = header_stacks(table, header_rows, cells)
    lowest = [above[-1] if above else None for above in aboves]
    shared = _under_one_header(lowest)
    parts = _leaf_parts(cells, lowest, shared)
    keys: list[str | None] = []
    for above, part in zip(aboves, parts, strict=True):
        texts = [c.text for c in above[:-1]] + [part if part is not None else above[-1].text] if above else []
        decisions = classify("appeals", "column", [Label(text, "", table.page) for text in texts])
        found = [d.key for d in decisions if d.key]
        leaf = next((k for k in reversed(found) if k in leaves), None)
        groups = [k for k in found if k not in leaves and k not in parents]
        keys.append(f"{groups[-1]}.{leaf}" if leaf and groups else None)
    keys = _parted_in_order(keys, parts, shared)
    return [
        key
        if header is None
        or part is not None
        or _uncut(cell, [c for c, h in zip(cells, lowest) if h == header and c is not cell])
        else None
        for key, header, cell, part in zip(keys, lowest, cells, parts)
    ]


def _under_one_header(lowest: list[Cell | None]) -> list[list[int]]:
    """The value cells, by index, that share one leaf header (``lowest``: each one's), two or more a group."""
    groups: dict[int, list[int]] = {}
    for index, header in enumerate(lowest):
        if header is not None:
            groups.setdefault(id(header), []).append(index)
    return [under for under in groups.values() if len(under) >= 2]


def _leaf_parts(cells: list[Cell], lowest: list[Cell | None], shared: list[list[int]]) -> list[str | None]:
    """For each value cell under a leaf header it shares with cells beside it (``shared``), the header's
    words that stand over it, line by line, where each of the header's words stands over one of them and
    each of them has some (faint 9107_000: 结果纠正 and 其他结果, two lines each, the rule between them
    lost, read 结果其他纠正结果); None for the others."""
    parts: list[str | None] = [None] * len(cells)
    for under in shared:
        header = lowest[under[0]]
        words = header.words if header is not None else ()
        owners = [
            [i for i in under if cells[i].bbox[0] <= (w.bbox[0] + w.bbox[2]) / 2 <= cells[i].bbox[2]] for w in words
        ]
        if not words or any(len(owner) != 1 for owner in owners) or {owner[0] for owner in owners} != set(under):
            continue
        for i in under:
            over = sorted((w for w, owner in zip(words, owners) if owner[0] == i), key=lambda w: (w.bbox[1], w.bbox[0]))
            parts[i] = "".join(w.text for w in over)
    return parts


def _parted_in_order(keys: list[str | None], parts: list[str | None], shared: list[list[int]]) -> list[str | None]:
    """``keys`` with those of the cells under one header parted by its words (``_leaf_parts``) left out
    unless each was named, each differently, in the template's order left to right."""
    order = appeal_order()
    checked = list(keys)
    for under in (under for under in shared if parts[under[0]] is not None):
        places = [order.index(key) for key in (keys[i] for i in under) if key in order]
        if len(places) != len(under) or places != sorted(set(places)):
            for i in under:
                checked[i] = None
    return checked


# Of the cell's height: print nearer than this to a rule that split its column may have been cut by it.
CUT_MARGIN = 0.15


def _uncut(cell: Cell, beside: list[Cell]) -> bool:
    """Whether ``cell`` holds its column's number whole, ``beside`` being the other cells of its column
    (split by a rule the print does not have): none of them holds anything, and its own print keeps
    clear of the rules it shares with them (the left half of a 0 cut through reads 1)."""
    if not beside:
        return True
    if not cell.text or any(other.text for other in beside):
        return False
    margin = CUT_MARGIN * (cell.bbox[3] - cell.bbox[1])
    shared = [
        edge for other in beside for edge in (other.bbox[0], other.bbox[2]) if edge in (cell.bbox[0], cell.bbox[2])
    ]
    return all(abs(word.bbox[i] - edge) >= margin for word in cell.words for edge in shared for i in (0, 2))
