"""PDF pages through PDFium (pypdfium2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from nianbao.errors import EncryptedDocumentError, InputError


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise EncryptedDocumentError("the PDF is password-protected: decrypt it first (qpdf --decrypt)") from None
        raise InputError(f"the PDF is corrupt or truncated ({message})") from None


def inspect(path: Path) -> tuple[int, bool]:
    """(page count, whether the first pages carry a text layer)."""
    document = _open(path)
    try:
        count = len(document)
        has_text = False
        for index in range(min(count, 3)):
            text_page = document[index].get_textpage()
            has_text = has_text or text_page.count_chars() > 20
        return count, has_text
    except pdfium.PdfiumError as exc:
        raise InputError(f"the PDF is corrupt or truncated ({exc})") from None
    finally:
        document.close()


def render_pages(path: Path, dpi: int) -> Iterator[np.ndarray]:
    document = _open(path)
    try:
        for index in range(len(document)):
            try:
                bitmap = document[index].render(scale=dpi / 72.0)
            except pdfium.PdfiumError as exc:
                raise InputError(f"page {index + 1} of the PDF cannot be rendered ({exc})") from None
            yield np.ascontiguousarray(bitmap.to_numpy().squeeze())
    finally:
        document.close()
