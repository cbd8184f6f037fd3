"""Which way up a page is.

Cheap evidence first: text lines found by morphology (no detector) say whether lines run across or
down the page, and PP-OCR's small line-orientation classifier reads a few of them. A page whose lines
run across and which the classifier calls upright line by line is upright, and is not read again.
Anything else (lines running down, a line called turned, too few lines, a backend with no classifier)
gets the full check: text-line shape from the detector decides 0/180 against 90/270, and the
recogniser decides the rest, reading sample lines both ways up (it is far surer of upright text; the
classifier alone was not reliable enough on noisy 150-dpi scans to decide a turn)."""

from __future__ import annotations

import cv2
import numpy as np

from nianbao.ocr.base import OcrEngine
from nianbao.preprocess.geometry import apply_rotation, estimate_skew, rotate_degrees

SAMPLE_LINES = 8
MAX_LINE_RATIO = 8  # read only the first few characters of a long line: enough to tell, much cheaper
SURELY_UPRIGHT = 0.85  # upright text reads at 0.9+, text turned over at under 0.5 (measured on the labeled set)

EVIDENCE_SIDE = 1000  # the page is looked at with its longer side at this many pixels
MIN_EVIDENCE_LINES = 3
# Lines across / lines down: 1.8-25 on upright pages, 0.04-0.57 on pages turned a quarter, measured on the
# labeled set and the samples (a table's stacked short labels make some "down" lines on upright pages).
MIN_ACROSS_PER_DOWN = 1.5
# Upright lines score 0.94-1.0 and lines turned over 0.0-0.27 on the labeled set's pages.
CLASSIFIER_UPRIGHT = 0.9
# A page is levelled before its lines are read both ways up where it leans this much or more (a 2.4°
# lean made each 760-pixel line's box five lines tall on a turned noisy scan, read 0.29 upright and
# 0.32 turned over; levelled, 0.98 and 0.57: synth seed 6209), up to the default deskew limit.
MIN_LEVELLED_SKEW, MAX_SKEW = 0.5, 6.0
Box = tuple[float, float, float, float]


def detect_rotation(gray: np.ndarray, engine: OcrEngine) -> int:
    """Clockwise degrees (0, 90, 180, 270) that make the page upright."""
    if looks_upright(gray, engine):
        return 0
    return full_check(gray, engine)


def text_lines(gray: np.ndarray) -> tuple[list[Box], list[Box]]:
    """Text lines running across and down the page, in ``gray`` pixels: ink joined along one axis
    into bars one character thick, the table's rules taken out first."""
    scale = EVIDENCE_SIDE / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = _ink(small)
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, 40), np.uint8))
    rules |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((40, 1), np.uint8))
    text = cv2.subtract(ink, cv2.dilate(rules, np.ones((3, 3), np.uint8)))
    across = _bars(cv2.morphologyEx(text, cv2.MORPH_CLOSE, np.ones((1, 9), np.uint8)), scale, across=True)
    down = _bars(cv2.morphologyEx(text, cv2.MORPH_CLOSE, np.ones((9, 1), np.uint8)), scale, across=False)
    return across, down


def _ink(small: np.ndarray) -> np.ndarray:
    """The ink of a page looked at small, for the evidence of its lines (255 = ink)."""
    return cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)


def _bars(mask: np.ndarray, scale: float, across: bool) -> list[Box]:
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    boxes = []
    for x, y, w, h, area in stats[1:]:
        thickness, length = (h, w) if across else (w, h)
        if 5 <= thickness <= 30 and length >= 3 * thickness and area >= 0.3 * w * h:
            boxes.append((x / scale, y / scale, (x + w) / scale, (y + h) / scale))
    return boxes


def looks_upright(gray: np.ndarray, engine: OcrEngine) -> bool:
    """Whether cheap evidence says the page is upright: most lines run across, and the classifier
    calls every sampled line upright."""
    across, down = text_lines(gray)
    if len(across) < MIN_EVIDENCE_LINES or len(across) < MIN_ACROSS_PER_DOWN * len(down):
        return False
    longest = sorted(across, key=lambda b: b[2] - b[0], reverse=True)[:SAMPLE_LINES]
    crops = [_crop(gray, (x0, y0, min(x1, x0 + 4 * (y1 - y0)), y1)) for x0, y0, x1, y1 in longest]
    scores = engine.upright_scores([c for c in crops if c.size])
    return scores is not None and len(scores) >= MIN_EVIDENCE_LINES and min(scores) >= CLASSIFIER_UPRIGHT


def full_check(gray: np.ndarray, engine: OcrEngine) -> int:
    """Detector and recogniser: clockwise degrees (0, 90, 180, 270) that make the page upright."""
    scale = min(1.0, 1280 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    boxes = engine.detect(small)
    if not boxes:
        return 0
    wide = sum(1 for x0, y0, x1, y1 in boxes if (x1 - x0) > 1.5 * (y1 - y0))
    tall = sum(1 for x0, y0, x1, y1 in boxes if (y1 - y0) > 1.5 * (x1 - x0))
    base = 90 if tall > wide else 0
    level, skew = _levelled(apply_rotation(small, base))
    if base or skew:  # turned or levelled: its lines are found again where they now lie
        boxes = engine.detect(level)
    lines = sorted(boxes, key=lambda b: b[2] - b[0], reverse=True)[:SAMPLE_LINES]
    crops = [_crop(level, box) for box in lines]
    crops = [c[:, : MAX_LINE_RATIO * c.shape[0]] for c in crops if c.size and c.shape[0] >= 4]
    if not crops:
        return base
    upright = np.mean([conf for _, conf in engine.recognize(crops)])
    if upright >= SURELY_UPRIGHT:
        return base
    turned = np.mean([conf for _, conf in engine.recognize([np.ascontiguousarray(c[::-1, ::-1]) for c in crops])])
    return base + 180 if turned > upright else base


def _levelled(small: np.ndarray) -> tuple[np.ndarray, float]:
    """A page turned to run its lines across, levelled, and the degrees it was turned by: the box of a
    skewed line holds pieces of the lines above and below it, which neither way up reads surely."""
    skew = estimate_skew(_ink(small), MAX_SKEW)
    return (rotate_degrees(small, skew), skew) if abs(skew) >= MIN_LEVELLED_SKEW else (small, 0.0)


def _crop(image: np.ndarray, box: Box) -> np.ndarray:
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    return image[max(0, y0) : y1, max(0, x0) : x1]
