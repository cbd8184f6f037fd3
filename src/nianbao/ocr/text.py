"""Read the printed lines of a page region (title, signature): detect, recognise, join into lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from nianbao.model import Word
from nianbao.ocr.base import OcrEngine

Box = tuple[float, float, float, float]
# Lines recognised per step when the caller can tell that it has read enough: a title or a closing
# signature with its date takes two or three lines, and most regions hold many more.
LINES_PER_STEP = 3


def group_lines(boxes: Sequence[Box]) -> list[list[int]]:
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


def read_region(
    engine: OcrEngine,
    gray: np.ndarray,
    region: tuple[int, int, int, int],
    enough: Callable[[list[Word]], bool] | None = None,
    from_bottom: bool = False,
) -> list[Word]:
    """One Word per printed line of ``region`` (x0, y0, x1, y1 in page pixels), top to bottom, with
    each character's probability.

    With ``enough``, lines are recognised a few at a time, from the top (or from the bottom with
    ``from_bottom``), until ``enough`` says of the lines read so far (top to bottom) that they suffice;
    the lines not read are left out."""
    x0, y0, x1, y1 = region
    crop = gray[y0:y1, x0:x1]
    if crop.size == 0:
        return []
    detected = engine.detect(crop)
    crops = [crop[int(b[1]) : int(np.ceil(b[3])), int(b[0]) : int(np.ceil(b[2]))] for b in detected]
    keep = [i for i, c in enumerate(crops) if c.shape[0] >= 6 and c.shape[1] >= 6]
    boxes = [detected[i] for i in keep]
    images = [crops[i] for i in keep]
    lines = group_lines(boxes)
    if from_bottom:
        lines.reverse()
    step = max(1, len(lines) if enough is None else LINES_PER_STEP)
    read: list[Word] = []
    for start in range(0, len(lines), step):
        chunk = lines[start : start + step]
        flat = [i for line in chunk for i in line]
        texts = dict(zip(flat, engine.recognize_characters([images[i] for i in flat])))
        for line in chunk:
            word = _line_word([boxes[i] for i in line], [texts[i] for i in line], (x0, y0))
            if word is not None:
                read.append(word)
        ordered = read[::-1] if from_bottom else read
        if enough is not None and enough(ordered):
            return ordered
    return read[::-1] if from_bottom else read


def _line_word(boxes: list[Box], reads: list[tuple[str, tuple[float, ...]]], origin: tuple[int, int]) -> Word | None:
    """The Word of one printed line (its boxes left to right), in page pixels; None when it reads empty.
    Its confidence is its least sure box's mean character probability."""
    joined = "".join(text for text, _ in reads)
    probabilities = [p for _, chars in reads for p in chars]
    text = joined.strip()
    if not text:
        return None
    start = len(joined) - len(joined.lstrip())
    chars = tuple(round(p, 4) for p in probabilities[start : start + len(text)])
    x0, y0 = origin
    bbox = (
        min(b[0] for b in boxes) + x0,
        min(b[1] for b in boxes) + y0,
        max(b[2] for b in boxes) + x0,
        max(b[3] for b in boxes) + y0,
    )
    confidence = min(sum(probs) / len(probs) if probs else 0.0 for _, probs in reads)
    return Word(text, bbox, round(confidence, 4), chars)
