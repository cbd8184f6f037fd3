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
from nianbao.preprocess.fax import COARSE_DPI, coarse_bilevel, doubled_axis

Image.MAX_IMAGE_PIXELS = 400_000_000  # Pillow's own guard; check_size below is stricter and says why
UNSCALED = 0.05  # a page this close to the wanted resolution is left as it is
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
    """Each frame as a BGR or grayscale uint8 array of at most ``max_pixels`` pixels (a larger frame is
    scaled down), with the resolution its metadata states (if any)."""
    with _open(path) as image:
        for frame in ImageSequence.Iterator(image):
            check_size(frame.size, max_pixels)
            resolution = tuple(frame.info.get("dpi") or (None, None)) + (None,)
            dpi, dpi_y = (float(v) if v else None for v in resolution[:2])
            try:
                array = square_pixels(_to_array(frame, max_pixels), dpi, dpi_y)
            except OSError as exc:
                raise InputError(f"the image is truncated or corrupt ({exc})") from None
            except Image.DecompressionBombError as exc:
                raise InputError(f"the image is too large to be a page scan ({exc})") from None
            yield array, float(dpi) if dpi else None


def square_pixels(image: np.ndarray, dpi_x: float | None, dpi_y: float | None) -> np.ndarray:
    """A page scanned at another vertical than horizontal resolution (a fax's 204 x 98 dpi) stretched
    so its pixels are square, at the horizontal resolution."""
    if not dpi_x or not dpi_y or abs(dpi_x / dpi_y - 1.0) < 0.05:
        return image
    height, width = image.shape[:2]
    size = (width, max(1, round(height * dpi_x / dpi_y)))
    # A bilevel scan (a fax) has its lines repeated, not blended: blended lines would hide that it is a
    # fax, whose lost thin strokes later stages must allow for (preprocess.fax).
    bilevel = image.ndim == 2 and not np.any((image > 0) & (image < 255))
    return cv2.resize(image, size, interpolation=cv2.INTER_NEAREST if bilevel else cv2.INTER_LINEAR)


def _to_array(frame: Image.Image, max_pixels: int) -> np.ndarray:
    if frame.mode.startswith("I;16") or frame.mode in ("I", "F"):
        values = np.asarray(frame)
        values = values.astype(np.uint16 if values.dtype.itemsize == 2 else np.float32)  # native order, for OpenCV
        full_scale = 65535.0 if frame.mode.startswith("I;16") else None
        return to_gray8(_shrink(values, max_pixels), full_scale)
    if frame.mode in ("1", "L"):
        return np.asarray(_reduce(frame.convert("L"), max_pixels))
    rgb = np.asarray(_reduce(frame.convert("RGB"), max_pixels))
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def _factor(width: int, height: int, max_pixels: int) -> int:
    return math.ceil(math.sqrt(width * height / max_pixels)) if width * height > max_pixels else 1


def _reduce(frame: Image.Image, max_pixels: int) -> Image.Image:
    factor = _factor(*frame.size, max_pixels)
    return frame.reduce(factor) if factor > 1 else frame


def _shrink(values: np.ndarray, max_pixels: int) -> np.ndarray:
    height, width = values.shape[:2]
    factor = _factor(width, height, max_pixels)
    if factor == 1:
        return values
    size = (max(1, width // factor), max(1, height // factor))
    return cv2.resize(values, size, interpolation=cv2.INTER_AREA)


def to_gray8(values: np.ndarray, full_scale: float | None = None) -> np.ndarray:
    """A 16-bit or 32-bit (integer or float) grayscale image brought to 8 bits by its value range,
    never clipped. Without a known ``full_scale``: floats of 0–1 are 0–1, values up to 255 are 8-bit
    already, up to 65535 16-bit, and anything else is stretched from its own minimum to its maximum."""
    is_float = values.dtype.kind == "f"
    values = values.astype(np.float32)
    finite = np.isfinite(values)
    low, high = (float(values[finite].min()), float(values[finite].max())) if finite.any() else (0.0, 0.0)
    offset = 0.0
    if full_scale is None:
        if low < 0.0 or high > 65535.0:
            offset, full_scale = -low, max(high - low, 1e-12)
        elif is_float and high <= 1.0:
            full_scale = 1.0
        else:
            full_scale = 255.0 if high <= 255.0 else 65535.0
    values[~finite] = high
    values += offset
    values *= 255.0 / full_scale
    np.rint(values, out=values)
    np.clip(values, 0, 255, out=values)
    return values.astype(np.uint8)


def rescale(image: np.ndarray, factor: float) -> np.ndarray:
    if abs(factor - 1.0) < UNSCALED:
        return image
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=interpolation)


def rescaled_fax_axis(image: np.ndarray, factor: float) -> int | None:
    """The axis along which ``image`` stores every scan line twice (a fax saved with square pixels),
    when ``rescale`` by ``factor`` blends the repeats; None otherwise."""
    if abs(factor - 1.0) < UNSCALED:
        return None
    return doubled_axis(image if image.ndim == 2 else image[..., 0])


def coarse_bilevel_scan(image: np.ndarray, dpi: float) -> bool:
    """Whether ``image`` (a page as stored, at ``dpi``) is a black-and-white scan at 200 dpi or less
    (preprocess.fax.coarse_bilevel): rescaled, its edges turn grey."""
    if dpi > COARSE_DPI:
        return False  # told before a colour page is turned grey for nothing
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return coarse_bilevel(gray, dpi)
