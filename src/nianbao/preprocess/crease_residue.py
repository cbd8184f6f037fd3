"""What a lifted crease leaves: faint strokes along it, painted out. Pure.

A crease is lifted by how much darker the paper under it is than beside it, told over half an inch of it
at a time (preprocess.creases); where it is darker for a stretch, or its core steps a pixel aside within
that half inch, a thin faint stroke stays along it. In a cell such a stroke reads as a 1 or a dash beside
the number (folded 9402_001: `12935` for 2935 under a crease down the page). A stroke
of the lifted page's ink that lies wholly in the band of a crease down the page and is far fainter than
the page's print (RESIDUE_SHARE) is such a remnant, and is painted the paper's level; print the crease
crosses reaches outside the band, and print as dark as the page's stays wherever it lies. A crease across
the page is left as it was lifted: it runs along a row's printed dashes, thin and as faint as its
remnants (folded 9501_001: a `-` on such a crease, joined to its remnants, was painted out with them;
8808_001's `01` and 8808_002's `—5`, remnants of creases across beside a 0 and above a 5, stay null).
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from nianbao.preprocess.creases import CreaseLine

# Of the page's print's darkness (its ink's median, against the paper around it): the remnants along the
# creases of four folded pages (9402_001, 8808_001, 8808_002, 9501_001) came to 0.10-0.47 of it.
RESIDUE_SHARE = 0.5
BAND_MARGIN = 1  # pixels either side of the crease's band: its core may step a pixel aside
PAPER_WINDOW = 9  # pixels: the paper around a stroke is the lightest level this close (a stroke is thinner)


def residue_mask(gray: np.ndarray, ink: np.ndarray, creases: Sequence[CreaseLine]) -> np.ndarray:
    """The pixels of ``ink`` (255 = ink) in faint strokes lying wholly in the band of a crease down the
    page (255)."""
    residue = np.zeros(ink.shape, np.uint8)
    down = [crease for crease in creases if crease.down]
    if not down or not ink.any():
        return residue
    paper = cv2.dilate(gray, np.ones((PAPER_WINDOW, PAPER_WINDOW), np.uint8)).astype(np.float32)
    darkness = np.clip(paper - gray.astype(np.float32), 0, None)
    faint = RESIDUE_SHARE * float(np.median(darkness[ink > 0]))
    for crease in down:
        bands, (left, right) = _band(ink.shape, crease)
        # the strip holds the band with a column to spare either side: a stroke running out of it is
        # cut there, where no band is, so it never lies wholly in the band
        strip = np.s_[:, left:right]
        count, labels = cv2.connectedComponents(ink[strip], connectivity=8)
        size = np.bincount(labels.ravel(), minlength=count)
        inside = np.bincount(labels.ravel(), weights=(bands > 0).ravel(), minlength=count)
        dark = np.bincount(labels.ravel(), weights=darkness[strip].ravel(), minlength=count) / np.maximum(size, 1)
        remnant = (inside == size) & (dark < faint)
        remnant[0] = False
        residue[strip] |= np.where(remnant[labels], 255, 0).astype(np.uint8)
    return residue


def without_residue(image: np.ndarray, residue: np.ndarray) -> np.ndarray:
    """``image`` (grey, uint8) with the ``residue`` pixels painted the paper's level around them."""
    if not residue.any():
        return image
    paper = cv2.dilate(image, np.ones((PAPER_WINDOW, PAPER_WINDOW), np.uint8))
    return np.where(residue > 0, paper, image).astype(np.uint8)


def _band(shape: tuple[int, ...], crease: CreaseLine) -> tuple[np.ndarray, tuple[int, int]]:
    """The band (255) of ``crease``, a crease down a page of ``shape``, in the strip of columns it crosses
    with one to spare either side, and that strip's first and last column (the last exclusive)."""
    height, width = shape[0], shape[1]
    centre = np.pad(crease.centre[:height], (0, max(0, height - len(crease.centre))), mode="edge")
    lows = np.floor(centre + 0.5).astype(np.int64) + crease.low - BAND_MARGIN
    span = crease.high - crease.low + 2 * BAND_MARGIN + 1
    left, right = max(0, int(lows.min()) - 1), min(width, int(lows.max()) + span + 1)
    columns = np.arange(left, right)[None, :]
    inside = (columns >= lows[:, None]) & (columns < lows[:, None] + span)
    return np.where(inside, 255, 0).astype(np.uint8), (left, right)
