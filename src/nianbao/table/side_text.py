"""A faint table's side found where its rules were found, not where the table ends. Pure.

Faint rules are found in pieces: a table's frame may be found only where its value columns are, its
labels left outside the grid (or cut through), its last column a sliver with its numbers running out
past it, or its top rule found through its header's print. The text says where the side is:
- a line of text that runs across a grid's side (a rule never cuts through print);
- beside a first column holding no text at all, the labels standing left of it in its rows;
- the lines of text, over two of its cells or more, that a grid's top or foot runs through (a heading
  above or below a table stands alone).
The grid's first (last) column, or row, is widened to take that text in, each of its cells with it. Only
for tables of MIN_ROWS rows or more built on faint rules (a lone row may be a title's strokes taken for
rules); a side whose text stands well clear of it is left as is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nianbao.model import Cell, Table
from nianbao.table.text_blocks import Box, TextBlocks, blocks_outside, middle_inside

# Text heights: a line runs across a side when it reaches this far past it, from no further than this
# short of it (a rule never cuts through print, and nothing is printed right up against a table's frame).
ACROSS = 0.5
CHAIN_GAP = 3.0  # text heights: labels beside the table (a group's and its rows') are no further apart than this
PAD = 0.3  # text heights of margin kept beside the text a side is moved to
MIN_ROWS = 2
CUT = 0.25  # text heights: a row's rule found through a line of text cuts it this far from its top and foot
MIN_CUT_CELLS = 2


def widened_to_side_text(tables: Sequence[Table], blocks: TextBlocks) -> list[Table]:
    """Each table with its first and last columns and rows widened to the text beside them (see the
    module's doc)."""
    return [
        _widened(table, _blocks_outside(table, tables, blocks), blocks.text_height)
        if table.n_rows >= MIN_ROWS
        else table
        for table in tables
    ]


def _blocks_outside(table: Table, tables: Sequence[Table], blocks: TextBlocks) -> list[Box]:
    """The blocks in no table other than ``table``, headings aside (a table's print is never larger
    than the page's: a section's heading whose foot a band's top rule reaches into is not a row)."""
    outside = blocks_outside(blocks, [other.bbox for other in tables if other is not table])
    return [block for block in outside.boxes if block not in outside.headings]


def _widened(table: Table, blocks: list[Box], height: float) -> Table:
    left, top, right, bottom = table.bbox
    in_rows = [block for block in blocks if top <= (block[1] + block[3]) / 2 <= bottom]
    in_columns = [block for block in blocks if left <= (block[0] + block[2]) / 2 <= right]
    cut_at_top = _cut_row(table, 0, [block for block in in_columns if _cut_through(block, top, height)])
    cut_at_foot = _cut_row(
        table, table.n_rows - 1, [block for block in in_columns if _cut_through(block, bottom, height)]
    )
    sides = (
        _left_side(table, in_rows, height),
        min([top] + [block[1] - PAD * height for block in cut_at_top]),
        _right_side(table, in_rows, height),
        max([bottom] + [block[3] + PAD * height for block in cut_at_foot]),
    )
    if sides == table.bbox:
        return table
    return replace(table, bbox=sides, cells=tuple(_cell_widened(cell, table, sides) for cell in table.cells))


def _cell_widened(cell: Cell, table: Table, sides: tuple[float, float, float, float]) -> Cell:
    """``cell`` reaching the table's new ``sides`` where it lies along them."""
    x0, y0, x1, y1 = cell.bbox
    return replace(
        cell,
        bbox=(
            sides[0] if cell.col == 0 else x0,
            sides[1] if cell.row == 0 else y0,
            sides[2] if cell.last_col == table.n_cols - 1 else x1,
            sides[3] if cell.last_row == table.n_rows - 1 else y1,
        ),
    )


def _cut_row(table: Table, row: int, cut: list[Box]) -> list[Box]:
    """``cut``, the lines of text a grid's top or foot runs through, where they stand over MIN_CUT_CELLS
    cells of its first or last ``row`` or more (a row of its print; a heading above or below a table
    stands alone); none otherwise."""
    cells = {
        index
        for block in cut
        for index, cell in enumerate(table.cells)
        if row in (cell.row, cell.last_row) and cell.bbox[0] <= (block[0] + block[2]) / 2 <= cell.bbox[2]
    }
    return cut if len(cells) >= MIN_CUT_CELLS else []


def _cut_through(block: Box, y: float, height: float) -> bool:
    """Whether a line of text runs across height ``y``, CUT of a text height of it at least either side."""
    return block[1] + CUT * height < y < block[3] - CUT * height


def _left_side(table: Table, blocks: list[Box], height: float) -> float:
    """Where the table's left side is: left of the text running across it (from well left of it to
    within ACROSS of it or past it), or of the labels left of an empty first column; where it was found
    otherwise."""
    left = table.bbox[0]
    across = [block for block in blocks if block[0] < left - ACROSS * height < block[2]]
    first_cells = [cell.bbox for cell in table.cells if cell.col == 0]
    empty_first = not any(middle_inside(block, box) for block in blocks for box in first_cells)
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
