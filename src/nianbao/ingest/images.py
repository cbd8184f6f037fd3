"""Page images: PNG, JPG, BMP and (multi-page) TIFF through Pillow."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from nianbao.errors import InputError

Image.MAX_IMAGE_PIXELS = 400_000_000  # Pillow's own guard; check_size below is stricter and says why
DECODE_FACTOR = 4  # an image may hold this many times the page pixel budget before it is refused unread
DEFAULT_MAX_PIXELS = 25_000_000


def _open(path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # sizes are checked below
            return Image.open(path)
    except Image.DecompressionBombError as exc:
        raise InputError(f"the image is too large to be a page scan ({exc})") from None
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(f"the image cannot be read ({exc})") from None


def check_size(size: tuple[int, int], max_pixels: int) -> None:
    """Refuse an image too large to decode safely (a decompression bomb, or not a page scan at all)."""
    width, height = size
    if width * height > DECODE_FACTOR * max_pixels:
        raise InputError(
            f"the image is {width}×{height} pixels ({width * height / 1e6:.0f} Mpx), more than "
            f"{DECODE_FACTOR} × ingest.max_page_pixels: a decompression bomb or not a page scan"
        )


def count_frames(path: Path) -> int:
    with _open(path) as image:
        return getattr(image, "n_frames", 1)


def iter_frames(path: Path, max_pixels: int = DEFAULT_MAX_PIXELS) -> Iterator[tuple[np.ndarray, float | None]]:
    """Each frame as a BGR or grayscale array of at most ``max_pixels`` pixels (larger frames are scaled
    down by a whole factor), with the resolution its metadata states (if any)."""
    with _open(path) as image:
        for frame in ImageSequence.Iterator(image):
            check_size(frame.size, max_pixels)
            dpi = frame.info.get("dpi", (None,))[0]
            try:
                array = _to_array(_within_budget(frame, max_pixels))
            except OSError as exc:
                raise InputError(f"the image is truncated or corrupt ({exc})") from None
            except Image.DecompressionBombError as exc:
                raise InputError(f"the image is too large to be a page scan ({exc})") from None
            yield array, float(dpi) if dpi else None


def _within_budget(frame: Image.Image, max_pixels: int) -> Image.Image:
    width, height = frame.size
    if width * height <= max_pixels:
        return frame
    factor = math.ceil(math.sqrt(width * height / max_pixels))
    frame.load()
    return frame.reduce(factor)


def _to_array(frame: Image.Image) -> np.ndarray:
    if frame.mode in ("1", "L"):
        return np.asarray(frame.convert("L"))
    if frame.mode.startswith("I;16"):
        return to_gray8(np.asarray(frame), full_scale=65535.0)
    if frame.mode in ("I", "F"):
        return to_gray8(np.asarray(frame))
    rgb = np.asarray(frame.convert("RGB"))
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def to_gray8(values: np.ndarray, full_scale: float | None = None) -> np.ndarray:
    """A 16-bit or 32-bit (integer or float) grayscale image brought to 8 bits by its value range,
    never clipped. Without a known ``full_scale``: floats of 0–1 are 0–1, values up to 255 are 8-bit
    already, up to 65535 16-bit, and anything else is stretched from its own minimum to its maximum."""
    is_float = values.dtype.kind == "f"
    values = values.astype(np.float64)
    finite = values[np.isfinite(values)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
    offset = 0.0
    if full_scale is None:
        if low < 0.0 or high > 65535.0:
            offset, full_scale = -low, max(high - low, 1e-12)
        elif is_float and high <= 1.0:
            full_scale = 1.0
        else:
            full_scale = 255.0 if high <= 255.0 else 65535.0
    scaled = (np.nan_to_num(values, nan=high, posinf=high, neginf=low) + offset) * (255.0 / full_scale)
    return np.clip(np.rint(scaled), 0, 255).astype(np.uint8)


def rescale(image: np.ndarray, factor: float) -> np.ndarray:
    if abs(factor - 1.0) < 0.05:
        return image
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=interpolation)
