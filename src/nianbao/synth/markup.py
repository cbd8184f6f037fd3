"""Born-digital forms of a report: HTML (as agencies publish it on their sites) and DOCX (the Word file).

Both are written from the same ``TableGrid``s the typesetter draws, so a report's truth holds for every
form. ``MarkupStyle`` picks the real-world habits a reader must cope with.
"""

from __future__ import annotations

import html
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from nianbao.synth.render import HEADINGS, date_text, report_grids
from nianbao.synth.spec import ReportSpec
from nianbao.synth.tables import Cell, TableGrid

Block = tuple[str, str] | tuple[str, TableGrid]  # ("title" | "heading" | "p" | "sign", text) or ("table", grid)


@dataclass(frozen=True)
class MarkupStyle:
    encoding: str = "utf-8"  # utf-8 | gbk (declared) | gbk-undeclared
    layout_table: bool = False  # the report sits inside a layout table (tables nested in tables)
    split_requests: bool = False  # table 三 in two tables, its vertical label printed again on the second
    navigation: bool = False  # a site's navigation lines above the title


def report_blocks(spec: ReportSpec) -> list[Block]:
    """The report in reading order, as the typesetter lays it out."""
    proactive, requests, appeals = report_grids(spec)
    blocks: list[Block] = [("title", spec.agency), ("title", f"{spec.year}年政府信息公开工作年度报告")]
    blocks += [("p", text) for text in spec.prose.get("intro", [])]
    sections: list[list[Block]] = [
        [("p", t) for t in spec.prose.get("overview", [])],
        [("table", proactive)],
        [("table", requests)],
        [("table", appeals)],
        [("p", t) for t in spec.prose.get("problems", [])],
        [("p", t) for t in spec.prose.get("other", [])],
    ]
    for heading, body in zip(HEADINGS, sections, strict=True):
        blocks.append(("heading", heading))
        blocks.extend(body)
    blocks += [("sign", spec.agency), ("sign", date_text(spec.published, spec.layout.spaced_date))]
    return blocks


def split_grid(grid: TableGrid, at_row: int) -> tuple[TableGrid, TableGrid]:
    """``grid`` cut before ``at_row`` into two tables; a cell spanning the cut is printed in both parts
    (the tall vertical 三、本年度办理结果 label appears again on the second)."""
    upper: list[Cell] = []
    lower: list[Cell] = []
    for cell in grid.cells:
        last = cell.row + cell.rowspan - 1
        if last < at_row:
            upper.append(cell)
        elif cell.row >= at_row:
            lower.append(replace(cell, row=cell.row - at_row))
        else:
            upper.append(replace(cell, rowspan=at_row - cell.row))
            lower.append(replace(cell, row=0, rowspan=last - at_row + 1))
    return (
        replace(grid, n_rows=at_row, cells=tuple(upper)),
        replace(grid, n_rows=grid.n_rows - at_row, cells=tuple(lower), header_rows=0),
    )


def _styled_blocks(spec: ReportSpec, style: MarkupStyle) -> list[Block]:
    blocks = report_blocks(spec)
    if not style.split_requests:
        return blocks
    out: list[Block] = []
    for kind, content in blocks:
        if kind == "table" and isinstance(content, TableGrid) and content.name == "requests":
            upper, lower = split_grid(content, content.header_rows + (content.n_rows - content.header_rows) // 2)
            out += [("table", upper), ("table", lower)]
        else:
            out.append((kind, content))  # type: ignore[arg-type]
    return out


def _html_cell(cell: Cell) -> str:
    spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    )
    text = "<br>".join(html.escape(line) for line in cell.text.split("\n")) if cell.text else "&nbsp;"
    tag = "th" if cell.header else "td"
    return f"<{tag}{spans}>{text}</{tag}>"


def _html_table(grid: TableGrid) -> str:
    rows = []
    for r in range(grid.n_rows):
        cells = sorted((c for c in grid.cells if c.row == r), key=lambda c: c.col)
        rows.append("<tr>" + "".join(_html_cell(c) for c in cells) + "</tr>")
    return (
        '<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">\n'
        + "\n".join(rows)
        + "\n</table>"
    )


def report_html(spec: ReportSpec, style: MarkupStyle) -> bytes:
    parts = []
    if style.navigation:
        parts.append(
            '<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府信息公开年报</div>'
        )
    for kind, content in _styled_blocks(spec, style):
        if isinstance(content, TableGrid):
            parts.append(_html_table(content))
        elif kind == "title":
            parts.append(f'<p style="text-align:center"><strong>{html.escape(content)}</strong></p>')
        elif kind == "sign":
            parts.append(f'<p style="text-align:right">{html.escape(content)}</p>')
        else:
            parts.append(f"<p>{html.escape(content)}</p>")
    body = "\n".join(parts)
    if style.layout_table:
        body = f'<table width="100%"><tr><td>\n{body}\n</td></tr></table>'
    charset = (
        ""
        if style.encoding == "gbk-undeclared"
        else f'<meta charset="{"gb2312" if style.encoding == "gbk" else "utf-8"}">'
    )
    page = f"<!DOCTYPE html>\n<html><head>{charset}<title>{html.escape(spec.agency)}</title></head>\n<body>\n{body}\n</body></html>\n"
    return page.encode("utf-8" if style.encoding == "utf-8" else "gb18030")


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def _paragraph(text: str, align: str = "") -> str:
    justify = f'<w:pPr><w:jc w:val="{align}"/></w:pPr>' if align else ""
    return f'<w:p>{justify}<w:r><w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r></w:p>'


def _docx_table(grid: TableGrid) -> str:
    starts = {(c.row, c.col): c for c in grid.cells}
    covering: dict[tuple[int, int], Cell] = {}
    for cell in grid.cells:
        for r in range(cell.row + 1, cell.row + cell.rowspan):
            covering[(r, cell.col)] = cell
    n_cols = len(grid.col_units)
    rows = []
    for r in range(grid.n_rows):
        cells, c = [], 0
        while c < n_cols:
            found = starts.get((r, c)) or covering.get((r, c))
            if found is None:
                cells.append("<w:tc><w:p/></w:tc>")
                c += 1
                continue
            cell = found
            span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
            if cell.row == r:
                merge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
                body = "".join(_paragraph(line) for line in cell.text.split("\n")) or "<w:p/>"
            else:
                merge, body = "<w:vMerge/>", "<w:p/>"
            cells.append(f"<w:tc><w:tcPr>{span}{merge}</w:tcPr>{body}</w:tc>")
            c += cell.colspan
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    grid_cols = "".join('<w:gridCol w:w="800"/>' for _ in range(n_cols))
    return (
        f"<w:tbl><w:tblPr><w:tblBorders>{BORDERS}</w:tblBorders></w:tblPr>"
        f"<w:tblGrid>{grid_cols}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def report_docx(spec: ReportSpec, style: MarkupStyle, path: Path) -> Path:
    parts = []
    for kind, content in _styled_blocks(spec, style):
        if isinstance(content, TableGrid):
            parts.append(_docx_table(content))
        else:
            parts.append(_paragraph(content, {"title": "center", "sign": "right"}.get(kind, "")))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
        f"<w:body>{''.join(parts)}</w:body></w:document>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELATIONSHIPS)
        archive.writestr("word/document.xml", document)
    return path
