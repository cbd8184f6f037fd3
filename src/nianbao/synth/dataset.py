"""Generating reports end to end: spec -> pages -> damage -> files + truth."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PIL import Image

from nianbao.synth.degrade import degrade, draw_damage
from nianbao.synth.render import render_report
from nianbao.synth.spec import ReportSpec, SynthProfile, get_profile, make_report_spec
from nianbao.synth.markup import MarkupStyle, report_docx, report_html
from nianbao.synth.vector import save_vector_pdf
from nianbao.synth.writer import BORN_DIGITAL, save_pages, save_truth

logger = logging.getLogger(__name__)


def scanned_pages(spec: ReportSpec, rng: np.random.Generator) -> list[Image.Image]:
    """The report as its scanner delivered it."""
    pages = render_report(spec)
    out = []
    for index, page in enumerate(pages):
        rotation = spec.scan.rotation if index == spec.scan.rotated_page else 0
        damage = draw_damage(rng, spec.scan.family, spec.scan.dpi, rotation)
        out.append(degrade(page, rng, damage, source_dpi=spec.layout.dpi))
    return out


def write_report(spec: ReportSpec, out_dir: Path, fmt: str, stem: str, quality: int = 60,
                 markup: MarkupStyle | None = None) -> Path:
    """Render, damage and write one report and its truth; returns the (first) document file. The
    born-digital formats (digital PDF, html, docx) are written as they are, never scanned."""
    if fmt in BORN_DIGITAL:
        path = write_born_digital(spec, out_dir, fmt, stem, markup or MarkupStyle())
        save_truth({**spec.truth(), "profile": fmt}, out_dir, stem)  # never scanned: the format is its profile
        return path
    rng = np.random.default_rng(spec.seed + 1)
    pages = scanned_pages(spec, rng)
    paths = save_pages(pages, out_dir, stem, fmt, spec.scan.dpi, quality)
    save_truth(spec.truth(), out_dir, stem)
    logger.info("wrote %s (%d pages)", paths[0], len(pages))
    return paths[0]


def write_born_digital(spec: ReportSpec, out_dir: Path, fmt: str, stem: str, markup: MarkupStyle) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt == "digital":
        return save_vector_pdf(render_report(spec, vector=True), out_dir / f"{stem}.pdf")  # type: ignore[arg-type]
    if fmt == "html":
        path = out_dir / f"{stem}.html"
        path.write_bytes(report_html(spec, markup))
        return path
    return report_docx(spec, markup, out_dir / f"{stem}.docx")


def generate_dataset(out_dir: Path, count: int, seed: int = 0, profile: str | SynthProfile = "mixed",
                     fmt: str = "pdf", dpi: int = 0) -> list[Path]:
    """``count`` reports named ``synth_<seed>_<k>``; the same arguments always give the same files."""
    if profile == "labeled":
        from nianbao.synth.labeled import generate_labeled_set

        return generate_labeled_set(out_dir, seed)
    if profile == "samples":
        from nianbao.synth.labeled import generate_sample_set

        return generate_sample_set(out_dir, seed)
    chosen = get_profile(profile) if isinstance(profile, str) else profile
    if dpi:
        from dataclasses import replace

        chosen = replace(chosen, dpi=dpi)
    paths = []
    for k in range(count):
        report_seed = seed * 100_003 + k
        spec = make_report_spec(np.random.default_rng(report_seed), chosen, seed=report_seed)
        paths.append(write_report(spec, Path(out_dir), fmt, f"synth_{seed}_{k:03d}"))
    return paths
