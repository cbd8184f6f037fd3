"""The generator's truth files: identities, exact field ids, determinism, printed text, damage."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from nianbao.synth.dataset import generate_dataset
from nianbao.synth.degrade import Damage, degrade
from nianbao.synth.profile import SynthProfile
from nianbao.synth.render import render_report
from nianbao.synth.spec import make_report_spec
from nianbao.synth.values import make_proactive_values
from nianbao.synth.writer import save_pages, write_report
from nianbao.template import default_template, report_field_ids

APPLICANTS = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
]
COLUMNS = APPLICANTS + ["total"]
FAST = dict(render_dpi=60, dpi=60, scan="clean", rotate=False)


def _failures(fields: dict, requests_template: str) -> set[tuple[str, str]]:
    """I1-I4 re-derived from the field ids alone (blank = 0), independent of the generator's checker."""
    v = {k: (x or 0) for k, x in fields.items()}
    rows = sorted({k.removeprefix("requests.").rsplit(".", 1)[0] for k in v if k.startswith("requests.")})
    leaves = [r for r in rows if r.startswith("result.") and r != "result.total"]
    expected_leaves = 21 if requests_template == "2021" else 19
    assert len(leaves) == expected_leaves
    out = set()
    for c in COLUMNS:
        if v[f"requests.new_received.{c}"] + v[f"requests.carried_over.{c}"] != (
            v[f"requests.result.total.{c}"] + v[f"requests.carried_forward.{c}"]
        ):
            out.add(("I1", c))
        if v[f"requests.result.total.{c}"] != sum(v[f"requests.{r}.{c}"] for r in leaves):
            out.add(("I2", c))
    for r in rows:
        if v[f"requests.{r}.total"] != sum(v[f"requests.{r}.{c}"] for c in APPLICANTS):
            out.add(("I3", r))
    for g in ("review", "litigation_direct", "litigation_after_review"):
        parts = sum(v[f"appeals.{g}.{p}"] for p in ("upheld", "corrected", "other", "pending"))
        if parts != v[f"appeals.{g}.total"]:
            out.add(("I4", g))
    return out


def _written_truth(tmp_path: Path, profile: SynthProfile, seed: int) -> dict:
    spec = make_report_spec(np.random.default_rng(seed), profile, seed=seed)
    write_report(spec, tmp_path, "png", "r")
    return json.loads((tmp_path / "r.truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_identities_hold_in_a_written_report(tmp_path: Path, seed: int) -> None:
    truth = _written_truth(tmp_path, SynthProfile("t", break_probability=0.0, **FAST), seed)
    assert truth["broken_identities"] == []
    assert _failures(truth["fields"], truth["template"]["requests"]) == set()
    assert list(tmp_path.glob("r_p*.png"))


@pytest.mark.parametrize("kind", ["I1", "I2", "I3", "I4"])
def test_a_broken_report_breaks_exactly_what_it_lists(tmp_path: Path, kind: str) -> None:
    truth = _written_truth(tmp_path, SynthProfile("t", break_kind=kind, **FAST), 11)
    listed = {(b["rule"], b["scope"]) for b in truth["broken_identities"]}
    assert listed, "a deliberately broken report lists what it breaks"
    assert {rule for rule, _ in listed} == {kind}
    assert _failures(truth["fields"], truth["template"]["requests"]) == listed


@pytest.mark.parametrize("mode", ["2021", "2019", "mixed"])
def test_truth_holds_exactly_the_template_field_ids(mode: str) -> None:
    spec = make_report_spec(np.random.default_rng(5), SynthProfile("t", template_mode=mode, **FAST))
    expected = report_field_ids(spec.templates)
    assert sorted(spec.fields) == sorted(expected)
    assert sorted(spec.printed) == sorted(expected)
    if mode == "mixed":
        assert spec.templates == {"proactive": "2021", "requests": "2019", "appeals": "2021"}
        assert spec.year >= 2021


def _parse_printed(text: str) -> float | None:
    text = text.strip()
    if text in ("", "-", "/", "—"):
        return None
    if text.endswith("万元"):
        return round(float(text[:-2]) * 10000, 2)
    return float(text.removesuffix("元").removeprefix("+"))


def test_printed_text_reads_back_as_the_truth_value() -> None:
    for seed in range(12):
        spec = make_report_spec(np.random.default_rng(seed), SynthProfile("t", **FAST))
        for fid, value in spec.fields.items():
            assert _parse_printed(spec.printed[fid]) == value, (seed, fid, spec.printed[fid])


def test_same_seed_same_report(tmp_path: Path) -> None:
    profile = SynthProfile("t", **FAST)
    first = generate_dataset(tmp_path / "a", 2, seed=9, profile=profile, fmt="png")
    second = generate_dataset(tmp_path / "b", 2, seed=9, profile=profile, fmt="png")
    for a, b in zip(first, second, strict=True):
        truth_a = (a.parent / "synth_9_000.truth.json").read_text(encoding="utf-8")
        truth_b = (b.parent / "synth_9_000.truth.json").read_text(encoding="utf-8")
        assert truth_a == truth_b
        assert np.array_equal(np.asarray(Image.open(a)), np.asarray(Image.open(b)))
    other = make_report_spec(np.random.default_rng(10), profile).truth()
    assert other != make_report_spec(np.random.default_rng(9 * 100_003), profile).truth()


@pytest.mark.parametrize("modes", [("L", "1", "L"), ("1", "1"), ("L", "L")])
def test_a_tiff_keeps_every_page_whatever_its_mode(tmp_path: Path, modes: tuple[str, ...]) -> None:
    grey = Image.fromarray(np.random.default_rng(1).integers(0, 256, (40, 30), dtype=np.uint8), "L")
    pages = [grey if mode == "L" else grey.convert("1") for mode in modes]
    (path,) = save_pages(pages, tmp_path, "doc", "tiff", dpi=150)
    with Image.open(path) as written:
        assert written.n_frames == len(modes)
        for index, mode in enumerate(modes):
            written.seek(index)
            assert written.mode == mode


def test_a_report_has_the_pages_of_a_report() -> None:
    spec = make_report_spec(np.random.default_rng(3), SynthProfile("t", **FAST))
    pages = render_report(spec)
    assert 2 <= len(pages) <= 6
    assert pages[0].size == (round(210 / 25.4 * 60), round(297 / 25.4 * 60))


def test_damage_changes_resolution_and_turns_pages() -> None:
    page = Image.new("RGB", (300, 400), "white")
    rng = np.random.default_rng(0)
    turned = degrade(page, rng, Damage(dpi=150, rotation=90, skew_deg=2.0, noise_sigma=5.0, jpeg_quality=40))
    assert turned.size == (200, 150)
    assert turned.mode == "L"
    bilevel = degrade(page, rng, replace(Damage(dpi=300), binarize=True))
    assert bilevel.mode == "1" and bilevel.size == (300, 400)


def test_table_two_numbers_keep_their_relations() -> None:
    """Drawn as each version prints table 二, from the template's data: the numbers still hang together."""
    template = default_template()
    for seed in range(30):
        new = make_proactive_values(np.random.default_rng(seed), "2021", template)
        old = make_proactive_values(np.random.default_rng(seed), "2019", template)
        assert list(new) == template.field_ids("proactive", "2021")
        assert list(old) == template.field_ids("proactive", "2019")
        for row in ("regulations", "normative_documents"):
            assert new[f"proactive.{row}.in_force"] >= new[f"proactive.{row}.issued"]
            made = old[f"proactive.{row}.new_made"]
            assert made - 1 <= old[f"proactive.{row}.new_published"] <= made
            assert old[f"proactive.{row}.total_published"] >= made
        assert (old["proactive.procurement.amount"] > 0) == (old["proactive.procurement.projects"] > 0)
        assert isinstance(new["proactive.fees.amount_10k_yuan"], float)


def test_the_faint_profile_rules_its_tables_thin_and_light_grey() -> None:
    from nianbao.synth.profile import get_profile

    faint = get_profile("faint")
    assert (faint.scan, faint.dpi) == ("hard", 150)
    for seed in range(5):
        layout = make_report_spec(np.random.default_rng(seed), replace(faint, **FAST)).layout
        assert 200 <= layout.rule_grey <= 242 and layout.rule_pt <= 0.8


def test_the_folded_profile_creases_each_sheet_edge_to_edge_and_prints_the_same() -> None:
    from nianbao.synth.creases import FOLDS
    from nianbao.synth.degrade import draw_damage
    from nianbao.synth.profile import get_profile

    assert get_profile("folded").scan == "folded"
    for seed in range(6):
        damage = draw_damage(np.random.default_rng(seed), "folded", 150)
        downs = [c.where for c in damage.creases if c.down]
        acrosses = [c.where for c in damage.creases if not c.down]
        assert (len(downs), len(acrosses)) in {(len(d), len(a)) for d, a in FOLDS.values()}
        assert all(0.25 <= where <= 0.75 for where in downs + acrosses)
    sheet = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(sheet).text((100, 380), "0", fill=0)
    creased = degrade(sheet, np.random.default_rng(1), Damage(dpi=300, creases=damage.creases))
    pixels = np.asarray(creased)
    assert pixels[0].min() < 240 or pixels[:, 0].min() < 240  # the crease reaches the sheet's edge
    assert pixels.min() < 60  # the print is still there, as dark as before
