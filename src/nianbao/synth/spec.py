"""What one synthetic report is: its truth (values, printed text) and every layout and damage choice.

``make_report_spec`` draws all of it from a random generator, so a seed fixes a report completely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import numpy as np

from nianbao.checks import run_checks
from nianbao.errors import ConfigError
from nianbao.synth import prose
from nianbao.synth.labels import LabelStyle, draw_label_style
from nianbao.synth.layout_choice import LayoutStyle, ScanChoice, draw_layout, draw_scan
from nianbao.synth.profile import SynthProfile
from nianbao.synth.values import (
    BREAK_KINDS,
    Number,
    break_identity,
    draw_activity,
    make_appeal_counts,
    make_proactive_values,
    make_request_counts,
)
from nianbao.template import Template, default_template


@dataclass(frozen=True)
class ReportSpec:
    seed: int
    agency: str
    year: int
    published: str
    templates: dict[str, str]
    fields: dict[str, Number]
    printed: dict[str, str]
    broken_identities: list[dict[str, str]]
    labels: LabelStyle
    layout: LayoutStyle
    scan: ScanChoice
    prose: dict[str, list[str]] = field(default_factory=dict)
    template: Template = field(default_factory=default_template, repr=False, compare=False)  # what it prints

    def truth(self) -> dict[str, object]:
        return {
            "agency": self.agency,
            "year": self.year,
            "published": self.published,
            "template": dict(self.templates),
            "fields": dict(self.fields),
            "broken_identities": list(self.broken_identities),
            "printed": dict(self.printed),
            "profile": self.scan.family,
        }


LATEST_YEAR = 2024  # the last report year drawn for the newest version (unless it starts later)


def _templates(rng: np.random.Generator, mode: str, template: Template) -> tuple[int, dict[str, str]]:
    """(report year, version per table). ``mixed``: the newest version with table 三 still printed in the
    one before it, as some agencies did in the first year of a new template."""
    versions = template.versions
    if mode == "random":
        older = [v.name for v in versions[:-1]]
        weights = [0.65] + [0.25 / max(len(older), 1)] * len(older) + [0.1]
        mode = str(rng.choice([template.newest, *older, "mixed"], p=np.array(weights) / sum(weights)))
    names = template.version_names
    if mode not in (*names, "mixed"):
        raise ConfigError(f"template_mode {mode!r} is unknown: use random, mixed or one of {', '.join(names)}")
    version = template.newest if mode == "mixed" else mode
    index = names.index(version)
    last_year = versions[index + 1].first_year - 1 if index + 1 < len(versions) else LATEST_YEAR
    last_year = max(last_year, versions[index].first_year)  # a version newer than LATEST_YEAR: its first year
    year = int(rng.integers(versions[index].first_year, last_year + 1))
    chosen = dict.fromkeys(template.tables, version)
    if mode == "mixed" and len(names) > 1:
        chosen["requests"] = names[-2]
    return year, chosen


def format_field(rng: np.random.Generator, kind: str, value: int | float, zero_mark: str) -> tuple[Number, str]:
    """(truth value, printed text) for one cell of field type ``kind``; zeros printed as ``zero_mark`` become
    null."""
    if value == 0 and zero_mark != "0":
        return None, zero_mark
    if kind == "signed_integer":
        return int(value), (f"+{value}" if value > 0 and rng.random() < 0.6 else str(int(value)))
    if kind == "decimal":
        if value == 0:
            return 0.0, str(rng.choice(["0", "0.00"]))
        return float(value), f"{value:.2f}"
    if kind == "money":
        if value == 0:
            return 0.0, "0"
        style = int(rng.integers(3))
        text = (f"{int(value)}", f"{int(value)}元", f"{value / 10000:.4f}".rstrip("0").rstrip(".") + "万元")[style]
        return float(value), text
    return int(value), str(int(value))


def _zero_marks(rng: np.random.Generator, fids: list[str], forced: str | None = None) -> dict[str, str]:
    """Most reports print 0; some print every zero as a dash or blank, some only a few cells."""
    mode = rng.random()
    mark = str(rng.choice(["", "-", "/", "—"]))
    if forced is not None:
        return {fid: forced for fid in fids}
    if mode < 0.7:
        return {fid: "0" for fid in fids}
    share = 1.0 if mode < 0.82 else 0.08
    return {fid: (mark if rng.random() < share else "0") for fid in fids}


def make_values(
    rng: np.random.Generator, templates: dict[str, str], break_kind: str | None, template: Template
) -> tuple[dict[str, int | float], list[dict[str, str]]]:
    activity = draw_activity(rng)
    raw: dict[str, int | float] = {}
    raw.update(make_proactive_values(rng, templates["proactive"], template))
    raw.update(make_request_counts(rng, templates["requests"], activity, template))
    raw.update(make_appeal_counts(rng, activity, template))
    if break_kind is not None:
        ints = {k: v for k, v in raw.items() if isinstance(v, int)}
        break_identity(rng, ints, break_kind)
        raw.update(ints)
    checks = run_checks(raw, template=template)
    return raw, [{"rule": check.rule, "scope": check.scope} for check in checks if not check.ok]


def _published(rng: np.random.Generator, year: int) -> dt.date:
    return dt.date(year + 1, 1, 1) + dt.timedelta(days=int(rng.integers(5, 85)))


def make_report_spec(
    rng: np.random.Generator, profile: SynthProfile, seed: int = 0, template: Template | None = None
) -> ReportSpec:
    """Every choice of one report, drawn from ``rng`` under ``profile``, printed in ``template`` (the
    shipped one unless given)."""
    template = template or default_template()
    year, templates = _templates(rng, profile.template_mode, template)
    break_kind = profile.break_kind
    if break_kind is None and rng.random() < profile.break_probability:
        break_kind = str(rng.choice(BREAK_KINDS))
    raw, broken = make_values(rng, templates, break_kind, template)
    ids = template.report_field_ids(templates)
    marks = _zero_marks(rng, ids, profile.zero_mark)
    fields: dict[str, Number] = {}
    printed: dict[str, str] = {}
    for fid in ids:
        fields[fid], printed[fid] = format_field(rng, template.fields_by_id[fid].type, raw[fid], marks[fid])
    agency = prose.agency_name(rng)
    numbers = {k: int(raw[f"requests.{k}.total"]) for k in ("carried_over", "carried_forward")}
    numbers = {
        "over": numbers["carried_over"],
        "forward": numbers["carried_forward"],
        "received": int(raw["requests.new_received.total"]),
    }
    texts = {
        "intro": [prose.intro(year)] if rng.random() < 0.5 else [],
        "overview": prose.overview(rng, year, agency, numbers),
        "problems": prose.problems(year, agency),
        "other": prose.other_matters(rng, year, agency),
    }
    split = profile.split_group if profile.split_group is not None else bool(rng.random() < 0.15)
    layout = draw_layout(rng, profile.render_dpi, template.rows("requests", templates["requests"]), split)
    if profile.rule_grey is not None:  # thin light grey borders (a web page's, printed)
        low, high = profile.rule_grey
        layout = replace(layout, rule_grey=int(rng.integers(low, high + 1)), rule_pt=float(rng.uniform(0.4, 0.8)))
    return ReportSpec(
        seed=seed,
        agency=agency,
        year=year,
        published=_published(rng, year).isoformat(),
        templates=templates,
        fields=fields,
        printed=printed,
        broken_identities=broken,
        labels=draw_label_style(rng, profile.typos),
        layout=layout,
        scan=draw_scan(rng, profile),
        prose=texts,
        template=template,
    )
