"""Drawing the typesetting and scanning choices of a report."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nianbao.synth.profile import SynthProfile

FONTS = {
    "sans": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "serif": "/usr/share/fonts/truetype/arphic/uming.ttc",
    "kai": "/usr/share/fonts/truetype/arphic/ukai.ttc",
}
HEADER_ROWS = 3


@dataclass(frozen=True)
class LayoutStyle:
    """Typesetting choices; sizes in points and millimetres, converted with ``dpi`` when drawn."""

    dpi: int
    body_font: str
    table_font: str
    title_font: str
    body_pt: float
    table_pt: float
    title_pt: float
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    line_gap: float
    cell_pad_pt: float
    row_min_pt: float
    header_shade: int  # 255: none
    rule_pt: float
    rule_grey: int
    repeat_header: bool
    vertical_result_label: bool
    label_units: tuple[float, float, float]
    title_one_line: bool
    seal: bool
    page_numbers: bool
    spaced_date: bool
    requests_new_page: bool
    requests_break_after: int | None  # table row index after which table 三 must break


@dataclass(frozen=True)
class ScanChoice:
    family: str  # clean | noisy | mixed | photo
    dpi: int  # output resolution
    rotated_page: int | None  # page index turned by ``rotation`` degrees
    rotation: int


def _split_row(rng: np.random.Generator, rows: list[str]) -> int:
    """Table row after which a break cuts a (三)…(六) group label in two."""
    groups = [
        g
        for g in ("withheld", "unavailable", "not_processed", "other")
        if sum(r.startswith(f"result.{g}.") for r in rows) >= 3
    ]
    group = str(rng.choice(groups))
    members = [i for i, r in enumerate(rows) if r.startswith(f"result.{group}.")]
    cut = members[int(rng.integers(0, len(members) - 1))] if len(members) > 3 else members[0]
    return HEADER_ROWS + cut


def draw_layout(rng: np.random.Generator, dpi: int, request_rows: list[str], split_group: bool) -> LayoutStyle:
    fonts = list(FONTS.values())
    body = str(rng.choice(fonts, p=[0.3, 0.4, 0.3]))
    vertical = bool(rng.random() < 0.7)
    first = float(rng.uniform(0.55, 0.75)) if vertical else float(rng.uniform(1.6, 2.4))
    group = float(rng.uniform(1.0, 1.3)) if split_group else float(rng.uniform(1.3, 2.0))
    return LayoutStyle(
        dpi=dpi,
        body_font=body,
        table_font=str(rng.choice(fonts, p=[0.45, 0.4, 0.15])),
        title_font=str(rng.choice([FONTS["sans"], FONTS["serif"], body])),
        body_pt=float(rng.choice([12.0, 14.0, 15.0, 16.0])),
        table_pt=float(rng.uniform(9.0, 11.0)),
        title_pt=float(rng.uniform(18.0, 22.0)),
        margins_mm=(
            float(rng.uniform(22, 37)),
            float(rng.uniform(20, 32)),
            float(rng.uniform(20, 28)),
            float(rng.uniform(18, 26)),
        ),
        line_gap=float(rng.uniform(1.45, 1.85)),
        cell_pad_pt=float(rng.uniform(2.0, 4.0)),
        row_min_pt=float(rng.uniform(16.0, 24.0)),
        header_shade=255 if rng.random() < 0.65 else int(rng.integers(200, 236)),
        rule_pt=float(rng.uniform(0.5, 1.1)),
        rule_grey=0 if rng.random() < 0.8 else int(rng.integers(90, 170)),
        repeat_header=bool(rng.random() < 0.5),
        vertical_result_label=vertical,
        label_units=(first, group, float(rng.uniform(3.0, 4.5))),
        title_one_line=bool(rng.random() < 0.4),
        seal=bool(rng.random() < 0.5),
        page_numbers=bool(rng.random() < 0.5),
        spaced_date=bool(rng.random() < 0.25),
        requests_new_page=not split_group and bool(rng.random() < 0.2),
        requests_break_after=_split_row(rng, request_rows) if split_group else None,
    )


_FAMILY_DPI = {
    "clean": (200, 300),
    "bilevel": (300, 300),
    "noisy": (150, 200),
    "photo": (150, 200),
    "hard": (150, 150),
    "fax": (200, 200),
    "folded": (150, 200),
}


def draw_scan(rng: np.random.Generator, profile: SynthProfile) -> ScanChoice:
    family = profile.scan
    if family == "mixed":
        family = str(rng.choice(["clean", "noisy", "photo"], p=[0.4, 0.45, 0.15]))
    low, high = _FAMILY_DPI[family]
    dpi = profile.dpi or int(rng.choice([low, (low + high) // 2, high]))
    rotate = profile.rotate if profile.rotate is not None else bool(family != "clean" and rng.random() < 0.15)
    rotated_page = int(rng.integers(0, 3)) if rotate else None
    rotation = int(rng.choice([90, 180, 270])) if rotate else 0
    return ScanChoice(family=family, dpi=dpi, rotated_page=rotated_page, rotation=rotation)
