"""Readers fill detected table grids with text and read free-text regions of a page.

Finding a table's structure (rules, cells, spans) is the table stage's work; a reader only supplies the
content. Every reader implements :class:`PageReader`, so mapping, values and checks never know where the
text came from.
"""

from nianbao.readers.base import PageReader, Region
from nianbao.readers.ocr import OcrPageReader

__all__ = ["OcrPageReader", "PageReader", "Region"]
