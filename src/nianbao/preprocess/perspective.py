"""A photographed page: find the sheet of paper against its darker surroundings and flatten it."""

from __future__ import annotations

import logging

import cv2
import numpy as np

log = logging.getLogger(__name__)

MIN_AREA, MAX_AREA = 0.35, 0.97  # of the image: smaller is not the page, larger is a scan, not a photo
# A sheet seen at a slant: its opposite sides at least MIN_SIDE_RATIO as long as each other, its corners
# within MAX_CORNER_TURN degrees of square and at most OUTSIDE_IMAGE of the image's size beyond its edge.
# Photographed pages measured 0.93, 3.6 degrees and 0 at worst. A bright region that is no sheet (light
# falling on part of the page, its lower left in shadow) gave 0.63, 30 degrees and 0.065: flattened, the
# page was so warped that none of its table was found.
MIN_SIDE_RATIO, MAX_CORNER_TURN, OUTSIDE_IMAGE = 0.7, 25.0, 0.02
# Where the bright region is not so shaped, part of the sheet lies in a shadow darker than Otsu's cut:
# the cut is lowered to these shares of it in turn (the page above: 0.9 found its corners within a few
# pixels), and the page is left unflattened where none gives a sheet.
SHADOW_STEPS = (1.0, 0.9, 0.8)
# A sheet's side lies on its edge: EDGE_OFFSET pixels (of the 800-pixel image) outside it the background
# is darker by EDGE_CONTRAST grey levels than as far inside, along EDGE_SHARE of it at least. Unevenly lit
# (photo 10812_001, its top right corner the dimmest of the sheet), Otsu's cut fell on the sheet's own
# grey: the region found left that corner out, and the side placed across the sheet 80 pixels below its
# top was borne out along 0.04 of it; flattened so, the table leaned, and 25 fields were lost. The sides of
# every sheet found on the photographed pages of the sets, samples and labeled set were borne out along
# all of them.
EDGE_OFFSET, EDGE_CONTRAST, EDGE_SHARE = 5, 20, 0.8


def find_page_quad(gray: np.ndarray) -> np.ndarray | None:
    """The four corners (top-left, top-right, bottom-right, bottom-left) of a bright sheet on a dark
    background, or None when the image is already just the page."""
    scale = 800 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    blurred = cv2.GaussianBlur(small, (7, 7), 0)
    found = _sheet_outline(blurred)
    if found is None:
        return None
    quad = found.round().astype(np.int32).reshape(-1, 1, 2)
    if cv2.contourArea(quad) / (small.shape[0] * small.shape[1]) > MAX_AREA:
        return None  # the sheet's edges meet at the image's corners: a scan with a darker corner
    inside = np.zeros_like(small)
    cv2.fillPoly(inside, [quad], 255)
    if small[inside == 0].mean() > small[inside > 0].mean() - 40:
        return None  # no dark surroundings: a scan with a white margin, nothing to flatten
    return order_corners(quad.reshape(4, 2).astype(np.float32) / scale)


def _sheet_outline(blurred: np.ndarray) -> np.ndarray | None:
    """The corners of the bright region at Otsu's cut, lowered by SHADOW_STEPS in turn, that has a sheet's
    shape (``plausible_sheet``) and whose sides lie on its edges (``_sides_on_edges``); where none does so,
    the first with a sheet's shape; None where none has one."""
    otsu, _ = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    first = None
    for step in SHADOW_STEPS:
        found = _bright_quad(blurred, otsu * step)
        if found is None:
            break
        corners = order_corners(found)
        if not plausible_sheet(corners, blurred.shape):
            continue
        if _sides_on_edges(blurred, corners):
            return found
        first = found if first is None else first
    else:
        if first is None:
            log.info("the bright region found is not the shape of a sheet: the page is left unflattened")
    if first is not None:
        log.info("no sheet found whose sides lie on its edges: the first of a sheet's shape is flattened")
    return first


def _sides_on_edges(blurred: np.ndarray, corners: np.ndarray) -> bool:
    """Whether along each side of ``corners`` (in order around the sheet) the image is darker just
    outside than inside (EDGE_OFFSET, EDGE_CONTRAST) at EDGE_SHARE of the points sampled at least; points
    whose outside lies off the image (the sheet runs off it there) are not counted."""
    height, width = blurred.shape[:2]
    centre = corners.mean(axis=0)
    for start, end in zip(corners, np.roll(corners, -1, axis=0), strict=True):
        along = end - start
        outward = np.array([along[1], -along[0]]) / max(float(np.linalg.norm(along)), 1e-9)
        if np.dot((start + end) / 2 - centre, outward) < 0:
            outward = -outward
        points = start + np.linspace(0.1, 0.9, 24)[:, None] * along
        outside = np.round(points + EDGE_OFFSET * outward).astype(int)
        inside = np.round(points - EDGE_OFFSET * outward).astype(int)
        seen = (outside[:, 0] >= 0) & (outside[:, 0] < width) & (outside[:, 1] >= 0) & (outside[:, 1] < height)
        if not seen.any():
            continue
        inside = np.clip(inside[seen], 0, [width - 1, height - 1])
        contrast = blurred[inside[:, 1], inside[:, 0]].astype(int) - blurred[outside[seen][:, 1], outside[seen][:, 0]]
        if np.mean(contrast >= EDGE_CONTRAST) < EDGE_SHARE:
            return False
    return True


def _bright_quad(blurred: np.ndarray, threshold: float) -> np.ndarray | None:
    """The four sides (``_four_sides``) of the largest region brighter than ``threshold``; None where it is
    smaller than MIN_AREA or larger than MAX_AREA of the image."""
    paper = ((blurred > threshold) * 255).astype(np.uint8)
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    if not MIN_AREA <= cv2.contourArea(largest) / blurred.size <= MAX_AREA:
        return None
    return _four_sides(cv2.convexHull(largest).astype(np.float32))


def plausible_sheet(corners: np.ndarray, shape: tuple[int, ...]) -> bool:
    """Whether ``corners`` (top-left, top-right, bottom-right, bottom-left) could be a sheet seen at a slant
    in an image of ``shape`` (MIN_SIDE_RATIO, MAX_CORNER_TURN, OUTSIDE_IMAGE)."""
    height, width = shape[:2]
    xs, ys = corners[:, 0], corners[:, 1]
    slack_x, slack_y = OUTSIDE_IMAGE * width, OUTSIDE_IMAGE * height
    if xs.min() < -slack_x or xs.max() > width + slack_x or ys.min() < -slack_y or ys.max() > height + slack_y:
        return False
    sides = [float(np.linalg.norm(corners[(i + 1) % 4] - corners[i])) for i in range(4)]
    if min(sides) <= 0 or min(sides[0], sides[2]) < MIN_SIDE_RATIO * max(sides[0], sides[2]):
        return False
    if min(sides[1], sides[3]) < MIN_SIDE_RATIO * max(sides[1], sides[3]):
        return False
    for i in range(4):
        before, after = corners[i - 1] - corners[i], corners[(i + 1) % 4] - corners[i]
        cosine = float(np.dot(before, after)) / (np.linalg.norm(before) * np.linalg.norm(after))
        if abs(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))) - 90.0) > MAX_CORNER_TURN:
            return False
    return True


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
