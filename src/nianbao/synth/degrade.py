"""Scanner and camera damage applied to clean 300 dpi pages; pure: image and generator in, image out.

The damage never changes what is printed, so the truth of a report stays exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from nianbao.synth.creases import Crease, draw_creases, with_creases


@dataclass(frozen=True)
class Damage:
    """The damage of one page, drawn by ``draw_damage``."""

    dpi: int
    skew_deg: float = 0.0
    blur_sigma: float = 0.0
    noise_sigma: float = 0.0
    salt: float = 0.0
    jpeg_quality: int = 0  # 0: no JPEG round trip
    binarize: bool = False
    paper_grey: int = 255
    photo: bool = False
    rotation: int = 0
    keep_color: bool = False
    uneven_light: float = 0.0  # how much darker the dimmest corner of the sheet is (0: even light)
    fax: bool = False  # sent at half the vertical resolution, shown stretched back (2:1 fax mode)
    creases: tuple[Crease, ...] = ()  # the sheet was folded for the post before it was scanned


def draw_damage(rng: np.random.Generator, family: str, dpi: int, rotation: int = 0) -> Damage:
    if family == "clean":
        return Damage(dpi=dpi, rotation=rotation)
    if family == "bilevel":  # a black-and-white office scan: crisp, tiny as CCITT G4
        return Damage(dpi=dpi, skew_deg=float(rng.uniform(-0.6, 0.6)), binarize=True, rotation=rotation)
    if family == "hard":
        return Damage(
            dpi=dpi,
            skew_deg=float(rng.choice([-1, 1]) * rng.uniform(1.0, 2.0)),
            blur_sigma=float(rng.uniform(0.5, 0.8)),
            noise_sigma=float(rng.uniform(14, 22)),
            salt=float(rng.uniform(0.003, 0.008)),
            jpeg_quality=30,
            paper_grey=int(rng.integers(220, 236)),
            uneven_light=float(rng.uniform(0.08, 0.2)),
            rotation=rotation,
        )
    if family == "fax":
        return Damage(
            dpi=dpi,
            skew_deg=float(rng.choice([-1, 1]) * rng.uniform(0.3, 1.5)),
            blur_sigma=float(rng.uniform(0.3, 0.6)),
            noise_sigma=float(rng.uniform(4, 10)),
            salt=float(rng.uniform(0.0005, 0.002)),
            binarize=True,
            fax=True,
            rotation=rotation,
        )
    if family == "folded":  # an office scan of a sheet folded for the post
        return Damage(
            dpi=dpi,
            skew_deg=float(rng.uniform(-1.5, 1.5)),
            blur_sigma=float(rng.uniform(0.3, 0.8)),
            noise_sigma=float(rng.uniform(3, 10)),
            jpeg_quality=int(rng.integers(40, 75)),
            paper_grey=int(rng.integers(225, 250)),
            rotation=rotation,
            creases=draw_creases(rng),
        )
    if family == "photo":
        return Damage(
            dpi=dpi,
            skew_deg=float(rng.uniform(-2.5, 2.5)),
            blur_sigma=float(rng.uniform(0.6, 1.2)),
            noise_sigma=float(rng.uniform(3, 7)),
            jpeg_quality=int(rng.integers(45, 75)),
            paper_grey=int(rng.integers(200, 235)),
            photo=True,
            rotation=rotation,
            keep_color=bool(rng.random() < 0.5),
        )
    return Damage(
        dpi=dpi,
        skew_deg=float(rng.uniform(-3.0, 3.0)),
        blur_sigma=float(rng.choice([0.0, rng.uniform(0.4, 1.1)])),
        noise_sigma=float(rng.choice([0.0, rng.uniform(3, 10)])),
        salt=float(rng.choice([0.0, 0.0, rng.uniform(0.0005, 0.003)])),
        jpeg_quality=int(rng.choice([0, int(rng.integers(30, 70))])),
        binarize=bool(rng.random() < 0.2),
        paper_grey=int(rng.choice([255, int(rng.integers(215, 250))])),
        rotation=rotation,
    )


def _rotate_small(img: np.ndarray, degrees: float, fill: int) -> np.ndarray:
    h, w = img.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    border = (fill,) * 3 if img.ndim == 3 else fill
    return cv2.warpAffine(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)


def _photograph(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Mild perspective onto a darker desk, then light falling off across the sheet."""
    h, w = img.shape[:2]
    src = np.asarray([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    jitter = rng.uniform(0.01, 0.04, size=(4, 2)) * np.asarray([w, h], dtype=np.float32)
    inset = np.asarray([[1, 1], [-1, 1], [-1, -1], [1, -1]], dtype=np.float32) * jitter
    matrix = cv2.getPerspectiveTransform(src, (src + inset).astype(np.float32))
    desk = (int(rng.integers(60, 120)),) * 3
    out = cv2.warpPerspective(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=desk)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / np.hypot(w, h)
    light = 1.0 - rng.uniform(0.25, 0.45) * dist
    if out.ndim == 3:
        light = light[..., None]
    return (out.astype(np.float32) * light).clip(0, 255).astype(np.uint8)


def degrade(image: Image.Image, rng: np.random.Generator, damage: Damage, source_dpi: int = 300) -> Image.Image:
    """``image`` (RGB at ``source_dpi``) as a scan at ``damage.dpi``; grayscale unless colour is kept."""
    arr = np.asarray(image.convert("RGB" if damage.keep_color else "L"))
    if damage.paper_grey < 255:
        arr = (damage.paper_grey / 255.0 * arr.astype(np.float32)).astype(np.uint8)
    if damage.creases:
        arr = with_creases(arr, damage.creases, source_dpi)
    if damage.skew_deg:
        arr = _rotate_small(arr, damage.skew_deg, damage.paper_grey)
    if damage.photo:
        arr = _photograph(arr, rng)
    if damage.uneven_light:
        arr = _uneven_light(arr, rng, damage.uneven_light)
    if damage.blur_sigma:
        arr = cv2.GaussianBlur(arr, (0, 0), damage.blur_sigma * source_dpi / 300)
    arr = _noise(arr, rng, damage)  # at scan resolution, so resampling softens it as a scanner's would
    if damage.dpi != source_dpi:
        scale = damage.dpi / source_dpi
        arr = cv2.resize(arr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    if damage.fax:
        arr = _fax_lines(arr)
    if damage.binarize:
        gray = arr if arr.ndim == 2 else cv2.cvtColor(arr, cv2.COLOR_RGB2GRAY)
        _, arr = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if damage.jpeg_quality:
        ok, buf = cv2.imencode(".jpg", arr, [cv2.IMWRITE_JPEG_QUALITY, damage.jpeg_quality])
        if ok:
            arr = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    if damage.rotation:
        arr = np.ascontiguousarray(np.rot90(arr, k=-damage.rotation // 90))
    out = Image.fromarray(arr)
    if damage.binarize and not damage.jpeg_quality:
        out = out.convert("1")
    out.info["dpi"] = (damage.dpi, damage.dpi)
    return out


def _uneven_light(arr: np.ndarray, rng: np.random.Generator, strength: float) -> np.ndarray:
    """Light falling off linearly across the sheet in a random direction (a lid not quite shut)."""
    h, w = arr.shape[:2]
    angle = rng.uniform(0, 2 * np.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ramp = (xx / w - 0.5) * np.cos(angle) + (yy / h - 0.5) * np.sin(angle)
    light = 1.0 - strength * (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    if arr.ndim == 3:
        light = light[..., None]
    return (arr.astype(np.float32) * light).clip(0, 255).astype(np.uint8)


def _fax_lines(arr: np.ndarray) -> np.ndarray:
    """Binarised at half the vertical resolution, then every scan line shown twice as a viewer would."""
    h, w = arr.shape[:2]
    gray = arr if arr.ndim == 2 else cv2.cvtColor(arr, cv2.COLOR_RGB2GRAY)
    half = cv2.resize(gray, (w, max(1, h // 2)), interpolation=cv2.INTER_AREA)
    _, half = cv2.threshold(half, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return cv2.resize(half, (w, h), interpolation=cv2.INTER_NEAREST)


def _noise(arr: np.ndarray, rng: np.random.Generator, damage: Damage) -> np.ndarray:
    if damage.noise_sigma:
        noisy = arr.astype(np.float32) + rng.normal(0, damage.noise_sigma, size=arr.shape)
        arr = noisy.clip(0, 255).astype(np.uint8)
    if damage.salt:
        mask = rng.random(arr.shape[:2])
        arr = arr.copy()
        arr[mask < damage.salt / 2] = 0
        arr[mask > 1 - damage.salt / 2] = 255
    return arr
