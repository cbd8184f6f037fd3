"""Map table 二 to field ids: its section rows (第二十条第（一）项), header rows (信息内容 | …) and item rows,
with the classifier and the template's printed sections (``proactive_layout``).

A fax can leave a short item label unreadable: 规章 read as 规产, 規江 or AA, below the classifier's cut.
Each section prints its items in a fixed order (规章 above 规范性文件), so an item row the text could not
place, next to one it could in the same section, takes the one key the sections leave beside it
(``fill_section_gaps``), and says so in ``unmapped``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nianbao.assemble.columns import label_and_values_joined, split_apart_numbers
from nianbao.assemble.mapping import (
    SPAN_SLACK,
    Classify,
    Decision,
    Label,
    MappedCell,
    MappingResult,
    UnnamedRow,
    column_keys,
    keys_by_named_shares,
    rows_run_into,
    value_cells,
)
from nianbao.model import Cell, Table
from nianbao.table.layout import CJK, cells_in_row, value_start
from nianbao.template import default_template


@dataclass(frozen=True)
class ItemRow:
    """An item row of table 二: its values, its label, and the section block (a section row or a header
    row starts one) and header row it is printed under."""

    row: int
    values: list[tuple[int, Cell]]
    label: Label
    block: int
    header_row: int | None


def map_proactive(table: Table, classify: Classify) -> MappingResult:
    """Table 二's item rows, each under its own block's header row, in any order of sections."""
    result = MappingResult()
    items = item_rows(table, classify)
    decisions = fill_section_gaps(
        classify("proactive", "row", [item.label for item in items]), [item.block for item in items]
    )
    labelled_rows = frozenset(
        c.row for c in table.cells if c.col < (value_start(table) or 1) and c.text and c.colspan < table.n_cols - 1
    )
    columns = _columns_of_twin_headers(items, [_columns(table, item, classify) for item in items], result)
    columns = _columns_in_section_order(items, [decision.key for decision in decisions], columns, result)
    for item, decision, (keys, headers) in zip(items, decisions, columns, strict=True):
        if decision.key is None:
            result.reject(item.label, "no canonical row", decision.probability)
            continue
        if decision.by_structure:
            result.reject(
                item.label,
                f"placed as {decision.key} by its section's row order, not by its text",
                decision.probability,
            )
        _map_item(table, item, decision.key, labelled_rows, (keys, headers), result)
    return result


def item_rows(table: Table, classify: Classify) -> list[ItemRow]:
    """The rows of table 二 with values and a label, in order. Each section prints its own header row: one
    lost (its rule gone, its words in the section's cell) leaves the section's rows under no header, never
    under the previous section's."""
    items: list[ItemRow] = []
    section, header_row, block = "", None, 0
    start = value_start(table) or 1
    for row in range(table.n_rows):
        row_cells = [item for item in cells_in_row(table, row) if item[1].row == row]
        if not row_cells:
            continue
        joined = _label_run_into_values(table, row_cells, start)
        if joined is not None:
            label = Label(joined[0], section, table.page_of(row_cells[0][0]))
            items.append(ItemRow(row, joined[1], label, block, header_row))
            continue
        if len(row_cells) == 1 and row_cells[0][1].colspan >= table.n_cols - 1:
            section, header_row, block = row_cells[0][1].text, None, block + 1
            continue
        # A column rule lost down a section (a faint page) leaves one cell of two numbers far apart under
        # one header cell naming both columns: each number takes its share of the cell, and the header's
        # words are cut into their names (assemble.mapping.column_keys).
        values = split_apart_numbers(value_cells(table, row, start), fill=True)
        if not values or _only_header_words(values, classify, table.page):
            header_row, block = row, block + 1
            section = _section_title_within(values) or section
            continue
        label_cells = [item for item in row_cells if item[1].col < start and item[1].text]
        if label_cells:
            label = Label(label_cells[0][1].text, section, table.page_of(label_cells[0][0]))
            items.append(ItemRow(row, values, label, block, header_row))
    return items


def _label_run_into_values(
    table: Table, row_cells: list[tuple[int, Cell]], start: int
) -> tuple[str, list[tuple[int, Cell]]] | None:
    """A row's label and its values far apart in its first cell, which runs on into the value columns (the
    rule between them lost), the rest of the row blank (``label_and_values_joined``): one cell across the
    table (faint 10412_002), or over the label column and two value columns, a stroke no rule of the print
    cutting the row's blank rest off it (faint 11012_002, a PNG at 150 dpi: 行政许可 and its 16165). None
    otherwise: a row of one cell across the table is then a section's title."""
    (index, first), *rest = row_cells
    if first.col >= start or first.last_col < start or any(cell.text.strip() for _, cell in rest):
        return None
    return label_and_values_joined(table, index, start)


# A section's header row whose rules were lost (faint seed 7110) falls into cells of a grid other sections
# ruled, as many blank as holding its words: it holds only words of this many characters or more, in two
# cells or more (a fax's broken strokes in a value cell read as one numeral, 二 or 三) ...
MIN_HEADER_CHARACTERS = 3
# ... or in one cell across two columns or more whose words name a column: a section row and its header
# row joined, the rule between their grey bands lost (faint 10314_001 at its own resolution:
# 第二十条第（五）项本年处理决定数量 over the columns the section above ruled).
MIN_JOINED_HEADER_COLUMNS = 2
# A mark read less surely than this is no word of a row's (a grey band's noise read "2" at 0.21 beside
# that header); a reading left unsure for its readings' disagreement is capped higher (ocr UNAGREED_CAP).
NOISE_BELOW = 0.4
SECTION_TITLE = re.compile(r"^第.{1,4}条第[（(].{1,3}[）)]项")


def _only_header_words(values: list[tuple[int, Cell]], classify: Classify, page: int) -> bool:
    """Whether a row's value cells hold header words and nothing else, in two cells or more, or in one
    across MIN_JOINED_HEADER_COLUMNS columns or more that the classifier places as a column."""
    cells = [cell for _, cell in values if cell.text and cell.confidence >= NOISE_BELOW]
    if not cells or not all(_header_words(cell.text) for cell in cells):
        return False
    if len(cells) >= 2:
        return True
    joined = cells[0]
    if joined.colspan < MIN_JOINED_HEADER_COLUMNS:
        return False
    decision = classify("proactive", "column", [Label(joined.text, "", page)])[0]
    return decision.key is not None


def _header_words(text: str) -> bool:
    return len(CJK.findall(text)) >= MIN_HEADER_CHARACTERS and not any(ch.isdigit() for ch in text)


def _section_title_within(values: list[tuple[int, Cell]]) -> str | None:
    """The section title a header row's cell begins with, its section row joined to it; None if none does."""
    for _, cell in values:
        if found := SECTION_TITLE.match(cell.text):
            return found.group()
    return None


Columns = tuple[list[str | None], list[str]]  # each value cell's column key and the header text above it


def _columns(table: Table, item: ItemRow, classify: Classify) -> Columns:
    """The column key of each of an item row's value cells by its header row's text, and that text."""
    header_range = range(item.header_row, item.header_row + 1) if item.header_row is not None else range(0)
    keys, headers = column_keys(table, header_range, item.values, classify, "proactive")
    keys = _placed_in_section(keys, headers, item, classify)
    return keys_by_named_shares(table, header_range, item.values, keys, classify, "proactive"), headers


def _placed_in_section(
    keys: list[str | None], headers: list[str], item: ItemRow, classify: Classify
) -> list[str | None]:
    """``keys`` with each column whose header's text alone placed nowhere (one header to one value cell)
    asked again with the item's section title as its context, as table 二's column labels are learnt: a
    fax's 上一年项目数量 read 上年项日数最 is no column alone (0.80) and 上一年项目数量 under 第二十条第（八）项 (0.70);
    alone it is placed only by a twin section's column on its page, and the 行政事业性收费 section often
    stands alone at a page's top (fax 8604_002, 8013_002). A key the row's other columns took stays theirs."""
    unplaced = [
        i for i, (key, header) in enumerate(zip(keys, headers)) if key is None and header and headers.count(header) == 1
    ]
    if not unplaced or not item.label.context:
        return keys
    labels = [Label(headers[i], item.label.context, item.label.page) for i in unplaced]
    placed = list(keys)
    for index, decision in zip(unplaced, classify("proactive", "column", labels), strict=True):
        if decision.key is not None and decision.key not in placed:
            placed[index] = decision.key
    return placed


def _columns_of_twin_headers(items: list[ItemRow], columns: list[Columns], result: MappingResult) -> list[Columns]:
    """``columns`` with a column its header's text did not place (a fax's broken 上一年项目数量) given the key
    of the column in its place under another section's header row that prints as many columns, side by
    side in the same places, each of the others under the same key (the sections of 行政许可 and 行政处罚
    print the same three): noted in ``unmapped`` as placed by structure."""
    filled = list(columns)
    for index, (item, (keys, _)) in enumerate(zip(items, columns, strict=True)):
        if None not in keys or keys.count(None) > 1 or item.header_row is None:
            continue
        at = keys.index(None)
        twins = {
            other_keys[at]
            for other, (other_keys, _) in zip(items, columns, strict=True)
            if other.header_row not in (None, item.header_row)
            and _same_places(item, other)
            and all(key == twin for i, (key, twin) in enumerate(zip(keys, other_keys)) if i != at)
        }
        twin = twins.pop() if len(twins) == 1 else None
        if twin is not None and twin not in keys:
            filled[index] = _placed(filled[index], at, twin, item, "the same column of another section", result)
    return filled


def _columns_in_section_order(
    items: list[ItemRow], row_keys: list[str | None], columns: list[Columns], result: MappingResult
) -> list[Columns]:
    """``columns`` with the one column of an item row that its header's text and no twin section placed
    (``_columns_of_twin_headers``), its cell holding print under a header of its own, given the key the
    row's section prints in its place, where the row's other columns (one at least) stand where that
    section prints theirs: noted in ``unmapped`` as placed by structure. Fax 10103_002 at 150 dpi read
    上一年项目数量 `1年项日数量` in every section (0.40 at best, below the cut), and four numbers had no
    column."""
    filled = list(columns)
    for index, (item, row_key, (keys, headers)) in enumerate(zip(items, row_keys, columns, strict=True)):
        if row_key is None or len(keys) < 2 or keys.count(None) != 1:
            continue
        at = keys.index(None)
        printed = [header.strip() for header in headers]
        if not item.values[at][1].text or not printed[at] or printed.count(printed[at]) > 1:
            continue  # a blank cell, or a header cell a stroke split in two (its words on both sides)
        placed = {
            order[at]
            for order in section_columns(row_key)
            if len(order) == len(keys) and all(key == in_order for key, in_order in zip(keys, order) if key is not None)
        }
        key = placed.pop() if len(placed) == 1 else None
        if key is not None and key not in keys:
            filled[index] = _placed(filled[index], at, key, item, "its section's column order", result)
    return filled


def _placed(columns: Columns, at: int, key: str, item: ItemRow, why: str, result: MappingResult) -> Columns:
    """An item row's ``columns`` with the one at ``at`` given ``key``, noted in ``unmapped`` as placed by
    ``why`` (the table's structure), not by its header's text."""
    keys, headers = columns
    result.reject(Label(headers[at], item.label.context, item.label.page), f"placed as {key} by {why}, not by its text")
    return keys[:at] + [key] + keys[at + 1 :], headers


def section_columns(row_key: str) -> set[tuple[str, ...]]:
    """The column keys, in order, of each printed section of table 二 that prints ``row_key``, in every
    template version."""
    layout = default_template().proactive_layout
    return {
        tuple(key for key, _ in section.columns)
        for sections in layout.values()
        for section in sections
        if row_key in dict(section.rows)
    }


def _same_places(item: ItemRow, other: ItemRow) -> bool:
    """Whether two item rows' value cells are as many and stand in the same places (their middles within
    SPAN_SLACK of the narrower's width)."""
    if len(item.values) != len(other.values):
        return False
    for (_, cell), (_, twin) in zip(item.values, other.values):
        width = min(cell.bbox[2] - cell.bbox[0], twin.bbox[2] - twin.bbox[0])
        if abs(cell.bbox[0] + cell.bbox[2] - twin.bbox[0] - twin.bbox[2]) / 2 > SPAN_SLACK * width:
            return False
    return True


def _map_item(
    table: Table, item: ItemRow, row_key: str, labelled_rows: frozenset[int], columns_of: Columns, result: MappingResult
) -> None:
    """One item row's value cells mapped under its header row's columns (or left for the report's version
    to place, where its header row was lost, or swallowed with its block's title into one cell over all
    its values that names none of them: faint 7709_000's 第二十条第（五）项上一年项目数量本年增/减处理决定数量)."""
    columns, headers = columns_of
    swallowed = len(headers) > 1 and len(set(headers)) == 1 and not any(columns)
    if not any(headers) or swallowed:  # no header printed above, or none to tell the columns apart
        result.unnamed.append(UnnamedRow(row_key, item.values, item.label, table, labelled_rows))
        return
    for (index, cell), column, header in zip(item.values, columns, headers):
        if column is None:
            if cell.text:
                result.reject(Label(header or cell.text, item.label.context, item.label.page), "no canonical column")
            continue
        field_id = f"proactive.{row_key}.{column}"
        shared = rows_run_into(cell, labelled_rows)
        result.cells.append(MappedCell(field_id, cell, table.page_of(index), header, shared))
        result.keys_seen.add(column)


def section_orders() -> list[tuple[str, ...]]:
    """The row keys of each printed section of table 二, in order, in every template version."""
    layout = default_template().proactive_layout
    return [tuple(key for key, _ in section.rows) for sections in layout.values() for section in sections]


def fill_section_gaps(decisions: Sequence[Decision], blocks: Sequence[int]) -> list[Decision]:
    """Give an item row the text could not place the key its placed neighbour in the same block leaves
    for it: the row printed just above or below that neighbour's key in its section, where every
    template version and both neighbours agree on one key that no row took (2019 prints 其他对外管理服务事项
    under 行政许可, 2021 nothing: a row under 行政许可 is left unplaced). A row given the key a more probable
    row of its block was given is unplaced first (``_twins_unplaced``)."""
    filled = _twins_unplaced(decisions, blocks)
    taken = {d.key for d in filled if d.key}
    orders = section_orders()
    for index, decision in enumerate(filled):
        if decision.key is not None:
            continue
        beside: set[str | None] = set()
        for step in (-1, 1):
            near = index + step
            if 0 <= near < len(filled) and blocks[near] == blocks[index] and filled[near].key:
                beside |= _next_in_order(orders, filled[near].key, -step)
        key = beside.pop() if len(beside) == 1 else None
        if key is not None and key not in taken:
            filled[index] = Decision(key, decision.probability, by_structure=True)
    return filled


def _twins_unplaced(decisions: Sequence[Decision], blocks: Sequence[int]) -> list[Decision]:
    """``decisions`` with every item row of a block named the same row as a more probable one of that
    block unplaced: a section prints each row once (fax 10705_001: its 规章, read 规范, was named
    规范性文件 above the row that is, and took that row's fields, while 规章's were lost)."""
    best: dict[tuple[int, str], int] = {}
    for index, decision in enumerate(decisions):
        if decision.key is not None:
            twin = best.get((blocks[index], decision.key))
            if twin is None or decision.probability > decisions[twin].probability:
                best[(blocks[index], decision.key)] = index
    return [
        decision
        if decision.key is None or best[(blocks[index], decision.key)] == index
        else Decision(None, decision.probability)
        for index, decision in enumerate(decisions)
    ]


def _next_in_order(orders: list[tuple[str, ...]], key: str | None, step: int) -> set[str | None]:
    """The keys printed ``step`` rows from ``key`` in the sections that print it (below: 1); None for a
    section that prints nothing there."""
    found: set[str | None] = set()
    for order in orders:
        if key in order:
            at = order.index(key) + step
            found.add(order[at] if 0 <= at < len(order) else None)
    return found
