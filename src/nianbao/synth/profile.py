"""The knobs of a batch of synthetic reports, and the named profiles of ``nianbao synth --profile``."""

from __future__ import annotations

from dataclasses import dataclass

from nianbao.errors import ConfigError

SCAN_FAMILIES = ("clean", "bilevel", "noisy", "mixed", "photo", "hard", "fax", "folded")


@dataclass(frozen=True)
class SynthProfile:
    """The knobs of a batch; ``None`` means drawn per report."""

    name: str
    template_mode: str = "random"  # random | mixed | a template version ("2021", "2019")
    break_kind: str | None = None  # I1..I4 forces a broken report
    break_probability: float = 0.1
    typos: bool = True
    split_group: bool | None = None
    rotate: bool | None = None
    scan: str = "clean"  # one of SCAN_FAMILIES
    dpi: int | None = None  # output resolution; None: drawn from the scan family
    render_dpi: int = 300
    zero_mark: str | None = None  # every zero printed as this mark; None: drawn per report
    rule_grey: tuple[int, int] | None = None  # rules printed thin in a grey drawn from this range; None: per report


PROFILES = {
    "clean": SynthProfile("clean", scan="clean", dpi=200, rotate=False),
    "noisy": SynthProfile("noisy", scan="noisy"),
    "mixed": SynthProfile("mixed", scan="mixed"),
    # 150 dpi office scans at their worst: heavy noise, specks, blur, JPEG q30, skew, grey uneven paper
    "hard": SynthProfile("hard", scan="hard", dpi=150),
    # binarised fax pages sent at 2:1 vertical resolution
    "fax": SynthProfile("fax", scan="fax", dpi=200),
    # office scans of sheets folded for the post: a crease down or across the page, through the tables
    "folded": SynthProfile("folded", scan="folded"),
    # phone photographs of reports that print every empty cell as a dash
    "photo": SynthProfile("photo", scan="photo", zero_mark="—"),
    # the hard profile's scans of reports ruled in light grey (a web page's borders): 200-242 on white paper
    "faint": SynthProfile("faint", scan="hard", dpi=150, rule_grey=(200, 242)),
}


def get_profile(name: str) -> SynthProfile:
    if name not in PROFILES:
        raise ConfigError(f"unknown synth profile {name!r}: use one of {', '.join(PROFILES)}")
    return PROFILES[name]
