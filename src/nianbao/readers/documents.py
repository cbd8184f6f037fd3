"""Markup documents (HTML, DOCX, and .doc/.wps through LibreOffice) to their tables and text lines."""

from __future__ import annotations

import tempfile
from pathlib import Path

from nianbao.errors import InputError
from nianbao.ingest.office import convert_to_docx
from nianbao.readers.docx import read_docx
from nianbao.readers.html import read_html
from nianbao.readers.markup import MarkupDocument


def read_markup(path: Path, kind: str) -> MarkupDocument:
    """``kind`` is the ingest kind: "html", "docx" or "doc" (.doc and .wps)."""
    if kind == "html":
        try:
            return read_html(path.read_bytes())
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if kind == "doc":
        with tempfile.TemporaryDirectory(prefix="nianbao-doc-") as scratch:
            return read_docx(convert_to_docx(path, Path(scratch)))
    return read_docx(path)
