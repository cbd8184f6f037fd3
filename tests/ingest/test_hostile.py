"""Inputs meant to blow a worker up: huge pages, decompression bombs, deep scans, things that are no file."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pytest
from PIL import Image

from nianbao.errors import InputError
from nianbao.ingest import iter_pages, open_document
from nianbao.ingest.images import iter_frames, to_gray8
from nianbao.ingest.pdf import render_scale
from tests.fixtures.hostile import pdf_with_page, png_bomb, save_16bit_png


def test_a_100_inch_pdf_page_is_drawn_within_the_pixel_budget(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_with_page(7200, 7200))
    assert path.stat().st_size < 1024
    document = open_document(path, max_pages=60)
    (page,) = list(iter_pages(document, dpi=200, max_pixels=25_000_000))
    height, width = page.image.shape[:2]
    assert height * width <= 25_000_000
    assert max(height, width) == pytest.approx(11.69 * 200, abs=2)  # drawn as large as an A4 page
    assert page.dpi == pytest.approx(200, rel=0.01)


def test_an_ordinary_page_keeps_its_resolution_and_the_budget_always_holds():
    assert render_scale(595, 842, 200, 25_000_000) == (pytest.approx(200 / 72), 200.0)
    for size in ((595, 842), (7200, 7200), (14400, 200), (1190, 1684)):
        for dpi in (72, 200, 600):
            scale, _ = render_scale(*size, dpi, 5_000_000)
            assert size[0] * size[1] * scale * scale <= 5_000_000 * 1.0001
    with pytest.raises(InputError, match="impossible size"):
        render_scale(0, 842, 200, 25_000_000)


def test_16_bit_scan_keeps_its_ink(tmp_path):
    gray = np.full((300, 200), 255, np.uint8)
    gray[100:110, :] = 0  # a rule
    gray[150:160, 20:180] = 128
    path = save_16bit_png(gray, tmp_path / "scan16.png")
    assert Image.open(path).mode.startswith("I")
    image, _ = next(iter_frames(path))
    assert image.dtype == np.uint8
    np.testing.assert_array_equal(image, gray)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (np.array([[0.0, 0.5, 1.0]], np.float32), [0, 128, 255]),  # float 0–1
        (np.array([[0, 32896, 65535]], np.int32), [0, 128, 255]),  # 16-bit held in 32-bit integers
        (np.array([[0, 128, 255]], np.int32), [0, 128, 255]),  # 8-bit values in a 32-bit image
        (np.array([[-1000.0, 0.0, 1000.0]], np.float32), [0, 128, 255]),  # anything else: stretched
    ],
)
def test_deep_images_are_scaled_not_clipped(values, expected):
    assert to_gray8(values).ravel().tolist() == expected


def test_32_bit_float_tiff_is_read_by_its_range(tmp_path):
    gray = np.linspace(0, 1, 64 * 64, dtype=np.float32).reshape(64, 64)
    path = tmp_path / "float.tif"
    Image.fromarray(gray).save(path)
    image, _ = next(iter_frames(path))
    assert image.min() == 0 and image.max() == 255


def test_large_image_is_reduced_and_a_bomb_is_an_input_error_without_warnings(tmp_path):
    large = png_bomb(tmp_path / "large.png", 6000, 6000)  # 36 Mpx: over the budget, under the refusal
    image, _ = next(iter_frames(large, max_pixels=10_000_000))
    assert image.shape[0] * image.shape[1] <= 10_000_000
    bomb = png_bomb(tmp_path / "bomb.png", 30000, 30000)  # 900 Mpx, beyond Pillow's own limit too
    assert bomb.stat().st_size < 2_000_000
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for path, budget in ((bomb, 25_000_000), (large, 5_000_000)):
            with pytest.raises(InputError, match=r"\d+×\d+ pixels|too large"):
                document = open_document(path, max_pages=60)
                list(iter_pages(document, dpi=200, max_pixels=budget))


def test_a_fifo_is_not_opened(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        open_document(fifo, max_pages=60)


@pytest.mark.parametrize("mode", ["I;16", "I", "F", "1", "P", "RGBA"])
def test_images_over_the_budget_are_scaled_down_in_every_mode(tmp_path, mode):
    gray = np.full((1200, 1000), 255, np.uint8)
    gray[600:640, :] = 0
    if mode == "I;16":
        image = Image.fromarray(gray.astype(np.uint16) * 257)
    elif mode == "F":
        image = Image.fromarray(gray.astype(np.float32) / 255)
    else:
        image = Image.fromarray(gray).convert(mode)
    path = tmp_path / f"scan.{'tif' if mode in ('I', 'F') else 'png'}"
    image.save(path)
    array, _ = next(iter_frames(path, max_pixels=300_000))
    assert array.dtype == np.uint8 and array.shape[0] * array.shape[1] <= 300_000
    ink = array if array.ndim == 2 else array.mean(axis=2)
    assert ink.min() < 60 and ink.max() > 200  # the rule survives, the paper stays white
