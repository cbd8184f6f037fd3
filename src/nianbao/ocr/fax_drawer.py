"""Numbers drawn as a 2:1 fax shows them, and how well such a drawing explains a line's ink. Pure but for
the drawing of text (Pillow, no model).

A fax keeps every other scan line and thresholds it, so which strokes of a digit survive depends on its
font, its size and where each stroke falls between two scan lines. A number is drawn here in a font at
SUPERSAMPLE times the page's resolution, faxed the same way at each offset between the text and the scan
lines (PHASES), and blurred; ``likeness`` compares it with a line's ink blurred alike. What the drawings
tell is decided in ``ocr.fax_drawing``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from nianbao.ocr.fax_rivals import drawable

SUPERSAMPLE = 3  # text is drawn at this many times the page's resolution, then faxed down to it
FAX_ROW = 2  # page pixels a fax's scan line is drawn over (a 2:1 fax shown with square pixels)
PHASES = tuple(range(FAX_ROW * SUPERSAMPLE))  # where the text falls between two scan lines
INK_THRESHOLD = 128  # a faxed scan line is ink where it is darker than this
BLUR_SIGMA = 1.0  # both the line's ink and a drawing are blurred by this much before they are compared
# An em is this many times a number's ink height at most and at least (digits are 0.55-0.75 em tall).
EM_PER_HEIGHT = (1 / 0.85, 1 / 0.55)
FACE_SAMPLE = 10  # sure readings a page's font and size are fitted on
MIN_FACE_DIGITS = 2  # ... each of at least this many digits (a lone digit fits many sizes)
MAX_DRAWINGS = 4_000  # drawings kept for reuse (a page's numbers repeat: zeros, small counts): ~30 MiB
MAX_CANVASES = 64  # numbers kept drawn at SUPERSAMPLE times (~40 KiB each) while their offsets are faxed


@dataclass(frozen=True)
class Face:
    """The font and size (em in page pixels) a page's numbers are printed in."""

    font: str
    em: int


@dataclass(frozen=True)
class Drawing:
    """A number faxed, inverted and blurred as ``LineInk`` is (``FaxDrawer.drawing``), with its norm."""

    blurred: np.ndarray
    norm: float


class LineInk:
    """A line crop's ink as drawings are compared with it: trimmed to its ink, padded by its own height
    (a rival may be a digit longer), inverted and blurred."""

    def __init__(self, gray: np.ndarray) -> None:
        rows = np.flatnonzero((gray < INK_THRESHOLD).any(axis=1))
        cols = np.flatnonzero((gray < INK_THRESHOLD).any(axis=0))
        self.height = int(rows[-1] - rows[0] + 1) if len(rows) else 0
        self.width = int(cols[-1] - cols[0] + 1) if len(cols) else 0
        trimmed = gray[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1] if len(rows) else gray
        padded = np.pad(trimmed.astype(np.float32), max(8, self.height), constant_values=255)
        self.mask = padded < INK_THRESHOLD
        self.blurred = _inverted_blur(padded)
        self.norm = float(np.linalg.norm(self.blurred))

    @property
    def ems(self) -> range:
        """The em sizes a number of this ink height may be printed at."""
        low, high = EM_PER_HEIGHT
        return range(max(6, int(self.height * low)), int(self.height * high) + 2)


@dataclass(frozen=True, eq=False)
class SureLine:
    """A value line read surely: its box in page pixels, its crop of the grey page, its reading."""

    bbox: tuple[int, int, int, int]
    image: np.ndarray
    text: str
    confidence: float


class FaxDrawer:
    """Draws numbers in the fonts at ``font_paths`` (those that exist) as a fax would show them; keeps
    its recent drawings. Built once per process and passed to the fax pages' readers."""

    def __init__(self, font_paths: Iterable[str]) -> None:
        self.fonts = tuple(path for path in font_paths if path and Path(path).is_file())
        self._glyph_sets: dict[tuple[str, int], dict[str, _Glyph]] = {}
        self._drawings: dict[tuple[str, str, int, int], Drawing] = {}
        self._sizes: dict[tuple[str, str, int], tuple[int, int]] = {}
        self._canvases: dict[tuple[str, str, int], tuple[np.ndarray, int]] = {}
        # the first FACE_SAMPLE lines (crop, reading) of the document's pages fit to fit a face on
        self.document_sample: list[tuple[np.ndarray, str]] = []
        self._awaiting: list[SureLine] = []

    def new_document(self) -> None:
        """Forget the last document's lines to fit on (its font may be another)."""
        self.document_sample = []
        self._awaiting = []

    def await_document_face(self, lines: Iterable[SureLine]) -> None:
        """Keep a page's numbers read surely where no face could doubt them: neither the page nor the pages
        before it held a sure number to fit one on. Its document's later pages may give one."""
        self._awaiting.extend(lines)

    def take_awaiting(self) -> list[SureLine]:
        """The lines kept by ``await_document_face`` since this was last asked (asking forgets them)."""
        awaiting, self._awaiting = self._awaiting, []
        return awaiting

    def keep_for_document(self, sure: Sequence[tuple[np.ndarray, str]]) -> None:
        """Keep a page's sure numbers fit to fit a face on, for the document's pages that have none."""
        room = FACE_SAMPLE - len(self.document_sample)
        if room > 0:
            self.document_sample.extend(face_sample(sure)[:room])

    def held_bytes(self) -> int:
        """The memory its kept drawings take."""
        return sum(drawing.blurred.nbytes for drawing in self._drawings.values())

    def drawing(self, text: str, face: Face, phase: int) -> Drawing:
        """``text`` faxed, inverted and blurred as ``LineInk`` is."""
        key = (text, face.font, face.em, phase)
        drawn = self._drawings.get(key)
        if drawn is None:
            if len(self._drawings) >= MAX_DRAWINGS:
                self._drawings.clear()
            blurred = _inverted_blur(faxed(self._drawn(text, face, phase)))
            drawn = self._drawings[key] = Drawing(blurred, float(np.linalg.norm(blurred)))
        return drawn

    def ink_size(self, text: str, face: Face) -> tuple[int, int]:
        """The least height and the most width in page pixels of ``text`` faxed in ``face``'s ink, over
        every offset."""
        key = (text, face.font, face.em)
        if key not in self._sizes:
            if len(self._sizes) >= MAX_DRAWINGS:
                self._sizes.clear()
            drawings = [faxed(self._drawn(text, face, phase)) for phase in PHASES]
            self._sizes[key] = (min(_extent(d, axis=1) for d in drawings), max(_extent(d, axis=0) for d in drawings))
        return self._sizes[key]

    def _drawn(self, text: str, face: Face, phase: int) -> np.ndarray:
        """``text`` drawn black on white at SUPERSAMPLE times ``face.em``, ``phase`` rows down, its height
        rounded up to whole scan lines: a slice of its ``_canvas``."""
        canvas, height = self._canvas(text, face)
        top = PHASES[-1] - phase
        return canvas[top : top + _round_up(height + phase, FAX_ROW * SUPERSAMPLE)]

    def _canvas(self, text: str, face: Face) -> tuple[np.ndarray, int]:
        """``text`` drawn once for all its offsets (``_canvas_of``); kept while they are drawn."""
        key = (text, face.font, face.em)
        found = self._canvases.get(key)
        if found is None:
            if len(self._canvases) >= MAX_CANVASES:
                self._canvases.clear()
            found = self._canvases[key] = _canvas_of(self._glyphs(face), text)
        return found

    def _glyphs(self, face: Face) -> dict[str, _Glyph]:
        """Each digit drawn alone at SUPERSAMPLE times ``face.em``, placed from its pen position."""
        key = (face.font, face.em)
        glyphs = self._glyph_sets.get(key)
        if glyphs is None:
            typeface = ImageFont.truetype(face.font, face.em * SUPERSAMPLE)
            glyphs = self._glyph_sets[key] = {digit: _glyph(typeface, digit) for digit in "0123456789"}
        return glyphs


@dataclass(frozen=True)
class _Glyph:
    ink: np.ndarray  # black on white
    left: int  # from the pen position to the drawing's left edge
    top: int  # from the baseline to the drawing's top (negative: above it)
    advance: float  # how far the pen moves on


def _canvas_of(glyphs: dict[str, _Glyph], text: str) -> tuple[np.ndarray, int]:
    """(canvas, height): ``text``'s digits' drawings set one after another by their advances, black on
    white, with a margin of two page pixels around them, ``height`` rows tall with it. The ink stands
    the last of PHASES rows down, and enough white lies below it for every offset's whole scan lines."""
    starts = np.cumsum([0.0] + [glyphs[digit].advance for digit in text[:-1]])
    placed = [(int(round(start)) + glyphs[d].left, glyphs[d].top, glyphs[d].ink) for start, d in zip(starts, text)]
    left, top = min(x for x, _, _ in placed), min(y for _, y, _ in placed)
    right = max(x + ink.shape[1] for x, _, ink in placed)
    bottom = max(y + ink.shape[0] for _, y, ink in placed)
    margin, lowest = 2 * SUPERSAMPLE, PHASES[-1]
    height = bottom - top + 2 * margin
    width = _round_up(right - left + 2 * margin, SUPERSAMPLE)
    canvas = np.full((lowest + _round_up(height + lowest, FAX_ROW * SUPERSAMPLE), width), 255.0, np.float32)
    for x, y, ink in placed:
        x, y = x - left + margin, y - top + margin + lowest
        window = canvas[y : y + ink.shape[0], x : x + ink.shape[1]]
        np.minimum(window, ink, out=window)
    return canvas, height


def _glyph(typeface: ImageFont.FreeTypeFont, digit: str) -> _Glyph:
    left, top, right, bottom = (int(v) for v in typeface.getbbox(digit, anchor="ls"))
    image = Image.new("L", (max(1, right - left), max(1, bottom - top)), 255)
    ImageDraw.Draw(image).text((-left, -top), digit, font=typeface, fill=0, anchor="ls")
    return _Glyph(np.asarray(image, dtype=np.float32), left, top, float(typeface.getlength(digit)))


def faxed(drawn: np.ndarray) -> np.ndarray:
    """A drawing at SUPERSAMPLE times the page's resolution as a 2:1 fax shows it at the page's: its
    scan lines FAX_ROW page pixels tall, each thresholded, each drawn FAX_ROW times."""
    height, width = drawn.shape
    lines = cv2.resize(drawn, (width // SUPERSAMPLE, height // (FAX_ROW * SUPERSAMPLE)), interpolation=cv2.INTER_AREA)
    lines = np.where(lines < INK_THRESHOLD, 0, 255).astype(np.float32)
    return np.repeat(lines, FAX_ROW, axis=0)


def likeness(ink: LineInk, drawing: Drawing) -> float:
    """How well a drawing explains a line's ink: the correlation of the whole padded line with the
    drawing placed where it fits best (ink it leaves unexplained, or draws where there is none, counts)."""
    line, drawn = ink.blurred, drawing.blurred
    if drawn.shape[0] > line.shape[0] or drawn.shape[1] > line.shape[1]:
        return -1.0
    norm = ink.norm * drawing.norm
    if not norm:
        return -1.0
    return float(cv2.matchTemplate(line, drawn, cv2.TM_CCORR).max()) / norm


def height_left_out(ink: LineInk, drawing: Drawing) -> int:
    """How many rows the line's ink beside ``drawing`` spans, the drawing placed where it explains the ink
    best (``likeness``): a digit the number lacks leaves its ink there, or what the fax kept of it."""
    drawn = drawing.blurred
    if drawn.shape[0] > ink.blurred.shape[0] or drawn.shape[1] > ink.blurred.shape[1]:
        return 0
    left = cv2.minMaxLoc(cv2.matchTemplate(ink.blurred, drawn, cv2.TM_CCORR))[3][0]
    beside = ink.mask.copy()
    beside[:, left : left + drawn.shape[1]] = False
    rows = np.flatnonzero(beside.any(axis=1))
    return int(rows[-1] - rows[0] + 1) if len(rows) else 0


def face_sample(sure: Sequence[tuple[np.ndarray, str]]) -> list[tuple[np.ndarray, str]]:
    """Of a page's numbers read surely (line crop, reading), those a face is fitted on: MIN_FACE_DIGITS
    or more digits, not all 1s, at most FACE_SAMPLE. Stems alone fit many fonts and sizes, and are what
    zeros broken open leave: faxes whose zeros were read surely as 11 were fitted to a size too small
    for their digits, at which a 0's two sides were drawn best as 11 (fax seeds 2405 and 2406)."""
    fit = [(image, text) for image, text in sure if drawable(text) and len(text) >= MIN_FACE_DIGITS and text.strip("1")]
    return fit[:FACE_SAMPLE]


def _extent(drawing: np.ndarray, axis: int) -> int:
    """How many rows (axis 1) or columns (axis 0) a drawing's ink spans, from its first to its last."""
    found = np.flatnonzero((drawing < INK_THRESHOLD).any(axis=axis))
    return int(found[-1] - found[0] + 1) if len(found) else 0


def _inverted_blur(gray: np.ndarray) -> np.ndarray:
    return cv2.GaussianBlur(255.0 - gray.astype(np.float32), (0, 0), BLUR_SIGMA)


def _round_up(value: int, step: int) -> int:
    return value + (-value) % step
