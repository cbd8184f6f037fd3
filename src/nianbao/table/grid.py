"""Rebuild a table's grid, merged cells included, from its rule masks. Pure geometry, no OCR."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: tuple[int, int, int, int]  # x0, y0, x1, y1 in the masks' pixels


@dataclass(frozen=True)
class Grid:
    ys: tuple[int, ...]  # row boundaries, top to bottom
    xs: tuple[int, ...]  # column boundaries, left to right
    cells: tuple[GridCell, ...]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def _segments(mask: np.ndarray, horizontal: bool) -> list[tuple[float, int, int]]:
    """(position across, start along, end along) of each connected rule."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    result = []
    for index in range(1, count):
        x, y, w, h, _ = stats[index]
        if horizontal:
            result.append((y + h / 2.0, int(x), int(x + w)))
        else:
            result.append((x + w / 2.0, int(y), int(y + h)))
    return result


def cluster_positions(values: list[float], tolerance: float) -> list[int]:
    """Merge positions closer than ``tolerance`` into their mean."""
    clusters: list[list[float]] = []
    for value in sorted(values):
        if clusters and value - clusters[-1][-1] <= tolerance:
            clusters[-1].append(value)
        else:
            clusters.append([value])
    return [int(round(sum(c) / len(c))) for c in clusters]


def _boundaries(segments: list[tuple[float, int, int]], low: int, high: int, tolerance: float) -> list[int]:
    positions = cluster_positions([s[0] for s in segments], tolerance)
    if not positions:
        return []
    if positions[0] - low > 2 * tolerance:
        positions.insert(0, low)
    if high - positions[-1] > 2 * tolerance:
        positions.append(high)
    return positions


def _covered(mask: np.ndarray, across: int, start: int, end: int, tolerance: int, horizontal: bool) -> bool:
    """Whether a rule runs along most of [start, end] within ``tolerance`` of ``across``."""
    margin = max(2, (end - start) // 6)
    start, end = start + margin, end - margin
    if end <= start:
        return True
    lo, hi = max(0, across - tolerance), across + tolerance + 1
    window = mask[lo:hi, start:end] if horizontal else mask[start:end, lo:hi]
    hits = window.max(axis=0 if horizontal else 1) > 0
    return float(hits.mean()) >= 0.5


def build_grid(horizontal: np.ndarray, vertical: np.ndarray, tolerance: float = 6.0) -> Grid | None:
    """The grid of one table region; slots with no rule between them are merged into one cell."""
    h_segs, v_segs = _segments(horizontal, True), _segments(vertical, False)
    if not h_segs or not v_segs:
        return None
    x_low = min(min(s[1] for s in h_segs), min(s[0] for s in v_segs))
    x_high = max(max(s[2] for s in h_segs), max(s[0] for s in v_segs))
    y_low = min(min(s[0] for s in h_segs), min(s[1] for s in v_segs))
    y_high = max(max(s[0] for s in h_segs), max(s[2] for s in v_segs))
    ys = _boundaries(h_segs, int(y_low), int(y_high), tolerance)
    xs = _boundaries(v_segs, int(x_low), int(x_high), tolerance)
    if len(ys) < 2 or len(xs) < 2:
        return None
    tol = int(round(tolerance))
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _covered(vertical, xs[c + 1], ys[r], ys[r + 1], tol, False):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not _covered(horizontal, ys[r + 1], xs[c], xs[c + 1], tol, True):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    return Grid(tuple(ys), tuple(xs), tuple(_cells_from_groups(parent, find, ys, xs)))


def _cells_from_groups(parent: list[int], find, ys: list[int], xs: list[int]) -> list[GridCell]:
    n_cols = len(xs) - 1
    groups: dict[int, list[tuple[int, int]]] = {}
    for index in range(len(parent)):
        groups.setdefault(find(index), []).append(divmod(index, n_cols))
    cells = []
    for slots in groups.values():
        rows = [r for r, _ in slots]
        cols = [c for _, c in slots]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return cells
