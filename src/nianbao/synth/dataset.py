"""Generating a batch of reports: a profile and a seed in, ``count`` reports with truth files out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from nianbao.synth.labeled import generate_labeled_set, generate_sample_set
from nianbao.synth.profile import SynthProfile, get_profile
from nianbao.synth.spec import make_report_spec
from nianbao.synth.writer import write_report


def generate_dataset(
    out_dir: Path, count: int, seed: int = 0, profile: str | SynthProfile = "mixed", fmt: str = "pdf", dpi: int = 0
) -> list[Path]:
    """``count`` reports named ``synth_<seed>_<k>``; the same arguments always give the same files."""
    if profile == "labeled":
        return generate_labeled_set(out_dir, seed)
    if profile == "samples":
        return generate_sample_set(out_dir, seed)
    chosen = get_profile(profile) if isinstance(profile, str) else profile
    if dpi:
        chosen = replace(chosen, dpi=dpi)
    paths = []
    for k in range(count):
        report_seed = seed * 100_003 + k
        spec = make_report_spec(np.random.default_rng(report_seed), chosen, seed=report_seed)
        paths.append(write_report(spec, Path(out_dir), fmt, f"synth_{seed}_{k:03d}"))
    return paths
