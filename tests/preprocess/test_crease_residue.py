"""What a lifted crease leaves along it: faint strokes wholly in its band are painted out, print is not."""

from __future__ import annotations

import numpy as np

from nianbao.preprocess.crease_residue import residue_mask, without_residue
from nianbao.preprocess.creases import CreaseLine

PAPER, PRINT, FAINT = 230, 40, 200


def _page() -> tuple[np.ndarray, CreaseLine]:
    gray = np.full((400, 400), PAPER, np.uint8)
    gray[40:60, 99:102] = FAINT  # a remnant of the crease, read as a 1 beside a number
    gray[120:140, 99:102] = PRINT  # a printed 1 the crease runs through
    gray[200:204, 85:125] = PRINT  # a dash crossing the crease
    gray[200:220, 205:225] = PRINT  # a digit beside it
    gray[260:280, 299:302] = FAINT  # a faint stroke on no crease
    crease = CreaseLine(down=True, centre=np.full(400, 100.0), low=-3, high=3)
    return gray, crease


def test_a_faint_stroke_wholly_in_a_crease_s_band_is_its_remnant_and_print_is_not():
    gray, crease = _page()
    ink = np.where(gray < 215, 255, 0).astype(np.uint8)
    residue = residue_mask(gray, ink, [crease])
    assert residue[40:60, 99:102].all()
    assert not residue[60:].any()
    painted = without_residue(gray, residue)
    assert (painted[40:60, 99:102] == PAPER).all() and (painted[120:140, 99:102] == PRINT).all()


def test_a_crease_across_the_page_is_left_as_lifted_and_no_crease_leaves_nothing():
    """A crease across the page runs along a row's printed dashes, as thin and faint as its remnants
    (folded 9501_001): what lies along it is left."""
    gray, _ = _page()
    across = CreaseLine(down=False, centre=np.full(400, 50.0), low=-3, high=3)
    turned = np.ascontiguousarray(gray.T)
    ink = np.where(turned < 215, 255, 0).astype(np.uint8)
    assert not residue_mask(turned, ink, [across]).any()
    assert not residue_mask(gray, np.where(gray < 215, 255, 0).astype(np.uint8), []).any()


def test_a_crease_whose_line_is_shorter_or_longer_than_the_page_is_banded_all_down_it():
    gray, crease = _page()
    ink = np.where(gray < 215, 255, 0).astype(np.uint8)
    for length in (300, 500):
        short_or_long = CreaseLine(down=True, centre=np.full(length, 100.0), low=-3, high=3)
        assert (residue_mask(gray, ink, [short_or_long]) == residue_mask(gray, ink, [crease])).all()
