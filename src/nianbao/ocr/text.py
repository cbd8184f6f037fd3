"""Read the printed lines of a page region (title, signature): detect, recognise, join into lines."""

from __future__ import annotations

import numpy as np

from nianbao.model import Word
from nianbao.ocr.base import OcrEngine


def group_lines(boxes: list[tuple[float, float, float, float]]) -> list[list[int]]:
    """Indices of boxes that sit on one printed line (vertical overlap), each line left to right."""
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i][1] + boxes[i][3]) / 2)
    lines: list[list[int]] = []
    for index in order:
        _, y0, _, y1 = boxes[index]
        if lines:
            last = boxes[lines[-1][0]]
            overlap = min(y1, last[3]) - max(y0, last[1])
            if overlap > 0.6 * min(y1 - y0, last[3] - last[1]):
                lines[-1].append(index)
                continue
        lines.append([index])
    return [sorted(line, key=lambda i: boxes[i][0]) for line in lines]


def read_region(engine: OcrEngine, gray: np.ndarray, region: tuple[int, int, int, int]) -> list[Word]:
    """One Word per printed line of ``region`` (x0, y0, x1, y1 in page pixels), top to bottom."""
    x0, y0, x1, y1 = region
    crop = gray[y0:y1, x0:x1]
    if crop.size == 0:
        return []
    boxes = engine.detect(crop)
    crops = [crop[int(b[1]) : int(np.ceil(b[3])), int(b[0]) : int(np.ceil(b[2]))] for b in boxes]
    keep = [i for i, c in enumerate(crops) if c.shape[0] >= 6 and c.shape[1] >= 6]
    boxes = [boxes[i] for i in keep]
    reads = engine.recognize([crops[i] for i in keep]) if keep else []
    words = []
    for line in group_lines(boxes):
        text = "".join(reads[i][0] for i in line).strip()
        if not text:
            continue
        bbox = (
            min(boxes[i][0] for i in line) + x0,
            min(boxes[i][1] for i in line) + y0,
            max(boxes[i][2] for i in line) + x0,
            max(boxes[i][3] for i in line) + y0,
        )
        words.append(Word(text, bbox, round(min(reads[i][1] for i in line), 4)))
    return words
