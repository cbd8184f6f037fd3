"""The three tables of a report as grids of (possibly merged) cells, ready to be laid out and drawn."""

from __future__ import annotations

from dataclasses import dataclass

from nianbao.errors import ConfigError
from nianbao.synth.labels import (
    APPLICANT_TEXT,
    LabelStyle,
    group_label,
    item_label,
    simple_row_label,
    spaced,
)
from nianbao.template import Template

RULE_TEXT = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    align: str = "center"  # "center" or "left"
    header: bool = False  # shaded when the report shades its headers
    vertical: bool = False  # one character per line


@dataclass(frozen=True)
class TableGrid:
    name: str  # proactive, requests, appeals
    col_units: tuple[float, ...]  # relative column widths
    n_rows: int
    cells: tuple[Cell, ...]
    header_rows: int  # rows repeated on the next page when the report repeats headers


def requests_grid(
    template: Template,
    version: str,
    style: LabelStyle,
    printed: dict[str, str],
    vertical_label: bool,
    label_units: tuple[float, ...],
) -> TableGrid:
    """Table 三: 3 header rows x 3 label columns, 7 value columns; rows as in fields.tsv order."""
    columns = template.columns("requests")
    cells = _requests_header(style, columns[:-1])
    rows = template.rows("requests", version)
    r = 3
    result_rows = [row for row in rows if row.startswith("result.")]
    for row in rows:
        if row == "result.disclosed":
            cells.append(Cell(r, 0, "三、本年度办理结果", rowspan=len(result_rows), vertical=vertical_label))
        group = row.split(".")[1] if row.startswith("result.") else ""
        members = [
            x for x in result_rows if x.split(".")[1] == group and x.count(".") == 2 and not x.endswith(".unsplit")
        ]
        if members and row == members[0]:
            cells.append(Cell(r, 1, group_label(style, group, template), rowspan=len(members)))
        if members:
            cells.append(Cell(r, 2, item_label(style, row, members.index(row) + 1, template), align="left"))
        elif row.startswith("result."):
            cells.append(Cell(r, 1, simple_row_label(style, row, template), colspan=2, align="left"))
        else:
            cells.append(Cell(r, 0, simple_row_label(style, row, template), colspan=3, align="left"))
        for k, column in enumerate(columns):
            cells.append(Cell(r, 3 + k, printed[f"requests.{row}.{column}"]))
        r += 1
    units = label_units + (1.0,) * len(columns)
    return TableGrid("requests", units, r, tuple(cells), header_rows=3)


def _requests_header(style: LabelStyle, applicants: list[str]) -> list[Cell]:
    sp = style.spaced_columns
    cells = [
        Cell(0, 0, RULE_TEXT, rowspan=3, colspan=3, header=True),
        Cell(0, 3, "申请人情况", colspan=7, header=True),
        Cell(1, 3, spaced("自然人", sp), rowspan=2, header=True),
        Cell(1, 4, style.legal_person, colspan=5, header=True),
        Cell(1, 9, spaced("总计", sp), rowspan=2, header=True),
    ]
    for k, column in enumerate(applicants[1:]):
        text = style.social_org if column == "social_welfare_org" else APPLICANT_TEXT[column]
        cells.append(Cell(2, 4 + k, spaced(text, sp), header=True))
    return cells


def _section(cells: list[Cell], r: int, text: str) -> int:
    cells.append(Cell(r, 0, text, colspan=4, header=True))
    return r + 1


def _row(cells: list[Cell], r: int, label: str, texts: list[str], header: bool = False) -> int:
    cells.append(Cell(r, 0, label, header=header))
    spans = {1: [3], 2: [1, 2], 3: [1, 1, 1]}[len(texts)]
    col = 1
    for text, span in zip(texts, spans, strict=True):
        cells.append(Cell(r, col, text, colspan=span, header=header))
        col += span
    return r + 1


def _printed_header(style: LabelStyle, text: str) -> str:
    """A column header of table 二 in this report's wording (its typos and variants)."""
    if text == "本年制发件数":
        return style.issued_word
    if text == "本年废止件数":
        return style.repealed_word
    return text.replace("本年收费金额", style.fee_word, 1)


def proactive_grid(template: Template, version: str, style: LabelStyle, printed: dict[str, str]) -> TableGrid:
    """Table 二: one ruled table, 4 columns, with full-width 第二十条 section rows, as the template's
    ``proactive_layout`` prints it in ``version``."""
    layout = template.proactive_layout.get(version)
    if layout is None:
        raise ConfigError(f"template.yaml has no proactive_layout for version {version}: table 二 cannot be drawn")
    cells: list[Cell] = []
    r = 0
    for section in layout:
        r = _section(cells, r, section.section)
        r = _row(cells, r, "信息内容", [_printed_header(style, text) for _, text in section.columns], True)
        for row, label in section.rows:
            r = _row(cells, r, label, [printed[f"proactive.{row}.{column}"] for column, _ in section.columns])
    return TableGrid("proactive", (1.3, 1.0, 1.0, 1.0), r, tuple(cells), header_rows=0)


APPEAL_LEAVES = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


def appeals_grid(template: Template, style: LabelStyle, printed: dict[str, str]) -> TableGrid:
    """Table 四: 行政复议 (5) | 行政诉讼 (10) over 未经复议直接起诉 and 复议后起诉; one row of 15 numbers."""

    def leaf(text: str) -> str:
        return text[:2] + "\n" + text[2:] if style.break_appeal_labels and len(text) == 4 else text

    cells = [
        Cell(0, 0, "行政复议", colspan=5, header=True),
        Cell(0, 5, "行政诉讼", colspan=10, header=True),
        Cell(1, 5, "未经复议直接起诉", colspan=5, header=True),
        Cell(1, 10, "复议后起诉", colspan=5, header=True),
    ]
    for k, (_, text) in enumerate(APPEAL_LEAVES):
        cells.append(Cell(1, k, leaf(text), rowspan=2, header=True))
        cells.append(Cell(2, 5 + k, leaf(text), header=True))
        cells.append(Cell(2, 10 + k, leaf(text), header=True))
    for g, group in enumerate(template.rows("appeals")):
        for k, (key, _) in enumerate(APPEAL_LEAVES):
            cells.append(Cell(3, 5 * g + k, printed[f"appeals.{group}.{key}"]))
    return TableGrid("appeals", (1.0,) * 15, 4, tuple(cells), header_rows=3)
