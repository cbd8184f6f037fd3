"""A faint table's side found where its rules were found, not where the table ends. Pure.

Faint rules are found in pieces: a table's frame may be found only where its value columns are, its
labels left outside the grid (or cut through), or its last column as a sliver with its numbers running
out past it. The text says where the side is: a line of text that runs across a grid's side (a rule
never cuts through print), or, beside a first column holding no text at all, the labels standing left
of it in its rows. The grid's first (last) column is widened to take that text in, each of its cells
with it. Only for tables of MIN_ROWS rows or more built on faint rules (a lone row may be a title's
strokes taken for rules); a side whose text stands well clear of it is left as is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nianbao.model import BBox, Table
from nianbao.table.text_blocks import Box, TextBlocks

# Text heights: a line runs across a side when it reaches this far past it, from no further than this
# short of it (a rule never cuts through print, and nothing is printed right up against a table's frame).
ACROSS = 0.5
CHAIN_GAP = 3.0  # text heights: labels beside the table (a group's and its rows') are no further apart than this
PAD = 0.3  # text heights of margin kept beside the text a side is moved to
MIN_ROWS = 2


def widened_to_side_text(tables: Sequence[Table], blocks: TextBlocks) -> list[Table]:
    """Each table with its first and last columns widened to the text beside them (see the module's doc)."""
    return [
        _widened(table, _blocks_in_rows(table, tables, blocks), blocks.text_height)
        if table.n_rows >= MIN_ROWS
        else table
        for table in tables
    ]


def _blocks_in_rows(table: Table, tables: Sequence[Table], blocks: TextBlocks) -> list[Box]:
    """The blocks whose middle lies within ``table``'s rows and in no other table."""
    _, top, _, bottom = table.bbox
    others = [other.bbox for other in tables if other is not table]
    return [
        block
        for block in blocks.boxes
        if top <= (block[1] + block[3]) / 2 <= bottom and not any(_middle_in(block, box) for box in others)
    ]


def _widened(table: Table, blocks: list[Box], height: float) -> Table:
    left, _, right, _ = table.bbox
    new_left = _left_side(table, blocks, height)
    new_right = _right_side(table, blocks, height)
    if new_left == left and new_right == right:
        return table
    last = table.n_cols - 1
    cells = tuple(
        replace(
            cell,
            bbox=(
                new_left if cell.col == 0 else cell.bbox[0],
                cell.bbox[1],
                new_right if cell.last_col == last else cell.bbox[2],
                cell.bbox[3],
            ),
        )
        for cell in table.cells
    )
    _, top, _, bottom = table.bbox
    return replace(table, bbox=(new_left, top, new_right, bottom), cells=cells)


def _left_side(table: Table, blocks: list[Box], height: float) -> float:
    """Where the table's left side is: left of the text running across it (from well left of it to
    within ACROSS of it or past it), or of the labels left of an empty first column; where it was found
    otherwise."""
    left = table.bbox[0]
    across = [block for block in blocks if block[0] < left - ACROSS * height < block[2]]
    first_cells = [cell.bbox for cell in table.cells if cell.col == 0]
    empty_first = not any(_middle_in(block, box) for block in blocks for box in first_cells)
    if not across and not empty_first:
        return left
    reach = left - ((max(box[2] - box[0] for box in first_cells) if empty_first else 0.0) + CHAIN_GAP * height)
    reach = min([reach] + [block[0] - CHAIN_GAP * height for block in across])
    beside = _chained_leftwards([block for block in blocks if block[2] <= left + ACROSS * height], reach, height)
    taken = across + beside
    return min(left, min(block[0] for block in taken) - PAD * height) if taken else left


def _right_side(table: Table, blocks: list[Box], height: float) -> float:
    """Where the table's right side is: right of the text running across it (from within ACROSS of it or
    short of it to well past it) and of the text beside it in its rows from there; where it was found
    otherwise."""
    right = table.bbox[2]
    across = [block for block in blocks if block[0] < right + ACROSS * height < block[2]]
    if not across:
        return right
    reach = max(block[2] for block in across) + CHAIN_GAP * height
    beside = [block for block in blocks if block[0] >= right - ACROSS * height and block[0] <= reach]
    return max(block[2] for block in across + beside) + PAD * height


def _chained_leftwards(blocks: list[Box], reach: float, height: float) -> list[Box]:
    """The blocks ending right of ``reach``, and those ending within CHAIN_GAP of the left end of one
    taken, on until none more is."""
    taken: list[Box] = []
    rest = sorted(blocks, key=lambda block: -block[2])
    frontier = reach
    for block in rest:
        if block[2] < frontier:
            break
        taken.append(block)
        frontier = min(frontier, block[0] - CHAIN_GAP * height)
    return taken


def _middle_in(block: Box, box: BBox | Box) -> bool:
    middle_x, middle_y = (block[0] + block[2]) / 2, (block[1] + block[3]) / 2
    return box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3]
