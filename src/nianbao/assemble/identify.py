"""Which of the report's tables a ruled table is, and which physical tables form one logical table."""

from __future__ import annotations

from nianbao.model import Table
from nianbao.table.stitch import columns_match, stitch
from nianbao.template import default_template


def identify(table: Table) -> str | None:
    """'requests', 'proactive', 'appeals' or None, by the template's words found in the table."""
    text = "".join(cell.text for cell in table.cells).replace(" ", "")
    scores = {name: sum(word in text for word in words) for name, words in default_template().table_words.items()}
    best = max(scores, key=lambda name: scores[name])
    return best if scores[best] >= 2 else None


def logical_tables(pages: list[list[Table]]) -> list[tuple[str, Table]]:
    """Identified tables in reading order, a table continued on the next page stitched into one."""
    result: list[tuple[str | None, Table]] = []
    for page_tables in pages:
        for position, table in enumerate(page_tables):
            kind = identify(table)
            if result and position == 0 and _continues(result[-1], kind, table):
                previous_kind, previous = result[-1]
                result[-1] = (previous_kind, stitch(previous, table))
                continue
            result.append((kind, table))
    return [(kind, table) for kind, table in result if kind is not None]


def _continues(previous: tuple[str | None, Table], kind: str | None, table: Table) -> bool:
    previous_kind, previous_table = previous
    if previous_table.page != table.page - 1 and max(previous_table.cell_pages, default=0) != table.page - 1:
        return False
    if kind is not None and previous_kind is not None and kind != previous_kind:
        return False
    return columns_match(previous_table, table)
