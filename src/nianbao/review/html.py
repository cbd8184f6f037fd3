"""The review page as one static HTML file (pure): no server, no network, images beside it as files.

Corrections typed into the page are saved with a button as ``corrections.csv`` (a download, since a page
opened from disk cannot write files); dropped into the run folder, every later export applies them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from nianbao.review.collect import FailedCheck, FlaggedCell, ReviewItem

STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:middle}
th{background:#f3f3f3;text-align:left}.num{text-align:right}.unsure{color:#a60}.unreadable{color:#c00}
img.crop{max-width:420px;max-height:260px;display:block}.page{position:relative;display:inline-block;margin:.5em 0}
.page img{display:block;max-width:100%}.box{position:absolute;box-sizing:border-box}
.box:hover{background:rgba(40,170,40,.25);outline:2px solid #282}
input.fix{width:7em}input.bad{background:#fdd}.bar{position:sticky;top:0;background:#fff;padding:.4em 0;
border-bottom:1px solid #ccc;z-index:2}.muted{color:#777}section{margin-top:2em}code{font-size:90%}
"""

SCRIPT = r"""
(function () {
  "use strict";
  var NULLS = /^(-|\/|—|null)$/i, NUMBER = /^-?\d+(\.\d+)?$/;
  function inputs() { return Array.prototype.slice.call(document.querySelectorAll("input.fix")); }
  function csvCell(text) {
    text = String(text);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function valid(text) { text = text.trim().replace(/,/g, ""); return text === "" || NULLS.test(text) || NUMBER.test(text); }
  function refresh() {
    var count = 0, seen = {};
    inputs().forEach(function (input) {
      input.classList.toggle("bad", !valid(input.value));
      var key = input.dataset.report + "\u0000" + input.dataset.field;
      if (input.value.trim() !== "" && !seen[key]) { seen[key] = true; count += 1; }
    });
    document.getElementById("fix-count").textContent = String(count);
  }
  function collect() {
    var lines = ["report,field,value"], seen = {};
    inputs().forEach(function (input) {
      var value = input.value.trim(), key = input.dataset.report + "\u0000" + input.dataset.field;
      if (value === "" || seen[key] || !valid(value)) { return; }
      seen[key] = true;
      lines.push([input.dataset.report, input.dataset.field, value].map(csvCell).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (!target.classList || !target.classList.contains("fix")) { return; }
    inputs().forEach(function (other) {  // one field can be listed twice (a cell and an identity)
      if (other !== target && other.dataset.report === target.dataset.report &&
          other.dataset.field === target.dataset.field) { other.value = target.value; }
    });
    refresh();
  });
  document.getElementById("save").addEventListener("click", function () {
    var blob = new Blob(["\ufeff" + collect()], {type: "text/csv;charset=utf-8"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "corrections.csv";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  });
  refresh();
})();
"""


@dataclass(frozen=True)
class Overlay:
    field_id: str
    label_zh: str
    text: str
    box: tuple[float, float, float, float]  # left, top, width, height in % of the page
    look: bool = False


@dataclass(frozen=True)
class RenderedPage:
    number: int
    image: str  # path relative to the HTML file
    overlays: tuple[Overlay, ...] = ()


@dataclass(frozen=True)
class RenderedReport:
    item: ReviewItem
    anchor: str
    cell_crops: dict[str, str] = field(default_factory=dict)  # field id -> image path
    check_crops: dict[int, list[str]] = field(default_factory=dict)  # index in item.checks -> image paths
    pages: tuple[RenderedPage, ...] = ()
    detailed: bool = True
    problem: str | None = None  # why the pages could not be shown


def _text(value: Any) -> str:
    return "" if value is None else escape(str(value))


def _fix_input(item: ReviewItem, field_id: str) -> str:
    current = item.corrections.get(field_id, "")
    shown = "-" if field_id in item.corrections and current is None else _text(current)
    return (f'<input class="fix" type="text" data-report="{escape(item.name)}" data-field="{escape(field_id)}" '
            f'value="{shown}" placeholder="right value" aria-label="correction for {escape(field_id)}">')  # fmt: skip


def _img(path: str | None, alt: str) -> str:
    return (
        f'<img class="crop" src="{escape(path)}" alt="{escape(alt)}">' if path else '<span class="muted">no crop</span>'
    )


def _crops(paths: list[str], alt: str) -> str:
    return "".join(_img(path, alt) for path in paths) if paths else _img(None, alt)


def _cell_rows(rendered: RenderedReport) -> list[str]:
    item = rendered.item
    rows = ['<table><tr><th>field</th><th>标签</th><th>status</th><th>page</th><th>image</th><th>text read</th>'
            '<th>confidence</th><th>correction</th></tr>']  # fmt: skip
    for cell in item.cells:
        rows.append(_cell_row(rendered, cell))
    rows.append("</table>")
    return rows


def _cell_row(rendered: RenderedReport, cell: FlaggedCell) -> str:
    crop = rendered.cell_crops.get(cell.field_id)
    text = _text(cell.text) if cell.text else '<span class="muted">(nothing)</span>'
    if cell.page is None:
        text = '<span class="muted">no cell found for this field</span>'
    return (f'<tr><td><code>{escape(cell.field_id)}</code></td><td>{escape(cell.label_zh)}</td>'
            f'<td class="{cell.status}">{cell.status}</td><td class="num">{_text(cell.page)}</td>'
            f'<td>{_img(crop, cell.field_id)}</td><td>{text}</td><td class="num">{_text(cell.confidence)}</td>'
            f'<td>{_fix_input(rendered.item, cell.field_id)}</td></tr>')  # fmt: skip


def _check_rows(rendered: RenderedReport, labels: dict[str, str]) -> list[str]:
    item = rendered.item
    rows = ["<table><tr><th>identity</th><th>detail</th><th>image</th><th>fields</th></tr>"]
    for index, check in enumerate(item.checks):
        rows.append(f"<tr><td>{escape(check.rule)} <code>{escape(check.scope)}</code></td>"
                    f"<td>{escape(check.detail)}</td><td>{_crops(rendered.check_crops.get(index, []), check.rule)}</td>"
                    f"<td>{_check_fields(item, check, labels)}</td></tr>")  # fmt: skip
    rows.append("</table>")
    return rows


def _check_fields(item: ReviewItem, check: FailedCheck, labels: dict[str, str]) -> str:
    fields = item.report.get("fields") or {}
    cells = item.report.get("cells") or {}
    lines = ["<table>"]
    for field_id in check.field_ids:
        text = (cells.get(field_id) or {}).get("text")
        lines.append(f'<tr><td title="{escape(field_id)}">{escape(labels.get(field_id, field_id))}</td>'
                     f'<td class="num">{_text(fields.get(field_id))}</td><td class="muted">{_text(text)}</td>'
                     f"<td>{_fix_input(item, field_id)}</td></tr>")  # fmt: skip
    lines.append("</table>")
    return "".join(lines)


def _page_block(page: RenderedPage) -> str:
    boxes = []
    for overlay in page.overlays:
        left, top, width, height = overlay.box
        title = f"{overlay.field_id}\n{overlay.label_zh}\nread: {overlay.text}"
        boxes.append(f'<div class="box" style="left:{left:.3f}%;top:{top:.3f}%;width:{width:.3f}%;height:{height:.3f}%" '
                     f'title="{escape(title)}"></div>')  # fmt: skip
    return (f"<h4>page {page.number}</h4><div class=\"page\"><img src=\"{escape(page.image)}\" "
            f"alt=\"page {page.number}\">{''.join(boxes)}</div>")  # fmt: skip


def _report_section(rendered: RenderedReport, labels: dict[str, str]) -> list[str]:
    item, report = rendered.item, rendered.item.report
    lines = [f'<section id="{rendered.anchor}"><h2>{escape(item.source)}</h2>',
             f'<p>{_text(report.get("agency"))} · {_text(report.get("year"))} · JSON <code>{escape(item.name)}</code> · '
             f"{item.n_unsure} unsure, {item.n_unreadable} unreadable, {len(item.checks)} failed identities</p>"]  # fmt: skip
    if item.cells:
        lines += ["<h3>Cells to check</h3>", *_cell_rows(rendered)]
    if item.checks:
        lines += ["<h3>Failed identities</h3>", *_check_rows(rendered, labels)]
    if rendered.problem:
        lines.append(f'<p class="unreadable">pages not shown: {escape(rendered.problem)}</p>')
    if rendered.pages:
        lines.append("<h3>Table pages</h3><p class=\"muted\">thin blue: the grid as detected; green: cells mapped "
                     "to a field (hover for its id and label); red: to look at.</p>")  # fmt: skip
        lines += [_page_block(page) for page in rendered.pages]
    lines += ['<p><a href="#top">back to the list</a></p>', "</section>"]
    return lines


def _index(reports: Sequence[RenderedReport], failed: Sequence[tuple[str, str]]) -> list[str]:
    rows = ['<table><tr><th>report</th><th>to look at</th><th>unsure</th><th>unreadable</th>'
            '<th>failed identities</th><th>agency</th><th>year</th></tr>']  # fmt: skip
    for rendered in reports:
        item = rendered.item
        name = f'<a href="#{rendered.anchor}">{escape(item.source)}</a>' if rendered.detailed else escape(item.source)
        rows.append(f'<tr><td>{name}</td><td class="num">{item.to_look_at}</td><td class="num">{item.n_unsure}</td>'
                    f'<td class="num">{item.n_unreadable}</td><td class="num">{len(item.checks)}</td>'
                    f'<td>{_text(item.report.get("agency"))}</td><td>{_text(item.report.get("year"))}</td></tr>')  # fmt: skip
    rows.append("</table>")
    if failed:
        rows += ["<h3>Documents that could not be extracted</h3><table><tr><th>document</th><th>error</th></tr>"]
        rows += [f"<tr><td>{escape(source)}</td><td>{escape(error)}</td></tr>" for source, error in failed]
        rows.append("</table>")
    return rows


def render_html(title: str, reports: Sequence[RenderedReport], failed: Sequence[tuple[str, str]],
                labels: dict[str, str]) -> str:  # fmt: skip
    """The whole page; ``reports`` in the order to show them, ``failed`` as (source, error)."""
    needing = sum(1 for r in reports if r.item.to_look_at)
    head = [
        "<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>nianbao review: {escape(title)}</title><style>{STYLE}</style></head>", '<body id="top">',
        f"<h1>nianbao review: {escape(title)}</h1>",
        f"<p>{len(reports)} report(s), {needing} with something to look at, {len(failed)} failed. Type the right "
        "value of a cell into its box (<code>-</code> for a cell that is really empty), then save: the "
        "file goes to your downloads; put it into the run folder as <code>corrections.csv</code> and run "
        "<code>nianbao review</code> or <code>nianbao extract</code> on the folder again to apply it "
        "(the JSON keeps what was read under <code>fields</code>, the corrections under <code>corrected</code>).</p>",
        '<div class="bar"><button id="save" type="button">Save corrections.csv</button> '
        '<span id="fix-count">0</span> correction(s)</div>',
    ]  # fmt: skip
    hidden = sum(1 for r in reports if r.item.to_look_at and not r.detailed)
    if hidden:
        head.append(f'<p class="unsure">{hidden} more report(s) with something to look at are listed without '
                    "detail: run <code>nianbao review --limit N</code> with a larger N to see them.</p>")  # fmt: skip
    body = _index(reports, failed)
    for rendered in reports:
        if rendered.detailed:
            body += _report_section(rendered, labels)
    return "\n".join(head + body + [f"<script>{SCRIPT}</script>", "</body></html>"]) + "\n"
