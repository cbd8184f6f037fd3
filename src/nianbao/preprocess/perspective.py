"""A photographed page: find the sheet of paper against its darker surroundings and flatten it."""

from __future__ import annotations

import cv2
import numpy as np

MIN_AREA, MAX_AREA = 0.35, 0.97  # of the image: smaller is not the page, larger is a scan, not a photo


def find_page_quad(gray: np.ndarray) -> np.ndarray | None:
    """The four corners (top-left, top-right, bottom-right, bottom-left) of a bright sheet on a dark
    background, or None when the image is already just the page."""
    scale = 800 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    blurred = cv2.GaussianBlur(small, (7, 7), 0)
    _, paper = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(largest) / (small.shape[0] * small.shape[1])
    if not MIN_AREA <= area <= MAX_AREA:
        return None
    quad = cv2.approxPolyDP(largest, 0.02 * cv2.arcLength(largest, True), True)
    if len(quad) != 4:
        return None
    inside = np.zeros_like(small)
    cv2.fillPoly(inside, [quad], 255)
    if small[inside == 0].mean() > small[inside > 0].mean() - 40:
        return None  # no dark surroundings: a scan with a white margin, nothing to flatten
    return order_corners(quad.reshape(4, 2).astype(np.float32) / scale)


def order_corners(points: np.ndarray) -> np.ndarray:
    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array(
        [points[sums.argmin()], points[diffs.argmin()], points[sums.argmax()], points[diffs.argmax()]], np.float32
    )


def flatten_page(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Warp the quadrilateral to an upright rectangle of the sheet's own size."""
    top, right, bottom, left = (np.linalg.norm(quad[i] - quad[j]) for i, j in ((0, 1), (1, 2), (2, 3), (3, 0)))
    width, height = int(max(top, bottom)), int(max(left, right))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    return cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)
