"""The whole extraction path for one document: ingest -> preprocess -> tables and text -> extract -> checks."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from nianbao.config import Config, resolve_path
from nianbao.errors import NoTablesError
from nianbao.extract import assemble_report
from nianbao.extract.mapping import Decision, Label
from nianbao.extract.text_lines import ReadPage, closing_lines, title_words
from nianbao.ingest import Document, iter_pages, open_document
from nianbao.model import Page, Table, Word
from nianbao.ocr.base import OcrEngine, build_engine
from nianbao.preprocess import CleanPage, prepare_page
from nianbao.readers import OcrPageReader
from nianbao.table import find_tables

log = logging.getLogger(__name__)


class Extractor:
    """Extracts reports one document at a time; models are built on first use and reused."""

    def __init__(self, config: Config, engine: OcrEngine | None = None, classifier: Any = None) -> None:
        self.config = config
        self._engine = engine
        self._classifier = classifier

    @property
    def engine(self) -> OcrEngine:
        if self._engine is None:
            self._engine = build_engine(self.config.ocr)
        return self._engine

    @property
    def classifier(self) -> Any:
        if self._classifier is None:
            from nianbao.classify import HeaderClassifier

            self._classifier = HeaderClassifier.load(resolve_path(self.config.classify.model_dir))
        return self._classifier

    def classify(self, table: str, axis: str, labels: Sequence[Label]) -> list[Decision]:
        from nianbao.classify import LabelQuery

        queries = [LabelQuery(table=table, axis=axis, text=l.text, context=l.context) for l in labels]
        threshold = self.config.classify.min_probability
        return [
            Decision(p.key if p.probability >= threshold else None, p.probability)
            for p in self.classifier.predict(queries)
        ]

    def clean_pages(self, document: Document) -> Iterator[tuple[int, float, CleanPage]]:
        ingest = self.config.ingest
        for raw in iter_pages(document, ingest.dpi, ingest.max_page_pixels):
            yield raw.number, raw.dpi, prepare_page(raw.image, raw.dpi, self.engine, self.config.preprocess)

    def page_images(self, path: Path) -> Iterator[tuple[int, np.ndarray]]:
        """(1-based page number, preprocessed page image) in the pixel frame of the output bboxes."""
        document = open_document(path, self.config.ingest.max_pages)
        for number, _, clean in self.clean_pages(document):
            yield number, clean.gray

    def extract(self, path: Path, display_path: str | None = None) -> dict[str, Any]:
        """The OUTPUT.md report dict for ``path``; raises a NianbaoError subclass for a bad document."""
        document = open_document(path, self.config.ingest.max_pages)
        pages: list[Page] = []
        last: list[ReadPage] = []
        for number, dpi, clean in self.clean_pages(document):
            layout = find_tables(clean, number, dpi, self.config.table)
            reader = OcrPageReader(self.engine, clean, layout.rules, dpi)
            height, width = clean.gray.shape[:2]
            read = ReadPage(width, height, reader.read_tables(layout.tables), reader)
            words = title_words(read) if number == 1 else []
            last = (last + [read])[-2:]
            pages.append(_page(number, dpi, clean, list(read.tables), words))
        if not any(page.tables for page in pages):
            raise NoTablesError("no ruled table found on any page: not an annual report, or a scan too faint to read")
        title_lines = [word.text for word in pages[0].words]
        source = {
            "path": display_path or str(path),
            "sha256": document.sha256,
            "pages": document.page_count,
            "kind": document.kind,
        }
        return assemble_report(
            source, pages, title_lines, closing_lines(last), self.classify, self.config.ocr.min_confidence
        )


def _page(number: int, dpi: float, clean: CleanPage, tables: list[Table], words: list[Word]) -> Page:
    height, width = clean.gray.shape[:2]
    notes = []
    if clean.flattened:
        notes.append("a photographed page: its perspective was undone")
    if clean.rotation:
        notes.append(f"scanned turned: rotated {clean.rotation}° clockwise to read it")
    return Page(number, width, height, dpi, clean.rotation, clean.skew, tuple(words), tuple(tables), tuple(notes))


def iter_page_images(path: Path, config: Config) -> Iterator[tuple[int, np.ndarray]]:
    """(1-based page number, preprocessed page image) in the pixel frame of the output bboxes."""
    yield from Extractor(config).page_images(path)
