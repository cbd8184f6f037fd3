"""Join a table that runs over a page break into one logical table. Pure functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from difflib import SequenceMatcher

from nianbao.model import Cell, Table
from nianbao.table.layout import first_body_row, has_cjk, starts_with_enumerator

WIDTH_TOLERANCE = 0.03
MIN_SHARED_RULES = 4
MAX_SHIFT = 0.05  # of a table's width: how far to one side the next page may be scanned
HEADER_LIKENESS = 0.8  # how alike a row on the next page must read to repeat the header


def _edges(table: Table) -> list[float]:
    """The table's column rules, as fractions of its width from its left edge."""
    x0, width = table.bbox[0], max(1.0, table.bbox[2] - table.bbox[0])
    return sorted({round((edge - x0) / width, 3) for cell in table.cells for edge in (cell.bbox[0], cell.bbox[2])})


def columns_match(upper: Table, lower: Table, values_only: bool = False) -> bool:
    """Whether ``lower`` continues ``upper``'s columns: as wide, and every column rule of ``lower`` is one
    of ``upper``'s (a continued part may merge columns, e.g. a block printed with one wide value cell).
    With ``values_only``, those of its value columns are enough (``_value_rules_match``): the label
    columns of a table found by how its text lines up are bounded by its labels' wrapping, and its sides
    by where its text ends, which differ from page to page."""
    if values_only:
        page = max(upper.cell_pages, default=upper.page)
        return _value_rules_match(_rules(_cells_on(upper, page) or list(upper.cells)), lower, MAX_SHIFT)
    width_ratio = (lower.bbox[2] - lower.bbox[0]) / max(1.0, upper.bbox[2] - upper.bbox[0])
    if abs(width_ratio - 1) >= 0.05:
        return False
    upper_edges = _edges(upper)
    interior = [e for e in _edges(lower) if WIDTH_TOLERANCE < e < 1 - WIDTH_TOLERANCE]
    return len(interior) >= 1 and all(min(abs(e - u) for u in upper_edges) < WIDTH_TOLERANCE / 2 for e in interior)


def continues_on_page(upper: Table, lower: Table) -> bool:
    """Whether ``lower``, found on the page of ``upper``'s last part, goes on from ``upper`` there: its top
    within a row's height of ``upper``'s foot, and its value columns' rules at ``upper``'s (faint rules
    lost in its label columns split a table in two where a row's rule was found through)."""
    page = max(upper.cell_pages, default=upper.page)
    above = _cells_on(upper, page)
    if lower.page != page or not above:
        return False
    rows = sorted(cell.bbox[3] - cell.bbox[1] for cell in lower.cells if cell.rowspan == 1)
    row_height = rows[len(rows) // 2] if rows else 0.0
    if abs(lower.bbox[1] - max(cell.bbox[3] for cell in above)) > row_height:
        return False
    return _value_rules_match(_rules(above), lower, 0.0)


def _cells_on(table: Table, page: int) -> list[Cell]:
    """The table's cells read on ``page`` (a stitched table's parts lie on several)."""
    return [cell for index, cell in enumerate(table.cells) if table.page_of(index) == page]


def _rules(cells: list[Cell]) -> set[float]:
    """The x of the cells' sides: their column rules (page pixels)."""
    return {x for cell in cells for x in (cell.bbox[0], cell.bbox[2])}


def _value_rules_match(upper_rules: set[float], lower: Table, max_shift: float) -> bool:
    """Whether the rules of ``lower``'s value columns (those inside its right half; its right side aside:
    a table found by how its text lines up ends where its text does), MIN_SHARED_RULES or more, are each
    at one of ``upper_rules``, all shifted alike by at most ``max_shift`` of its width (the next page
    scanned a little to one side)."""
    width = lower.bbox[2] - lower.bbox[0]
    middle, tolerance = (lower.bbox[0] + lower.bbox[2]) / 2, WIDTH_TOLERANCE / 2 * width
    rules = {x for cell in lower.cells for x in (cell.bbox[0], cell.bbox[2]) if middle < x < lower.bbox[2]}
    if len(rules) < MIN_SHARED_RULES or not upper_rules:
        return False
    shifts = {0.0} | {u - x for u in upper_rules for x in rules if abs(u - x) <= max_shift * width}
    return any(all(min(abs(x + shift - u) for u in upper_rules) <= tolerance for x in rules) for shift in shifts)


def _column_placer(upper: Table, lower: Table):
    """Where a cell of ``lower`` sits in ``upper``'s grid, by the x positions of its left and right rules
    (a continued part may have fewer grid columns, e.g. where a block prints one wide value cell): on
    the next page as fractions of each table's width, on ``upper``'s own page where its cells there are.
    A cell with a side at no rule above, over several columns, goes to the one its print stands in."""
    same_page = _cells_on(upper, lower.page)

    def fraction(table: Table, x: float) -> float:
        return x if same_page else (x - table.bbox[0]) / max(1.0, table.bbox[2] - table.bbox[0])

    lefts: dict[int, float] = {}
    rights: dict[int, float] = {}
    for cell in same_page or upper.cells:
        lefts.setdefault(cell.col, fraction(upper, cell.bbox[0]))
        rights.setdefault(cell.last_col, fraction(upper, cell.bbox[2]))

    tolerance = WIDTH_TOLERANCE / 2 * ((lower.bbox[2] - lower.bbox[0]) if same_page else 1.0)

    def place(cell: Cell) -> tuple[int, int]:
        first = min(lefts, key=lambda c: abs(lefts[c] - fraction(lower, cell.bbox[0])))
        last = min(rights, key=lambda c: abs(rights[c] - fraction(lower, cell.bbox[2])))
        off_rule = max(
            abs(lefts[first] - fraction(lower, cell.bbox[0])), abs(rights[last] - fraction(lower, cell.bbox[2]))
        )
        if last > first and cell.words and off_rule > tolerance:
            # A side found by how its text lines up, at no rule above, may reach over a column its print
            # stays out of.
            left = fraction(lower, min(word.bbox[0] for word in cell.words))
            right = fraction(lower, max(word.bbox[2] for word in cell.words))
            holding = [
                c for c in range(first, last + 1) if lefts.get(c, right) <= left and right <= rights.get(c, left)
            ]
            if len(holding) == 1:
                return holding[0], 1
        return first, max(1, last - first + 1)

    return place


def _cell_pages(table: Table) -> list[int]:
    return [table.page_of(i) for i in range(len(table.cells))]


def stitch(upper: Table, lower: Table) -> Table:
    """Append ``lower``'s body under ``upper``: its repeated header rows dropped, a label cell cut by
    the page break (（四）无 | 法提供, or the tall 三、本年度办理结果) rejoined into one merged cell, and
    a row cut by the page break (3.补 | 正后申请内容仍不明确) rejoined into one row."""
    skip = _repeated_header_rows(upper, lower)
    place = _column_placer(upper, lower)
    row_cut = _row_cut_by_break(upper, lower, skip, place)
    row_shift = upper.n_rows - skip
    cells, pages = list(upper.cells), _cell_pages(upper)
    starts = {c.row for c in upper.cells}
    # A cell left open by the page break; a cell tall only because of an empty sliver row cut by the
    # page edge is not a label running on.
    open_cells = {
        c.col: i
        for i, c in enumerate(upper.cells)
        if c.last_row == upper.n_rows - 1 and (c.rowspan == 1 or starts & set(range(c.row + 1, c.last_row + 1)))
    }
    for index, cell in enumerate(lower.cells):
        if cell.last_row < skip:
            continue
        col, colspan = place(cell)
        top = max(cell.row, skip)
        moved = replace(cell, row=top + row_shift, col=col, colspan=colspan, rowspan=cell.last_row - top + 1)
        joined = open_cells.get(col)
        cut_here = row_cut and cell.row == skip and cell.rowspan == 1
        if top == skip and joined is not None and (cut_here or _is_cut_label(cells[joined], moved)):
            above = cells[joined]
            cells[joined] = replace(above, rowspan=above.rowspan + moved.rowspan, words=above.words + moved.words)
            continue
        cells.append(moved)
        pages.append(lower.page_of(index))
    return Table(
        page=upper.page,
        bbox=upper.bbox,
        n_rows=row_shift + lower.n_rows,
        n_cols=upper.n_cols,
        cells=tuple(cells),
        cell_pages=tuple(pages),
    )


def _row_text(table: Table, row: int) -> str:
    return "".join(c.text for c in table.cells if c.row == row).replace(" ", "")


def _repeated_header_rows(upper: Table, lower: Table) -> int:
    """How many of ``lower``'s top rows repeat ``upper``'s header (its rows above the first body row).
    Where the rules between a repeated header's rows were lost, its rows read as one, and where a rule
    was lost on one page only, a cell merged across rows starts in another row (fax 8802_002: table 三's
    note, in its header's second row on one page and its first on the next, the rows compared one by one
    differed, and the header's 自然人 and 总计 were taken for the rest of the last row above the break,
    "16自然人"): the header is repeated when its words are ``upper``'s header's words, in any order, in
    no more rows."""
    header = [_row_text(upper, r) for r in range(first_body_row(upper) or 0)]
    lower_header = [_row_text(lower, r) for r in range(first_body_row(lower) or 0)]
    count = 0
    for text in lower_header:
        if not any(SequenceMatcher(None, text, seen).ratio() >= HEADER_LIKENESS for seen in header):
            break
        count += 1
    if count < len(lower_header) <= len(header) and _same_characters("".join(lower_header), "".join(header)):
        return len(lower_header)
    return count


def _same_characters(text: str, other: str) -> bool:
    """Whether two texts share HEADER_LIKENESS of their characters, counted with repeats, in any order."""
    shared = sum((Counter(text) & Counter(other)).values())
    return 2 * shared >= HEADER_LIKENESS * (len(text) + len(other))


def _row_cut_by_break(upper: Table, lower: Table, skip: int, place: Callable[[Cell], tuple[int, int]]) -> bool:
    """Whether ``lower``'s first body row is the rest of ``upper``'s last row, cut by the page break (a
    word processor lets a tall row run over): its label runs on from a numbered label (1.、（四）) without a
    number of its own, and no other column holds text on both sides of the break. Rows of table 三 are
    numbered, so a new row under a cut-off one is not taken for its rest."""
    last = upper.n_rows - 1
    above = {c.col: c for c in upper.cells if c.row == last and c.rowspan == 1}
    running_on = 0
    for cell in lower.cells:
        if cell.row != skip or cell.rowspan != 1:
            continue
        partner = above.get(place(cell)[0])
        if partner is None or not (partner.text and cell.text):
            continue
        if starts_with_enumerator(cell.text) or not starts_with_enumerator(partner.text):
            return False
        running_on += 1
    return running_on == 1


def _is_cut_label(above: Cell, below: Cell) -> bool:
    """A label cell continued on the next page: same columns, and the lower part is not a label of its own.
    Two parts with no Chinese in either are two values: photo 7608_002's 21 in a value cell two grid rows
    tall at a page's foot is not run on by the 1 of the next row, at the next page's top."""
    if above.colspan != below.colspan or not above.text:
        return False
    if below.text and not (has_cjk(above.text) or has_cjk(below.text)):
        return False
    if below.rowspan == 1 and above.rowspan == 1:
        return False  # two one-row cells are two rows, not one cut cell
    return not below.text or not starts_with_enumerator(below.text)
