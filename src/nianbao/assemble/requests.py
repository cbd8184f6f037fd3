"""Map table 三's rows and columns to canonical field ids: each row's label named by the classifier (the
template's row order filling its gaps), each value cell's applicant column placed by where the page's full
rows put the columns, else by the template's order or the header's words (assemble.mapping)."""

from __future__ import annotations

from nianbao.assemble.columns import column_at, column_gap, columns_by_page, columns_under, split_apart_numbers
from nianbao.assemble.mapping import (
    CENTRED_SLACK,
    Classify,
    Decision,
    Label,
    MappedCell,
    MappingResult,
    centred_between,
    column_keys,
    columns_run_into,
    rows_run_into,
    sliver_cut,
    value_cells,
)
from nianbao.assemble.row_order import keys_by_row_order
from nianbao.model import Cell, Table
from nianbao.table.layout import cells_in_row, has_cjk, starts_with_enumerator, value_start
from nianbao.template import request_columns

LOST_NUMERAL_OPENINGS = ("(", "（")  # a label's line opening so is an item of its own, its numeral lost
BodyRow = tuple[int, list[tuple[int, Cell]], Label]


def map_requests(table: Table, classify: Classify) -> MappingResult:
    result = MappingResult()
    start = value_start(table)
    if start is None:
        return result
    found_rows = []
    for row in range(table.n_rows):
        found = _values_and_label(table, row, start)
        if found:
            found_rows.append((row, *found))
    if not found_rows:
        return result
    header_rows = range(0, found_rows[0][0])
    alone = _rows_labelled_alone(found_rows, result)
    # A value cell running into another row is a lost rule, not a merge; a sliver of a row, cut off it by a
    # stroke in one cell, with no value of its own and its label the row's, is no other row.
    body_rows = {row for row, *_ in alone} | _rows_with_values(found_rows)
    rows = _wrapped_labels_joined(alone)
    middles = columns_by_page(
        [(table.page_of(values[0][0]), [cell for _, cell in values]) for _, values, *_ in found_rows],
        len(request_columns()),
    )
    decisions = fill_row_gaps(classify("requests", "row", [label for _, _, label in rows]))
    taken: dict[str, float] = {}
    for (_row, values, label), decision in zip(rows, decisions):
        if decision.key is None:
            result.reject(label, "no canonical row", decision.probability)
            continue
        if decision.key in taken:
            result.reject(label, f"a second row for {decision.key}", decision.probability)
            continue
        taken[decision.key] = decision.probability
        if decision.by_structure:
            result.reject(label, f"placed as {decision.key} by the row order, not by its text", decision.probability)
        page_middles = middles.get(table.page_of(values[0][0]))
        if page_middles is None:
            values = _numbers_apart_as_columns(values)
        columns, across = _request_column_keys(table, header_rows, values, page_middles, classify)
        for (index, cell), column, spanned in zip(values, columns, across):
            if column is not None:
                field_id = f"requests.{decision.key}.{column}"
                shared = rows_run_into(cell, body_rows)
                # A page whose own rows place the columns is not measured against another page's header:
                # a table carried over from a page photographed at another angle lies elsewhere across
                # it (photo seed 2403: a 2 carried over lay under two of the first page's headers).
                own_page = table.page_of(index) if page_middles is not None else None
                beside = 0 if spanned is None else max(spanned, columns_run_into(table, header_rows, cell, own_page))
                result.cells.append(
                    MappedCell(field_id, cell, table.page_of(index), "", shared, shared_with_columns=beside)
                )
        result.keys_seen.add(decision.key)
    return result


def _row_label(
    table: Table, row_cells: list[tuple[int, Cell]], values: list[tuple[int, Cell]]
) -> tuple[Label, Cell] | None:
    """A row's own label (its most specific label cell), the labels of its groups as context, and the cell.
    Labels stand left of the values: a header cell reaching down beside them (总计 over the total column,
    the rules under it lost) is none."""
    first = min(cell.col for _, cell in values)
    labels = [(i, c) for i, c in row_cells if (i, c) not in values and c.text and c.col < first]
    if not labels:
        return None
    # A label's words are Chinese: a misread mark beside it (ERRN) is not the row's own label. Of two label
    # cells placed in one column (a part stitched on, its label columns bounded by its labels' wrapping),
    # the one further right is.
    specific = min(
        labels, key=lambda item: (item[1].rowspan, not has_cjk(item[1].text), -item[1].col, -item[1].bbox[0])
    )
    context = " / ".join(c.text for i, c in labels if i != specific[0])
    return Label(specific[1].text, context, table.page_of(specific[0])), specific[1]


def _request_column_keys(
    table: Table,
    header_rows: range,
    values: list[tuple[int, Cell]],
    middles: list[float] | None,
    classify: Classify,
) -> tuple[list[str | None], list[int | None]]:
    """The applicant column of each value cell of a table 三 row, and how many other columns it runs
    into: the column it sits in, where the full rows of its page place them (assemble.columns; a cell
    over two columns goes to the one its print stands in whole, running into none (None), else to the
    first, running into the other; two cells in one column go to none); else the template's order where
    the row has all seven; else the header's words above each."""
    order = request_columns()
    keys: list[str | None] = []
    if middles is None:
        if len(values) == len(order):
            keys = list(order)
        else:
            keys = column_keys(table, header_rows, values, classify, "requests")[0]
        return keys, [0] * len(values)
    at = [column_at(cell, middles) for _, cell in values]
    under = [columns_under(cell, middles) for _, cell in values]
    kept = _kept_beside_slivers(values, at, middles)
    across: list[int | None] = [max(0, len(spanned) - 1) for spanned in under]
    for index, (k, spanned) in enumerate(zip(at, under)):
        if k is None and len(spanned) > 1:
            printed_in = _printed_in_one(values[index][1], spanned, middles)
            if printed_in is None:
                k = spanned[0]
            else:
                k, across[index] = printed_in, None
        keys.append(order[k] if k is not None and (at.count(k) <= 1 or index in kept) else None)
    return keys, across


def _printed_in_one(cell: Cell, spanned: list[int], middles: list[float]) -> int | None:
    """Of the columns a value cell spans (the rules between them lost in its row), the one its print
    stands in whole, at its middle (CENTRED_SLACK of its width), as table 三 prints one value a column;
    None where it has no print or stands elsewhere. Faint 10813_002: 行政查询事项's 0 of 法律服务机构, the
    rule before it lost in that row, was left null as running into 社会公益组织."""
    if not cell.words:
        return None
    left, right = min(word.bbox[0] for word in cell.words), max(word.bbox[2] for word in cell.words)
    for k in spanned:
        half = column_gap(middles, k) / 2
        inside = middles[k] - half <= left and right <= middles[k] + half
        if inside and abs((left + right) / 2 - middles[k]) <= CENTRED_SLACK * 2 * half:
            return k
    return None


def _kept_beside_slivers(values: list[tuple[int, Cell]], at: list[int | None], middles: list[float]) -> set[int]:
    """The value cells that keep their column though other cells stand in it too: each other one blank
    and a sliver of it (assemble.mapping.sliver_cut), or blank beside one whose print stands at the
    column's middle (assemble.mapping.centred_between). A faint rule found along a number's digits cut a
    sliver off its cell (faint seed 8905_002: a 0 of 行政执法案卷's row beside a sliver 30 pixels wide,
    left without a column); noise on a faint 150-dpi page cut a blank 35 pixels off a cell 95 wide
    (faint 10011_000: its 0, 60 wide, at the column's middle, was left without a column)."""
    kept = set()
    for column in {k for k in at if k is not None and at.count(k) > 1}:
        indices = [index for index, k in enumerate(at) if k == column]
        cells = [values[index][1] for index in indices]
        half = column_gap(middles, column) / 2
        one = sliver_cut(cells)
        if one is None:
            one = centred_between(middles[column] - half, middles[column] + half, cells)
            one = one if one is not None and _whole_beside_its_cut(cells[one], middles[column]) else None
        if one is not None:
            kept.add(indices[one])
    return kept


def _whole_beside_its_cut(cell: Cell, middle: float) -> bool:
    """Whether print standing at a column's ``middle`` can stand whole in ``cell``: the cell reaches half
    the print's width past the middle on each side. A rule found through a number leaves a piece of it
    beside the cut (faint 9711_001: a 3 cut a pixel left of its column's middle left its right side alone
    in a cell, read "1")."""
    half = (max(word.bbox[2] for word in cell.words) - min(word.bbox[0] for word in cell.words)) / 2
    return cell.bbox[0] <= middle - half and middle + half <= cell.bbox[2]


def _numbers_apart_as_columns(values: list[tuple[int, Cell]]) -> list[tuple[int, Cell]]:
    """A row's value cells, each holding numbers read far apart on one line split into one per number
    where that gives the row all seven columns: on a page whose rows cannot place the columns (faint
    6812_001: table 三's last row alone on the next page, two 0s in one cell, their rule lost)."""
    count = len(request_columns())
    if len(values) == count:
        return values
    split = split_apart_numbers(values)
    return split if len(split) == count else values


def _wrapped_labels_joined(rows: list[BodyRow]) -> list[BodyRow]:
    """Each row whose value cells are all blank joined to the row under it where that row's label runs on
    without a number of its own: a label's first line taken for a row (its rule lost, table 三's rows
    print a value in every cell), its values level with its next line (1.申请人无正当理由逾期 /
    不补正、行政机关不再处理其政府信息公开申请). Not where the table prints blanks for zeros (a row with
    values leaves some cells blank): a blank row is a row of zeros there, and the row under it may be an
    item whose numeral a fax lost (4.保护第三方合法权益 above "·属于三类内部事务信息")."""
    if any(_some_blank(values) for _, values, _ in rows):
        return rows
    joined: list[BodyRow] = []
    for row, values, label in rows:
        if joined and _first_line_of(joined[-1], row, label):
            above = joined.pop()[2]
            label = Label(above.text + label.text, above.context or label.context, above.page)
        joined.append((row, values, label))
    return joined


def _some_blank(values: list[tuple[int, Cell]]) -> bool:
    """Whether a row's value cells hold print in some and nothing in others."""
    printed = [bool(cell.text) for _, cell in values]
    return any(printed) and not all(printed)


def _first_line_of(above: BodyRow, row: int, label: Label) -> bool:
    """Whether ``label``'s row continues the blank row above it. A label opening with a bracket is an
    item whose numeral was lost (a fax's （七）总计 read "()总计" under a blank （六）其他处理)."""
    above_row, above_values, _ = above
    blank = not any(cell.text for _, cell in above_values)
    numbered = starts_with_enumerator(label.text) or label.text.lstrip().startswith(LOST_NUMERAL_OPENINGS)
    return blank and above_row == row - 1 and not numbered


def fill_row_gaps(decisions: list[Decision]) -> list[Decision]:
    """The decisions with the rows the template's fixed row order places (``row_order``) given their keys,
    marked as placed by structure."""
    placed = keys_by_row_order([decision.key for decision in decisions])
    return [
        Decision(placed[index], decision.probability, by_structure=True) if index in placed else decision
        for index, decision in enumerate(decisions)
    ]


def _values_and_label(table: Table, row: int, start: int) -> tuple[list[tuple[int, Cell]], Label, Cell] | None:
    """A body row's value cells (from the first value column on), its label and the label's cell; None
    for a header row."""
    values = value_cells(table, row, start)
    if not values:
        return None
    found = _row_label(table, cells_in_row(table, row), values)
    return (values, *found) if found else None


def _rows_with_values(rows: list[tuple[int, list[tuple[int, Cell]], Label, Cell]]) -> set[int]:
    """The rows of which a value cell holds anything."""
    return {row for row, values, *_ in rows if any(cell.text for _, cell in values)}


def _rows_labelled_alone(
    rows: list[tuple[int, list[tuple[int, Cell]], Label, Cell]], result: MappingResult
) -> list[BodyRow]:
    """The rows whose label cell is theirs alone; the others rejected. Where the rules between rows' labels
    were lost, one cell holds all their labels and covers rows with values of their own: it names none of
    them surely (the words of the last label would name every one)."""
    value_rows = _rows_with_values(rows)
    alone = []
    for row, values, label, label_cell in rows:
        shared = rows_run_into(label_cell, value_rows, own=row)
        if shared:
            result.reject(
                label, f"its label cell runs into {shared} other row(s) with values (the rule between them lost)"
            )
        else:
            alone.append((row, values, label))
    return alone
