"""The whole extraction path for one document: ingest -> (text layer | preprocess -> tables -> OCR | markup) ->
extract -> checks. Each PDF page gets the reader that suits it."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nianbao.assemble import assemble_report
from nianbao.assemble.mapping import Decision, Label
from nianbao.assemble.metadata import TextLine
from nianbao.assemble.text_lines import ReadPage, closing_lines, markup_title_lines, title_words
from nianbao.config import Config, resolve_path
from nianbao.errors import NoTablesError
from nianbao.ingest import MARKUP_KINDS, Document, iter_pages, open_document
from nianbao.ingest.pdf_layer import iter_layers
from nianbao.model import Page, Table
from nianbao.ocr.base import OcrEngine, build_engine
from nianbao.ocr.fax_drawer import FaxDrawer, SureLine
from nianbao.ocr.fax_glyphs import lost_thin_strokes, outside_label_columns, reads_unsurely
from nianbao.preprocess import CleanPage, prepare_page
from nianbao.readers import OcrPageReader, PageReader
from nianbao.readers.documents import read_markup
from nianbao.readers.markup import markup_pages
from nianbao.readers.pdf_page import read_text_layer
from nianbao.readers.text_layer import TextLayerReader
from nianbao.report import Report, Source
from nianbao.table import find_tables
from nianbao.table.fax_doubts import doubted_in_document_face, page_with_doubts

log = logging.getLogger(__name__)
MAX_REMEMBERED_LABELS = 50_000  # labels repeat from report to report: each is classified once per process

# (page number, preprocessed page, its ruling-line mask, dpi) -> the reader that fills that page's grids
ReaderFactory = Callable[[int, CleanPage, np.ndarray, float], PageReader]


class Extractor:
    """Extracts reports one document at a time; models are built on first use and reused.

    ``reader_factory`` picks where the text of a page read as an image comes from (default: the OCR
    engine); tests pass a reader that knows a generated page's text, so the whole path runs without a model.
    """

    def __init__(
        self,
        config: Config,
        engine: OcrEngine | None = None,
        classifier: Any = None,
        reader_factory: ReaderFactory | None = None,
    ) -> None:
        self.config = config
        self._engine = engine
        self._classifier = classifier
        self._reader_factory = reader_factory
        self._decisions: dict[tuple[str, str, str, str], Decision] = {}
        self._fax_drawer: FaxDrawer | None = None

    def reader(self, number: int, page: CleanPage, rules: np.ndarray, dpi: float) -> PageReader:
        if self._reader_factory is not None:
            return self._reader_factory(number, page, rules, dpi)
        return OcrPageReader(self.engine, page, rules, dpi, self.fax_drawer if page.fax else None)

    @property
    def engine(self) -> OcrEngine:
        if self._engine is None:
            self._engine = build_engine(self.config.ocr)
        return self._engine

    @property
    def fax_drawer(self) -> FaxDrawer:
        if self._fax_drawer is None:
            paths = [path for path in self.config.ocr.fax_fonts.split(os.pathsep) if path]
            self._fax_drawer = FaxDrawer(paths)
            if paths and not self._fax_drawer.fonts:
                log.warning("none of ocr.fax_fonts exists: a fax's unsure numbers are not drawn again to confirm them")
        return self._fax_drawer

    @property
    def classifier(self) -> Any:
        if self._classifier is None:
            from nianbao.classify import HeaderClassifier

            self._classifier = HeaderClassifier.load(resolve_path(self.config.classify.model_dir))
        return self._classifier

    def classify(self, table: str, axis: str, labels: Sequence[Label]) -> list[Decision]:
        from nianbao.classify import LabelQuery

        keys = [(table, axis, label.text, label.context) for label in labels]
        unseen = list(dict.fromkeys(key for key in keys if key not in self._decisions))
        if len(self._decisions) + len(unseen) > MAX_REMEMBERED_LABELS:
            self._decisions.clear()
            unseen = list(dict.fromkeys(keys))
        if unseen:
            queries = [LabelQuery(table=t, axis=a, text=text, context=context) for t, a, text, context in unseen]
            threshold = self.config.classify.min_probability
            for key, p in zip(unseen, self.classifier.predict(queries), strict=True):
                self._decisions[key] = Decision(p.key if p.probability >= threshold else None, p.probability)
        return [self._decisions[key] for key in keys]

    def clean_pages(self, document: Document) -> Iterator[tuple[int, float, CleanPage]]:
        ingest = self.config.ingest
        for raw in iter_pages(document, ingest.dpi, ingest.max_page_pixels):
            yield (
                raw.number,
                raw.dpi,
                prepare_page(raw.image, raw.dpi, self.engine, self.config.preprocess, raw.fax_axis),
            )

    def page_images(self, path: Path) -> Iterator[tuple[int, np.ndarray]]:
        """(1-based page number, preprocessed page image) in the pixel frame of the output bboxes; none
        for HTML and Word files."""
        document = open_document(path, self.config.ingest.max_pages)
        if document.kind in MARKUP_KINDS.values():
            return
        for number, _, clean in self.clean_pages(document):
            yield number, clean.gray

    def extract(self, path: Path, display_path: str | None = None) -> Report:
        """The report of ``path`` (docs/OUTPUT.md); raises a NianbaoError subclass for a bad document."""
        path = Path(path)
        if self._fax_drawer is not None:
            self._fax_drawer.new_document()
        document = open_document(path, self.config.ingest.max_pages)
        read = read_markup_document(document) if document.kind in MARKUP_KINDS.values() else self.read_pages(document)
        if not any(page.tables for page in read.pages):
            raise NoTablesError("no ruled table found on any page: not an annual report, or a scan too faint to read")
        source = Source(display_path or str(path), document.sha256, document.page_count, read.kind)
        return assemble_report(source, read.pages, read.title_lines, read.closing_lines, self.classify, self.config.ocr)

    def read_pages(self, document: Document) -> ReadDocument:
        """A PDF or image document, page by page, each page by the reader that suits it. Where a page is
        found to have lost its thin strokes, the pages before it read from their image are read again as
        a fax is: one scan, one setting (the pages after it are read so at once). The numbers a fax page
        read surely where no face could doubt them are doubted in the face its document's pages fit
        (``_doubted_in_document_face``)."""
        by_number: dict[int, Page] = {}
        last: dict[int, ReadPage] = {}  # the last two pages', for the closing lines
        awaiting: dict[int, list[SureLine]] = {}
        lost = _StrokesLost()
        self._keep_pages(self._page_stream(document, lost), by_number, last, awaiting)
        again = lost.pages_read_before()
        if again:
            log.info("pages %s read again as a fax is: a page after them lost its thin strokes", sorted(again))
            self._keep_pages(self._page_stream(document, _StrokesLost(), True, again), by_number, last, awaiting)
        self._doubted_in_document_face(by_number, awaiting)
        pages = [by_number[number] for number in sorted(by_number)]
        title_lines = [TextLine(word.text, word.char_confidences) for word in pages[0].words] if pages else []
        closing = closing_lines([last[number] for number in sorted(last)])
        return ReadDocument(pages, title_lines, closing, document_kind(document, pages))

    def _keep_pages(
        self,
        stream: Iterator[tuple[ReadPage, Page]],
        by_number: dict[int, Page],
        last: dict[int, ReadPage],
        awaiting: dict[int, list[SureLine]],
    ) -> None:
        """Each page of ``stream`` kept by its number (the first with its title words), the reads of the
        two last pages, and the lines each page read surely where no face could doubt them
        (FaxDrawer.await_document_face), from its last reading."""
        for read, page in stream:
            words = title_words(read) if page.number == 1 else []
            by_number[page.number] = dataclasses.replace(page, words=tuple(words))
            last[page.number] = read
            for number in sorted(last)[:-2]:
                del last[number]
            awaiting[page.number] = self._fax_drawer.take_awaiting() if self._fax_drawer is not None else []

    def _doubted_in_document_face(self, by_number: dict[int, Page], awaiting: dict[int, list[SureLine]]) -> None:
        """Each page of ``by_number`` with the numbers it read surely where no face could doubt them
        (``awaiting``: a fax page with no sure number to fit one on, nor the pages before it) capped where
        the face its document's pages fit puts them in doubt (table.fax_doubts.doubted_in_document_face)."""
        lines = [(number, line) for number, kept in awaiting.items() for line in kept]
        if self._fax_drawer is None or not lines:
            return
        doubted = doubted_in_document_face(self._fax_drawer, [line for _, line in lines])
        for number in sorted({number for number, line in lines if line in doubted}):
            page = page_with_doubts(by_number[number], [line for n, line in lines if n == number and line in doubted])
            if page != by_number[number]:  # the page's later checks may have left them unsure already
                log.info("page %d: numbers read surely doubted in the face its document's pages fit", number)
                by_number[number] = page

    def _page_stream(
        self, document: Document, lost_at: _StrokesLost, lost: bool = False, only: set[int] | None = None
    ) -> Iterator[tuple[ReadPage, Page]]:
        """The document's pages read (those numbered in ``only``, where given); ``lost``: read every page
        from its image as a fax is. Where a page first lost its thin strokes goes in ``lost_at``: the
        pages after it were scanned alike."""
        ingest = self.config.ingest
        last_wanted = max(only) if only else None  # the pages after it are not decoded or drawn for nothing
        if document.kind not in ("digital", "scanned"):
            for raw in iter_pages(document, ingest.dpi, ingest.max_page_pixels):
                if last_wanted is not None and raw.number > last_wanted:
                    return
                if only is None or raw.number in only:
                    read, page, lost = self._ocr_page(
                        raw.number, raw.dpi, raw.image, raw.fax_axis, lost, coarse_bilevel=raw.coarse_bilevel
                    )
                    lost_at.note(page, lost)
                    yield read, page
            return
        for layer in iter_layers(document.path, ingest.dpi, ingest.max_page_pixels):
            if last_wanted is not None and layer.number > last_wanted:
                return
            if only is not None and layer.number not in only:
                continue
            reading = read_text_layer(layer, self.config.table, lambda: self.engine)
            if reading.reader is not None:
                read = ReadPage(layer.width, layer.height, reading.tables, reading.reader)
                page = Page(
                    layer.number,
                    layer.width,
                    layer.height,
                    layer.dpi,
                    tables=tuple(reading.tables),
                    reader=reading.reader.name,
                )
                yield read, page
                continue
            image = reading.image if reading.image is not None else layer.render()
            read, page, lost = self._ocr_page(
                layer.number, layer.dpi, image, layer.fax_axis(), lost, coarse_bilevel=layer.coarse_bilevel()
            )
            lost_at.note(page, lost)
            if reading.problem:
                page = dataclasses.replace(page, warnings=page.warnings + (f"text layer not used: {reading.problem}",))
            yield read, page

    def _ocr_page(
        self,
        number: int,
        dpi: float,
        image: np.ndarray,
        fax_axis: int | None = None,
        strokes_lost: bool = False,
        coarse_bilevel: bool = False,
    ) -> tuple[ReadPage, Page, bool]:
        """A page read by OCR, and whether it (or, ``strokes_lost``, a page before it) lost its thin strokes:
        no fax, its zeros read as brackets or many of its numbers read poorly, or, stored black and white
        at 200 dpi or less (``coarse_bilevel``), a few read unsurely. Such a page is read as a fax is (again,
        where it told so only once read)."""
        clean = prepare_page(image, dpi, self.engine, self.config.preprocess, fax_axis)
        if strokes_lost and not clean.fax:
            clean = dataclasses.replace(clean, fax=True)
        layout = find_tables(clean, number, dpi, self.config.table)
        reader = self.reader(number, clean, layout.rules, dpi)
        tables = reader.read_tables(layout.tables)
        if not clean.fax and _lost_thin_strokes(tables, coarse_bilevel):
            log.info(
                "page %d: zeros read as brackets or numbers read poorly (or, black and white, unsurely): thin strokes"
                " lost; read as a fax is",
                number,
            )
            strokes_lost, clean = True, dataclasses.replace(clean, fax=True)
            reader = self.reader(number, clean, layout.rules, dpi)
            tables = reader.read_tables(layout.tables)
        height, width = clean.gray.shape[:2]
        read = ReadPage(width, height, tables, reader)
        return read, _page(number, dpi, clean, list(read.tables), reader.name, strokes_lost), strokes_lost


def _lost_thin_strokes(tables: Sequence[Table], coarse_bilevel: bool) -> bool:
    """Whether a page not read as a fax lost its thin strokes, told by its tables' readings
    (ocr.fax_glyphs): zeros read as brackets or numbers read poorly outside its label columns, or, stored
    black and white at 200 dpi or less, numbers read unsurely in any cell (fax 9603_000, a JPEG at 150 dpi:
    a page of dashes told only by a 1 read alone at 0.37 in a label's cell)."""
    readings = [[(cell.col, [(word.text, word.confidence) for word in cell.words]) for cell in t.cells] for t in tables]
    if lost_thin_strokes([outside_label_columns(cells) for cells in readings]):
        return True
    return coarse_bilevel and reads_unsurely([[lines for _, lines in cells] for cells in readings])


@dataclass
class _StrokesLost:
    """The page of a document first found to have lost its thin strokes, and the pages read from their
    image before it, not as a fax is."""

    page: int | None = None
    read_before: list[int] = field(default_factory=list)

    def note(self, page: Page, lost: bool) -> None:
        """A page read from its image, and whether it (or a page before it) lost its thin strokes."""
        if lost and self.page is None:
            self.page = page.number
        elif not page.fax and self.page is None:
            self.read_before.append(page.number)

    def pages_read_before(self) -> set[int]:
        return set(self.read_before) if self.page is not None else set()


@dataclass(frozen=True)
class ReadDocument:
    """A document's pages with their tables read, its title and closing lines, and how it was read."""

    pages: list[Page]
    title_lines: list[TextLine]  # read by OCR: with each character's probability
    closing_lines: list[TextLine]
    kind: str  # source.kind: digital, scanned, mixed, image, html or docx


def read_markup_document(document: Document) -> ReadDocument:
    markup = read_markup(document.path, document.kind)
    kind = "html" if document.kind == "html" else "docx"
    title = [TextLine(line) for line in markup_title_lines(markup.lines_before)]
    return ReadDocument(markup_pages(markup), title, [TextLine(line) for line in markup.lines_after], kind)


def document_kind(document: Document, pages: Sequence[Page]) -> str:
    """digital (every page read from its printed text layer), scanned (every page an image, read by OCR or
    from the scan's own checked invisible layer), mixed; image for image files."""
    if document.kind not in ("digital", "scanned"):
        return document.kind
    digital = sum(page.reader == TextLayerReader.name for page in pages)
    return "digital" if digital == len(pages) else "scanned" if digital == 0 else "mixed"


def _page(
    number: int, dpi: float, clean: CleanPage, tables: list[Table], reader: str, strokes_lost: bool = False
) -> Page:
    """The page read; ``strokes_lost``: no fax, but read as one (it or a page before lost its thin strokes)."""
    height, width = clean.gray.shape[:2]
    notes = []
    if clean.flattened:
        notes.append("a photographed page: its perspective was undone")
    if clean.rotation:
        notes.append(f"scanned turned: rotated {clean.rotation}° clockwise to read it")
    if strokes_lost:
        notes.append(
            "thin horizontal strokes lost (zeros read as brackets or numbers read poorly, or unsurely on a page"
            " scanned black and white at 200 dpi or less, here or on another page): read as a fax page is"
        )
    elif clean.fax:
        notes.append("a fax page: thin horizontal strokes may be lost")
    return Page(
        number, width, height, dpi, clean.rotation, clean.skew, (), tuple(tables), tuple(notes), reader, clean.fax
    )


def iter_page_images(path: Path, config: Config) -> Iterator[tuple[int, np.ndarray]]:
    """(1-based page number, preprocessed page image) in the pixel frame of the output bboxes."""
    yield from Extractor(config).page_images(path)
