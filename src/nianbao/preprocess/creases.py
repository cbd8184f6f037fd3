"""The creases of a sheet that was folded before it was scanned: found and lifted. Pure.

A report folded for the post (in half, in thirds, in quarters) is scanned with a dark line along each
fold. To the table stage it is a rule: a crease down the page splits every column it crosses in two, one
across it a row, and the cells it cuts lose their numbers. A printed rule never leaves the print area,
while a crease runs from one edge of the sheet to the other: a straight, thin line that reaches within
EDGE of an edge, and is ink along MIN_COVER of the page at least, is a crease. It is a shadow on the
paper, and is lifted as one (``without_creases``), which leaves the print it crosses as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

import cv2
import numpy as np

# The print area of these reports ends at least 18 mm (7% of A4's width, 6% of its height) inside the
# sheet; a crease runs through the margins to the edge. Where it is too faint to be ink along part of its
# length it still reaches one edge, and lies no nearer the sides than a fold of the sheet would.
EDGE = 0.05
SIDES = 0.1
PIECE_INCHES = 0.45  # a straight run longer than any character's stroke (22 pt, 0.3 in at most)
MAX_WIDTH_INCHES = 0.06  # a crease's core is a few tenths of a millimetre wide; this is 1.5 mm
MIN_COVER = 0.25  # a crease is ink along this share of the page at least (its darkness varies)
MAX_RESIDUAL = 3.0  # pixels: ink this far off the line through the rest is not part of it
CHAIN_INCHES = 0.03  # pieces of one crease lie this close side by side (it slants a little)
MAX_SLANT = np.tan(np.radians(1.0))  # ... and this much further apart per pixel between them along it
# The paper under a crease is told by the PAPER_PERCENTILE of its pixels along LEVEL_INCHES of it (print
# crossing it is darker), beside it SHADOW_PIXELS beyond its ink; a crease takes at most 1 - MIN_LIGHT of
# the light: a crease darker than that along most of its length is painted over instead; where a shadow's
# band is that dark for a stretch, it runs along a rule there, which is kept.
PAPER_PERCENTILE, LEVEL_INCHES, SHADOW_PIXELS, MIN_LIGHT = 80, 0.5, 6, 0.4
# A crease's depth varies along it, but not past DEPTH_SPREAD times what it takes in the margins it runs
# through alone (the copier model of synth.creases: 0.55-1 of its depth). Within the print it may run
# along a rule, whose darkness the paper's level there takes up; the crease is lifted no more than that
# depth allows, and the rule keeps what is left (folded 10914_002, a PNG at 150 dpi: a crease that took
# 0.06-0.10 of the light in the margins ran along table 三's rule before 自然人, a grey line at 0.57-0.60
# of the paper's light, and lifting it by that took the rule and the column away).
DEPTH_SPREAD = 2.0
# A crease too faint to be ink is found in the margins: the paper's level across them (its median along
# them) dips thinly by FAINT_DIP grey levels or more below its level over FAINT_BASE_INCHES around.
FAINT_DIP, FAINT_BASE_INCHES = 8.0, 0.1
BAND_SHARE = 0.9  # a crease's band holds its ink across this share of its length (where no stroke crosses)


@dataclass(frozen=True)
class CreaseLine:
    """A crease: ``down`` the page or across it, its centre at each point along it (pixels across), and
    the band its ink covers either side of the centre (pixels, ``low`` < 0 < ``high``)."""

    down: bool
    centre: np.ndarray  # float, one per pixel along the crease (rows for ``down``, columns across)
    low: int
    high: int
    dark: bool = False  # as dark as print along most of its length: painted over, not lifted
    margin_light: float = 0.0  # the share of the light its core leaves in its darker margin (0: unknown)

    @property
    def least_light(self) -> float:
        """The least share of the light the crease leaves anywhere along it: what its margins show allows
        (DEPTH_SPREAD), and no less than MIN_LIGHT."""
        return max(MIN_LIGHT, 1.0 - DEPTH_SPREAD * (1.0 - self.margin_light))


def find_creases(gray: np.ndarray, ink: np.ndarray, dpi: float) -> list[CreaseLine]:
    """The creases of a page (``gray``, and its ink mask, 255 = ink), down it and across it. How dark a
    crease is, is told in the margin it crosses, where it runs alone (within the print it may run along a
    rule). A line that reaches one edge only must be a shadow: a table's rule printed past the edge of
    the sheet (a word processor's table wider than its margins) reaches one edge too, but is as dark as
    print."""
    creases = []
    for crease, ends in [*_creases_along(ink, dpi, down=True), *_creases_along(ink.T, dpi, down=False)]:
        _, _, light = _shade(gray if crease.down else gray.T, crease, dpi)
        darkest = light.min(axis=1)
        dark = float(np.median(np.concatenate([darkest[end] for end in ends]))) < MIN_LIGHT
        if len(ends) == 2 or not dark:
            margin_light = min(float(np.median(darkest[end])) for end in ends)
            creases.append(replace(crease, dark=dark, margin_light=margin_light))
    for down in (True, False):
        found = [float(np.median(c.centre)) for c in creases if c.down == down]
        oriented = gray if down else gray.T
        creases += [c for c in _faint_creases(oriented, dpi, down) if _apart(c, found, CHAIN_INCHES * dpi * 3)]
    return creases


def _apart(crease: CreaseLine, positions: list[float], distance: float) -> bool:
    return all(abs(float(np.median(crease.centre)) - position) > distance for position in positions)


def _faint_creases(oriented: np.ndarray, dpi: float, down: bool) -> list[CreaseLine]:
    """Creases too faint to be ink (a thin grey line the ink mask's median drops), running along
    ``oriented``'s rows: a thin dip in the paper's level across both margins it runs through (where no
    print is), at places a straight line joins, and darker than the paper beside it along its length."""
    length, across = oriented.shape[:2]
    edge = max(1, int(EDGE * length))
    window = max(3, int(FAINT_BASE_INCHES * dpi)) | 1
    ends = []
    for strip in (oriented[:edge], oriented[-edge:]):
        level = np.median(strip, axis=0).astype(np.float32)
        base = cv2.medianBlur(np.clip(level, 0, 255).astype(np.uint8).reshape(1, -1), min(window, 255)).ravel()
        ends.append(base.astype(np.float32) - level)
    reach = MAX_SLANT * length + CHAIN_INCHES * dpi
    half = max(1, int(np.ceil(MAX_WIDTH_INCHES * dpi / 2)))
    bottoms = _dips(ends[1], across, dpi)
    creases = []
    for top in _dips(ends[0], across, dpi):
        joined = [bottom for bottom in bottoms if abs(bottom - top) <= reach]
        if not joined:
            continue
        bottom = min(joined, key=lambda x: abs(x - top))
        centre = np.linspace(top, bottom, length)
        crease = CreaseLine(down, centre, -half, half)
        _, _, light = _shade(oriented, crease, dpi)
        darkest = light.min(axis=1)
        if float(np.median(darkest)) <= 1 - FAINT_DIP / 255:
            margin_light = min(float(np.median(darkest[:edge])), float(np.median(darkest[-edge:])))
            creases.append(replace(crease, margin_light=margin_light))
    return creases


def _dips(dip: np.ndarray, across: int, dpi: float) -> list[int]:
    """Where a margin's paper dips by FAINT_DIP or more, thinly, away from the sheet's sides."""
    narrow = max(2, int(MAX_WIDTH_INCHES * dpi))
    found = []
    for x in range(int(SIDES * across), int((1 - SIDES) * across)):
        if dip[x] < FAINT_DIP or dip[x] < dip[max(0, x - narrow) : x + narrow + 1].max():
            continue
        if (dip[max(0, x - 2 * narrow) : x + 2 * narrow + 1] >= dip[x] / 2).sum() <= narrow:
            found.append(x)
    return found


def without_creases(image: np.ndarray, creases: list[CreaseLine], dpi: float) -> np.ndarray:
    """``image`` (grey, uint8) with each crease lifted. A crease is a shadow: along its band every pixel is
    brightened as much as the paper under the crease is darker than the paper beside it, so the print it
    crosses keeps its own darkness (a rule it runs along too: the paper there is told by its lightest
    pixels, and is lifted no more than the crease's depth in its margins allows, ``least_light``). A
    crease as dark as print (a black-and-white scan thresholds a shadow to black) is painted
    over from the pixels beside it instead, where it is that dark."""
    out = image.copy()
    painted = np.zeros(image.shape[:2], np.uint8)
    for crease in creases:
        oriented, mask = (out, painted) if crease.down else (out.T, painted.T)  # views: written through
        columns, values, light = _shade(oriented, crease, dpi)
        rows = np.arange(oriented.shape[0])[:, None]
        if crease.dark:
            dark = light < MIN_LIGHT
            dark[:, :SHADOW_PIXELS] = dark[:, -SHADOW_PIXELS:] = False  # the shadow beside the core: left
            along, where = np.nonzero(dark)
            mask[along, columns[along, where]] = 255
        else:
            lifted = values / np.clip(light, crease.least_light, 1.0)
            oriented[rows, columns] = np.clip(lifted, 0, 255).astype(np.uint8)
    return cv2.inpaint(out, painted, 3, cv2.INPAINT_TELEA) if painted.any() else out


def _shade(oriented: np.ndarray, crease: CreaseLine, dpi: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Along a crease (``oriented``: the page with the crease running along its rows), the columns of its
    band and the shadow beside it at each point, their pixels, and the share of the light left there."""
    nearest = np.floor(crease.centre + 0.5).astype(np.int64)
    offsets = np.arange(crease.low - SHADOW_PIXELS, crease.high + SHADOW_PIXELS + 1)
    columns = (nearest[:, None] + offsets[None, :]).clip(0, oriented.shape[1] - 1)
    values = oriented[np.arange(oriented.shape[0])[:, None], columns].astype(np.float32)
    paper = _paper_along(values, max(3, int(LEVEL_INCHES * dpi)))
    return columns, values, paper / np.maximum(np.maximum(paper[:, :1], paper[:, -1:]), 1.0)


def _paper_along(values: np.ndarray, window: int) -> np.ndarray:
    """The paper's level at each pixel of ``values`` (a row a point along a crease): a high percentile of
    each column over blocks of ``window`` points, so print crossing it does not count, blended between."""
    blocks = max(1, len(values) // window)
    edges = np.linspace(0, len(values), blocks + 1).astype(int)
    levels = np.array([np.percentile(values[a:b], PAPER_PERCENTILE, axis=0) for a, b in pairwise(edges)])
    middles = (edges[:-1] + edges[1:]) / 2
    points = np.arange(len(values))
    return np.stack([np.interp(points, middles, levels[:, k]) for k in range(values.shape[1])], axis=1)


def _creases_along(mask: np.ndarray, dpi: float, down: bool) -> list[tuple[CreaseLine, list[slice]]]:
    """The creases running along ``mask``'s rows index (top to bottom), each with the margins at the
    ends it reaches (slices along it)."""
    length, across = mask.shape
    piece = max(15, int(PIECE_INCHES * dpi))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, piece))
    edge = max(1, int(EDGE * length))
    if not _runs_from_an_edge(mask, kernel, edge):
        return []
    opened = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    _, labels, stats, centroids = cv2.connectedComponentsWithStats(opened, connectivity=8)
    thickness = stats[:, cv2.CC_STAT_AREA] / np.maximum(stats[:, cv2.CC_STAT_HEIGHT], 1)  # a slant widens its box
    ids = 1 + np.flatnonzero(thickness[1:] <= MAX_WIDTH_INCHES * dpi)
    creases = []
    for chain in _collinear(ids, stats, centroids, CHAIN_INCHES * dpi):
        position = float(np.median(centroids[chain, 0]))
        start = stats[chain, cv2.CC_STAT_TOP].min()
        end = (stats[chain, cv2.CC_STAT_TOP] + stats[chain, cv2.CC_STAT_HEIGHT]).max()
        if not SIDES * across <= position <= (1 - SIDES) * across or (start > edge and end < length - edge):
            continue
        left = stats[chain, cv2.CC_STAT_LEFT].min()
        right = (stats[chain, cv2.CC_STAT_LEFT] + stats[chain, cv2.CC_STAT_WIDTH]).max()
        crease = _straight_crease(np.isin(labels[:, left:right], chain), left, down)
        if crease is not None:
            reached = ((np.s_[:edge], start <= edge), (np.s_[-edge:], end >= length - edge))
            creases.append((crease, [margin for margin, reaches in reached if reaches]))
    return creases


def _collinear(ids: np.ndarray, stats: np.ndarray, centroids: np.ndarray, tolerance: float) -> list[np.ndarray]:
    """The pieces ``ids`` in groups that may be one line: side by side within ``tolerance``, more the
    further apart along they are (a crease slants up to MAX_SLANT), joined through each other."""
    if not len(ids):
        return []
    top = stats[ids, cv2.CC_STAT_TOP].astype(np.float64)
    bottom = top + stats[ids, cv2.CC_STAT_HEIGHT]
    centre = centroids[ids, 0]
    gap = np.maximum(0.0, np.maximum(top[:, None] - bottom[None, :], top[None, :] - bottom[:, None]))
    near = np.abs(centre[:, None] - centre[None, :]) <= tolerance + MAX_SLANT * gap
    group = _joined(near)
    return [ids[group == g] for g in range(int(group.max()) + 1)]


def _joined(near: np.ndarray) -> np.ndarray:
    """The group of each item, items ``near`` each other (a symmetric boolean matrix) joined through others."""
    group = np.full(len(near), -1)
    for seed in range(len(near)):
        if group[seed] >= 0:
            continue
        group[seed], frontier = int(group.max()) + 1, [seed]
        while frontier:
            reached = np.flatnonzero(near[frontier.pop()] & (group < 0))
            group[reached] = group[seed]
            frontier.extend(reached.tolist())
    return group


def _runs_from_an_edge(mask: np.ndarray, kernel: np.ndarray, edge: int) -> bool:
    """Whether a straight run of ink (``kernel`` long) starts within ``edge`` of the top or the bottom of
    ``mask``: most pages have none, and are done with after looking at their margins only."""
    reach = edge + kernel.shape[0]
    top, bottom = mask[:reach], mask[-reach:]
    return any(
        cv2.morphologyEx(strip, cv2.MORPH_OPEN, kernel)[rows].any()
        for strip, rows in ((top, np.s_[: edge + 1]), (bottom, np.s_[-edge - 1 :]))
    )


def _straight_crease(pixels: np.ndarray, left: int, down: bool) -> CreaseLine | None:
    """The crease whose ink ``pixels`` (along its rows, ``left`` pixels in) holds, or None where it is
    no straight line, or ink along less than MIN_COVER of the page."""
    count = pixels.sum(axis=1)
    along = np.flatnonzero(count)
    columns = np.arange(pixels.shape[1])
    across = (pixels[along] * columns).sum(axis=1) / count[along]
    for _ in range(2):  # fit, drop what lies off the line (a stroke beside it), fit again
        if len(along) < MIN_COVER * len(pixels):
            return None
        slope, intercept = np.polyfit(along, across, 1)
        near = np.abs(across - (slope * along + intercept)) <= MAX_RESIDUAL
        along, across = along[near], across[near]
    if len(along) < MIN_COVER * len(pixels):
        return None
    rows = pixels[along]
    first = np.argmax(rows, axis=1)
    last = pixels.shape[1] - 1 - np.argmax(rows[:, ::-1], axis=1)
    low = int(np.floor(np.quantile(first - across, 1 - BAND_SHARE))) - 1
    high = int(np.ceil(np.quantile(last - across, BAND_SHARE))) + 1
    # Its gentle waves followed between the points that have ink, the straight line beyond them.
    points = np.arange(len(pixels), dtype=np.float64)
    centre = np.interp(points, along, across)
    outside = (points < along[0]) | (points > along[-1])
    centre[outside] = slope * points[outside] + intercept
    return CreaseLine(down, centre + left, low, high)
