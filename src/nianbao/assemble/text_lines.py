"""The metadata stage's reading: the title lines above page 1's first table, and the closing lines
(signature and date) after the last table. Where these sit on a report is known here, nowhere else."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nianbao.assemble.metadata import TITLE_MARK, TextLine, find_date, find_title
from nianbao.assemble.values import MONEY, normalise_text, number_or_dash
from nianbao.model import Cell, Table, Word
from nianbao.readers.base import PageReader

TITLE_FRACTION = 0.4  # the title sits in the top part of page 1
MIN_CLOSING_HEIGHT = 20  # pixels below the last table; less cannot hold a line of text


@dataclass(frozen=True)
class ReadPage:
    """What the stage needs of a page: its size, its tables and the reader that can read more of it."""

    width: int
    height: int
    tables: Sequence[Table]
    reader: PageReader


def title_words(page: ReadPage) -> list[Word]:
    """The printed lines of page 1 above its first table (at most the top TITLE_FRACTION of the page). A
    table of one row holding no value is none: a large title's bold strokes, found as one (fax 10807_001:
    its agency's line, 1 row of 9 cells), left nothing above it to read the title from."""
    bottom = int(page.height * TITLE_FRACTION)
    tables = [table for table in page.tables if table.n_rows > 1 or any(map(_holds_value, table.cells))]
    if tables:
        bottom = min(bottom, int(tables[0].bbox[1]))
    return page.reader.read_region((0, 0, page.width, max(bottom, 1)), enough=_title_read)


def _holds_value(cell: Cell) -> bool:
    """Whether ``cell`` reads as a number, a sum of money or a dash, as a value cell prints."""
    return number_or_dash(cell.text) or bool(MONEY.match(normalise_text(cell.text)))


def closing_lines(last_pages: Sequence[ReadPage]) -> list[TextLine]:
    """Lines after the last table: the signature and date close the report. The page before the last is
    read only when the last holds no date. Read with coloured marks washed out: the red seal is stamped
    over the date."""
    pages: list[list[TextLine]] = []
    for page in reversed(last_pages):
        top = int(max((t.bbox[3] for t in page.tables), default=0))
        if top >= page.height - MIN_CLOSING_HEIGHT:
            continue
        region = (0, top, page.width, page.height)
        words = page.reader.read_region(region, washed=True, enough=_date_and_line_above_read, from_bottom=True)
        lines = [TextLine(w.text, w.char_confidences) for w in words]
        pages.insert(0, lines)
        if find_date([line.text for line in lines]):
            break
    return [line for lines in pages for line in lines]


def _title_read(words: list[Word]) -> bool:
    """Agency and year are found without the last line read: a title wrapped onto it is then complete."""
    agency, year = find_title([w.text for w in words[:-1]])
    return agency is not None and year is not None


def _date_and_line_above_read(words: list[Word]) -> bool:
    """Read from the bottom: the closing date is found and the signature line above it has been read."""
    return find_date([w.text for w in words[1:]]) is not None


def markup_title_lines(lines: Sequence[str]) -> list[str]:
    """The lines before a markup document's first table, from two lines above the first that reads like
    the title: a page saved from a browser starts with the site's navigation."""
    first = next((i for i, line in enumerate(lines) if TITLE_MARK.search(line.replace(" ", ""))), 0)
    return list(lines[max(0, first - 2) :])
