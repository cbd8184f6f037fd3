"""Ruling lines: masks of the long horizontal and vertical strokes of a page, and of what damage left of them."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from nianbao.config import TableConfig

PIECE_LENGTH = 0.003  # of the page width (4 px on an A4 page at 200 dpi): the shortest piece of a broken rule counted


@dataclass(frozen=True)
class RuleMasks:
    horizontal: np.ndarray  # 255 where a horizontal rule is
    vertical: np.ndarray


def rule_masks(ink: np.ndarray, config: TableConfig) -> RuleMasks:
    """Keep only strokes longer than ``min_line_fraction`` of the page width (text strokes are shorter)."""
    length = max(25, int(ink.shape[1] * config.min_line_fraction * 2))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    # Bridge small breaks in faint or JPEG-damaged rules.
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 1)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 15)))
    return RuleMasks(horizontal, vertical)


def thin_pieces(ink: np.ndarray, box: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Within ``box`` (a table's region), the strokes at least PIECE_LENGTH long along each axis and
    thinner than that across it: what is left of a rule broken by damage (horizontal, vertical). Text has
    them too: they only count as a rule's remains along a line that long rules elsewhere in the table have
    placed. Worked out on the box widened by that length, so they are what the whole page would give."""
    length = max(3, int(ink.shape[1] * PIECE_LENGTH))
    x0, y0, x1, y1 = box
    left, top = max(0, x0 - length), max(0, y0 - length)
    area = ink[top : y1 + length, left : x1 + length]
    along_x = cv2.morphologyEx(area, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    along_y = cv2.morphologyEx(area, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    inside = np.s_[y0 - top : y1 - top, x0 - left : x1 - left]
    return (along_x & ~along_y)[inside], (along_y & ~along_x)[inside]
