"""Group recognition crops into batches of similar width (pure).

A batch is padded to its widest crop, so one long line in a batch of short numbers makes every number
in it cost as much as the long line. Crops are taken narrowest first and a batch is closed when it is
full, when the next crop would widen it by more than ``MAX_SPREAD``, or when the padded batch would
exceed ``max_pixels`` columns in all: the runtime keeps the memory of the largest batch it has run, so
a batch of long lines is kept as small as a batch of numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_SPREAD = 1.25  # the widest crop of a batch is at most this many times its narrowest


def width_batches(
    widths: Sequence[float], max_batch: int, max_spread: float = MAX_SPREAD, max_pixels: float | None = None
) -> list[list[int]]:
    """Indices into ``widths`` (each crop's width once resized to the recogniser's height), in batches
    of at most ``max_batch`` crops whose widths differ by at most ``max_spread`` times, and whose
    count times widest width is at most ``max_pixels`` (a wider crop still gets a batch of its own)."""
    if max_batch < 1:
        raise ValueError(f"max_batch must be at least 1, not {max_batch}")
    order = sorted(range(len(widths)), key=lambda i: widths[i])
    batches: list[list[int]] = []
    for index in order:
        current = batches[-1] if batches else None
        fits = max_pixels is None or (len(current or ()) + 1) * widths[index] <= max_pixels
        if current and len(current) < max_batch and widths[index] <= max_spread * widths[current[0]] and fits:
            current.append(index)
        else:
            batches.append([index])
    return batches
