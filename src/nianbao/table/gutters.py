"""A faint table's cell merged over rows and columns cut again at the column rules its print leaves blank.

Where a faint table's rule between two columns was lost in some rows only (a group label's column and its
items' labels beside it, （六）其他处理 | 1.申请人无正当理由…), the grid holds one cell across both columns
for those rows, and the recogniser reads its lines across both: the group label runs into the items'
labels and neither is named. Print never crosses a column rule: where the grid's column edge runs through
such a cell and no print runs across it from the cell's top to its foot (rule remains aside), the cell
is cut there, each part over its own columns and the cell's rows. Only cells merged over rows as well as
columns below the table's first row are looked at: a header cell merged so (the first row's corner cell)
holds its words wherever it likes, and a label over several columns of one row (（七）总计) is one row's
label whichever column it stands in. Pure: ink in, table out.
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from nianbao.model import Cell, Table

GUTTER = 0.25  # text heights: print within this of a column edge on both sides at one height runs across it
EDGE = 0.3  # text heights inside a cell's top and foot left out (what is left of the rules along them)
THIN = 0.2  # text heights: ink no wider (a lost column rule's remains) or no taller (a row rule's) is no print


def split_at_blank_gutters(table: Table, ink: np.ndarray, text_height: float) -> Table:
    """``table`` with each cell merged over rows and columns cut at its blank column edges (see the
    module's doc)."""
    lefts: dict[int, float] = {}
    for cell in table.cells:
        lefts.setdefault(cell.col, cell.bbox[0])
    cells: list[Cell] = []
    for cell in table.cells:
        inner = range(cell.col + 1, cell.last_col + 1) if cell.row > 0 and cell.rowspan > 1 else range(0)
        cells.extend(_cut(cell, [c for c in inner if c in lefts and _blank(ink, cell, lefts[c], text_height)], lefts))
    if len(cells) == len(table.cells):
        return table
    return replace(table, cells=tuple(cells))


def _cut(cell: Cell, at_columns: list[int], lefts: dict[int, float]) -> list[Cell]:
    """``cell`` cut at the left edges of columns ``at_columns``, each part over the cell's rows."""
    if not at_columns:
        return [cell]
    starts = [cell.col, *at_columns]
    ends = [*at_columns, cell.last_col + 1]
    x0, y0, x1, y1 = cell.bbox
    return [
        replace(
            cell,
            col=start,
            colspan=end - start,
            bbox=(lefts[start] if start != cell.col else x0, y0, lefts[end] if end <= cell.last_col else x1, y1),
        )
        for start, end in zip(starts, ends, strict=True)
    ]


def _blank(ink: np.ndarray, cell: Cell, x: float, text_height: float) -> bool:
    """Whether no print runs across page x ``x`` in ``cell`` (EDGE left out at its top and foot): no
    piece of ink reaches past it on both sides, and no line's pieces stand within GUTTER of it on both
    sides at one height (a line whose gap between two characters falls on it). Ink THIN across or THIN
    high is a rule's remains, not print."""
    margin, reach, thin = EDGE * text_height, GUTTER * text_height, max(1.0, THIN * text_height)
    top, foot = int(cell.bbox[1] + margin), int(cell.bbox[3] - margin)
    left, right = max(0, int(x - text_height)), min(ink.shape[1], int(x + text_height) + 1)
    if foot <= top or right - left < 2:
        return False
    _, _, stats, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(ink[top:foot, left:right]), connectivity=8)
    pieces = [(left + s[0], s[1], left + s[0] + s[2], s[1] + s[3]) for s in stats[1:] if min(s[2], s[3]) > thin]
    if any(x0 < x - thin and x1 > x + thin for x0, _, x1, _ in pieces):
        return False
    before = [(y0, y1) for x0, y0, x1, y1 in pieces if x - reach < x1 <= x + thin]
    after = [(y0, y1) for x0, y0, x1, y1 in pieces if x - thin <= x0 < x + reach]
    return not any(a0 < b1 and b0 < a1 for a0, a1 in before for b0, b1 in after)
