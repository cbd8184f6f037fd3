"""Positions along one axis grouped where they lie close together: rules found twice, a column's blocks. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def chained(items: Iterable[T], position: Callable[[T], float], tolerance: float) -> list[list[T]]:
    """``items`` in order of ``position``, in groups where each lies within ``tolerance`` of the one before."""
    groups: list[list[T]] = []
    for item in sorted(items, key=position):
        if groups and position(item) - position(groups[-1][-1]) <= tolerance:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def cluster_positions(values: list[float], tolerance: float) -> list[int]:
    """Merge positions closer than ``tolerance`` into their mean."""
    return [int(round(sum(c) / len(c))) for c in chained(values, float, tolerance)]
