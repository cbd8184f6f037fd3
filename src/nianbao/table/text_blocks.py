"""The page's ink as blocks of text: what the text of a table whose rules are lost lines up by. Pure.

The ink is closed so that the characters of a cell touch and the cells of a row do not. Specks (salt and
pepper, a fax's dust), pieces of broken rules and marks of no text's size are left out; blocks of two
characters or more are marked as words (a table has labels and headers), and lines in a larger print than
the page's words as headings (one ends a table).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from nianbao.table.positions import chained

Box = tuple[int, int, int, int]

NOMINAL_HEIGHT = 0.12  # inches: a character of a table's small print (9-12 pt), before it is measured
CHARACTER_GAP = 1.0  # text heights: characters of one cell are closer than this (closed together)
RULE_PIECE = 2.0  # text heights: a straight stroke this long is part of a rule, not of a character
# Noise: pieces of ink smaller than SPECK_AREA of a text height squared are specks, and a block less
# inked than MIN_DENSITY is specks closed together, not text (text blocks 0.17 and more, measured on fax
# and hard pages; blocks of specks mostly below 0.1).
SPECK_AREA = 0.04
# A dashed rule: hairlines (HAIRLINE inches wide at most) one under another, DASHES of them at least over
# DASHED_RUN text heights, none more than DASH_GAP text heights from the next.
HAIRLINE, DASHES, DASHED_RUN, DASH_GAP = 0.015, 4, 4.0, 3.0
MIN_DENSITY = 0.12
# In text heights: blocks lower than SPECK are specks (what is left of the rules), taller than TALL no
# line of text (a seal, a figure), narrower than SLIVER a 1 or a piece of a dashed rule, kept only when
# as tall as a digit (DIGIT).
SPECK, TALL, SLIVER, DIGIT = 0.45, 2.5, 0.25, 0.6
# A word: WORD_WIDTH and WORD_HEIGHT text heights at least, WORD_DENSITY inked.
WORD_WIDTH, WORD_HEIGHT, WORD_DENSITY = 1.5, 0.7, 0.2
# A heading: a word HEADING times as tall as the page's words, its characters LARGER_PRINT times as tall
# (two lines of the usual print closed together are as tall, but their characters are not).
HEADING, LARGER_PRINT = 1.4, 1.15
# A table may be printed smaller than the page's prose: where SMALLER_WORDS blocks at most SMALLER times
# as tall as its usual text are twice as wide as tall (words of two characters or more), they are looked
# at on their own.
SMALLER, SMALLER_WORDS = 0.75, 5


@dataclass(frozen=True)
class TextBlocks:
    """A page's blocks of text (page pixels), the usual height of its text, and which blocks are words and
    headings."""

    boxes: list[Box]
    text_height: float
    page_size: tuple[int, int]  # width, height: no cell reaches past the page
    words: frozenset[Box] = frozenset()  # blocks of two characters or more, well inked: a label, a header
    headings: frozenset[Box] = frozenset()  # lines of characters in a larger print than the page's usual


def rule_remains(ink: np.ndarray, dpi: float) -> np.ndarray:
    """Straight strokes longer than any stroke of a character (RULE_PIECE text heights), and the dashes of
    a column's rule: what is left of broken rules, 255 where they are. Kept out of the text blocks, and out
    of the cells' readings (a dash of a rule beside a 5 is read as its 1)."""
    length = int(round(RULE_PIECE * NOMINAL_HEIGHT * dpi))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    return cv2.dilate(horizontal | vertical | _dashed_columns(ink, dpi), np.ones((3, 3), np.uint8))


def _dashed_columns(ink: np.ndarray, dpi: float) -> np.ndarray:
    """Hairline dashes one under another on one line (DASHES of them, DASHED_RUN text heights long, no gap
    of more than DASH_GAP): a column's rule broken into dashes. A 1 is no hairline: its foot or flag
    widens it."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    nominal = NOMINAL_HEIGHT * dpi
    widths, heights = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    hairline = max(2, int(round(HAIRLINE * dpi)))
    dashes = [i for i in range(1, count) if widths[i] <= hairline and heights[i] >= max(4, 2 * widths[i] + 1)]
    keep = np.zeros(count, bool)
    for line in chained(dashes, lambda i: float(stats[i, 0] + widths[i] / 2), hairline):
        for run in _runs_down(sorted(line, key=lambda i: stats[i, 1]), stats, DASH_GAP * nominal):
            top, bottom = stats[run[0], 1], max(stats[i, 1] + heights[i] for i in run)
            if len(run) >= DASHES and bottom - top >= DASHED_RUN * nominal:
                keep[run] = True
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _runs_down(line: list[int], stats: np.ndarray, max_gap: float) -> list[list[int]]:
    """The dashes of one line (top to bottom) in runs with no gap longer than ``max_gap``."""
    runs = [[line[0]]]
    for i in line[1:]:
        last = runs[-1][-1]
        if stats[i, 1] - (stats[last, 1] + stats[last, cv2.CC_STAT_HEIGHT]) <= max_gap:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def text_blocks(
    ink: np.ndarray, dpi: float, remains: np.ndarray | None = None, text_height: float | None = None
) -> TextBlocks:
    """The page's blocks of text (255 = ink in ``ink``; ``remains``: rule remains to leave out), specks
    and tall marks left out; their sizes are told against ``text_height``, or the page's usual height."""
    nominal = NOMINAL_HEIGHT * dpi
    if remains is not None:
        ink = cv2.bitwise_and(ink, cv2.bitwise_not(remains))
    ink = _without_specks(ink, int(SPECK_AREA * nominal * nominal))
    gap = max(3, int(round(CHARACTER_GAP * nominal)))
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 3)))
    _, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    widths, heights = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    height = text_height or _character_height(widths, heights, dpi)
    kept = (heights >= SPECK * height) & (heights <= TALL * height)
    kept &= (widths >= SLIVER * height) | (heights >= DIGIT * height)
    density = _density(ink, stats[1:, :4])
    kept &= density >= MIN_DENSITY
    wordy = kept & (widths >= WORD_WIDTH * height) & (heights >= WORD_HEIGHT * height) & (density >= WORD_DENSITY)
    every = [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h in stats[1:, :4]]
    boxes = [box for box, keep in zip(every, kept, strict=True) if keep]
    words = frozenset(box for box, word in zip(every, wordy, strict=True) if word)
    word_height = float(np.median([b[3] - b[1] for b in words])) if words else height
    tall = [b for b in words if b[3] - b[1] > HEADING * word_height]
    headings = frozenset(b for b in tall if _larger_print(ink[b[1] : b[3], b[0] : b[2]], word_height))
    return TextBlocks(boxes, height, (ink.shape[1], ink.shape[0]), words, headings)


def in_smaller_print(ink: np.ndarray, dpi: float, remains: np.ndarray | None, blocks: TextBlocks) -> TextBlocks | None:
    """The page's blocks in a print smaller than its usual text, told against their own height: a table
    in 10.5 pt under a report's 16 pt prose. None where fewer than SMALLER_WORDS words are so small."""
    small_words = [
        b for b in blocks.boxes if b[3] - b[1] <= SMALLER * blocks.text_height and b[2] - b[0] >= 2 * (b[3] - b[1])
    ]
    if len(small_words) < SMALLER_WORDS:
        return None
    height = float(np.median([b[3] - b[1] for b in small_words]))
    found = text_blocks(ink, dpi, remains, height)
    below = (height + blocks.text_height) / 2  # lines of the usual print left out
    boxes = [b for b in found.boxes if b[3] - b[1] < below]
    kept = frozenset(boxes)
    return TextBlocks(boxes, height, found.page_size, found.words & kept, found.headings & kept)


def blocks_outside(blocks: TextBlocks, boxes: Sequence[tuple[float, float, float, float]]) -> TextBlocks:
    """The blocks whose middle lies outside every one of ``boxes`` (the page's ruled tables): the text
    beside them. Found on the whole page, a heading whose foot a table's box reaches into keeps its
    height, and so is told as a heading."""
    kept = [b for b in blocks.boxes if not any(middle_inside(b, box) for box in boxes)]
    keep = frozenset(kept)
    return replace(blocks, boxes=kept, words=blocks.words & keep, headings=blocks.headings & keep)


def holds_any(block: Box, boxes: Iterable[Box]) -> bool:
    """Whether ``block`` holds any of ``boxes`` whole (a word of its line, a heading's piece)."""
    return any(block[0] <= b[0] and block[1] <= b[1] and b[2] <= block[2] and b[3] <= block[3] for b in boxes)


def middle_inside(block: Box, box: tuple[float, float, float, float]) -> bool:
    """Whether a block's middle lies within ``box`` (page pixels)."""
    middle_x, middle_y = (block[0] + block[2]) / 2, (block[1] + block[3]) / 2
    return box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3]


def _larger_print(block: np.ndarray, word_height: float) -> bool:
    """Whether a tall block of text is one line of larger characters (a heading) rather than two lines
    of the usual size closed together: its characters' pieces of ink are taller."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(block, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    pieces = heights[heights >= word_height / 2]
    return bool(len(pieces)) and float(np.median(pieces)) > LARGER_PRINT * word_height


def _character_height(widths: np.ndarray, heights: np.ndarray, dpi: float) -> float:
    """The usual height of the page's text: the median height of its blocks of about a line's height
    (slivers aside: a dashed rule's pieces are many)."""
    nominal = NOMINAL_HEIGHT * dpi
    usual = heights[(heights >= dpi * 0.06) & (heights <= dpi * 0.25) & (widths >= SLIVER * nominal)]
    return float(np.median(usual)) if len(usual) else nominal


def _without_specks(ink: np.ndarray, min_area: int) -> np.ndarray:
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= min_area
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _density(ink: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """The share of each box (x, y, w, h rows) that is ink."""
    total = cv2.integral((ink > 0).astype(np.uint8))
    x0, y0 = boxes[:, 0], boxes[:, 1]
    x1, y1 = x0 + boxes[:, 2], y0 + boxes[:, 3]
    inked = total[y1, x1] - total[y0, x1] - total[y1, x0] + total[y0, x0]
    return inked / np.maximum(1, boxes[:, 2] * boxes[:, 3])
