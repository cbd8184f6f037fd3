"""The template's identities (勾稽关系, TEMPLATE.md I1-I4), evaluated on the printed numbers.

A failed identity is a finding reported to the user; the numbers themselves are never changed.
A cell printed blank or with a dash counts as 0 here (shown as "-" in the detail): that is how the template
is filled in. An identity with an operand that could not be read is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from nianbao.fields import APPLICANT_COLUMNS, REQUEST_COLUMNS

Number = int | float | None

APPEAL_GROUPS = ("review", "litigation_direct", "litigation_after_review")
APPEAL_PARTS = ("upheld", "corrected", "other", "pending")


@dataclass(frozen=True)
class Check:
    rule: str
    scope: str
    ok: bool
    detail: str

    def to_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "scope": self.scope, "ok": self.ok, "detail": self.detail}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Check:
        return cls(str(data.get("rule", "")), str(data.get("scope") or ""), bool(data.get("ok")), str(data.get("detail", "")))


UNREADABLE = object()  # an operand whose cell could not be read


def _fmt(values: list) -> str:
    return "+".join("-" if v is None else f"{v:g}" if isinstance(v, float) else str(v) for v in values)


def _equation(rule: str, scope: str, left: list, right: list) -> Check | None:
    if not left or not right or any(v is UNREADABLE for v in left + right):
        return None
    ok = abs(sum(v or 0 for v in left) - sum(v or 0 for v in right)) < 1e-6
    return Check(rule, scope, ok, f"{_fmt(left)} {'=' if ok else '≠'} {_fmt(right)}")


def request_result_rows(fields: Mapping[str, Number]) -> list[str]:
    """The rows (一)…(六) whose sum is (七) 总计, as printed in this report."""
    rows = dict.fromkeys(
        fid.removeprefix("requests.").rpartition(".")[0] for fid in fields if fid.startswith("requests.result.")
    )
    return [row for row in rows if row != "result.total"]


def _getter(fields: Mapping[str, Number], unreadable: set[str]):
    def get(field_id: str):
        return UNREADABLE if field_id in unreadable or field_id not in fields else fields[field_id]

    return get


def check_requests(fields: Mapping[str, Number], unreadable: set[str]) -> list[Check]:
    value = _getter(fields, unreadable)
    candidates: list[Check | None] = []
    parts = request_result_rows(fields)
    for column in REQUEST_COLUMNS:
        if f"requests.new_received.{column}" not in fields:
            continue

        def get(row: str, column: str = column):
            return value(f"requests.{row}.{column}")

        candidates.append(
            _equation("I1", column, [get("new_received"), get("carried_over")], [get("result.total"), get("carried_forward")])
        )
        candidates.append(_equation("I2", column, [get(row) for row in parts], [get("result.total")]))
    rows = dict.fromkeys(fid.removeprefix("requests.").rpartition(".")[0] for fid in fields if fid.startswith("requests."))
    for row in rows:
        applicants = [value(f"requests.{row}.{c}") for c in APPLICANT_COLUMNS]
        candidates.append(_equation("I3", row, applicants, [value(f"requests.{row}.total")]))
    return [check for check in candidates if check is not None]


def check_appeals(fields: Mapping[str, Number], unreadable: set[str]) -> list[Check]:
    value = _getter(fields, unreadable)
    checks = []
    for group in APPEAL_GROUPS:
        if f"appeals.{group}.total" not in fields:
            continue
        parts = [value(f"appeals.{group}.{part}") for part in APPEAL_PARTS]
        check = _equation("I4", group, parts, [value(f"appeals.{group}.total")])
        if check:
            checks.append(check)
    return checks


def run_checks(fields: Mapping[str, Number], unreadable: set[str] | None = None) -> list[Check]:
    """Every identity that can be evaluated; ``unreadable`` names fields whose cell could not be read."""
    unreadable = unreadable or set()
    return check_requests(fields, unreadable) + check_appeals(fields, unreadable)
