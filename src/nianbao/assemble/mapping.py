"""Map a logical table's rows and columns to canonical field ids, with the classifier and the
template's fixed structure (row order, the seven applicant columns); table 二 in ``assemble.proactive``,
table 四 in ``assemble.appeals``."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from nianbao.assemble.columns import column_at, columns_by_page, columns_under, split_apart_numbers
from nianbao.assemble.row_order import keys_by_row_order
from nianbao.model import Cell, Table
from nianbao.table.layout import cells_in_row, has_cjk, mostly_words, starts_with_enumerator, value_start
from nianbao.template import default_template, request_columns


@dataclass(frozen=True)
class Label:
    """A label to classify: its text, the labels around it, and where it was printed."""

    text: str
    context: str
    page: int


@dataclass(frozen=True)
class Decision:
    key: str | None
    probability: float
    by_structure: bool = False  # placed by the template's row order, not by the label's text


# (table, axis, labels) -> one decision per label; the extraction stage binds the classifier and threshold.
Classify = Callable[[str, str, Sequence[Label]], list[Decision]]


@dataclass(frozen=True)
class MappedCell:
    field_id: str
    cell: Cell
    page: int
    header: str  # the column header's text (units such as 万元 live there)
    shared_with_rows: int = 0  # other rows with values of their own that the cell runs into: which row is it?
    shared_with_columns: int = 0  # other columns under headers of their own that it runs into: which is it?


@dataclass(frozen=True)
class UnnamedRow:
    """A row of table 二 with no header text above its values (a fax turns a shaded header black, a
    shaded band may swallow its header's rules): placed by the template's column order once the report's
    template version is known (assemble.unnamed_rows)."""

    row_key: str
    values: list[tuple[int, Cell]]
    label: Label
    table: Table
    labelled_rows: frozenset[int]  # the table's rows with a label of their own


@dataclass
class MappingResult:
    cells: list[MappedCell] = field(default_factory=list)
    unmapped: list[dict[str, object]] = field(default_factory=list)
    keys_seen: set[str] = field(default_factory=set)
    unnamed: list[UnnamedRow] = field(default_factory=list)

    def merge(self, other: MappingResult) -> None:
        self.cells.extend(other.cells)
        self.unmapped.extend(other.unmapped)
        self.keys_seen |= other.keys_seen
        self.unnamed.extend(other.unnamed)

    def reject(self, label: Label, reason: str, probability: float | None = None) -> None:
        entry: dict[str, object] = {"page": label.page, "text": label.text, "reason": reason}
        if label.context:
            entry["context"] = label.context
        if probability is not None:
            entry["probability"] = round(probability, 3)
        self.unmapped.append(entry)


def rows_run_into(cell: Cell, rows: Iterable[int], own: int | None = None) -> int:
    """How many of ``rows`` (each with values or a label of its own) a cell covers besides its own row
    (``own``, by default the row it starts in): no template merges a value cell down, nor one row's label
    over another row's values, so it ran into them where the rule between was lost."""
    own_row = cell.row if own is None else own
    return sum(cell.row <= row <= cell.last_row and row != own_row for row in rows)


# A header cell as wide as its value cell may be drawn a little wider; side-by-side header cells may
# overlap by the width of their shared rule.
HEADER_WIDTH_SLACK, HEADER_OVERLAP = 1.1, 0.1


def columns_run_into(table: Table, header_rows: range, cell: Cell, page: int | None = None) -> int:
    """How many header columns beside its own a value cell of table 三 or 四 lies under: header cells side
    by side, each no wider than the cell, whose middles it covers. Neither table prints one value under
    two headers, so its column rule was lost, and the cell holds two columns' numbers run together (8 | 2
    read as 82). Table 二 does print wide value cells, and a block may borrow the header of the block
    above, so it is not asked there. Where ``page`` is given, only the header cells read on it count."""
    x0, x1 = cell.bbox[0], cell.bbox[2]
    width = x1 - x0
    spans = sorted(
        {
            (c.bbox[0], c.bbox[2])
            for i, c in enumerate(table.cells)
            if c.row in header_rows
            and page in (None, table.page_of(i))
            and has_cjk(c.text)
            and x0 <= (c.bbox[0] + c.bbox[2]) / 2 <= x1
            and c.bbox[2] - c.bbox[0] <= HEADER_WIDTH_SLACK * width
        }
    )
    return sum(
        left >= previous_right - HEADER_OVERLAP * width for (left, _), (_, previous_right) in zip(spans[1:], spans)
    )


def header_cells_above(table: Table, header_rows: range, x_center: float) -> list[Cell]:
    """Header cells above a value column, top to bottom."""
    found = [c for c in table.cells if c.row in header_rows and has_cjk(c.text) and c.bbox[0] <= x_center <= c.bbox[2]]
    return sorted(found, key=lambda c: (c.row, -c.rowspan))


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


def column_keys(
    table: Table, header_rows: range, values: list[tuple[int, Cell]], classify: Classify, kind: str
) -> tuple[list[str | None], list[str]]:
    """The column key of each value cell of a row, and the header text above each. Two value cells under
    one header cell have none: the rule between their headers was lost, and its words name both; unless
    the header spans just those cells (two or three: MAX_NAMED_TOGETHER) and its words cut into their
    labels (``_names_together``), or all but one are blank slivers and its words name one column: that
    one takes it (``_sliver_cut``)."""
    labels, headers, leaves = [], [], []
    for _, cell in values:
        above = header_cells_above(table, header_rows, (cell.bbox[0] + cell.bbox[2]) / 2)
        leaf = above[-1].text if above else ""
        labels.append(Label(leaf, " / ".join(c.text for c in above[:-1]), table.page))
        headers.append(leaf)
        leaves.append(above[-1] if above else None)
    decisions = classify(kind, "column", labels) if any(l.text for l in labels) else []
    keys: list[str | None] = [d.key for d in decisions] if decisions else [None] * len(values)
    keys = [None if leaf is not None and leaves.count(leaf) > 1 else key for key, leaf in zip(keys, leaves)]
    for index, header in enumerate(leaves):
        count = leaves.count(header)
        if header is None or not 2 <= count <= MAX_NAMED_TOGETHER or leaves.index(header) != index:
            continue
        under = [cell for _, cell in values[index : index + count]]
        if leaves[index : index + count] != [header] * count:
            continue
        spans, kept = _spans(header, under), _sliver_cut(under)
        if not spans and kept is None:
            continue  # asking the classifier for the header's cuts would name nothing
        together = _names_together(labels[index], count, classify, kind)
        if spans and any(together):
            keys[index : index + count] = together
        elif kept is not None and not any(together):
            keys[index + kept] = decisions[index].key
    return keys, headers


def _sliver_cut(cells: list[Cell]) -> int | None:
    """Of value cells under one header, the one holding print, where each other is blank and narrower than
    SLIVER_SHARE of it: a stroke no rule of the print cut a sliver off that cell; None otherwise."""
    printed = [index for index, cell in enumerate(cells) if cell.text.strip()]
    if len(printed) != 1:
        return None
    width = cells[printed[0]].bbox[2] - cells[printed[0]].bbox[0]
    slivers = [cell for index, cell in enumerate(cells) if index != printed[0]]
    return printed[0] if all(cell.bbox[2] - cell.bbox[0] < SLIVER_SHARE * width for cell in slivers) else None


# Of the narrower value cell's width: how far a header's sides may lie from the cells it spans just.
SPAN_SLACK = 0.25
# Of the printed piece's width: a blank piece cut off a value cell under the same header, narrower than
# this, is a sliver (faint 7610_000: a stroke no eye sees cut 本年增/减's cells of three rows, 92 px off 297).
SLIVER_SHARE = 0.5
# Value cells under one header cell whose words are cut into their labels, at most: a faint table 二 lost
# the rules between its three headers of section (一) (faint seed 5406: 本年新制作数量本年新公开数量对外公开总数量).
MAX_NAMED_TOGETHER = 3
LOST_NUMERAL_OPENINGS = ("(", "（")  # a label's line opening so is an item of its own, its numeral lost


def _spans(header: Cell, cells: list[Cell]) -> bool:
    """Whether ``header`` spans just ``cells`` side by side (its sides at their outer sides): a header
    wider still holds a third column's words, as a row's cells run together may lie under it."""
    slack = SPAN_SLACK * min(cell.bbox[2] - cell.bbox[0] for cell in cells)
    return abs(header.bbox[0] - cells[0].bbox[0]) <= slack and abs(header.bbox[2] - cells[-1].bbox[2]) <= slack


def _names_together(label: Label, count: int, classify: Classify, kind: str) -> list[str | None]:
    """The column keys of ``count`` value cells side by side under one header cell whose text names them
    all (the rules between their headers lost: 本年增/减处理决定数量): the cut of its text into ``count``
    labels the classifier names as that many columns the template prints side by side, in that order,
    the surest of them; else none."""
    text = label.text
    cuts = [
        [
            Label(text[start:end], label.context, label.page)
            for start, end in itertools.pairwise((0, *points, len(text)))
        ]
        for points in itertools.combinations(range(1, len(text)), count - 1)
    ]
    if not cuts:
        return [None] * count
    decisions = classify(kind, "column", [part for cut in cuts for part in cut])
    template = default_template()
    runs = {
        tuple(order[i : i + count])
        for version in template.version_names
        if (order := template.columns(kind, version))
        for i in range(len(order) - count + 1)
    }
    named = [
        (min(d.probability for d in found), [d.key for d in found])
        for found in (decisions[i : i + count] for i in range(0, len(decisions), count))
        if tuple(d.key for d in found) in runs
    ]
    return max(named, key=lambda item: item[0])[1] if named else [None] * count


def _request_column_keys(
    table: Table,
    header_rows: range,
    values: list[tuple[int, Cell]],
    middles: list[float] | None,
    classify: Classify,
) -> tuple[list[str | None], list[int]]:
    """The applicant column of each value cell of a table 三 row, and how many other columns it runs
    into: the column it sits in, where the full rows of its page place them (assemble.columns; a cell
    over two columns goes to the first, running into the other; two cells in one column go to none);
    else the template's order where the row has all seven; else the header's words above each."""
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
    for k, spanned in zip(at, under):
        if k is None and len(spanned) > 1:
            k = spanned[0]
        keys.append(order[k] if k is not None and at.count(k) <= 1 else None)
    return keys, [max(0, len(spanned) - 1) for spanned in under]


def _numbers_apart_as_columns(values: list[tuple[int, Cell]]) -> list[tuple[int, Cell]]:
    """A row's value cells, each holding numbers read far apart on one line split into one per number
    where that gives the row all seven columns: on a page whose rows cannot place the columns (faint
    6812_001: table 三's last row alone on the next page, two 0s in one cell, their rule lost)."""
    count = len(request_columns())
    if len(values) == count:
        return values
    split = split_apart_numbers(values)
    return split if len(split) == count else values


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
                beside = max(spanned, columns_run_into(table, header_rows, cell, own_page))
                result.cells.append(
                    MappedCell(field_id, cell, table.page_of(index), "", shared, shared_with_columns=beside)
                )
        result.keys_seen.add(decision.key)
    return result


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


def value_cells(table: Table, row: int, start: int) -> list[tuple[int, Cell]]:
    """The cells a row starts from column ``start`` on; none when they are mostly words (a header row)."""
    values = [item for item in cells_in_row(table, row) if item[1].col >= start and item[1].row == row]
    return [] if mostly_words(values) else values


def _values_and_label(table: Table, row: int, start: int) -> tuple[list[tuple[int, Cell]], Label, Cell] | None:
    """A body row's value cells (from the first value column on), its label and the label's cell; None
    for a header row."""
    values = value_cells(table, row, start)
    if not values:
        return None
    found = _row_label(table, cells_in_row(table, row), values)
    return (values, *found) if found else None


BodyRow = tuple[int, list[tuple[int, Cell]], Label]


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
