"""The committed labeled set (datasets/labeled/): a fixed list of reports covering the variety."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nianbao.synth.markup import MarkupStyle
from nianbao.synth.profile import SynthProfile
from nianbao.synth.spec import make_report_spec
from nianbao.synth.writer import write_report


@dataclass(frozen=True)
class LabeledEntry:
    stem: str
    profile: SynthProfile
    fmt: str
    quality: int = 30  # JPEG quality of the pages inside a PDF
    markup: MarkupStyle | None = None  # HTML and DOCX habits
    seed_index: int | None = None  # the report's seed is seed * 1000 + this (default: its place in the list)


def _p(name: str, **kwargs: object) -> SynthProfile:
    defaults: dict[str, object] = dict(break_probability=0.0, split_group=False, rotate=False)
    defaults.update(kwargs)
    return SynthProfile(name, **defaults)  # type: ignore[arg-type]


LABELED_SET = (
    LabeledEntry("r01_clean300_2021", _p("c1", template_mode="2021", scan="bilevel", dpi=300), "pdf"),
    LabeledEntry("r02_clean300_2021", _p("c2", template_mode="2021", scan="clean", dpi=300), "pdf", 20),
    LabeledEntry("r03_t2019_clean", _p("t1", template_mode="2019", scan="clean", dpi=150), "pdf"),
    LabeledEntry("r04_t2019_noisy", _p("t2", template_mode="2019", scan="noisy", dpi=150), "pdf"),
    LabeledEntry("r05_mixed_template", _p("m", template_mode="mixed", scan="bilevel", dpi=200), "pdf"),
    LabeledEntry("r06_broken_i1", _p("b1", template_mode="2021", break_kind="I1", scan="clean", dpi=150), "pdf"),
    LabeledEntry("r07_broken_i4", _p("b4", template_mode="2021", break_kind="I4", scan="bilevel", dpi=200), "pdf"),
    LabeledEntry("r08_noisy_skew", _p("n1", template_mode="2021", scan="noisy", dpi=150), "pdf"),
    LabeledEntry("r09_noisy_skew", _p("n2", template_mode="random", scan="noisy", dpi=200), "pdf"),
    LabeledEntry("r10_photo", _p("ph", template_mode="2021", scan="photo", dpi=150), "pdf"),
    LabeledEntry("r11_split_group", _p("sg", template_mode="2021", split_group=True, scan="clean", dpi=150), "pdf"),
    LabeledEntry("r12_rotated_page", _p("rot", template_mode="2021", rotate=True, scan="noisy", dpi=150), "pdf"),
    LabeledEntry("r13_png_pages", _p("png", template_mode="2021", scan="clean", dpi=150), "png"),
    LabeledEntry("r14_tiff", _p("tif", template_mode="random", scan="noisy", dpi=150), "tiff"),
    # Born-digital: a Word-exported PDF (text layer, vector rules), web pages, Word files.
    LabeledEntry("r15_digital_2021", _p("d1", template_mode="2021"), "digital"),
    LabeledEntry("r16_digital_2019", _p("d2", template_mode="2019"), "digital"),
    LabeledEntry(
        "r17_html_gbk_split",
        _p("h1", template_mode="2021"),
        "html",
        markup=MarkupStyle(encoding="gbk", layout_table=True, split_requests=True, navigation=True),
    ),
    LabeledEntry(
        "r18_html_2019", _p("h2", template_mode="2019"), "html", markup=MarkupStyle(encoding="gbk-undeclared")
    ),
    LabeledEntry("r19_docx_split", _p("w1", template_mode="mixed"), "docx", markup=MarkupStyle(split_requests=True)),
    LabeledEntry("r20_docx_2019", _p("w2", template_mode="2019"), "docx"),
    # Degraded scans (their seeds were fixed before the born-digital entries came in).
    LabeledEntry("r21_hard", _p("h1", template_mode="2021", scan="hard", dpi=150), "pdf", seed_index=14),
    LabeledEntry(
        "r22_hard_broken_i1",
        _p("h2", template_mode="random", break_kind="I1", scan="hard", dpi=150),
        "pdf",
        seed_index=15,
    ),
    LabeledEntry(
        "r23_hard_split", _p("h3", template_mode="2021", split_group=True, scan="hard", dpi=150), "pdf", seed_index=16
    ),
    LabeledEntry(
        "r24_photo_dashes", _p("pd", template_mode="2021", scan="photo", dpi=150, zero_mark="—"), "pdf", seed_index=17
    ),
    LabeledEntry("r25_fax", _p("fx", template_mode="2021", scan="fax", dpi=200), "tiff", seed_index=18),
    LabeledEntry(
        "r27_hard_faint_rules",
        _p("fr", template_mode="2021", scan="hard", dpi=150, rule_grey=(200, 242)),
        "pdf",
        seed_index=19,
    ),
    LabeledEntry("r28_folded", _p("fo", template_mode="2021", scan="folded", dpi=150), "pdf", seed_index=20),
)


def generate_labeled_set(out_dir: Path, seed: int) -> list[Path]:
    paths = []
    for k, entry in enumerate(LABELED_SET):
        report_seed = seed * 1000 + (k if entry.seed_index is None else entry.seed_index)
        spec = make_report_spec(np.random.default_rng(report_seed), entry.profile, seed=report_seed)
        paths.append(write_report(spec, Path(out_dir), entry.fmt, entry.stem, entry.quality, entry.markup))
    return paths


SAMPLE_SET = (
    LabeledEntry("sample_scan", _p("s1", template_mode="2021", scan="noisy", dpi=150), "pdf"),
    LabeledEntry("sample_bw", _p("s2", template_mode="random", scan="bilevel", dpi=200), "tiff"),
    LabeledEntry("sample_photo", _p("s3", template_mode="2021", scan="photo", dpi=150), "jpg", 15),
)


def generate_sample_set(out_dir: Path, seed: int) -> list[Path]:
    """The README demo scans (datasets/samples/)."""
    paths = []
    for k, entry in enumerate(SAMPLE_SET):
        report_seed = seed * 1000 + 500 + k
        spec = make_report_spec(np.random.default_rng(report_seed), entry.profile, seed=report_seed)
        paths.append(write_report(spec, Path(out_dir), entry.fmt, entry.stem, entry.quality))
    return paths
