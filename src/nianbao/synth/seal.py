"""A red round official seal (公章): ring, star and the agency name along the upper arc."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from nianbao.synth.table_draw import font

SEAL_RED = (215, 35, 40)


def seal_image(agency: str, diameter: int, font_path: str, rng: np.random.Generator) -> Image.Image:
    """An RGB seal on white; blend with ``multiply`` so the text underneath shows through."""
    size = diameter
    img = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(img)
    ring = max(2, size // 28)
    draw.ellipse((ring, ring, size - ring, size - ring), outline=SEAL_RED, width=ring)
    _star(draw, size / 2, size / 2, size * 0.14)
    char_px = max(8, int(size * 0.13))
    fnt = font(font_path, char_px)
    radius = size / 2 - ring * 2 - char_px * 0.65
    n = len(agency)
    spread = min(250.0, 18.0 * n)
    for i, ch in enumerate(agency):
        angle = -spread / 2 + spread * (i + 0.5) / n
        tile = Image.new("L", (char_px * 2, char_px * 2), 0)
        ImageDraw.Draw(tile).text((char_px, char_px), ch, font=fnt, fill=255, anchor="mm")
        tile = tile.rotate(-angle, resample=Image.Resampling.BICUBIC)
        cx = size / 2 + radius * math.sin(math.radians(angle))
        cy = size / 2 - radius * math.cos(math.radians(angle))
        img.paste(Image.new("RGB", tile.size, SEAL_RED), (int(cx - char_px), int(cy - char_px)), tile)
    arr = np.asarray(img).astype(np.float32)
    fade = rng.uniform(0.55, 1.0, size=(size // 16 + 1, size // 16 + 1)).astype(np.float32)
    fade = np.kron(fade, np.ones((16, 16), np.float32))[:size, :size, None]
    arr = 255 - (255 - arr) * fade
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    points = []
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.4
        a = math.radians(-90 + 36 * k)
        points.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(points, fill=SEAL_RED)


def stamp(page: Image.Image, seal: Image.Image, center: tuple[int, int]) -> Image.Image:
    """Multiply ``seal`` onto ``page`` (RGB) centred at ``center``."""
    out = np.asarray(page).astype(np.float32).copy()
    s = np.asarray(seal).astype(np.float32) / 255.0
    x0, y0 = center[0] - seal.width // 2, center[1] - seal.height // 2
    x1, y1 = min(out.shape[1], x0 + seal.width), min(out.shape[0], y0 + seal.height)
    xs, ys = max(0, x0), max(0, y0)
    out[ys:y1, xs:x1] *= s[ys - y0 : y1 - y0, xs - x0 : x1 - x0]
    return Image.fromarray(out.astype(np.uint8))
