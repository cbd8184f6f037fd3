"""The canonical field ids of ``fields.tsv`` (a copy of ``shared/spec/fields.tsv`` ships in the package)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

TABLES = ("proactive", "requests", "appeals")
TEMPLATES = ("2019", "2021")


@dataclass(frozen=True)
class FieldSpec:
    field_id: str
    table: str
    template: str  # "2019", "2021" or "both"
    type: str  # integer, signed_integer, decimal, money
    label_zh: str

    def in_template(self, template: str) -> bool:
        return self.template in ("both", template)


@lru_cache(maxsize=1)
def all_fields() -> tuple[FieldSpec, ...]:
    text = resources.files("nianbao").joinpath("data/fields.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return tuple(
        FieldSpec(r["field_id"], r["table"], r["template"], r["type"], r["label_zh"]) for r in rows
    )


@lru_cache(maxsize=1)
def fields_by_id() -> dict[str, FieldSpec]:
    return {spec.field_id: spec for spec in all_fields()}


def field_ids(table: str, template: str) -> list[str]:
    """The ids of ``table`` under ``template``, in fields.tsv order."""
    return [s.field_id for s in all_fields() if s.table == table and s.in_template(template)]


def report_field_ids(templates: dict[str, str]) -> list[str]:
    """Every id a report with these per-table templates must carry."""
    ids: list[str] = []
    for table in TABLES:
        if table in templates:
            ids.extend(field_ids(table, templates[table]))
    return ids


REQUEST_COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)
APPLICANT_COLUMNS = REQUEST_COLUMNS[:-1]


def request_rows(template: str) -> list[str]:
    """Row keys of table 三 (``result.withheld.state_secret`` …) in printed order."""
    seen: list[str] = []
    for fid in field_ids("requests", template):
        row = fid.removeprefix("requests.").rpartition(".")[0]
        if row not in seen:
            seen.append(row)
    return seen
