"""Ruling lines: masks of the long horizontal and vertical strokes of a page, and the tables they form."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from nianbao.config import TableConfig


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


def table_regions(masks: RuleMasks, config: TableConfig) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x0, y0, x1, y1) of connected rule networks wide enough to be tables, top to bottom."""
    joined = cv2.dilate(masks.horizontal | masks.vertical, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    page_width = masks.horizontal.shape[1]
    regions = []
    for index in range(1, count):
        x, y, w, h, _ = stats[index]
        if w < page_width * config.min_table_width_fraction or h < 20:
            continue
        region_h = masks.horizontal[y : y + h, x : x + w]
        if _count_rules(region_h, axis=1) < config.min_rows + 1:
            continue
        regions.append((int(x), int(y), int(x + w), int(y + h)))
    return sorted(regions, key=lambda r: r[1])


def _count_rules(mask: np.ndarray, axis: int) -> int:
    profile = (mask > 0).sum(axis=axis) > 0
    return int(np.count_nonzero(profile[1:] & ~profile[:-1]) + int(profile[0]))
