"""The creases of a sheet folded for the post, as a copier or scanner shows them; pure: image and generator in.

A sheet folded in half, in thirds (a letter for a long envelope) or in quarters is scanned flat again with
a line along each fold: a dark, slightly wavy core a few tenths of a millimetre wide, darker in some places
than others, with a soft shadow along one side. It runs from edge to edge of the sheet, through text and
rules alike, and darkens them no further than the paper (a shadow, not ink laid over them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FOLDS = {  # how a sheet is folded: (creases down it, creases across it) as shares of its width and height
    "half": ((), (0.5,)),
    "thirds": ((), (1 / 3, 2 / 3)),
    "quarters": ((0.5,), (0.5,)),
    "half-long": ((0.5,), ()),
}


@dataclass(frozen=True)
class Crease:
    """One fold line: ``down`` (runs top to bottom) or across, at ``where`` (share of the sheet)."""

    down: bool
    where: float
    slant_deg: float
    core_mm: float  # width of its dark core
    darkness: float  # the share of the light its core takes away at its darkest
    shadow_mm: float  # width of the soft shadow along one side
    shadow_side: int  # +1 or -1
    seed: int  # of the wave and of the strength along it


def draw_creases(rng: np.random.Generator) -> tuple[Crease, ...]:
    downs, acrosses = FOLDS[str(rng.choice(list(FOLDS)))]
    creases = [(True, where) for where in downs] + [(False, where) for where in acrosses]
    return tuple(
        Crease(
            down=down,
            where=float(where + rng.uniform(-0.03, 0.03)),
            slant_deg=float(rng.uniform(-0.4, 0.4)),
            core_mm=float(rng.uniform(0.15, 0.35)),
            darkness=float(rng.uniform(0.2, 0.55)),
            shadow_mm=float(rng.uniform(0.5, 1.5)),
            shadow_side=int(rng.choice([-1, 1])),
            seed=int(rng.integers(0, 2**31)),
        )
        for down, where in creases
    )


def with_creases(arr: np.ndarray, creases: tuple[Crease, ...], dpi: int) -> np.ndarray:
    """``arr`` (a page at ``dpi``, grey or colour) with each crease's light taken away from it."""
    light = np.ones(arr.shape[:2], dtype=np.float32)
    for crease in creases:
        light *= _crease_light(arr.shape[:2], crease, dpi)
    if arr.ndim == 3:
        light = light[..., None]
    return (arr.astype(np.float32) * light).clip(0, 255).astype(np.uint8)


def _crease_light(shape: tuple[int, int], crease: Crease, dpi: int) -> np.ndarray:
    """The share of the light left at each pixel by one crease (1 away from it)."""
    rng = np.random.default_rng(crease.seed)
    height, width = shape
    length, across = (height, width) if crease.down else (width, height)
    along = np.arange(length, dtype=np.float32)
    centre = crease.where * across + np.tan(np.radians(crease.slant_deg)) * (along - length / 2)
    centre += _smooth(rng, length, periods=3) * dpi / 100  # a fold is never quite straight
    strength = 0.55 + 0.45 * (_smooth(rng, length, periods=8) + 1) / 2
    offset = np.arange(across, dtype=np.float32)[None, :] - centre[:, None]
    core = max(crease.core_mm * dpi / 25.4, 1.0) / 2
    shade = np.exp(-((np.abs(offset) / core) ** 4)) * crease.darkness
    shadow_width = crease.shadow_mm * dpi / 25.4
    side = offset * crease.shadow_side
    shade += np.where(side > 0, np.exp(-side / shadow_width), 0.0) * crease.darkness * 0.3
    light = 1.0 - np.clip(shade * strength[:, None], 0.0, 0.9)
    return light if crease.down else light.T  # laid out (along, across): a crease down runs along the rows


def _smooth(rng: np.random.Generator, length: int, periods: int) -> np.ndarray:
    """A smooth random curve of ``length`` points between -1 and 1, about ``periods`` bumps long."""
    knots = rng.uniform(-1.0, 1.0, size=periods + 2)
    return np.interp(np.linspace(0, periods + 1, length), np.arange(periods + 2), knots).astype(np.float32)
