"""Page images: PNG, JPG, BMP and (multi-page) TIFF through Pillow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from nianbao.errors import InputError

Image.MAX_IMAGE_PIXELS = 400_000_000  # big scans are normal; decompression bombs are not


def _open(path: Path) -> Image.Image:
    try:
        return Image.open(path)
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(f"the image cannot be read ({exc})") from None


def count_frames(path: Path) -> int:
    with _open(path) as image:
        return getattr(image, "n_frames", 1)


def iter_frames(path: Path) -> Iterator[tuple[np.ndarray, float | None]]:
    """Each frame as a BGR or grayscale array, with the resolution its metadata states (if any)."""
    with _open(path) as image:
        for frame in ImageSequence.Iterator(image):
            dpi = frame.info.get("dpi", (None,))[0]
            try:
                yield _to_array(frame), float(dpi) if dpi else None
            except OSError as exc:
                raise InputError(f"the image is truncated or corrupt ({exc})") from None


def _to_array(frame: Image.Image) -> np.ndarray:
    if frame.mode in ("1", "L", "I;16", "I"):
        return np.asarray(frame.convert("L"))
    rgb = np.asarray(frame.convert("RGB"))
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def rescale(image: np.ndarray, factor: float) -> np.ndarray:
    if abs(factor - 1.0) < 0.05:
        return image
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=interpolation)
