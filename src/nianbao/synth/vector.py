"""Born-digital PDFs: the typesetting of ``render_report`` replayed as vector text and rules.

``VectorPage`` stands in for a page image while a report is typeset: its ``draw`` records the text and
rectangles that would have been drawn into pixels, and :func:`save_vector_pdf` writes them with reportlab
as real PDF text (a text layer, as Word exports one) and vector rules. The same recording over a scanned
page image, with invisible text (render mode 3), makes a scan carrying an OCR text layer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from PIL import Image

from nianbao.errors import ConfigError

VERTICAL_CENTRE = 0.35  # baseline below a text line's middle, in font sizes (PIL's "m" anchor)


@dataclass(frozen=True)
class TextOp:
    xy: tuple[float, float]
    text: str
    font_path: str
    font_index: int
    size_px: float
    anchor: str


@dataclass(frozen=True)
class RectOp:
    box: tuple[float, float, float, float]
    fill: int | None  # grey level, None: not filled
    outline: int | None
    width: float


class RecordingDraw:
    """The part of PIL's ImageDraw that the report typesetter uses, recording instead of drawing."""

    def __init__(self, ops: list[TextOp | RectOp]) -> None:
        self.ops = ops

    def text(
        self, xy: tuple[float, float], text: str, font: Any, fill: Any = None, anchor: str = "la", **_: Any
    ) -> None:
        index = int(getattr(font, "index", 0) or 0)
        self.ops.append(TextOp((float(xy[0]), float(xy[1])), text, font.path, index, float(font.size), anchor))

    def rectangle(self, box: Sequence[float], fill: Any = None, outline: Any = None, width: int = 1) -> None:
        x0, y0, x1, y1 = (float(v) for v in box)
        self.ops.append(RectOp((x0, y0, x1, y1), _grey(fill), _grey(outline), float(width)))


def _grey(colour: Any) -> int | None:
    if colour is None:
        return None
    return int(colour[0]) if isinstance(colour, tuple) else int(colour)


@dataclass
class VectorPage:
    """A page being typeset: its size in pixels at ``dpi`` and what was drawn on it."""

    size: tuple[int, int]
    dpi: float
    ops: list[TextOp | RectOp] = field(default_factory=list)

    @property
    def draw(self) -> RecordingDraw:
        return RecordingDraw(self.ops)


TextFilter = Callable[[str], str]


def save_vector_pdf(
    pages: Sequence[VectorPage],
    path: Path,
    backgrounds: Sequence[Image.Image] | None = None,
    invisible: bool = False,
    alter: TextFilter | None = None,
) -> Path:
    """Write ``pages`` as a PDF of real text and rules. With ``backgrounds`` (one image per page) only the
    text is written, over the image: invisible when ``invisible`` (a scanner's OCR layer), each string
    passed through ``alter`` first (a wrong OCR layer)."""
    try:
        from reportlab.pdfgen import canvas
    except ImportError:
        raise ConfigError("writing a born-digital PDF needs reportlab: pip install 'nianbao[synth]'") from None

    path.parent.mkdir(parents=True, exist_ok=True)
    first = pages[0]
    pdf = canvas.Canvas(str(path), pagesize=_points(first.size, first.dpi), invariant=1)
    for number, page in enumerate(pages):
        scale = 72.0 / page.dpi
        width_pt, height_pt = _points(page.size, page.dpi)
        pdf.setPageSize((width_pt, height_pt))
        if backgrounds is not None:
            _draw_image(pdf, backgrounds[number], width_pt, height_pt)
        for op in page.ops:
            if isinstance(op, RectOp):
                if backgrounds is None:
                    _draw_rect(pdf, op, scale, height_pt)
            else:
                text = alter(op.text) if alter else op.text
                _draw_text(pdf, op, text, scale, height_pt, invisible)
        pdf.showPage()
    pdf.save()
    return path


def _points(size: tuple[int, int], dpi: float) -> tuple[float, float]:
    return size[0] * 72.0 / dpi, size[1] * 72.0 / dpi


def _draw_image(pdf: Any, image: Image.Image, width_pt: float, height_pt: float) -> None:
    from reportlab.lib.utils import ImageReader

    buffer = BytesIO()
    image.convert("L").save(buffer, "JPEG", quality=60)
    buffer.seek(0)
    pdf.drawImage(ImageReader(buffer), 0, 0, width_pt, height_pt)


def _draw_rect(pdf: Any, op: RectOp, scale: float, height_pt: float) -> None:
    x0, y0, x1, y1 = op.box
    if op.fill is not None and op.fill < 255:
        pdf.setFillGray(op.fill / 255)
        pdf.rect(x0 * scale, height_pt - y1 * scale, (x1 - x0) * scale, (y1 - y0) * scale, stroke=0, fill=1)
    if op.outline is not None:
        inset = op.width / 2  # PIL draws an outline inside the box
        pdf.setStrokeGray(op.outline / 255)
        pdf.setLineWidth(op.width * scale)
        pdf.rect(
            (x0 + inset) * scale,
            height_pt - (y1 - inset) * scale,
            (x1 - x0 - op.width) * scale,
            (y1 - y0 - op.width) * scale,
            stroke=1,
            fill=0,
        )


def _font_name(path: str, index: int) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"{Path(path).stem}-{index}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    return name


def _draw_text(pdf: Any, op: TextOp, text: str, scale: float, height_pt: float, invisible: bool) -> None:
    from reportlab.pdfbase import pdfmetrics

    name = _font_name(op.font_path, op.font_index)
    size = op.size_px * scale
    width = pdfmetrics.stringWidth(text, name, size)
    x = op.xy[0] * scale - {"l": 0.0, "m": width / 2, "r": width}[op.anchor[0]]
    middle = op.xy[1] * scale
    baseline = middle + VERTICAL_CENTRE * size if op.anchor[1] == "m" else middle + 0.8 * size
    text_object = pdf.beginText(x, height_pt - baseline)
    text_object.setFont(name, size)
    text_object.setTextRenderMode(3 if invisible else 0)
    text_object.textOut(text)
    pdf.setFillGray(0)
    pdf.drawText(text_object)
