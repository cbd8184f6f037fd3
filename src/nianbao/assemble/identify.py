"""Which of the report's tables a ruled table is, and which physical tables form one logical table."""

from __future__ import annotations

import logging

from nianbao.assemble.appeals import appeal_order
from nianbao.assemble.values import printed_values
from nianbao.model import Table
from nianbao.table.layout import cells_in_row
from nianbao.table.stitch import columns_match, continues_on_page, stitch
from nianbao.template import default_template

logger = logging.getLogger(__name__)

# Of such a row's cells, at least this share read as numbers: a few may be misread or unreadable.
NUMBER_SHARE = 2 / 3
# Where no table's words are found, words this long count found with one character misread: a fax
# garbles a character here and there of a header it keeps (table 四 read 行政切议 and 行政诉讼, its dashes
# lost, fresh fax 8404_001). No two tables' words of this length are one character apart.
MISREAD_WORD_FROM = 4
MIN_WORDS = 2  # a table's words found in a table, to be that table


def identify(table: Table) -> str | None:
    """'requests', 'proactive', 'appeals' or None, by the template's words found in the table (where no
    table's are, by its words found with a character misread, MISREAD_WORD_FROM); a table with none of
    them is table 四 when it holds a row of fifteen numbers, as only table 四 does (a fax turns a shaded
    header black, and its words with it)."""
    text = "".join(cell.text for cell in table.cells).replace(" ", "")
    table_words = default_template().table_words.items()
    scores = {name: sum(word in text for word in words) for name, words in table_words}
    best = max(scores, key=lambda name: scores[name])
    if scores[best] >= MIN_WORDS:
        return best
    misread = {name: sum(_found_misread(word, text) for word in words) for name, words in table_words}
    found = sorted(misread.values(), reverse=True)
    if found[0] >= MIN_WORDS and found[1] < found[0]:
        logger.info("page %d: a table's words found with a character misread each", table.page)
        return max(misread, key=lambda name: misread[name])
    if any(_appeal_numbers(table, row) for row in range(table.n_rows)):
        logger.info("page %d: a table with no words read, and a row of fifteen numbers: table 四", table.page)
        return "appeals"
    return None


def _found_misread(word: str, text: str) -> bool:
    """Whether ``word`` (MISREAD_WORD_FROM characters or more) stands in ``text``, or does with one of its
    characters read as another."""
    if word in text:
        return True
    size = len(word)
    if size < MISREAD_WORD_FROM:
        return False
    return any(
        sum(a != b for a, b in zip(word, text[start : start + size])) == 1 for start in range(len(text) - size + 1)
    )


def _appeal_numbers(table: Table, row: int) -> bool:
    """Whether ``row`` is fifteen cells of its own (none spanning rows or columns), most read as numbers
    or printed as a dash (a year without appeals prints 一 for each)."""
    row_cells = [cell for _, cell in cells_in_row(table, row)]
    wanted = len(appeal_order())
    own = all(cell.row == row and cell.last_row == row and cell.colspan == 1 for cell in row_cells)
    values = printed_values(cell.text for cell in row_cells)
    return own and len(row_cells) == wanted and values >= NUMBER_SHARE * wanted


def logical_tables(pages: list[list[Table]]) -> list[tuple[str, Table]]:
    """Identified tables in reading order, a table continued on the next page stitched into one, as is a
    part of table 三 not identified, right under it on its page (faint rules lost in its label columns
    split it in two where a row's rule was found through)."""
    result: list[tuple[str | None, Table]] = []
    for page_tables in pages:
        for position, table in enumerate(page_tables):
            kind = identify(table)
            if result and (
                (position == 0 and _continues(result[-1], kind, table)) or _goes_on(result[-1], kind, table)
            ):
                previous_kind, previous = result[-1]
                result[-1] = (previous_kind, stitch(previous, table))
                continue
            result.append((kind, table))
    return [(kind, table) for kind, table in result if kind is not None]


def _goes_on(previous: tuple[str | None, Table], kind: str | None, table: Table) -> bool:
    return kind is None and previous[0] == "requests" and continues_on_page(previous[1], table)


def _continues(previous: tuple[str | None, Table], kind: str | None, table: Table) -> bool:
    previous_kind, previous_table = previous
    if previous_table.page != table.page - 1 and max(previous_table.cell_pages, default=0) != table.page - 1:
        return False
    if kind is not None and previous_kind is not None and kind != previous_kind:
        return False
    # A part not identified is left out unless stitched on: its value columns going on are enough.
    return columns_match(previous_table, table) or (
        kind is None and columns_match(previous_table, table, values_only=True)
    )
