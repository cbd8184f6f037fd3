"""Restoring a poorly scanned line crop before it is read again. Pure: image in, images out.

Only lines the recogniser was unsure of come here, and on grey paper numbers with an 8 (a few a page, read
again at no measurable cost: benchmarks/bench_second_look.py). Each restoration is one more independent
reading of the same ink; a value is kept only where readings agree.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from nianbao.ocr.convert import VALUE_ALPHABET

TARGET_HEIGHT = 48  # the recogniser's input height: upscale small crops to it before binarising
NOISE_MULTIPLE = 5.0  # ink is darker than the paper by this many noise spreads
INK_SHARE = 0.4  # ... and by this share of the darkest ink in the crop
MIN_CONTRAST = 25.0  # grey levels
JOIN_ROWS = 5  # scan-line gaps up to this many rows (at the recogniser's height) are bridged
STROKE_SHARE = 0.1  # a component this share of the largest one's area is part of the text
MIN_POINT_AREA = 4  # pixels (at the recogniser's height): smaller is noise even where a point could be
GREY_PAPER_WHITE = 0.05  # a scanned crop with at most this share of pure white pixels is on grey paper


def upscaled(gray: np.ndarray, height: int = TARGET_HEIGHT) -> np.ndarray:
    """``gray`` enlarged (never shrunk) so it is ``height`` pixels tall, with cubic interpolation."""
    h = gray.shape[0]
    if h >= height:
        return gray
    factor = height / max(h, 1)
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def binarised(gray: np.ndarray) -> np.ndarray:
    """Ink (255): pixels darker than the local paper by well over the crop's own noise. The paper level
    is a running maximum of the smoothed crop (uneven light goes), the noise a robust spread estimate."""
    smooth = cv2.GaussianBlur(cv2.medianBlur(gray, 3), (0, 0), 1.0)
    size = max(9, (gray.shape[0] // 3) | 1)
    paper = cv2.blur(cv2.dilate(smooth, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))), (size, size))
    darkness = paper.astype(np.float32) - smooth.astype(np.float32)
    noise = 1.4826 * float(np.median(np.abs(smooth.astype(np.float32) - cv2.medianBlur(smooth, 5))))
    strongest = float(np.percentile(darkness, 99.5))
    threshold = max(NOISE_MULTIPLE * noise, INK_SHARE * strongest, MIN_CONTRAST)
    return np.where(darkness > threshold, 255, 0).astype(np.uint8)


def without_specks_and_rules(ink: np.ndarray) -> np.ndarray:
    """Drop thin remains of a rule along the crop's edges, and small components away from the text
    (noise specks). Small pieces inside the text's box stay: a decimal point, a stroke broken off."""
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return ink
    h, w = ink.shape
    area = stats[:, cv2.CC_STAT_AREA]
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    cw, ch = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    thin = max(2, h // 12)
    rule = (((y == 0) | (y + ch == h)) & (ch <= thin) & (cw > 0.5 * w)) | (
        ((x == 0) | (x + cw == w)) & (cw <= thin) & (ch > 0.5 * h)
    )
    rule[0] = True
    if rule.all():
        return np.zeros_like(ink)
    strokes = ~rule & (area >= STROKE_SHARE * area[~rule].max())
    left, right = x[strokes].min(), (x + cw)[strokes].max()
    top, bottom = y[strokes].min(), (y + ch)[strokes].max()
    margin = 0.25 * (bottom - top)
    cx, cy = centroids[:, 0], centroids[:, 1]
    inside = (cx >= left - margin) & (cx <= right + margin) & (cy >= top - margin) & (cy <= bottom + margin)
    keep = ~rule & (strokes | (inside & (area >= MIN_POINT_AREA)))
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def on_own_paper(gray: np.ndarray) -> np.ndarray:
    """``gray`` with the pure white margin a line crop is padded with set to the level of its own paper,
    where that paper is grey (it holds almost no pure white): a white margin would be taken for the
    paper, and the whole crop for ink. A crop of white paper (a bilevel or clean page) is unchanged."""
    scanned = _grey_paper_scan(gray)
    if scanned is None:
        return gray
    return np.where(gray == 255, np.uint8(np.median(scanned)), gray).astype(np.uint8)


def on_grey_paper(gray: np.ndarray) -> bool:
    """Whether a line crop (grey levels, or BGR) was scanned on grey paper: it holds almost no pure white
    but its padding (GREY_PAPER_WHITE)."""
    if gray.ndim == 3:
        gray = cv2.cvtColor(gray, cv2.COLOR_BGR2GRAY)
    return _grey_paper_scan(gray) is not None


def _grey_paper_scan(gray: np.ndarray) -> np.ndarray | None:
    """A crop without its pure white padding, where what is left is grey paper (GREY_PAPER_WHITE); None
    for a crop of white paper or one all white."""
    scanned_pixels = gray < 255
    rows, cols = np.flatnonzero(scanned_pixels.any(axis=1)), np.flatnonzero(scanned_pixels.any(axis=0))
    if rows.size == 0:
        return None
    scanned = gray[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    return scanned if (scanned == 255).mean() <= GREY_PAPER_WHITE else None


def restorations(gray: np.ndarray) -> list[np.ndarray]:
    """Black-on-white versions of a line crop to read again: cleaned (upscaled, binarised locally, specks
    and rule remains removed), and cleaned with broken strokes rejoined (a fax's lost scan lines)."""
    if gray.ndim == 3:
        gray = cv2.cvtColor(gray, cv2.COLOR_BGR2GRAY)
    ink = without_specks_and_rules(binarised(upscaled(on_own_paper(gray))))
    # Closed along the vertical only: lost scan lines are rows; a square kernel would fill an 8 into a 0.
    joined = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((JOIN_ROWS, 1), np.uint8))
    return [255 - ink, 255 - joined]


def smoothed(gray: np.ndarray) -> np.ndarray:
    """A line crop upscaled and median-filtered, its grey levels kept: a reading that shares no
    binarisation with ``restorations`` (faint marks stay faint; nothing is joined, cut or thresholded)."""
    if gray.ndim == 3:
        gray = cv2.cvtColor(gray, cv2.COLOR_BGR2GRAY)
    return cv2.medianBlur(upscaled(on_own_paper(gray)), 3)


UNAGREED_CAP = 0.49  # a reading no other reading confirms stays below any sensible confidence cut
# A one-line cell read less surely than this is read again. On 27 sets (16,000 value cells) every cell
# read at 0.95 or more was right; of the 87 read between 0.9 and 0.95, two were 3s read as 8 (a faint
# and a hard scan), where the restored crop reads 3. A fax page's readings are checked by its own rules
# (table.fax_cells), and read again from 0.9 up to 0.95 five readings there, all right, were lost: the
# crops restored for grey pages disagreed. A number with one weak digit comes below both (read at 0.958
# and 0.962, a 273 read "278" and a 2557 read "2537" were kept: ocr.convert.WEAK_STEP).
SECOND_LOOK_BELOW, FAX_SECOND_LOOK_BELOW = 0.95, 0.9
# Noise that closes a digit's open side makes an 8 of it, read surely: on a fresh hard scan (seed 4201) a 3
# on grey paper with a blurred speck at its left read "8" at 0.967, its restored crop "3" at 0.99997. A
# number with an 8 in it is read again below EIGHT_SECOND_LOOK_BELOW, and on grey paper (a poor scan's, or
# any scan saved as JPEG, which leaves no pure white) however surely it was read: on another hard scan (seed
# 7101) a 3 smudged so read "8" at 0.9988. A fax page's readings are checked by its own rules.
EIGHT_SECOND_LOOK_BELOW = 0.99


def second_look_below(text: str, fax: bool, image: np.ndarray | None = None) -> float:
    """The confidence below which a one-line cell read as ``text`` (its crop ``image``) is read again."""
    if fax:
        return FAX_SECOND_LOOK_BELOW
    if "8" not in text:
        return SECOND_LOOK_BELOW
    return math.inf if image is not None and on_grey_paper(image) else EIGHT_SECOND_LOOK_BELOW


ROUND_SHAPES = set("()（）[]{}oO0〇DCcU口")  # how a zero broken open reads: never evidence against a number


def agreed_reading(
    readings: list[tuple[str, float]], derived: frozenset[int] = frozenset()
) -> tuple[str, float] | None:
    """The text more readings share than any other (at least two, not all of them from restored images,
    the ``derived`` indices, which share one binarisation), with the surest of their confidences.
    None when no text has such a majority, or when a dissenting reading is surer than the shared one
    (an "I" read surely is not outvoted by two unsure "1"s; a zero broken open into "()" does not count).
    A restored image read as nothing a value cell prints does not vote, but dissents: binarising a
    blurred photograph's "+1" thickened it into a blob read "二" twice, tying the two readings of "+1"
    (0.88 and 0.9999) on the crop itself."""
    votes: dict[str, list[int]] = {}
    for index, (text, _) in enumerate(readings):
        if index not in derived or _prints_value_characters(text):
            votes.setdefault(text.strip(), []).append(index)
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda item: len(item[1]), reverse=True)
    text, indices = ranked[0]
    if len(indices) < 2 or (len(ranked) > 1 and len(ranked[1][1]) == len(indices)) or set(indices) <= derived:
        return None
    conf = max(readings[i][1] for i in indices)
    others = [(other.strip(), c) for other, c in readings if other.strip() != text]
    dissent = max((c for other, c in others if not set(other) <= ROUND_SHAPES), default=0.0)
    return (text, conf) if conf >= dissent else None


def _prints_value_characters(text: str) -> bool:
    return any(char in VALUE_ALPHABET for char in text)


def unconfirmed(readings: list[tuple[str, float]]) -> tuple[str, float]:
    """The surest of readings that do not agree, its confidence capped: reported, never kept as a value."""
    text, conf = max(readings, key=lambda r: r[1])
    return text.strip(), min(conf, UNAGREED_CAP)
