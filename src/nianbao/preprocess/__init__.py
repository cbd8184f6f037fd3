"""Put a page upright and straight, and make the images later stages read."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from nianbao.config import PreprocessConfig
from nianbao.ocr.base import OcrEngine
from nianbao.preprocess.crease_residue import residue_mask, without_residue
from nianbao.preprocess.creases import find_creases, without_creases
from nianbao.preprocess.fax import upright_fax
from nianbao.preprocess.geometry import (
    apply_rotation,
    estimate_skew,
    ink_mask,
    is_bilevel,
    rotate_degrees,
    to_gray,
    without_colour_marks,
)
from nianbao.preprocess.orientation import detect_rotation
from nianbao.preprocess.perspective import find_page_quad, flatten_page

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CleanPage:
    gray: np.ndarray  # luminance, upright and deskewed
    clean: np.ndarray  # the same with coloured marks (red seals, blue stamps) washed out
    ink: np.ndarray  # binary ink mask of ``clean`` (255 = ink)
    rotation: int  # clockwise degrees applied to make the page upright
    skew: float  # degrees the page was turned back by
    flattened: bool = False  # a photographed page whose perspective was undone
    fax: bool = False  # a 2:1 fax page: thin horizontal strokes may be lost (preprocess.fax)


def prepare_page(
    image: np.ndarray, dpi: float, engine: OcrEngine, config: PreprocessConfig, fax_axis: int | None = None
) -> CleanPage:
    """The page cleaned, turned upright and straightened, with its ink. ``fax_axis``: the axis along
    which the page as stored repeated its scan lines, where drawing it blended them (ingest.RawPage)."""
    quad = find_page_quad(to_gray(image)) if config.flatten_photos else None
    if quad is not None:
        image = flatten_page(image, quad)
    gray = to_gray(image)
    clean = without_colour_marks(image)
    rotation = detect_rotation(gray, engine) if config.fix_orientation else 0
    fax = upright_fax(gray, rotation, fax_axis)
    gray, clean = apply_rotation(gray, rotation), apply_rotation(clean, rotation)
    skew = 0.0
    bilevel = is_bilevel(gray)  # before turning it blends its pixels
    ink = ink_mask(clean, dpi, denoise=config.denoise, bilevel=bilevel)
    if config.deskew:
        skew = estimate_skew(ink, config.max_skew_degrees)
        if abs(skew) >= 0.05:
            gray, clean = rotate_degrees(gray, skew), rotate_degrees(clean, skew)
            ink = ink_mask(clean, dpi, config.denoise, bilevel)  # a straight page keeps the mask it was measured on
    creases = find_creases(clean, ink, dpi) if config.remove_creases else []
    if creases:
        log.info("%d crease(s) of a fold lifted", len(creases))
        gray, clean = without_creases(gray, creases, dpi), without_creases(clean, creases, dpi)
        ink = ink_mask(clean, dpi, config.denoise, bilevel)
        residue = residue_mask(clean, ink, creases)
        gray, clean = without_residue(gray, residue), without_residue(clean, residue)
        ink = np.where(residue > 0, 0, ink).astype(ink.dtype)
    return CleanPage(gray, clean, ink, rotation, skew, quad is not None, fax)
