"""What PDFium knows of a PDF page beyond its pixels: the characters of its text layer with their boxes,
how they are drawn (visible or not), and its vector ruling lines, all in the pixel frame of the page
rendered at ``dpi`` (origin top-left)."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from nianbao.errors import InputError
from nianbao.ingest.pdf import _open, holds_coarse_bilevel_scan, render_page, render_scale, stored_fax_axis

INVISIBLE_MODE = 3  # PDF text render mode 3: neither filled nor stroked (a scanner's OCR layer)
THIN_POINTS = 2.5  # a filled rectangle thinner than this is a ruling line (Word draws borders so)


@dataclass(frozen=True)
class Glyph:
    text: str
    bbox: tuple[float, float, float, float]  # page pixels
    invisible: bool
    unmapped: bool  # PDFium found no Unicode for it (a font without ToUnicode)


@dataclass(frozen=True)
class Segment:
    """A straight ruling line, page pixels, ``width`` its stroke thickness."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float


class PdfPageLayer:
    """One page of an open PDF; ``render`` is valid only while its iteration step lasts."""

    def __init__(self, number: int, page: pdfium.PdfPage, dpi: int, max_pixels: int) -> None:
        self.number = number
        self._page = page
        self._max_pixels = max_pixels
        width_pt, height_pt = page.get_size()
        self.scale, self.dpi = render_scale(width_pt, height_pt, dpi, max_pixels)  # a huge page is drawn smaller
        left, bottom, right, top = page.get_cropbox()
        self._origin = (left, top)
        self.width = round((right - left) * self.scale)
        self.height = round((top - bottom) * self.scale)
        self.rotated = page.get_rotation() != 0

    def _pixels(self, x: float, y: float) -> tuple[float, float]:
        return (x - self._origin[0]) * self.scale, (self._origin[1] - y) * self.scale

    def glyphs(self) -> list[Glyph]:
        text_page = self._page.get_textpage()
        raw = text_page.raw
        box = [ctypes.c_double() for _ in range(4)]
        refs = [ctypes.byref(v) for v in box]
        modes: dict[int, int] = {}  # render mode per text object: its characters share it
        found = []
        for index in range(text_page.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
                continue  # spaces and line ends PDFium made up, not printed
            code = pdfium_c.FPDFText_GetUnicode(raw, index)
            pdfium_c.FPDFText_GetCharBox(raw, index, *refs)  # left, right, bottom, top
            x0, y0 = self._pixels(box[0].value, box[3].value)
            x1, y1 = self._pixels(box[1].value, box[2].value)
            found.append(
                Glyph(
                    chr(code) if 0 < code < 0x110000 else "\ufffd",
                    (x0, y0, x1, y1),
                    self._render_mode(raw, index, modes) == INVISIBLE_MODE,
                    pdfium_c.FPDFText_HasUnicodeMapError(raw, index) == 1,
                )
            )
        return found

    @staticmethod
    def _render_mode(raw: Any, index: int, modes: dict[int, int]) -> int:
        text_object = pdfium_c.FPDFText_GetTextObject(raw, index)
        if not text_object:
            return 0
        key = ctypes.cast(text_object, ctypes.c_void_p).value or 0
        if key not in modes:
            modes[key] = pdfium_c.FPDFTextObj_GetTextRenderMode(text_object)
        return modes[key]

    def segments(self) -> list[Segment]:
        """Straight lines drawn by path objects: stroked lines and rectangle edges, and thin filled bars."""
        found: list[Segment] = []
        for obj in self._page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
            found.extend(self._path_segments(obj))
        return found

    def has_images(self) -> bool:
        """Whether the page draws any picture (a scan, or a table pasted as an image)."""
        return any(True for _ in self._page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3))

    def _path_segments(self, obj: pdfium.PdfObject) -> list[Segment]:
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
        left, bottom, right, top = obj.get_bounds()
        if fill.value and not stroke.value:
            return self._thin_bar(left, bottom, right, top)
        if not stroke.value:
            return []
        width = ctypes.c_float()
        pdfium_c.FPDFPageObj_GetStrokeWidth(obj.raw, ctypes.byref(width))
        matrix = obj.get_matrix()
        points = _path_points(obj, matrix)
        stroke_px = max(1.0, width.value * abs(matrix.a or matrix.d or 1.0) * self.scale)
        return [Segment(*self._pixels(*a), *self._pixels(*b), stroke_px) for a, b in points]

    def _thin_bar(self, left: float, bottom: float, right: float, top: float) -> list[Segment]:
        w, h = right - left, top - bottom
        if h <= THIN_POINTS < w:
            y = (top + bottom) / 2
            return [Segment(*self._pixels(left, y), *self._pixels(right, y), max(1.0, h * self.scale))]
        if w <= THIN_POINTS < h:
            x = (left + right) / 2
            return [Segment(*self._pixels(x, top), *self._pixels(x, bottom), max(1.0, w * self.scale))]
        return []

    def fax_axis(self) -> int | None:
        """The axis along which the drawn page is a fax whose repeated scan lines drawing blends
        (ingest.pdf.stored_fax_axis); None otherwise."""
        return stored_fax_axis(self._page, self.dpi)

    def coarse_bilevel(self) -> bool:
        """Whether the page's scan is black and white at 200 dpi or less (ingest.pdf.holds_coarse_bilevel_scan)."""
        return holds_coarse_bilevel_scan(self._page, self._max_pixels)

    def render(self) -> np.ndarray:
        try:
            bitmap = render_page(self._page, self.scale)
        except pdfium.PdfiumError as exc:
            raise InputError(f"page {self.number} of the PDF cannot be rendered ({exc})") from None
        return np.ascontiguousarray(bitmap.to_numpy().squeeze())


def _path_points(
    obj: pdfium.PdfObject, matrix: pdfium.PdfMatrix
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight pieces of a path (curves skipped), in page coordinates."""
    pieces = []
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = matrix.on_point(x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            pieces.append((previous, point))
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None and previous != start:
            pieces.append((previous, start))
            previous = start
    return pieces


def iter_layers(path: Path, dpi: int, max_pixels: int) -> Iterator[PdfPageLayer]:
    """The pages of a PDF one at a time, the document held open while the caller works on each."""
    document = _open(path)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                yield PdfPageLayer(index + 1, page, dpi, max_pixels)
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(f"the PDF is corrupt or truncated ({exc})") from None
    finally:
        document.close()
