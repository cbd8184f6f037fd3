"""HTML reports as saved from a browser: decoded (UTF-8 or the GB family, declared or not), parsed into a
small element tree, and read as data tables plus the text lines around them."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from nianbao.readers.markup import MarkupCell, MarkupDocument, MarkupRow, clean_line, is_data_table

DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
VOID = {"br", "img", "meta", "link", "hr", "input", "col", "base", "wbr", "area", "source"}
SKIPPED = {"script", "style", "head", "title", "noscript", "template"}
BLOCKS = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "center",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dd",
    "dt",
    "hr",
    "body",
}
CELL_TAGS = {"td", "th"}


def decode_html(data: bytes) -> str:
    """The page's text: a BOM first, then a declared charset (the GB family read as GB18030, their
    superset), then UTF-8, then GB18030."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace").lstrip("\ufeff")
    declared = DECLARED.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in GB_FAMILY else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    return data.decode("gb18030", errors="replace")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving tree: void elements, and <td>/<tr>/<p> left unclosed as old pages do."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def _close_to(self, tags: set[str], stop: set[str]) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[index].tag
            if tag in stop:
                return
            if tag in tags:
                del self.stack[index:]
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CELL_TAGS:
            self._close_to(CELL_TAGS, {"tr", "table"})
        elif tag == "tr":
            self._close_to({"tr"}, {"table"})
        elif tag == "p":
            self._close_to({"p"}, {"td", "th", "table", "div"})
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        self._close_to({tag}, {"table"} if tag in CELL_TAGS | {"tr"} else set())

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def _has_table(element: Element) -> bool:
    return any(isinstance(c, Element) and (c.tag == "table" or _has_table(c)) for c in element.children)


def _text_lines(element: Element, lines: list[str]) -> None:
    """The element's text, a new line at every block boundary and <br>."""
    for child in element.children:
        if isinstance(child, str):
            lines[-1] += child
        elif child.tag not in SKIPPED:
            if child.tag in BLOCKS or child.tag in CELL_TAGS:
                lines.append("")
            _text_lines(child, lines)
            if child.tag in BLOCKS:
                lines.append("")


def _rows(table: Element) -> list[MarkupRow]:
    rows: list[MarkupRow] = []
    for element in _descendants(table, {"tr"}, stop={"table"}):
        cells = []
        for cell in _descendants(element, CELL_TAGS, stop={"table", "tr"}):
            lines = [""]
            _text_lines(cell, lines)
            cells.append(
                MarkupCell(tuple(x for x in lines if clean_line(x)), _span(cell, "rowspan"), _span(cell, "colspan"))
            )
        rows.append(cells)
    return rows


def _descendants(element: Element, tags: set[str], stop: set[str]) -> list[Element]:
    found = []
    for child in element.children:
        if isinstance(child, Element):
            if child.tag in tags:
                found.append(child)
            elif child.tag not in stop:
                found.extend(_descendants(child, tags, stop))
    return found


def _span(cell: Element, name: str) -> int:
    digits = re.match(r"\s*(\d+)", cell.attrs.get(name, "1"))
    return int(digits.group(1)) if digits else 1


@dataclass
class _Walk:
    tables: list[list[MarkupRow]] = field(default_factory=list)
    before: list[str] = field(default_factory=lambda: [""])
    after: list[str] = field(default_factory=lambda: [""])

    def lines(self) -> list[str]:
        return self.after if self.tables else self.before


def _walk(element: Element, walk: _Walk) -> None:
    """Data tables (those holding no other table) in document order; everything else is text."""
    for child in element.children:
        if isinstance(child, str):
            walk.lines()[-1] += child
            continue
        if child.tag in SKIPPED:
            continue
        if child.tag == "table" and not _has_table(child):
            rows = _rows(child)
            if is_data_table(rows):
                walk.tables.append(rows)
                walk.after = [""]  # only what follows the last table closes the report
                continue
        if child.tag in BLOCKS or child.tag in CELL_TAGS:
            walk.lines().append("")
        _walk(child, walk)
        if child.tag in BLOCKS:
            walk.lines().append("")


def read_html(data: bytes) -> MarkupDocument:
    """The data tables and the text lines of an HTML report."""
    walk = _Walk()
    _walk(parse_html(decode_html(data)), walk)
    keep = [clean_line(x) for x in walk.before], [clean_line(x) for x in walk.after]
    return MarkupDocument(walk.tables, [x for x in keep[0] if x], [x for x in keep[1] if x])
