"""Which way up a page is: text-line shape decides 0/180 against 90/270; the recogniser decides the rest,
reading sample lines both ways up (it is far surer of upright text; PP-OCR's small line-orientation model
was not reliable enough on noisy 150-dpi scans)."""

from __future__ import annotations

import cv2
import numpy as np

from nianbao.ocr.base import OcrEngine
from nianbao.preprocess.geometry import apply_rotation

SAMPLE_LINES = 8
MAX_LINE_RATIO = 8  # read only the first few characters of a long line: enough to tell, much cheaper
SURELY_UPRIGHT = 0.85  # upright text reads at 0.9+, text turned over at under 0.5 (measured on the labeled set)


def detect_rotation(gray: np.ndarray, engine: OcrEngine) -> int:
    """Clockwise degrees (0, 90, 180, 270) that make the page upright."""
    scale = min(1.0, 1280 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    boxes = engine.detect(small)
    if not boxes:
        return 0
    wide = sum(1 for x0, y0, x1, y1 in boxes if (x1 - x0) > 1.5 * (y1 - y0))
    tall = sum(1 for x0, y0, x1, y1 in boxes if (y1 - y0) > 1.5 * (x1 - x0))
    base = 90 if tall > wide else 0
    lines = sorted(boxes, key=lambda b: max(b[2] - b[0], b[3] - b[1]), reverse=True)[:SAMPLE_LINES]
    crops = [apply_rotation(_crop(small, box), base) for box in lines]
    crops = [c[:, : MAX_LINE_RATIO * c.shape[0]] for c in crops if c.size and c.shape[0] >= 4]
    if not crops:
        return base
    upright = np.mean([conf for _, conf in engine.recognize(crops)])
    if upright >= SURELY_UPRIGHT:
        return base
    turned = np.mean([conf for _, conf in engine.recognize([np.ascontiguousarray(c[::-1, ::-1]) for c in crops])])
    return base + 180 if turned > upright else base


def _crop(image: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    return image[max(0, y0) : y1, max(0, x0) : x1]
