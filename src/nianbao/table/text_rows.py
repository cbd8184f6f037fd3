"""Rows of a page's blocks of text, and the runs of rows a table without rules is made of. Pure geometry.

Blocks level with each other are a row; a run is rows close under each other. A run ends at a line of
prose, at a gap wider than its rows' usual gap (a table printed with its ruled form's tall rows keeps
them far apart, but evenly), and at a heading: a line in larger print, or a lone line after which the
values no longer stand under the columns above. The lines of a header band, a section line broken
where a fax lost a stroke and the lines of a wrapped label are joined into their rows.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from nianbao.table.text_blocks import SLIVER, Box, holds_any

MIN_TABULAR_ROWS = 3  # rows of several blocks in shared columns; fewer is a line of text, not a table
# ... unless each holds this many values: table 三's last two rows cut off by a page break (（七）总计,
# 四、结转下年度继续办理, seven numbers each); no line of prose is so many numbers apart
MANY_VALUES = 5
MIN_COLUMNS = 2
# In text heights: cells of a row are further apart than COLUMN_GAP, runs of rows than ROW_GAP, and rows
# whose blocks reach OVERLAP into each other are one row (the lines of a header band); a value is at most
# VALUE_WIDTH wide (five digits).
COLUMN_GAP, ROW_GAP, OVERLAP, VALUE_WIDTH = 1.2, 3.0, 0.2, 2.5
WIDE = 0.6  # a block wider than this share of the text's width is a line of prose: it ends a table
# A table printed with the row height of its ruled form keeps rows further apart than ROW_GAP: the gap
# that ends a run is then this multiple of the usual gap between two rows of values, where at least
# MIN_TABULAR_ROWS such gaps were measured.
PITCH_SLACK = 1.5
ALIGNED = 0.5  # of a table's values, at least this share lie under the columns of the rows above them
LABEL_LINE_GAP = 0.8  # text heights: the lines of one wrapped label are closer than this
HEADING_WIDTH = 6  # text heights: a heading is a line of several words (a header alone on its line is shorter)
HEADING_SHARE = 0.8  # of a heading's line, at least this share of the width is blocks in larger print
CENTRED_LINE, CENTRED = 0.4, 0.08  # shares of the table's width: a short line, and how near its middle


def text_rows(boxes: list[Box], height: float) -> list[list[Box]]:
    """Blocks level with each other (their middles within half a text height), top to bottom, each row
    left to right."""
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b[1] + b[3]) / 2):
        middle = (box[1] + box[3]) / 2
        if rows and abs(middle - _middle(rows[-1])) <= height / 2:
            rows[-1].append(box)
        else:
            rows.append([box])
    # A row of slivers only is what is left of a dashed rule between rows, not text.
    return [_cells_of(sorted(row), height) for row in rows if any(not sliver(b, height) for b in row)]


def _cells_of(row: list[Box], height: float) -> list[Box]:
    """A row's blocks closer than COLUMN_GAP taken together: one cell's text split at a wide
    punctuation mark (本年收费金额（单位：万元）). A sliver stays apart: it may be a piece of a rule."""
    merged: list[Box] = []
    for box in row:
        last = merged[-1] if merged else None
        if last and box[0] - last[2] < COLUMN_GAP * height and not sliver(box, height) and not sliver(last, height):
            merged[-1] = (last[0], min(last[1], box[1]), max(last[2], box[2]), max(last[3], box[3]))
        else:
            merged.append(box)
    return merged


def _middle(row: list[Box]) -> float:
    return sum((b[1] + b[3]) / 2 for b in row) / len(row)


def several(row: list[Box], height: float) -> bool:
    """Whether a row holds several cells' blocks (``_cells_of``; slivers aside: they may be what is
    left of a dashed rule between two cells)."""
    return sum(not sliver(b, height) for b in row) >= MIN_COLUMNS


def sliver(box: Box, height: float) -> bool:
    return box[2] - box[0] < SLIVER * height


def table_runs(rows: list[list[Box]], height: float, headings: frozenset[Box]) -> list[list[list[Box]]]:
    """Runs of rows close under each other that end with a row of several blocks and start with one, or
    with a lone line just above it (a table's first section line), MIN_TABULAR_ROWS such rows at least
    (or two of MANY_VALUES values each). A line of prose (a block wider than WIDE of all the text's
    width), a gap wider than ROW_GAP text heights and PITCH_SLACK times the usual gap between rows of
    values, or a heading ends a run."""
    left, right = min(b[0] for row in rows for b in row), max(b[2] for row in rows for b in row)
    max_gap = max(ROW_GAP * height, PITCH_SLACK * _usual_value_row_gap(rows, height))
    runs: list[list[list[Box]]] = [[]]
    for row in rows:
        current = runs[-1]
        if any(b[2] - b[0] > WIDE * (right - left) for b in row):
            runs.append([])
            continue
        if current and gap(current[-1], row) > max_gap:
            runs.append([])
        runs[-1].append(row)
    trimmed = []
    parts = (
        part
        for whole in runs
        for heading_part in _split_at_headings(whole, headings)
        for part in _split_where_columns_change(heading_part, height)
    )
    for run in parts:
        tabular = [i for i, row in enumerate(run) if several(row, height)]
        many = len(tabular) >= 2 and all(_values_in(run[i], height) >= MANY_VALUES for i in tabular)
        if len(tabular) >= MIN_TABULAR_ROWS or many:
            first = tabular[0] - 1 if tabular[0] > 0 and len(run[tabular[0] - 1]) == 1 else tabular[0]
            trimmed.append(run[first : tabular[-1] + 1])
    return trimmed


def _split_where_columns_change(run: list[list[Box]], height: float) -> list[list[list[Box]]]:
    """A run cut at a lone line as long as a heading and not centred (not a section line), where the
    values of the rows just below it do not lie under those of the rows just above: two tables with a
    heading between them (三、收到和处理政府信息公开申请情况) printed no larger than the text."""
    left, right = min(b[0] for row in run for b in row), max(b[2] for row in run for b in row)
    parts: list[list[list[Box]]] = [[]]
    for i, row in enumerate(run):
        x0, x1 = row[0][0], row[0][2]
        lone = (
            len(row) == 1
            and x1 - x0 >= HEADING_WIDTH * height
            and abs(x0 + x1 - left - right) / 2 > CENTRED * (right - left)
        )
        if lone and _columns_change(parts[-1], run[i + 1 :], height):
            parts.append([])  # the heading is neither table's
        else:
            parts[-1].append(row)
    return parts


def _columns_change(rows_above: list[list[Box]], rows_below: list[list[Box]], height: float) -> bool:
    """Whether the values of the first rows of values below do not lie under those of the last above."""
    above = [row for row in rows_above if holds_values(row, height)][-MIN_TABULAR_ROWS:]
    below = [row for row in rows_below if holds_values(row, height)][:MIN_TABULAR_ROWS]
    return not _aligned(_value_blocks(above, height), _value_blocks(below, height), height)


def _value_blocks(rows: list[list[Box]], height: float) -> list[Box]:
    """The blocks of the rows of values, each row's label (a first block wider than a value) left out."""
    return [b for row in rows for i, b in enumerate(row) if i > 0 or narrow(b, height)]


def _aligned(above: list[Box], below: list[Box], height: float) -> bool:
    """Whether at least ALIGNED of the blocks ``below`` lie under a block ``above`` (their middles
    within COLUMN_GAP text heights, or the middle below within the block above), or either is empty."""
    if not above or not below:
        return True

    def under(box: Box) -> bool:
        middle = (box[0] + box[2]) / 2
        return any(a[0] <= middle <= a[2] or abs(middle - (a[0] + a[2]) / 2) <= COLUMN_GAP * height for a in above)

    return sum(under(box) for box in below) >= ALIGNED * len(below)


def gap(above: list[Box], below: list[Box]) -> int:
    return min(b[1] for b in below) - max(b[3] for b in above)


def _usual_value_row_gap(rows: list[list[Box]], height: float) -> float:
    """The median gap between two rows of values one under the other, or 0 where too few were measured."""
    gaps = [gap(a, b) for a, b in pairwise(rows) if holds_values(a, height) and holds_values(b, height)]
    return float(np.median(gaps)) if len(gaps) >= MIN_TABULAR_ROWS else 0.0


def _split_at_headings(run: list[list[Box]], headings: frozenset[Box]) -> list[list[list[Box]]]:
    """A run cut at each heading between two tables: a line in a larger print (``headings``), one block
    or split at a wide punctuation mark, its number (四、) maybe not told apart. A row's block holding a
    heading is the heading's line: its words closer than a column's gap were taken together, and a fax
    may leave some of them too broken to be told as larger print."""
    parts: list[list[list[Box]]] = [[]]
    for row in run:
        larger = sum(box[2] - box[0] for box in row if holds_any(box, headings))
        if larger >= HEADING_SHARE * sum(box[2] - box[0] for box in row):
            parts.append([])
        else:
            parts[-1].append(row)
    return [part for part in parts if part]


def overlapping_rows_joined(rows: list[list[Box]], height: float) -> list[list[Box]]:
    """Rows whose blocks reach into each other taken as one row (empty ones dropped): the lines of a
    header band, where each header is centred in it on one, two or three lines."""
    joined: list[list[Box]] = []
    for row in (r for r in rows if r):
        if joined and min(b[1] for b in row) < max(b[3] for b in joined[-1]) - OVERLAP * height:
            joined[-1] = sorted(joined[-1] + row)
        else:
            joined.append(row)
    return joined


def wrapped_labels_joined(rows: list[list[Box]], height: float) -> list[list[Box]]:
    """Each line of a label wrapped over several lines (1、申请人无正当理由逾期不 / 补正、行政机关不再处理其
    / 政府信息公开申请, its values level with one of them) taken into the row of its values: a lone line
    starting where the label of a nearby row of values starts, nearer to that label than to any other,
    and less than LABEL_LINE_GAP text heights from it or from another line of it."""
    owner: dict[int, int] = {}
    for i, row in enumerate(rows):
        if len(row) != 1 or holds_values(row, height):
            continue
        options = []
        for j in (i - 2, i - 1, i + 1, i + 2):
            label = _label_starting_with(row[0], rows[j], height) if 0 <= j < len(rows) else None
            if label is not None and holds_values(rows[j], height):
                lines = [rows[k] for k in range(min(i, j) + 1, max(i, j))] + [row, [label]]
                if all(len(line) == 1 and _label_starting_with(line[0], rows[j], height) for line in lines[:-1]):
                    options.append((_gap_between(row, [label]), j, lines))
        if options:
            _, j, lines = min(options)
            if _chained_lines(lines, height):
                owner[i] = j
    joined: dict[int, list[Box]] = {}
    for i, row in enumerate(rows):
        target = owner.get(i, i)
        joined[target] = sorted(joined.get(target, []) + row)
    return [joined[i] for i in sorted(joined)]


def _label_starting_with(line: Box, values_row: list[Box], height: float) -> Box | None:
    """The label of a row of values (a block wider than a value) starting where ``line`` starts."""
    return next((b for b in values_row if not narrow(b, height) and abs(line[0] - b[0]) <= height), None)


def _chained_lines(rows: list[list[Box]], height: float) -> bool:
    """Whether the rows, top to bottom, are each less than LABEL_LINE_GAP text heights below the last."""
    ordered = sorted(rows, key=lambda row: min(b[1] for b in row))
    return all(gap(above, below) < LABEL_LINE_GAP * height for above, below in pairwise(ordered))


def _gap_between(a: list[Box], b: list[Box]) -> int:
    return max(gap(a, b), gap(b, a))


def centred_lines_joined(rows: list[list[Box]]) -> list[list[Box]]:
    """Rows with the blocks of a short line centred on the table taken as one block: a section line
    (第二十条第（一）项) that a fax broke where it lost a character's strokes (二)."""
    left, right = min(b[0] for row in rows for b in row), max(b[2] for row in rows for b in row)
    width, middle = right - left, (left + right) / 2
    joined = []
    for row in rows:
        x0, x1 = min(b[0] for b in row), max(b[2] for b in row)
        if len(row) > 1 and x1 - x0 <= CENTRED_LINE * width and abs((x0 + x1) / 2 - middle) <= CENTRED * width:
            row = [(x0, min(b[1] for b in row), x1, max(b[3] for b in row))]
        joined.append(row)
    return joined


def holds_values(row: list[Box], height: float, lone_value_width: float = VALUE_WIDTH) -> bool:
    """Whether a row holds values: several blocks as narrow as numbers, or just a label and one value
    beside it (table 二's blocks of one value a row), that value at most ``lone_value_width`` text heights
    wide."""
    if several_values(row, height):
        return True
    label_and_value = len(row) == 2 and not narrow(row[0], height) and narrow(row[1], height, lone_value_width)
    return label_and_value and not sliver(row[1], height)


def several_values(row: list[Box], height: float) -> bool:
    return _values_in(row, height) >= MIN_COLUMNS


def _values_in(row: list[Box], height: float) -> int:
    return sum(narrow(b, height) for b in row)


def narrow(box: Box, height: float, width: float = VALUE_WIDTH) -> bool:
    """As narrow as a number of a few digits (``width`` text heights at most): a value, not a label or
    header of several characters."""
    return box[2] - box[0] <= width * height
