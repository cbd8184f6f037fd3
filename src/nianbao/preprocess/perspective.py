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
    quad = _four_sides(cv2.convexHull(largest).astype(np.float32))
    if quad is None:
        return None
    quad = quad.round().astype(np.int32).reshape(-1, 1, 2)
    if cv2.contourArea(quad) / (small.shape[0] * small.shape[1]) > MAX_AREA:
        return None  # the sheet's edges meet at the image's corners: a scan with a darker corner
    inside = np.zeros_like(small)
    cv2.fillPoly(inside, [quad], 255)
    if small[inside == 0].mean() > small[inside > 0].mean() - 40:
        return None  # no dark surroundings: a scan with a white margin, nothing to flatten
    return order_corners(quad.reshape(4, 2).astype(np.float32) / scale)


def _four_sides(hull: np.ndarray) -> np.ndarray | None:
    """The corners of the four longest sides of a convex outline, extended to meet: a corner of the sheet
    cut off by shadow (a darker corner of the photo) leaves a short side, which is dropped, so the corner
    is placed where the sheet's own edges meet, not at one end of the cut."""
    polygon = cv2.approxPolyDP(hull, 0.01 * cv2.arcLength(hull, True), True)
    points = list(polygon.reshape(-1, 2).astype(np.float64))
    while len(points) > 4:
        lengths = [np.linalg.norm(points[(i + 1) % len(points)] - points[i]) for i in range(len(points))]
        shortest = int(np.argmin(lengths))  # the side from points[shortest] to points[shortest + 1]
        n = len(points)
        corner = _meeting_point(
            points[shortest - 1], points[shortest], points[(shortest + 1) % n], points[(shortest + 2) % n]
        )
        if corner is None:
            return None
        points[shortest] = corner
        del points[(shortest + 1) % n]
    return np.array(points, np.float32) if len(points) == 4 else None


def _meeting_point(a0: np.ndarray, a1: np.ndarray, b0: np.ndarray, b1: np.ndarray) -> np.ndarray | None:
    """Where the line through a0, a1 meets the line through b0, b1 (None for parallel lines)."""
    da, db = a1 - a0, b1 - b0
    cross = da[0] * db[1] - da[1] * db[0]
    if abs(cross) < 1e-9:
        return None
    t = ((b0[0] - a0[0]) * db[1] - (b0[1] - a0[1]) * db[0]) / cross
    return a0 + t * da


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
