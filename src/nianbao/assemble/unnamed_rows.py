"""Rows of table 二 whose column headers were lost, placed by the template's column order.

A fax turns a shaded header black, and a shaded band whose rules are paler than its shade swallows its
header into one cell, or into a table of its own: nothing is read above such a row's values. The
template prints each row's columns in a fixed order, so the values take it once the template version is
known: from the report's table 二 alone where one version alone holds the columns named elsewhere in it
and prints that many values in each such row (2021 prints one value in its 行政许可 block, 2019 three);
otherwise from what decides the report's version (its year, else its other tables). Both versions print
three values in the first block, each its own three, so that block alone never tells. A row with more
value cells than its columns, where a rule the print lacks cut an empty piece off a cell, takes the
cells holding print when they are as many as its columns, else those reading as a value (a number or a
printed null mark) when they are: a faint column rule of the block above, run on across a 行政许可 row of
one value, left a piece of grey paper that noise read as letters at 0.4 (faint 7609_001).
"""

from __future__ import annotations

from nianbao.assemble.mapping import MappedCell, MappingResult, rows_run_into
from nianbao.assemble.values import printed_values
from nianbao.model import Cell
from nianbao.template import default_template


def place_unnamed_rows(result: MappingResult, version: str | None = None) -> None:
    """Map ``result``'s unnamed rows of table 二 in the template's column order, in place: by the one
    version their row lengths and the columns named elsewhere allow; where several do, by ``version``
    (the report's, when known: None leaves the rows for a later call). A row that fits no version is
    rejected with the reason."""
    if not result.unnamed:
        return
    template = default_template()
    versions = [
        name
        for name in template.version_names
        if result.keys_seen <= set(template.columns("proactive", name))
        and all(_fitting(row.values, len(_row_columns(row.row_key, name))) for row in result.unnamed)
    ]
    chosen = versions[0] if len(versions) == 1 else version if version in versions else None
    if chosen is None and version is None and versions:
        return
    for row in result.unnamed:
        if chosen is None:
            result.reject(row.label, "its column headers were lost, and the template cannot tell its columns")
            continue
        columns = _row_columns(row.row_key, chosen)
        for (index, cell), column in zip(_fitting(row.values, len(columns)) or [], columns):
            shared = rows_run_into(cell, row.labelled_rows)
            result.cells.append(
                MappedCell(f"proactive.{row.row_key}.{column}", cell, row.table.page_of(index), "", shared)
            )
            result.keys_seen.add(column)
    result.unnamed.clear()


def _fitting(values: list[tuple[int, Cell]], count: int) -> list[tuple[int, Cell]] | None:
    """A row's ``count`` value cells: all of them, or where a rule the print lacks split a cell (more
    cells than columns), those holding print, else those reading as a value, when they are as many as
    the columns; None otherwise."""
    if len(values) == count:
        return values
    if len(values) < count:
        return None
    printed = [item for item in values if item[1].text.strip()]
    if len(printed) == count:
        return printed
    as_values = [item for item in printed if printed_values([item[1].text])]
    return as_values if len(as_values) == count else None


def _row_columns(row_key: str, version: str) -> list[str]:
    """The columns table 二's row ``row_key`` prints in ``version``, in order."""
    template = default_template()
    specs = template.fields_by_id
    return [specs[fid].column for fid in template.field_ids("proactive", version) if specs[fid].row == row_key]
