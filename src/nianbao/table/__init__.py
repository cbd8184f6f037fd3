"""Ruled tables of a page: find them and rebuild their grids. Reading the cells is a reader's work."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from nianbao.config import TableConfig
from nianbao.model import Cell, Table
from nianbao.preprocess import CleanPage
from nianbao.table.band_rows import BAND_ROWS, with_rows_under_bands
from nianbao.table.borderless import borderless_grids
from nianbao.table.dotted_rules import may_be_part, with_dotted_tables
from nianbao.table.grid import Grid, RuleRemains, build_grid, share_beside
from nianbao.table.gutters import split_at_blank_gutters
from nianbao.table.lines import RuleMasks, faint_rules, rule_masks, rules_are_faint, thin_pieces
from nianbao.table.positions import cluster_positions
from nianbao.table.regions import table_regions
from nianbao.table.row_rules import (
    MIN_COLUMN_RULES,
    column_pieces,
    with_dashed_row_rules,
    with_dashed_rules_between_columns,
    with_dashed_rules_joined,
)
from nianbao.table.side_text import widened_to_side_text
from nianbao.table.text_blocks import Box, TextBlocks, blocks_outside, in_smaller_print, rule_remains, text_blocks

log = logging.getLogger(__name__)

FEW_ROWS = 3  # ruled rows on a page: fewer may be a title's bold strokes while the table's rules were too faint
# Blocks of text narrower than CELL_WIDTH of the page: MIN_CELL_BLOCKS of them may be a table's cells (the
# pages of tables measured hold 32 and more, a closing page of prose or a signature 0 to 13).
CELL_WIDTH, MIN_CELL_BLOCKS = 0.12, 10
LONE_COLUMN_RULE = 1.0  # inch: a column rule this long holds several rows of a table
# Inch, and how many side by side: a fax may keep a table's column rules only in pieces, a row or two
# long, and lose its row rules (fax seed 5312: table 四 under a ruled table 三, its longest pieces 0.9
# inch, three of them; 13 columns held pieces of 0.4 inch or more). Print's strokes are shorter.
SHORT_COLUMN_RULE, MIN_SHORT_COLUMNS = 0.4, 8
# Inch: a piece of a faint column rule shorter than LONE_FAINT_PIECE with no other piece within LONE_REACH
# of its line is noise (``without_lone_short_columns``); the lone ones measured were 0.25 and 0.32 inch.
LONE_FAINT_PIECE, LONE_REACH = 0.45, 0.03
END_REACH = 0.04  # inch: a piece of a column rule ending this near a row rule ends at it
# Print within INK_REACH inch of a lone piece along INK_BESIDE of its length or more: it hugs the print (the
# two noise pieces that split cells measured 0.40 and 0.44; lone pieces of a cell's own rule 0.08 at most).
INK_REACH, INK_BESIDE = 0.05, 0.3


@dataclass(frozen=True)
class TableLayout:
    """The ruled tables of one page, top to bottom, with empty cells, and the page's ruling-line mask."""

    tables: list[Table]
    rules: np.ndarray  # 255 where a rule is drawn, widened so the anti-aliased edges of a rule go with it


def find_tables(page: CleanPage, number: int, dpi: float, config: TableConfig) -> TableLayout:
    """Every ruled table on the page: its grid and merged cells, no text. Where the ink shows only faint
    rules, or no ruled table (or one of too few rows) while the page holds blocks of text as narrow as
    cells, rules too faint for the ink are looked for too (table.lines.faint_rules). A page with none may
    hold a table whose rules were lost or never printed: it is found by how its text lines up
    (table.borderless); so are the rows of a faint table beyond the rules found for it, a table of which
    only column rules are left beside a ruled one, and the rows of values under a table's shaded bands,
    where a band's edges were its only lines (table.band_rows). A
    faint table's sides found short of its text are moved to it (table.side_text). On a fax page, row
    rules left as a dash in each cell between long column rules are drawn in (table.row_rules)."""
    masks = with_dashed_rules_joined(page.ink, rule_masks(page.ink, config), dpi)
    masks = with_dashed_row_rules(page.ink, masks, dpi, config.min_table_width_fraction)
    if page.fax:
        masks = with_dashed_rules_between_columns(page.ink, masks, dpi)
    grids = _ruled_grids(page.ink, masks, dpi, config)
    few_rows = sum(grid.n_rows for _, grid in grids) < FEW_ROWS
    remains = rule_remains(page.ink, dpi) if few_rows else None
    blocks = text_blocks(page.ink, dpi, remains) if remains is not None else None
    cells_of_text = blocks is not None and _narrow_blocks(blocks) >= MIN_CELL_BLOCKS
    faint_grids = False
    if config.faint_rules and (cells_of_text or rules_are_faint(page.clean, page.ink, masks)):
        faint = faint_rules(page.clean, dpi, _straightened_margin(page))
        drawn = rule_masks(faint, config)  # not the print's: the strokes of bold print are as long
        ruled = RuleMasks(masks.horizontal | drawn.horizontal, masks.vertical)
        drawn = RuleMasks(drawn.horizontal, without_lone_short_columns(drawn.vertical, ruled, page.ink, dpi))
        crossed = RuleMasks(masks.horizontal, masks.vertical | drawn.vertical)
        drawn = RuleMasks(without_lone_short_rows(drawn.horizontal, crossed, dpi), drawn.vertical)
        with_faint = RuleMasks(masks.horizontal | drawn.horizontal, crossed.vertical)
        found = _ruled_grids(page.ink | faint, with_faint, dpi, config)
        if found:
            log.debug("page %d: faint rules, looked for beyond the ink", number)
            masks, grids = with_faint, found
            faint_grids = True
    if not faint_grids and may_be_part(grids, page.ink.shape[1]):
        dotted = with_dotted_tables(
            page.ink, masks, grids, dpi, lambda with_dots: _ruled_grids(page.ink, with_dots, dpi, config)
        )
        if dotted[1] != grids:
            log.info("page %d: a table's dotted rules found beyond its unbroken ones", number)
            masks, grids = dotted
    rules = cv2.dilate(masks.horizontal | masks.vertical, np.ones((3, 3), np.uint8))
    if not grids and config.borderless and remains is not None and blocks is not None:
        grids = _borderless(page.ink, dpi, remains, blocks)
        if grids:
            log.info("page %d: no ruled table; %d table(s) found by how the text lines up", number, len(grids))
            rules = rules | remains
    columns_alone = (
        config.borderless
        and not faint_grids
        and grids
        and _column_rules_outside(masks.vertical, [box for box, _ in grids], dpi)
    )
    text = _page_text(page.ink, dpi, remains, blocks) if faint_grids or columns_alone else None
    if config.borderless and text is not None:
        beside = borderless_grids(blocks_outside(text[1], [box for box, _ in grids]))
        if beside:
            where = "faint rules" if faint_grids else "column rules whose row rules were lost"
            log.info("page %d: %d table part(s) beside %s found by how the text lines up", number, len(beside), where)
            grids = sorted(grids + beside, key=lambda item: item[0][1])
            rules = rules | text[0]
    band_rows = None if faint_grids else BAND_ROWS  # on faint rules, any grid's last rows may be lost
    banding = config.borderless and (faint_grids or any(grid.n_rows <= BAND_ROWS for _, grid in grids))
    if banding:
        text = text or _page_text(page.ink, dpi, remains, blocks)
        banded = with_rows_under_bands(grids, _table_print(page.ink, dpi, text, faint_grids), band_rows)
        if banded != grids:
            log.info("page %d: rows of values under shaded bands with no rules found by how the text lines up", number)
            grids, rules = banded, rules | text[0]
    tables = [_table(number, box, grid, 2 * dpi / 30) for box, grid in grids]
    if faint_grids and text is not None:
        widened = widened_to_side_text(tables, text[1])
        if widened != tables:
            log.info("page %d: a faint table's side moved to the text beside it", number)
        tables = [split_at_blank_gutters(table, page.ink, text[1].text_height) for table in widened]
    return TableLayout(tables, rules)


def _page_text(
    ink: np.ndarray, dpi: float, remains: np.ndarray | None, blocks: TextBlocks | None
) -> tuple[np.ndarray, TextBlocks]:
    """The page's rule remains and its blocks of text, those already found kept (found once a page)."""
    remains = remains if remains is not None else rule_remains(ink, dpi)
    return remains, blocks if blocks is not None else text_blocks(ink, dpi, remains)


def without_lone_short_columns(faint: np.ndarray, ruled: RuleMasks, ink: np.ndarray, dpi: float) -> np.ndarray:
    """``faint`` (column rules found faint) without its pieces shorter than LONE_FAINT_PIECE that stand
    alone on their line (no other piece of it or of the ``ruled`` column rules within LONE_REACH of it
    across the page), do not run from a row rule to a row rule (``ruled`` row rules, within END_REACH of
    each end) and have print beside them (``ink`` within INK_REACH on one side along INK_BESIDE of their
    length). A faint rule's pieces lie along its whole line, or span a row between its rules, clear of the
    print; such a lone piece is noise lined up beside a column of digits (faint seeds 6702, 6703: one
    beside a 0, two 0s one under another, at 150 dpi), and it split the merged cell the digit stood in."""
    pieces = column_pieces(faint)
    kept = faint.copy()
    for piece in _lone_short_pieces(pieces, pieces + column_pieces(ruled.vertical), ruled.horizontal, dpi):
        if _print_beside(ink, piece, int(round(INK_REACH * dpi))) >= INK_BESIDE:
            x0, y0, x1, y1 = piece
            kept[y0:y1, x0:x1] = 0
    return kept


def without_lone_short_rows(faint: np.ndarray, ruled: RuleMasks, dpi: float) -> np.ndarray:
    """``faint`` (row rules found faint) without its pieces shorter than LONE_FAINT_PIECE that stand alone
    on their line (no other piece of it or of the ``ruled`` row rules within LONE_REACH of it down the
    page) and do not run from a column rule to a column rule (``ruled`` column rules, within END_REACH of
    each end). A faint row rule's pieces lie along its line, or span a cell between its rules; on a noisy
    faint page at 150 dpi (faint seed 9006) two runs of noise 0.25 inch long, each alone on its line,
    split a row of table 三 in two under two of its columns and merged its other cells down over both."""
    across = np.ascontiguousarray  # a row piece is a column piece of the page turned on its diagonal
    pieces = column_pieces(across(faint.T))  # (y0, x0, y1, x1) each
    others = pieces + column_pieces(across(ruled.horizontal.T))
    kept = faint.copy()
    for y0, x0, y1, x1 in _lone_short_pieces(pieces, others, across(ruled.vertical.T), dpi):
        kept[y0:y1, x0:x1] = 0
    return kept


def _lone_short_pieces(
    pieces: list[tuple[int, int, int, int]],
    others: list[tuple[int, int, int, int]],
    crossing: np.ndarray,
    dpi: float,
) -> Iterator[tuple[int, int, int, int]]:
    """The column ``pieces`` (x0, y0, x1, y1) shorter than LONE_FAINT_PIECE that do not run from a rule of
    ``crossing`` to a rule of it (within END_REACH of each end) and stand alone on their line: no other of
    ``others`` within LONE_REACH of it."""
    reach, short, end_reach = LONE_REACH * dpi, LONE_FAINT_PIECE * dpi, int(round(END_REACH * dpi))
    for piece in pieces:
        x0, y0, x1, y1 = piece
        if y1 - y0 >= short or _between_row_rules(crossing, piece, end_reach):
            continue
        middle = (x0 + x1) / 2
        if not any(other != piece and abs((other[0] + other[2]) / 2 - middle) <= reach for other in others):
            yield piece


def _print_beside(ink: np.ndarray, piece: tuple[int, int, int, int], reach: int) -> float:
    """The larger share of a column ``piece``'s length with ink within ``reach`` of it on one side (the
    two pixels next to it left out: the piece's own edges)."""
    x0, y0, x1, y1 = piece
    return share_beside(ink, (x0 - 2, x1 + 2), reach - 2, y0, y1, False)


def _between_row_rules(horizontal: np.ndarray, piece: tuple[int, int, int, int], reach: int) -> bool:
    """Whether a row rule crosses the line of a column ``piece`` within ``reach`` of each of its ends."""
    x0, y0, x1, y1 = piece
    left, right = max(0, x0 - reach), x1 + reach
    return all(horizontal[max(0, y - reach) : y + reach + 1, left:right].any() for y in (y0, y1 - 1))


def _table_print(ink: np.ndarray, dpi: float, text: tuple[np.ndarray, TextBlocks], faint: bool) -> TextBlocks:
    """The page's blocks to find a table's rows under its grid by: on a faint page, those told against
    the table's smaller print where the page's prose is larger (a lone 0 of a 9-pt table, 18 pixels at
    200 dpi, is a speck beside 16-pt prose; faint seed 6615)."""
    remains, blocks = text
    return (in_smaller_print(ink, dpi, remains, blocks) if faint else None) or blocks


def _borderless(ink: np.ndarray, dpi: float, remains: np.ndarray, blocks: TextBlocks) -> list[tuple[Box, Grid]]:
    """The tables the page's text lines up into, or where none, those of its text in a smaller print."""
    grids = borderless_grids(blocks)
    smaller = None if grids else in_smaller_print(ink, dpi, remains, blocks)
    return borderless_grids(smaller) if smaller is not None else grids


def _column_rules_outside(vertical: np.ndarray, boxes: list[tuple[int, int, int, int]], dpi: float) -> bool:
    """Whether MIN_COLUMN_RULES column rules or more stand outside every table found (``boxes``), each at
    least LONE_COLUMN_RULE long there, or pieces of them SHORT_COLUMN_RULE long in MIN_SHORT_COLUMNS
    columns or more: the columns of a table whose row rules a fax lost, beside one whose rules it kept
    (fax seed 3401: table 三's last rows above a ruled table 四, 112 fields lost)."""
    outside = vertical.copy()
    for x0, y0, x1, y1 in boxes:
        outside[y0:y1, x0:x1] = 0
    long_enough, short = LONE_COLUMN_RULE * dpi, SHORT_COLUMN_RULE * dpi
    if np.count_nonzero(outside) < min(MIN_COLUMN_RULES * long_enough, MIN_SHORT_COLUMNS * short):
        return False
    pieces = column_pieces(outside)
    if sum(y1 - y0 >= long_enough for _, y0, _, y1 in pieces) >= MIN_COLUMN_RULES:
        return True
    columns = cluster_positions([(x0 + x1) / 2 for x0, y0, x1, y1 in pieces if y1 - y0 >= short], dpi / 30)
    return len(columns) >= MIN_SHORT_COLUMNS


def _straightened_margin(page: CleanPage) -> int:
    """How far in from its sides straightening the page by its skew repeated the edge pixels."""
    return int(np.ceil(abs(np.tan(np.radians(page.skew))) * max(page.clean.shape)))


def _narrow_blocks(blocks: TextBlocks) -> int:
    """How many of the page's blocks of text are as narrow as a table's cells (a page of prose has lines)."""
    width = blocks.page_size[0]
    return sum(box[2] - box[0] < CELL_WIDTH * width for box in blocks.boxes)


def _ruled_grids(
    ink: np.ndarray, masks: RuleMasks, dpi: float, config: TableConfig
) -> list[tuple[tuple[int, int, int, int], Grid]]:
    grids = []
    for box in table_regions(masks, config):
        x0, y0, x1, y1 = box
        area = np.s_[y0:y1, x0:x1]
        broken = RuleRemains(*thin_pieces(ink, box), ink[area])
        grid = build_grid(masks.horizontal[area], masks.vertical[area], dpi / 30, broken)
        if grid is not None and grid.n_rows >= config.min_rows:
            grids.append((box, grid))
    return grids


def _table(number: int, box: tuple[int, int, int, int], grid: Grid, slack: float) -> Table:
    x0, y0, x1, y1 = box
    cells = tuple(Cell(g.row, g.col, g.rowspan, g.colspan, _shifted(g.bbox, x0, y0)) for g in grid.cells)
    log.debug("page %d: table %dx%d at %s", number, grid.n_rows, grid.n_cols, box)
    # The region may run on past the grid's sides (a page's edge beside the table, left out of the grid):
    # the table is as wide as its grid then. Within ``slack`` of them, the region is the table's box.
    left = x0 + grid.xs[0] if grid.xs[0] > slack else x0
    right = x0 + grid.xs[-1] if x1 - (x0 + grid.xs[-1]) > slack else x1
    return Table(number, (float(left), float(y0), float(right), float(y1)), grid.n_rows, grid.n_cols, cells)


def _shifted(bbox: tuple[int, int, int, int], dx: int, dy: int) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = bbox
    return (float(x0 + dx), float(y0 + dy), float(x1 + dx), float(y1 + dy))
