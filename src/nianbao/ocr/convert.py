"""Pure conversions around PaddleOCR's models: batching crops in, decoding outputs out.

Nothing here calls an engine, so every function is testable without a model.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

REC_HEIGHT = 48
REC_MIN_WIDTH = 96  # narrow crops (most cells hold one short number) need no wide padding: 4x faster
REC_STANDARD_WIDTH = 320  # PaddleOCR's own input width: slower, steadier on a lone faint digit
CLS_WIDTH = 192  # PP-OCR's line-orientation classifier reads a line's first 192 x 48 pixels
BLANK = 0

Box = tuple[float, float, float, float]


def to_bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    return image


def rec_batch(crops: Sequence[np.ndarray], min_width: int = REC_MIN_WIDTH) -> np.ndarray:
    """Normalise crops into one NCHW float batch, each resized to height 48 and right-padded."""
    max_ratio = max(min_width / REC_HEIGHT, *(c.shape[1] / max(c.shape[0], 1) for c in crops))
    return _padded_batch(crops, REC_HEIGHT, int(math.ceil(REC_HEIGHT * max_ratio)))


def cls_batch(crops: Sequence[np.ndarray]) -> np.ndarray:
    """The line-orientation classifier's input: height 48, at most 192 wide, right-padded."""
    return _padded_batch(crops, REC_HEIGHT, CLS_WIDTH)


def _padded_batch(crops: Sequence[np.ndarray], height: int, width: int) -> np.ndarray:
    """Resize each crop to ``height`` (ratio kept, at most ``width``), scale to [-1, 1], right-pad."""
    batch = np.zeros((len(crops), 3, height, width), dtype=np.float32)
    for index, crop in enumerate(crops):
        h, w = crop.shape[:2]
        resized_w = min(width, max(1, int(math.ceil(height * w / max(h, 1)))))
        resized = cv2.resize(to_bgr(crop), (resized_w, height)).astype(np.float32)
        batch[index, :, :, :resized_w] = (resized.transpose(2, 0, 1) / 255.0 - 0.5) / 0.5
    return batch


def ctc_decode(probs: np.ndarray, charset: Sequence[str]) -> list[tuple[str, float]]:
    """Greedy CTC decoding of (N, T, C) probabilities; confidence is the mean kept-step probability."""
    best = probs.argmax(axis=2)
    return _greedy(best, np.take_along_axis(probs, best[..., None], axis=2)[..., 0], charset)


def ctc_decode_characters(probs: np.ndarray, charset: Sequence[str]) -> list[tuple[str, tuple[float, ...]]]:
    """Greedy CTC decoding, with each character's probability (its kept step's) beside the text: one
    digit in doubt makes a date doubtful, however sure the rest of its line is."""
    best = probs.argmax(axis=2)
    best_p = np.take_along_axis(probs, best[..., None], axis=2)[..., 0]
    results = []
    for indices, scores in zip(best, best_p):
        keep = indices != BLANK
        keep[1:] &= indices[1:] != indices[:-1]
        results.append(("".join(charset[i] for i in indices[keep]), tuple(float(p) for p in scores[keep])))
    return results


def _greedy(best: np.ndarray, best_p: np.ndarray, charset: Sequence[str]) -> list[tuple[str, float]]:
    results = []
    for indices, scores in zip(best, best_p):
        keep = indices != BLANK
        keep[1:] &= indices[1:] != indices[:-1]
        chars = [charset[i] for i in indices[keep]]
        conf = float(scores[keep].mean()) if keep.any() else 0.0
        results.append(("".join(chars), conf))
    return results


def rec_charset(characters: Sequence[str]) -> list[str]:
    """PaddleOCR's class list: CTC blank, the dictionary, then the space character."""
    return ["blank", *characters, " "]


def det_input(image: np.ndarray, limit_side: int = 960) -> tuple[np.ndarray, float, float]:
    """Resize so the longer side is at most ``limit_side`` and both sides are multiples of 32."""
    h, w = image.shape[:2]
    scale = min(1.0, limit_side / max(h, w))
    new_h = max(32, int(round(h * scale / 32)) * 32)
    new_w = max(32, int(round(w * scale / 32)) * 32)
    resized = cv2.resize(to_bgr(image), (new_w, new_h)).astype(np.float32)
    blob = ((resized / 255.0 - 0.5) / 0.5).transpose(2, 0, 1)[None]
    return blob.astype(np.float32), h / new_h, w / new_w


def det_boxes(
    prob_map: np.ndarray,
    scale_y: float,
    scale_x: float,
    thresh: float = 0.3,
    box_thresh: float = 0.5,
    unclip: float = 1.6,
) -> list[Box]:
    """DB post-processing to axis-aligned boxes (x0, y0, x1, y1) in the original image's pixels."""
    mask = (prob_map > thresh).astype(np.uint8)
    mask = cv2.dilate(mask, np.ones((2, 2), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    boxes = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if min(w, h) < 3:
            continue
        region = prob_map[y : y + h, x : x + w][mask[y : y + h, x : x + w] > 0]
        if region.size == 0 or float(region.mean()) < box_thresh:
            continue
        offset = (w * h) * unclip / (2 * (w + h))
        x0, y0 = max(0.0, x - offset), max(0.0, y - offset)
        x1, y1 = x + w + offset, y + h + offset
        boxes.append((x0 * scale_x, y0 * scale_y, x1 * scale_x, y1 * scale_y))
    boxes.sort(key=lambda b: (round(b[1] / 10), b[0]))
    return boxes


# What a value cell can hold: a number (sign, decimal point, thousands comma), a dash or slash for
# "none", 无, and the money units. Everything else the recogniser can say is foreign to a value cell.
VALUE_ALPHABET = "0123456789+-.,/—–一万元无"
# Glyphs that are the same mark as a value character. Letters that merely look like a digit are not:
# "I", "l" and "|" are what a dash or a stroke of noise reads as, never evidence of a 1.
VALUE_LOOKALIKES = {"0": "oO〇", ".": "．·", ",": "，", "/": "／", "-": "－−", "—": "―"}
TEXT_SURE = 0.5  # a foreign character read at least this surely: the line is text, not a value
# A value with a character read less surely than WEAK_STEP is no surer than WEAK_STEP_CAP, below both
# second-look thresholds (ocr.restore): the mean of a long number's steps hides one weak digit. The two
# wrong numbers kept at 0.95 or more on 26 unseen hard and fax sets: a 3 read as 8 in "273" (0.958, its
# 8 at 0.875) and a 5 read as 3 in "2557" (0.962, its 3 at 0.848); of 11,600 right values kept, 13
# numbers of two or more characters had a step below it.
WEAK_STEP, WEAK_STEP_CAP = 0.9, 0.89


@dataclass(frozen=True)
class ValueClasses:
    """How the recogniser's classes fold into a value cell's alphabet: ``sources[k]`` are the class
    indices read as ``targets[k]``; target 0 is the CTC blank."""

    targets: tuple[str, ...]
    sources: tuple[tuple[int, ...], ...]
    foreign: np.ndarray  # bool per recogniser class: outside the alphabet, and not the blank

    @property
    def columns(self) -> np.ndarray:
        return np.array([i for group in self.sources for i in group], dtype=np.intp)

    @property
    def group_starts(self) -> np.ndarray:
        return np.cumsum([0, *(len(group) for group in self.sources[:-1])]).astype(np.intp)


def value_classes(charset: Sequence[str], alphabet: str = VALUE_ALPHABET) -> ValueClasses:
    """Fold ``charset`` (from ``rec_charset``) into ``alphabet``, full-width forms and lookalikes included."""
    position = {char: index for index, char in enumerate(charset) if index != BLANK}
    by_nfkc: dict[str, set[str]] = {}
    for char in position:
        by_nfkc.setdefault(unicodedata.normalize("NFKC", char), set()).add(char)
    spaces = tuple(position[c] for c in (" ", "\u3000") if c in position)  # nothing, inside a value
    targets, sources = ["blank"], [(BLANK, *spaces)]
    for char in alphabet:
        variants = {char, *VALUE_LOOKALIKES.get(char, ""), *by_nfkc.get(char, set())}
        found = tuple(sorted(position[v] for v in variants if v in position))
        if found:
            targets.append(char)
            sources.append(found)
    foreign = np.ones(len(charset), dtype=bool)
    foreign[[i for group in sources for i in group]] = False
    return ValueClasses(tuple(targets), tuple(sources), foreign)


def ctc_decode_values(probs: np.ndarray, charset: Sequence[str], classes: ValueClasses) -> list[tuple[str, float]]:
    """Greedy CTC decoding of (N, T, C) probabilities for value cells: decoded twice, and picked.

    A line where the free reading holds a foreign character read surely (a label, a note, a speck read
    as a character) keeps the free reading, which then parses as no number. Otherwise the argmax is
    taken within the value alphabet, and the confidence is the lower of the mean kept-step probability
    and, at every step, one minus the probability mass outside the alphabet: a letter or a character
    competing for a step always leaves its doubt in the confidence. A weak step caps it (WEAK_STEP).
    """
    free_best = probs.argmax(axis=2)
    free_p = np.take_along_axis(probs, free_best[..., None], axis=2)[..., 0]
    free = _greedy(free_best, free_p, charset)
    folded = np.add.reduceat(probs[:, :, classes.columns], classes.group_starts, axis=2)
    outside = np.clip(1.0 - folded.sum(axis=2), 0.0, 1.0)
    sure_text = (classes.foreign[free_best] & (free_p >= TEXT_SURE)).any(axis=1)
    best, best_p = folded.argmax(axis=2), folded.max(axis=2)
    results = []
    for n, (indices, scores) in enumerate(zip(best, best_p)):
        if sure_text[n]:
            results.append(free[n])
            continue
        keep = indices != 0
        keep[1:] &= indices[1:] != indices[:-1]
        text = "".join(classes.targets[i] for i in indices[keep])
        mean_kept = float(scores[keep].mean()) if keep.any() else 1.0
        conf = min(mean_kept, 1.0 - float(outside[n].max()))
        if keep.any() and float(scores[keep].min()) < WEAK_STEP:
            conf = min(conf, WEAK_STEP_CAP)
        results.append((text, conf if text else 0.0))
    return results
