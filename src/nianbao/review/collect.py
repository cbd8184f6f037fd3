"""What in a report needs a look (pure): unsure and unreadable cells, failed identities, and their order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from nianbao.checks import identity_field_ids
from nianbao.model import BBox
from nianbao.template import fields_by_id

UNSURE, UNREADABLE = "unsure", "unreadable"
LOOK_STATUSES = (UNSURE, UNREADABLE)
NULL_MARKS = frozenset("-/—–－／\\_一无空")  # printed in a cell that is deliberately empty


@dataclass(frozen=True)
class FlaggedCell:
    field_id: str
    label_zh: str
    status: str  # unsure or unreadable
    page: int | None
    bbox: tuple[float, float, float, float] | None
    text: str
    confidence: float | None
    value: Any = None


@dataclass(frozen=True)
class FailedCheck:
    rule: str
    scope: str
    detail: str
    field_ids: tuple[str, ...]  # the fields the identity adds up


@dataclass(frozen=True)
class ReviewItem:
    """One extracted report and what in it needs a look."""

    name: str  # the JSON's path in the run folder
    source: str
    report: Mapping[str, Any]
    cells: tuple[FlaggedCell, ...] = ()
    checks: tuple[FailedCheck, ...] = ()
    corrections: Mapping[str, Any] = field(default_factory=dict)

    @property
    def n_unsure(self) -> int:
        return sum(cell.status == UNSURE for cell in self.cells)

    @property
    def n_unreadable(self) -> int:
        return sum(cell.status == UNREADABLE for cell in self.cells)

    @property
    def to_look_at(self) -> int:
        return len(self.cells) + len(self.checks)


def cell_status(value: Any, cell: Mapping[str, Any] | None) -> str:
    """The cell's ``status`` where the JSON has one; else derived: a null value with printed text that is
    not a null mark is unsure, a field with no cell is unreadable."""
    if cell is None:
        return UNREADABLE
    if cell.get("status"):
        return str(cell["status"])
    if value is not None:
        return "ok"
    text = "".join(str(cell.get("text") or "").split())
    if not text:
        return "blank"
    return "dash" if all(char in NULL_MARKS for char in text) else UNSURE


def flagged_cells(report: Mapping[str, Any]) -> list[FlaggedCell]:
    specs = fields_by_id()
    cells = report.get("cells") or {}
    flagged = []
    for field_id, value in (report.get("fields") or {}).items():
        cell = cells.get(field_id)
        status = cell_status(value, cell)
        if status not in LOOK_STATUSES:
            continue
        cell = cell or {}
        bbox = cell.get("bbox")
        spec = specs.get(field_id)
        flagged.append(FlaggedCell(
            field_id=field_id, label_zh=spec.label_zh if spec else "", status=status, page=cell.get("page"),
            bbox=cast(BBox, tuple(float(v) for v in bbox)) if bbox and len(bbox) == 4 else None,
            text=str(cell.get("text") or ""), confidence=cell.get("confidence"), value=value,
        ))  # fmt: skip
    return flagged


def check_field_ids(rule: str, scope: str, field_ids: Iterable[str]) -> tuple[str, ...]:
    """The fields an identity of the template adds up (I1/I2 per column, I3 per row, I4 per group)."""
    return identity_field_ids(rule, scope, field_ids)


def failed_checks(report: Mapping[str, Any]) -> list[FailedCheck]:
    fields = report.get("fields") or {}
    failed = []
    for check in report.get("checks") or []:
        if check.get("ok", False):
            continue
        rule, scope = str(check.get("rule", "?")), str(check.get("scope") or "")
        failed.append(FailedCheck(rule, scope, str(check.get("detail") or ""), check_field_ids(rule, scope, fields)))
    return failed


def review_item(name: str, report: Mapping[str, Any], corrections: Mapping[str, Any] | None = None) -> ReviewItem:
    source = str((report.get("source") or {}).get("path") or name)
    return ReviewItem(name, source, report, tuple(flagged_cells(report)), tuple(failed_checks(report)),
                      dict(corrections or {}))  # fmt: skip


def by_need(items: Iterable[ReviewItem]) -> list[ReviewItem]:
    """Most to look at first: failed identities weigh like a cell each, ties by name."""
    return sorted(items, key=lambda item: (-item.to_look_at, -len(item.checks), item.name))
