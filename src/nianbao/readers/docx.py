"""Word (.docx) reports: the body's paragraphs and tables read from word/document.xml. Merged cells come
as w:gridSpan (across) and w:vMerge (down: "restart" opens a merged cell, a bare vMerge continues it)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from nianbao.errors import InputError
from nianbao.readers.markup import MarkupCell, MarkupDocument, MarkupRow, clean_line, is_data_table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == W + "t" and node.text:
            parts.append(node.text)
        elif node.tag in (W + "tab", W + "br", W + "cr"):
            parts.append(" ")
    return "".join(parts)


def _value(element: ElementTree.Element | None, default: str) -> str:
    return default if element is None else element.get(W + "val", default)


def _rows(table: ElementTree.Element) -> list[list[MarkupCell]]:
    """Rows of (cell, grid column): vMerge continuations are folded into the cell above."""
    rows: list[list[MarkupCell]] = []
    opened: dict[int, tuple[int, int]] = {}  # grid column -> (row, index) of the merged cell it continues
    for tr in table.findall(W + "tr"):
        cells: list[MarkupCell] = []
        column = int(_value(tr.find(f"{W}trPr/{W}gridBefore"), "0"))
        if column:
            cells.append(MarkupCell((), 1, column))  # grid columns the row leaves out before its first cell
        for tc in tr.findall(W + "tc"):
            properties = tc.find(W + "tcPr")
            span = int(_value(None if properties is None else properties.find(W + "gridSpan"), "1"))
            merge = None if properties is None else properties.find(W + "vMerge")
            if merge is not None and _value(merge, "continue") == "continue" and column in opened:
                r, i = opened[column]
                above = rows[r][i]
                rows[r][i] = MarkupCell(above.lines, above.rowspan + 1, above.colspan)
            else:
                lines = tuple(_paragraph_text(p) for p in tc.iter(W + "p"))
                cells.append(MarkupCell(tuple(x for x in lines if clean_line(x)), 1, span))
                if merge is not None:
                    opened[column] = (len(rows), len(cells) - 1)
                else:
                    opened.pop(column, None)
            column += span
        rows.append(cells)
    return rows


def read_docx(path: Path) -> MarkupDocument:
    """The data tables and text lines of a .docx report; raises InputError for a broken file."""
    try:
        with zipfile.ZipFile(path) as archive:
            body_xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise InputError(f"not a readable .docx file ({exc}): open and save it again in Word") from None
    try:
        body = ElementTree.fromstring(body_xml).find(W + "body")
    except ElementTree.ParseError as exc:
        raise InputError(f"the .docx holds broken XML ({exc})") from None
    tables: list[list[MarkupRow]] = []
    before: list[str] = []
    after: list[str] = []
    for element in [] if body is None else _blocks(body):
        if element.tag == W + "tbl":
            rows: list[MarkupRow] = list(_rows(element))
            if is_data_table(rows):
                tables.append(rows)
                after = []
        elif element.tag == W + "p":
            line = clean_line(_paragraph_text(element))
            if line:
                (after if tables else before).append(line)
    return MarkupDocument(tables, before, after)


def _blocks(element: ElementTree.Element) -> list[ElementTree.Element]:
    """Paragraphs and data tables in document order; a table holding tables (layout) is unwrapped."""
    found = []
    for child in element:
        if child.tag == W + "p":
            found.append(child)
        elif child.tag == W + "tbl":
            if any(True for tc in child.iter(W + "tc") for _ in tc.findall(W + "tbl")):
                found.extend(_blocks_of_layout(child))
            else:
                found.append(child)
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            found.extend(_blocks(child))
    return found


def _blocks_of_layout(table: ElementTree.Element) -> list[ElementTree.Element]:
    found = []
    for tr in table.findall(W + "tr"):
        for tc in tr.findall(W + "tc"):
            found.extend(_blocks(tc))
    return found
