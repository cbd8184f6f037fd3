"""Pure image operations: grey levels, ink masks, skew estimation and rotation."""

from __future__ import annotations

import cv2
import numpy as np


def to_gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def without_colour_marks(image: np.ndarray) -> np.ndarray:
    """Grey levels with saturated colour (red seals, blue stamps) washed out to the background.

    Black and grey print is dark in every channel; a red seal is bright in red, so the per-pixel
    maximum over channels keeps the print and drops the seal.
    """
    if image.ndim == 2:
        return image
    blue, green, red = cv2.split(image)[:3]
    return cv2.max(cv2.max(blue, green), red)  # numpy's max over the channel axis takes 4x as long


# A page is black and white where no more than this share of its pixels is a grey between the two.
BILEVEL_GREY_SHARE = 0.005
# A character is no taller or wider than this (inches): ink the median took that belonged to one is given back.
CHARACTER_SIZE = 0.15


def ink_mask(gray: np.ndarray, dpi: float, denoise: bool = True, bilevel: bool = False) -> np.ndarray:
    """Binary mask (255 = ink) robust to grey backgrounds, shaded cells and faint rules. Noise is taken
    out by a median; on a black-and-white scan (``bilevel``) the median also takes strokes one pixel wide
    (the stem of a 1: a 12 read as 2), so a piece of ink no larger than a character that the median left
    some of is kept whole (a thin line the median took entirely, a fold's dashed crease, stays out)."""
    block = int(dpi / 6) | 1  # about 4 mm: wider than a stroke, narrower than a shaded row
    source = cv2.medianBlur(gray, 3) if denoise else gray
    mask = cv2.adaptiveThreshold(source, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12)
    if not (denoise and bilevel):
        return mask
    raw = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12)
    return _characters_touching(raw, mask, CHARACTER_SIZE * dpi)


def _characters_touching(raw: np.ndarray, kept: np.ndarray, size: float) -> np.ndarray:
    """``kept`` with the pieces of ``raw`` no taller or wider than ``size`` pixels that share a pixel with
    it made whole."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(raw, connectivity=8)
    small = (stats[:, cv2.CC_STAT_WIDTH] <= size) & (stats[:, cv2.CC_STAT_HEIGHT] <= size)
    touching = np.bincount(labels[kept > 0], minlength=len(stats)) > 0
    whole = small & touching
    whole[0] = False
    taken = np.flatnonzero((raw > 0) & (kept == 0))  # only the pixels the median took need looking up
    out = kept.copy()
    out.flat[taken[whole[labels.flat[taken]]]] = 255
    return out


def is_bilevel(gray: np.ndarray) -> bool:
    """Whether a page as scanned is black and white (a G4 TIFF, a fax): all but BILEVEL_GREY_SHARE of its
    pixels pure black or pure white."""
    greys = np.count_nonzero((gray > 0) & (gray < 255))
    return bool(greys <= BILEVEL_GREY_SHARE * gray.size)


def _profile_score(xs: np.ndarray, ys: np.ndarray, center: tuple[float, float], angle: float) -> float:
    """How sharp the row profile of the ink points is once turned by ``angle`` degrees about ``center``:
    each point's row after the turn is computed directly, so no image is warped (skew is found in
    about a third of the time)."""
    radians = np.deg2rad(angle)
    cx, cy = center
    rows = np.rint(np.cos(radians) * (ys - cy) - np.sin(radians) * (xs - cx) + cy).astype(np.int64)
    counts = np.bincount(rows - rows.min()).astype(np.float64)
    return float(np.square(np.diff(counts, prepend=0.0, append=0.0)).sum())


def estimate_skew(mask: np.ndarray, max_degrees: float) -> float:
    """The angle (degrees, counter-clockwise positive as in OpenCV) that makes text rows and rules level.

    Searches the projection profile's sharpness, coarse then fine, on a reduced mask.
    """
    scale = min(1.0, 1000 / max(mask.shape))
    small = cv2.resize(mask, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ys, xs = np.nonzero(small > 64)
    if len(xs) < 50:
        return 0.0
    h, w = small.shape
    points = (xs.astype(np.float64), ys.astype(np.float64), (w / 2, h / 2))

    def score(angle: np.floating) -> float:
        return _profile_score(*points, float(angle))

    best = max(np.arange(-max_degrees, max_degrees + 1e-6, 0.5), key=score)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-6, 0.05)
    best = max(fine, key=score)
    return float(round(best, 2))


def rotate_degrees(image: np.ndarray, angle: float) -> np.ndarray:
    """Rotate about the centre by ``angle`` degrees (OpenCV sense), the corners it brings in filled with
    the page's own edge (its paper, as lit there): white corners on grey paper, or any one level on a
    page lit unevenly, meet it in long straight edges that are found as rules."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def apply_rotation(image: np.ndarray, clockwise: int) -> np.ndarray:
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(image, codes[clockwise]) if clockwise in codes else image
