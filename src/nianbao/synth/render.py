"""Typesetting a ``ReportSpec`` onto A4 page images (RGB, ``spec.layout.dpi``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Literal, TypedDict, overload

import numpy as np
from PIL import Image, ImageDraw

from nianbao.synth.layout_choice import FONTS, LayoutStyle
from nianbao.synth.seal import seal_image, stamp
from nianbao.synth.spec import ReportSpec
from nianbao.synth.table_draw import Ink, TableLayout, draw_slice, font, layout_table, slice_height, wrap
from nianbao.synth.tables import TableGrid, appeals_grid, proactive_grid, requests_grid
from nianbao.synth.vector import VectorPage

Sheet = Image.Image | VectorPage


class _CellStyle(TypedDict):
    """The keyword arguments ``layout_table`` takes for a report's table cells."""

    font_path: str
    font_px: int
    pad: int
    min_row: int


A4_MM = (210.0, 297.0)
HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


class _Flow:
    """Pages and a cursor; blocks are placed top to bottom, a new page when one does not fit."""

    def __init__(self, layout: LayoutStyle, vector: bool = False) -> None:
        self.layout = layout
        self.vector = vector
        self.mm = layout.dpi / 25.4
        self.size = (round(A4_MM[0] * self.mm), round(A4_MM[1] * self.mm))
        top, bottom, left, right = (round(m * self.mm) for m in layout.margins_mm)
        self.top, self.bottom, self.left = top, self.size[1] - bottom, left
        self.width = self.size[0] - left - right
        self.pages: list[Sheet] = []
        self.new_page()

    def px(self, pt: float) -> int:
        return max(1, round(pt * self.layout.dpi / 72))

    def new_page(self) -> None:
        self.pages.append(
            VectorPage(self.size, self.layout.dpi) if self.vector else Image.new("RGB", self.size, "white")
        )
        self.draw = _drawer(self.pages[-1])
        self.y = self.top

    def room(self) -> int:
        return self.bottom - self.y

    def text_block(
        self,
        text: str,
        font_path: str,
        pt: float,
        align: str = "left",
        indent: int = 0,
        stroke: int = 0,
        gap: float | None = None,
    ) -> None:
        fnt = font(font_path, self.px(pt))
        line_h = round(self.px(pt) * (gap or self.layout.line_gap))
        lead = "　" * indent
        for _k, line in enumerate(wrap(lead + text, fnt, self.width)):
            if self.room() < line_h:
                self.new_page()
            x = {"left": self.left, "center": self.left + self.width // 2, "right": self.left + self.width}[align]
            anchor = {"left": "lm", "center": "mm", "right": "rm"}[align]
            self.draw.text(
                (x, self.y + line_h // 2),
                line,
                font=fnt,
                fill=(0, 0, 0),
                anchor=anchor,
                stroke_width=stroke,
                stroke_fill=(0, 0, 0),
            )
            self.y += line_h

    def table(self, layout: TableLayout, ink: Ink, repeat_header: bool, forced_break: int | None) -> None:
        header = list(range(layout.grid.header_rows))
        body = list(range(layout.grid.header_rows, layout.grid.n_rows))
        if self.room() < slice_height(layout, header + body[:3]):
            self.new_page()
        if forced_break is not None:
            layout = self._stretch_to_page_end(layout, forced_break)
        current = header[:]
        for r in body:
            fits = slice_height(layout, current + [r]) <= self.room()
            if current and current != header and (not fits or forced_break == r - 1):
                self._flush(layout, current, ink)
                self.new_page()
                current = header[:] if repeat_header else []
            current.append(r)
        self._flush(layout, current, ink)
        self.y += self.px(6)

    def _stretch_to_page_end(self, layout: TableLayout, last_row: int) -> TableLayout:
        """Loosen the rows before a forced break so the break falls at the foot of a page, as in print."""
        rows = list(range(last_row + 1))
        if slice_height(layout, rows) > self.room():
            self.new_page()
        scale = min(1.8, self.room() * 0.98 / slice_height(layout, rows))
        if scale <= 1.0:
            return layout
        heights = tuple(int(h * scale) if r <= last_row else h for r, h in enumerate(layout.row_h))
        return replace(layout, row_h=heights)

    def _flush(self, layout: TableLayout, rows: list[int], ink: Ink) -> None:
        self.y += draw_slice(self.draw, layout, rows, (self.left, self.y), ink, center_cut_text=True)


def report_grids(spec: ReportSpec) -> tuple[TableGrid, TableGrid, TableGrid]:
    t, lay, template = spec.templates, spec.layout, spec.template
    return (
        proactive_grid(template, t["proactive"], spec.labels, spec.printed),
        requests_grid(template, t["requests"], spec.labels, spec.printed, lay.vertical_result_label, lay.label_units),
        appeals_grid(template, spec.labels, spec.printed),
    )


def _title(flow: _Flow, spec: ReportSpec) -> None:
    lay = spec.layout
    flow.y += flow.px(10)
    one_line = f"{spec.agency}{spec.year}年政府信息公开工作年度报告"
    if lay.title_one_line and font(lay.title_font, flow.px(lay.title_pt)).getlength(one_line) <= flow.width:
        flow.text_block(
            f"{spec.agency}{spec.year}年政府信息公开工作年度报告", lay.title_font, lay.title_pt, "center", gap=1.6
        )
    else:
        flow.text_block(spec.agency, lay.title_font, lay.title_pt, "center", gap=1.5)
        flow.text_block(f"{spec.year}年政府信息公开工作年度报告", lay.title_font, lay.title_pt, "center", gap=1.6)
    flow.y += flow.px(12)


def date_text(published: str, spaced: bool) -> str:
    d = dt.date.fromisoformat(published)
    return f"{d.year} 年 {d.month} 月 {d.day} 日" if spaced else f"{d.year}年{d.month}月{d.day}日"


def _drawer(page: Sheet) -> ImageDraw.ImageDraw:
    return page.draw if isinstance(page, VectorPage) else ImageDraw.Draw(page)  # type: ignore[return-value]


@overload
def render_report(spec: ReportSpec, vector: Literal[False] = ...) -> list[Image.Image]: ...
@overload
def render_report(spec: ReportSpec, vector: Literal[True]) -> list[VectorPage]: ...
@overload
def render_report(spec: ReportSpec, vector: bool) -> list[Sheet]: ...
def render_report(spec: ReportSpec, vector: bool = False) -> list[Image.Image] | list[VectorPage] | list[Sheet]:
    """The clean pages of ``spec`` at ``spec.layout.dpi`` (RGB: the seal is red); with ``vector``, the
    same typesetting recorded as text and rules for a born-digital PDF (no seal)."""
    lay = spec.layout
    flow = _Flow(lay, vector)
    ink = Ink(text=0, rule=lay.rule_grey, rule_px=flow.px(lay.rule_pt), shade=lay.header_shade)
    proactive, requests, appeals = report_grids(spec)
    cell = _CellStyle(
        font_path=lay.table_font,
        font_px=flow.px(lay.table_pt),
        pad=flow.px(lay.cell_pad_pt),
        min_row=flow.px(lay.row_min_pt),
    )
    heading_font = FONTS["sans"]

    def heading(index: int, keep: int = 0) -> None:
        if flow.room() < flow.px(lay.body_pt) * 4 + keep:
            flow.new_page()
        flow.text_block(HEADINGS[index], heading_font, lay.body_pt, indent=2)

    def paragraphs(texts: list[str]) -> None:
        for text in texts:
            flow.text_block(text, lay.body_font, lay.body_pt, indent=2)

    _title(flow, spec)
    paragraphs(spec.prose.get("intro", []))
    heading(0)
    paragraphs(spec.prose.get("overview", []))
    heading(1)
    flow.table(layout_table(proactive, flow.width, **cell), ink, False, None)
    if lay.requests_new_page:
        flow.new_page()
    heading(2)
    flow.table(layout_table(requests, flow.width, **cell), ink, lay.repeat_header, lay.requests_break_after)
    appeals_cell: _CellStyle = {**cell, "font_px": max(4, round(cell["font_px"] * 0.9))}
    appeals_layout = layout_table(appeals, flow.width, **appeals_cell)
    heading(3, keep=slice_height(appeals_layout, list(range(appeals.n_rows))))
    flow.table(appeals_layout, ink, True, None)
    heading(4)
    paragraphs(spec.prose.get("problems", []))
    heading(5)
    paragraphs(spec.prose.get("other", []))
    _signature(flow, spec)
    pages = flow.pages
    if lay.page_numbers:
        pages = [_page_number(flow, page, k + 1) for k, page in enumerate(pages)]
    return pages


def _signature(flow: _Flow, spec: ReportSpec) -> None:
    lay = spec.layout
    line_h = round(flow.px(lay.body_pt) * lay.line_gap)
    if flow.room() < line_h * 5:
        flow.new_page()
    flow.y += line_h
    sign_y = flow.y
    printed_date = date_text(spec.published, lay.spaced_date)
    fnt = font(lay.body_font, flow.px(lay.body_pt))
    width = max(fnt.getlength(spec.agency), fnt.getlength(printed_date))
    right = flow.left + flow.width - flow.px(24)
    for text in (spec.agency, printed_date):
        flow.draw.text((right - width / 2, flow.y + line_h // 2), text, font=fnt, fill=(0, 0, 0), anchor="mm")
        flow.y += line_h
    if lay.seal and not flow.vector:
        rng = np.random.default_rng(spec.seed + 7)
        diameter = round(42 * flow.mm)
        seal = seal_image(spec.agency, diameter, FONTS["sans"], rng)
        jitter = rng.integers(-diameter // 8, diameter // 8 + 1, size=2)
        center = (int(right - width / 2 + jitter[0]), int(sign_y + line_h + jitter[1]))
        flow.pages[-1] = stamp(flow.pages[-1], seal, center)  # type: ignore[arg-type]
        flow.draw = _drawer(flow.pages[-1])


def _page_number(flow: _Flow, page: Sheet, number: int) -> Sheet:
    draw = _drawer(page)
    fnt = font(FONTS["serif"], flow.px(10.5))
    y = flow.bottom + (flow.size[1] - flow.bottom) // 2
    draw.text((flow.size[0] // 2, y), f"— {number} —", font=fnt, fill=(0, 0, 0), anchor="mm")
    return page
