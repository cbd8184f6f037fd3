"""What mapping a logical table's rows and columns to canonical field ids decides (labels, decisions, the
cells mapped), and what the three tables' mappers share: the rows and header columns a cell runs into, the
header cells above a value column and the columns their words name. Table 二 in ``assemble.proactive``,
table 三 in ``assemble.requests``, table 四 in ``assemble.appeals``."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from nianbao.model import Cell, Table, Word
from nianbao.table.layout import cells_in_row, has_cjk, mostly_words
from nianbao.template import default_template


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


def header_stacks(table: Table, header_rows: range, cells: Iterable[Cell]) -> list[list[Cell]]:
    """Each value cell's ``header_cells_above`` its middle, top to bottom."""
    return [header_cells_above(table, header_rows, (cell.bbox[0] + cell.bbox[2]) / 2) for cell in cells]


def _leaf_label(above: list[Cell], page: int) -> Label:
    """A value cell's lowest header cell's text to classify, the cells above it its context."""
    return Label(above[-1].text if above else "", " / ".join(c.text for c in above[:-1]), page)


def column_keys(
    table: Table, header_rows: range, values: list[tuple[int, Cell]], classify: Classify, kind: str
) -> tuple[list[str | None], list[str]]:
    """The column key of each value cell of a row, and the header text above each. Two value cells under
    one header cell have none: the rule between their headers was lost, and its words name both; unless
    the header spans just those cells (two or three: MAX_NAMED_TOGETHER) and its words cut into their
    labels (``_names_together``), or all but one are blank slivers, or blank beside one whose print stands
    at the middle of the header spanning just them, and its words name one column: that one takes it
    (``sliver_cut``, ``centred_under``)."""
    stacks = header_stacks(table, header_rows, (cell for _, cell in values))
    labels = [_leaf_label(above, table.page) for above in stacks]
    headers = [label.text for label in labels]
    leaves = [above[-1] if above else None for above in stacks]
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
        spans, kept = _spans(header, under), sliver_cut(under)
        if spans and kept is None:
            kept = centred_under(header, under)
        if not spans and kept is None:
            continue  # asking the classifier for the header's cuts would name nothing
        together = _names_together(labels[index], count, classify, kind)
        if spans and any(together):
            keys[index : index + count] = together
        elif kept is not None and not any(together):
            keys[index + kept] = decisions[index].key
    return keys, headers


def keys_by_named_shares(
    table: Table,
    header_rows: range,
    values: list[tuple[int, Cell]],
    keys: list[str | None],
    classify: Classify,
    kind: str,
) -> list[str | None]:
    """``keys`` of a row's value cells, each lone under a header cell whose words name two or three columns
    side by side keyed by the share of the header its print stands in (``_key_under_names``)."""
    stacks = header_stacks(table, header_rows, (cell for _, cell in values))
    leaves = [above[-1] if above else None for above in stacks]
    found = list(keys)
    for index, (above, header) in enumerate(zip(stacks, leaves, strict=True)):
        if header is None or leaves.count(header) > 1 or len(header.text) < MIN_TWO_NAMES_LENGTH:
            continue
        label = _leaf_label(above, table.page)
        found[index] = _key_under_names(header, values[index][1], label, keys[index], classify, kind)
    return found


def _key_under_names(
    header: Cell, cell: Cell, label: Label, key: str | None, classify: Classify, kind: str
) -> str | None:
    """The column key of a lone value cell under a header cell whose words name two or three columns
    side by side (the rule between their headers and values lost: 本年制发件数本年废止件数, read as one
    line): the one in whose share of the header its print stands, near that share's middle (within
    NAMED_SHARE_SLACK of its width), as a person reads it; none where it stands elsewhere, nor for a
    blank cell. A header naming one column keeps ``key``. Fax 10205_001: a 3 printed under 本年废止件数,
    the dash beside it under 本年制发件数 lost, was taken for the header's first column."""
    for count in range(2, MAX_NAMED_TOGETHER + 1):
        together = _names_together(label, count, classify, kind)
        if not any(together):
            continue
        words = cell.words
        if not words:
            return None
        share = (header.bbox[2] - header.bbox[0]) / count
        middle = print_middle(words)
        at = int((middle - header.bbox[0]) // share)
        if not 0 <= at < count or abs(middle - header.bbox[0] - (at + 0.5) * share) > NAMED_SHARE_SLACK * share:
            return None
        return together[at]
    return key


def sliver_cut(cells: list[Cell]) -> int | None:
    """Of value cells under one header, the one holding print, where each other is blank and narrower than
    SLIVER_SHARE of it: a stroke no rule of the print cut a sliver off that cell; None otherwise."""
    printed = _only_printed(cells)
    if printed is None:
        return None
    width = cells[printed].bbox[2] - cells[printed].bbox[0]
    slivers = [cell for index, cell in enumerate(cells) if index != printed]
    return printed if all(cell.bbox[2] - cell.bbox[0] < SLIVER_SHARE * width for cell in slivers) else None


def centred_under(header: Cell, cells: list[Cell]) -> int | None:
    """Of value cells under one header cell that spans just them, the one holding print, where each other
    is blank and its print stands at the header's middle (within CENTRED_SLACK of its width): a value
    printed centred in one cell that a stroke no rule of the print cut in two; None otherwise. Two
    columns whose headers' rule was lost hold their values at the middles of their own halves."""
    return centred_between(header.bbox[0], header.bbox[2], cells)


def centred_between(left: float, right: float, cells: list[Cell]) -> int | None:
    """Of value cells between ``left`` and ``right`` (a header's sides, or a column's), the one holding
    print, where each other is blank and its print stands at their middle, within CENTRED_SLACK of the
    width between them (``centred_under``); None otherwise."""
    printed = _only_printed(cells)
    if printed is None:
        return None
    middle = print_middle(cells[printed].words)
    return printed if abs(middle - (left + right) / 2) <= CENTRED_SLACK * (right - left) else None


def print_middle(words: Sequence[Word]) -> float:
    """The middle, left to right, of the print of a cell's ``words`` (at least one)."""
    return (min(word.bbox[0] for word in words) + max(word.bbox[2] for word in words)) / 2


def _only_printed(cells: list[Cell]) -> int | None:
    """The index of the one cell of ``cells`` holding print; None where none or several do."""
    printed = [index for index, cell in enumerate(cells) if cell.text.strip()]
    return printed[0] if len(printed) == 1 else None


# Of the narrower value cell's width: how far a header's sides may lie from the cells it spans just.
SPAN_SLACK = 0.25
# Of the printed piece's width: a blank piece cut off a value cell under the same header, narrower than
# this, is a sliver (faint 7610_000: a stroke no eye sees cut 本年增/减's cells of three rows, 92 px off 297).
SLIVER_SHARE = 0.5
# Of a header's width: how far from its middle a value's print may lie to stand centred under it (faint
# 9006_001: noise along a 0's side, spanning its row, cut 采购总金额's value cell in two 9 px right of
# the 0, which stood at the header's middle).
CENTRED_SLACK = 0.08
# Value cells under one header cell whose words are cut into their labels, at most: a faint table 二 lost
# the rules between its three headers of section (一) (faint seed 5406: 本年新制作数量本年新公开数量对外公开总数量).
MAX_NAMED_TOGETHER = 3
# A header cell over one value cell whose text is at least this long may name two columns side by side
# (table 二's shortest two side by side: 本年增/减处理决定数量 and 采购项目数量采购总金额, eleven); shorter
# ones name one.
MIN_TWO_NAMES_LENGTH = 10
# Of a share of such a header's width: how far from the share's middle a value's print may stand to be
# that column's.
NAMED_SHARE_SLACK = 0.25


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


def value_cells(table: Table, row: int, start: int) -> list[tuple[int, Cell]]:
    """The cells a row starts from column ``start`` on; none when they are mostly words (a header row)."""
    values = [item for item in cells_in_row(table, row) if item[1].col >= start and item[1].row == row]
    return [] if mostly_words(values) else values
