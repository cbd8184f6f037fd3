"""PDF pages through PDFium (pypdfium2)."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from nianbao.errors import EncryptedDocumentError, InputError
from nianbao.preprocess.fax import COARSE_DPI, coarse_bilevel, doubled_axis

log = logging.getLogger(__name__)
POINTS_PER_INCH = 72.0
A4_LONG_SIDE_INCHES = 11.69
FAX_DPI_RATIO = 1.5  # an image stored at this many times more dots across than down is a fax (204 x 98 dpi)
# A JPEG's scan lines are never stored exactly twice, so a fax saved that way is not told by them.
LOSSY_FILTERS = frozenset({"DCTDecode", "JPXDecode"})
SAME_SCALE = 0.1  # an image drawn within this share of its own resolution keeps repeated lines repeated
SCAN_PAGE_SHARE = 0.5  # an image over at least this share of its page is the page's scan, not a logo or seal


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


def render_page(page: pdfium.PdfPage, scale: float) -> pdfium.PdfBitmap:
    """The page drawn at ``scale``. A fax stored at half the vertical resolution is drawn without
    smoothing, so that its scan lines stay repeated rather than blended: later stages tell a fax by
    them (preprocess.fax), and must, for its lost thin strokes."""
    return page.render(scale=scale, no_smoothimage=_holds_half_height_image(page))


def _holds_half_height_image(page: pdfium.PdfPage) -> bool:
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        metadata = image.get_metadata()
        if metadata.vertical_dpi > 0 and metadata.horizontal_dpi >= FAX_DPI_RATIO * metadata.vertical_dpi:
            return True
    return False


def stored_fax_axis(page: pdfium.PdfPage, dpi: float) -> int | None:
    """The axis of the drawn page (0: rows, 1: columns) along which an image the page holds stores
    every scan line twice (a fax saved with square pixels), when the page is drawn at ``dpi`` far enough
    from the image's own resolution for smoothing to blend the repeats; None otherwise (at about its
    own resolution the drawn page shows them itself: preprocess.fax)."""
    turned = page.get_rotation() in (90, 270)
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        metadata = image.get_metadata()
        if metadata.vertical_dpi <= 0 or abs(metadata.vertical_dpi / dpi - 1) <= SAME_SCALE:
            continue
        if LOSSY_FILTERS & set(image.get_filters()):
            continue
        pixels = np.asarray(image.get_bitmap(render=False).to_numpy())
        axis = doubled_axis(pixels[..., 0] if pixels.ndim == 3 else pixels)
        if axis is not None:
            return axis ^ int(turned)
    return None


def holds_coarse_bilevel_scan(page: pdfium.PdfPage, max_pixels: int) -> bool:
    """Whether the page's scan (an image over most of it, of at most ``max_pixels``) is black and white at
    COARSE_DPI or less, as stored (preprocess.fax.coarse_bilevel): drawn at another resolution, its edges
    turn grey. An image PDFium cannot decode tells nothing (drawing the page says what is wrong)."""
    width_pt, height_pt = page.get_size()
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        metadata = image.get_metadata()
        if not 0 < metadata.horizontal_dpi <= COARSE_DPI or metadata.width * metadata.height > max_pixels:
            continue
        left, bottom, right, top = image.get_bounds()
        if (right - left) * (top - bottom) < SCAN_PAGE_SHARE * width_pt * height_pt:
            continue
        try:
            pixels = np.asarray(image.get_bitmap(render=False).to_numpy())
        except pdfium.PdfiumError:
            return False
        return coarse_bilevel(pixels[..., 0] if pixels.ndim == 3 else pixels, metadata.horizontal_dpi)
    return False


def render_scale(width_pt: float, height_pt: float, dpi: int, max_pixels: int) -> tuple[float, float]:
    """(PDFium scale, resolution the page image stands for) for a page of that size in points.

    A page that would exceed ``max_pixels`` at ``dpi`` is drawn smaller: its long side as long as an A4
    page's at ``dpi`` (scanners that store pixels as points make such pages) and never above the budget.
    Its resolution is then taken from its size, as for a page image."""
    if not (math.isfinite(width_pt) and math.isfinite(height_pt)) or width_pt <= 0 or height_pt <= 0:
        raise InputError(f"the PDF has a page of impossible size {width_pt}×{height_pt} pt")
    scale = dpi / POINTS_PER_INCH
    if width_pt * height_pt * scale * scale <= max_pixels:
        return scale, float(dpi)
    long_side = max(width_pt, height_pt)
    scale = min(A4_LONG_SIDE_INCHES * dpi / long_side, math.sqrt(max_pixels / (width_pt * height_pt)))
    return scale, long_side * scale / A4_LONG_SIDE_INCHES


def render_pages(path: Path, dpi: int, max_pixels: int) -> Iterator[tuple[np.ndarray, float]]:
    """Each page as an image of at most ``max_pixels`` pixels, with the resolution it stands for."""
    document = _open(path)
    try:
        for index in range(len(document)):
            try:
                page = document[index]
                width_pt, height_pt = page.get_size()
                scale, page_dpi = render_scale(width_pt, height_pt, dpi, max_pixels)
                if page_dpi != dpi:
                    log.warning("%s: page %d is %.0f×%.0f inches, too large to draw at %d dpi; drawn at %.0f×%.0f px",
                                path.name, index + 1, width_pt / POINTS_PER_INCH, height_pt / POINTS_PER_INCH,
                                dpi, width_pt * scale, height_pt * scale)  # fmt: skip
                bitmap = render_page(page, scale)
            except pdfium.PdfiumError as exc:
                raise InputError(f"page {index + 1} of the PDF cannot be rendered ({exc})") from None
            yield np.ascontiguousarray(bitmap.to_numpy().squeeze()), page_dpi
    finally:
        document.close()
