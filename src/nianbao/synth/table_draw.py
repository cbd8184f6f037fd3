"""Laying out a ``TableGrid`` (column widths, row heights, wrapped cell text) and drawing row slices of it.

A slice is any list of rows (header rows repeated after a page break, then body rows); a merged cell cut
by a page break is drawn in part, with the text lines that fall in that part.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageDraw, ImageFont

from nianbao.synth.tables import Cell, TableGrid

_NO_LINE_START = set("，。、）)”；：,.%")


@lru_cache(maxsize=64)
def font(path: str, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size_px)


def wrap(text: str, fnt: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Break CJK text character by character; explicit newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for ch in paragraph:
            if line and fnt.getlength(line + ch) > width and ch not in _NO_LINE_START:
                lines.append(line)
                line = ch.lstrip()
            else:
                line += ch
        lines.append(line)
    return lines


@dataclass(frozen=True)
class TableLayout:
    grid: TableGrid
    col_x: tuple[int, ...]  # n_cols + 1 edges, relative to the table's left
    row_h: tuple[int, ...]
    lines: tuple[tuple[str, ...], ...]  # wrapped text per cell, in grid.cells order
    line_h: int
    pad: int
    font_path: str
    font_px: int


def layout_table(grid: TableGrid, width: int, font_path: str, font_px: int, pad: int, min_row: int) -> TableLayout:
    fnt = font(font_path, font_px)
    total = sum(grid.col_units)
    col_x: list[float] = [0]
    for unit in grid.col_units:
        col_x.append(col_x[-1] + unit / total * width)
    edges = tuple(round(x) for x in col_x)
    line_h = round(font_px * 1.3)
    wrapped = []
    for cell in grid.cells:
        inner = edges[cell.col + cell.colspan] - edges[cell.col] - 2 * pad
        text = "\n".join(cell.text.replace("\n", "")) if cell.vertical else cell.text
        wrapped.append(tuple(wrap(text, fnt, max(inner, font_px))))
    heights = [min_row] * grid.n_rows
    for cell, lines in zip(grid.cells, wrapped, strict=True):
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], len(lines) * line_h + 2 * pad)
    for cell, lines in zip(grid.cells, wrapped, strict=True):
        span = range(cell.row, cell.row + cell.rowspan)
        deficit = len(lines) * line_h + 2 * pad - sum(heights[r] for r in span)
        for r in span if deficit > 0 else ():
            heights[r] += -(-deficit // cell.rowspan)
    return TableLayout(grid, edges, tuple(heights), tuple(wrapped), line_h, pad, font_path, font_px)


def slice_height(layout: TableLayout, rows: list[int]) -> int:
    return sum(layout.row_h[r] for r in rows)


@dataclass(frozen=True)
class Ink:
    text: int = 0
    rule: int = 0
    rule_px: int = 2
    shade: int = 255


def draw_slice(
    draw: ImageDraw.ImageDraw,
    layout: TableLayout,
    rows: list[int],
    origin: tuple[int, int],
    ink: Ink,
    center_cut_text: bool,
) -> int:
    """Draw ``rows`` (in order) at ``origin``; returns the height used."""
    x0, y0 = origin
    top: dict[int, int] = {}
    y = y0
    for r in rows:
        top[r] = y
        y += layout.row_h[r]
    fnt = font(layout.font_path, layout.font_px)
    for cell, lines in zip(layout.grid.cells, layout.lines, strict=True):
        visible = [r for r in range(cell.row, cell.row + cell.rowspan) if r in top]
        if not visible:
            continue
        left, right = x0 + layout.col_x[cell.col], x0 + layout.col_x[cell.col + cell.colspan]
        y_top = top[visible[0]]
        y_bottom = top[visible[-1]] + layout.row_h[visible[-1]]
        if cell.header and ink.shade < 255:
            draw.rectangle((left, y_top, right, y_bottom), fill=(ink.shade,) * 3)
        _draw_cell_text(draw, layout, cell, lines, visible, (left, y_top, right, y_bottom), fnt, ink, center_cut_text)
        draw.rectangle((left, y_top, right, y_bottom), outline=(ink.rule,) * 3, width=ink.rule_px)
    return y - y0


def _draw_cell_text(
    draw: ImageDraw.ImageDraw,
    layout: TableLayout,
    cell: Cell,
    lines: tuple[str, ...],
    visible: list[int],
    box: tuple[int, int, int, int],
    fnt: ImageFont.FreeTypeFont,
    ink: Ink,
    center_cut_text: bool,
) -> None:
    span = list(range(cell.row, cell.row + cell.rowspan))
    full_h = sum(layout.row_h[r] for r in span)
    before = sum(layout.row_h[r] for r in span if r < visible[0])
    shown = box[3] - box[1]
    block = len(lines) * layout.line_h
    cut = shown < full_h and cell.rowspan <= 8
    start = (before + shown if before == 0 else before) - block / 2 if cut and center_cut_text else (full_h - block) / 2
    for k, line in enumerate(lines):
        mid = start + (k + 0.5) * layout.line_h
        if not before <= mid < before + shown:
            continue
        y = box[1] + (mid - before)
        y = min(max(y, box[1] + layout.line_h / 2), box[3] - layout.line_h / 2)
        x: float
        if cell.align == "left":
            x, anchor = box[0] + layout.pad, "lm"
        else:
            x, anchor = (box[0] + box[2]) / 2, "mm"
        draw.text((x, y), line, font=fnt, fill=(ink.text,) * 3, anchor=anchor)
