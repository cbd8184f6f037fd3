"""The numbers of a synthetic report: generated so identities I1-I4 hold, optionally broken on purpose.

Everything here is pure: a ``numpy.random.Generator`` in, plain dicts out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from nianbao.errors import ConfigError
from nianbao.template import Template

Number = int | float | None
BREAK_KINDS = ("I1", "I2", "I3", "I4")

_COLUMN_WEIGHT = {
    "natural_person": 1.0,
    "commercial_enterprise": 0.45,
    "research_institution": 0.12,
    "social_welfare_org": 0.15,
    "legal_service_org": 0.3,
    "other_org": 0.3,
}
_ROW_WEIGHT = {
    "result.disclosed": 1.0,
    "result.partially_disclosed": 0.7,
    "result.unavailable.not_held": 0.9,
    "result.not_processed.petition_complaint": 0.5,
    "result.not_processed.duplicate": 0.45,
    "result.withheld.third_party_rights": 0.35,
    "result.withheld.process_information": 0.35,
    "result.other.other": 0.45,
    "result.other.unsplit": 0.6,
}


@dataclass(frozen=True)
class Activity:
    """How busy the agency is: the chance a leaf cell is non-zero and the typical size of a count."""

    leaf_probability: float
    typical_count: float


def draw_activity(rng: np.random.Generator) -> Activity:
    typical = float(rng.choice([2.0, 6.0, 40.0, 900.0], p=[0.4, 0.3, 0.2, 0.1]))
    return Activity(leaf_probability=float(rng.uniform(0.12, 0.35)), typical_count=typical)


def _count(rng: np.random.Generator, typical: float) -> int:
    return int(max(1, round(rng.lognormal(np.log(typical), 0.9))))


def make_request_counts(
    rng: np.random.Generator, version: str, activity: Activity, template: Template
) -> dict[str, int]:
    """Table 三 as ``requests.<row>.<column>`` -> count, with I1, I2 and I3 holding."""
    rows = template.rows("requests", version)
    columns = template.columns("requests")
    applicants = columns[:-1]  # then their total
    leaves = [r for r in rows if r.startswith("result.") and r != "result.total"]
    cells: dict[tuple[str, str], int] = {}
    for column in applicants:
        for row in leaves:
            chance = activity.leaf_probability * _COLUMN_WEIGHT[column] * _ROW_WEIGHT.get(row, 0.2) * 2.2
            cells[row, column] = _count(rng, activity.typical_count) if rng.random() < chance else 0
        total = sum(cells[row, column] for row in leaves)
        busy = total > 0
        forward = _count(rng, max(1.0, activity.typical_count / 5)) if busy and rng.random() < 0.35 else 0
        over = _count(rng, max(1.0, activity.typical_count / 5)) if busy and rng.random() < 0.35 else 0
        over = min(over, total + forward)
        cells["result.total", column] = total
        cells["carried_forward", column] = forward
        cells["carried_over", column] = over
        cells["new_received", column] = total + forward - over
    for row in rows:
        cells[row, "total"] = sum(cells[row, column] for column in applicants)
    return {f"requests.{row}.{column}": cells[row, column] for row in rows for column in columns}


def _appeal_groups_and_parts(template: Template) -> tuple[list[str], list[str]]:
    """Table 四's groups and the leaves that add up to each group's total (the total is the last)."""
    return template.rows("appeals"), [leaf for leaf in template.columns("appeals") if leaf != "total"]


def make_appeal_counts(rng: np.random.Generator, activity: Activity, template: Template) -> dict[str, int]:
    values: dict[str, int] = {}
    groups, parts_keys = _appeal_groups_and_parts(template)
    for group in groups:
        active = rng.random() < (0.15 + 0.5 * activity.leaf_probability)
        parts = [
            _count(rng, max(1.0, activity.typical_count / 8)) if active and rng.random() < 0.5 else 0
            for _ in parts_keys
        ]
        for part, value in zip(parts_keys, parts, strict=True):
            values[f"appeals.{group}.{part}"] = value
        values[f"appeals.{group}.total"] = sum(parts)
    return values


def _sometimes(rng: np.random.Generator, chance: float, low: int, high: int) -> int:
    return int(rng.integers(low, high + 1)) if rng.random() < chance else 0


# How a table 二 number is drawn, by its column key, from the row's numbers drawn before it (``done``). A
# column not listed is drawn by its field type, so a new template version's columns need nothing here.
_Done = Mapping[str, int | float]
_Draw = Callable[[np.random.Generator, str, _Done], int | float]
_DOCUMENT_CHANCE = {"regulations": 0.12, "normative_documents": 0.5}
_DECISIONS_HIGH = {"licensing": 40000, "penalty": 3000, "coercion": 60, "other_services": 2000}
_ITEMS_HIGH = {"fees": 30}


def _made(done: _Done) -> int:
    return int(done.get("issued", done.get("new_made", 0)))


def _change(rng: np.random.Generator, row: str, done: _Done) -> int:
    return int(rng.choice([0, 0, 0, 1, 2, -1, -2, 5, -3]))


def _money(rng: np.random.Generator, row: str, done: _Done) -> float:
    """Yuan, in hundreds, where the row counted something (or, alone in its row, half the time)."""
    active = any(done.values()) if done else rng.random() < 0.5
    return float(int(rng.integers(1, 5000)) * 100) if active else 0.0


def _decimal(rng: np.random.Generator, row: str, done: _Done) -> float:
    return round(float(rng.uniform(0.05, 9000.0)), 2) if rng.random() < 0.3 else 0.0


_BY_COLUMN: dict[str, _Draw] = {
    "issued": lambda rng, row, done: _sometimes(rng, _DOCUMENT_CHANCE.get(row, 0.3), 1, 30),
    "new_made": lambda rng, row, done: _sometimes(rng, _DOCUMENT_CHANCE.get(row, 0.3), 1, 30),
    "repealed": lambda rng, row, done: _sometimes(rng, 0.3, 1, 8),
    "in_force": lambda rng, row, done: _made(done) + _sometimes(rng, 0.5, 1, 300),
    "new_published": lambda rng, row, done: _made(done) if rng.random() < 0.8 else max(0, _made(done) - 1),
    "total_published": lambda rng, row, done: _made(done) + _sometimes(rng, 0.5, 1, 300),
    "decisions": lambda rng, row, done: _sometimes(rng, 0.45, 1, _DECISIONS_HIGH.get(row, 1000)),
    "items_last_year": lambda rng, row, done: _sometimes(rng, 0.6, 1, _ITEMS_HIGH.get(row, 400)),
    "projects": lambda rng, row, done: _sometimes(rng, 0.5, 1, 60),
}
_BY_TYPE: dict[str, _Draw] = {
    "integer": lambda rng, row, done: _sometimes(rng, 0.3, 1, 100),
    "signed_integer": _change,
    "decimal": _decimal,  # 2021 收费金额, in 万元
    "money": _money,  # 2019 采购总金额, in yuan
}


def make_proactive_values(rng: np.random.Generator, version: str, template: Template) -> dict[str, int | float]:
    """Table 二 values for ``version``, drawn cell by cell in the order the template prints them."""
    layout = template.proactive_layout.get(version)
    if layout is None:
        raise ConfigError(f"template.yaml has no proactive_layout for version {version}: table 二 cannot be drawn")
    types = template.fields_by_id
    values: dict[str, int | float] = {}
    for section in layout:
        for row, _ in section.rows:
            done: dict[str, int | float] = {}
            for column, _ in section.columns:
                fid = f"proactive.{row}.{column}"
                draw = _BY_COLUMN.get(column) or _BY_TYPE[types[fid].type]
                values[fid] = done[column] = draw(rng, row, done)
    return {fid: values[fid] for fid in template.field_ids("proactive", version)}


def break_identity(rng: np.random.Generator, values: dict[str, int], kind: str) -> None:
    """Change printed numbers in place the way real reports go wrong, breaking rule ``kind``."""
    column = str(rng.choice(["natural_person", "commercial_enterprise"]))
    delta = int(rng.integers(1, 6))
    if kind == "I1":  # 结转下年度 mistyped in one column and its total
        for col in (column, "total"):
            values[f"requests.carried_forward.{col}"] += delta
    elif kind == "I2":  # one result item counted but (七)总计 not updated
        row = "result.unavailable.not_held"
        for col in (column, "total"):
            values[f"requests.{row}.{col}"] += delta
    elif kind == "I3":  # a row total that is not the sum of its applicants
        values["requests.result.disclosed.total"] += delta
        values["requests.result.total.total"] += delta
        values["requests.new_received.total"] += delta
    elif kind == "I4":  # 行政复议 parts printed, 总计 left at 0 or mistyped
        group = "review"
        if values[f"appeals.{group}.total"] == 0:
            values[f"appeals.{group}.upheld"] += delta
        else:
            values[f"appeals.{group}.total"] = 0
