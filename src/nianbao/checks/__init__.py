"""The template's identities (勾稽关系, TEMPLATE.md I1-I4), evaluated on the printed numbers.

A failed identity is a finding reported to the user; the numbers themselves are never changed.
An identity with a blank or unreadable operand cannot be evaluated and is left out.
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


def _fmt(values: list[Number]) -> str:
    return "+".join(_num(v) for v in values)


def _num(value: Number) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _equation(rule: str, scope: str, left: list[Number], right: list[Number]) -> Check | None:
    if not left or not right or any(v is None for v in left + right):
        return None
    ok = abs(sum(left) - sum(right)) < 1e-6  # type: ignore[arg-type]
    return Check(rule, scope, ok, f"{_fmt(left)} {'=' if ok else '≠'} {_fmt(right)}")


def request_result_rows(fields: Mapping[str, Number]) -> list[str]:
    """The rows (一)…(六) whose sum is (七) 总计, as printed in this report."""
    rows = dict.fromkeys(
        fid.removeprefix("requests.").rpartition(".")[0] for fid in fields if fid.startswith("requests.result.")
    )
    return [row for row in rows if row != "result.total"]


def check_requests(fields: Mapping[str, Number]) -> list[Check]:
    candidates: list[Check | None] = []
    parts = request_result_rows(fields)
    for column in REQUEST_COLUMNS:
        if f"requests.new_received.{column}" not in fields:
            continue

        def get(row: str, column: str = column) -> Number:
            return fields.get(f"requests.{row}.{column}")

        candidates.append(
            _equation("I1", column, [get("new_received"), get("carried_over")], [get("result.total"), get("carried_forward")])
        )
        candidates.append(_equation("I2", column, [get(row) for row in parts], [get("result.total")]))
    rows = dict.fromkeys(fid.removeprefix("requests.").rpartition(".")[0] for fid in fields if fid.startswith("requests."))
    for row in rows:
        applicants = [fields.get(f"requests.{row}.{c}") for c in APPLICANT_COLUMNS]
        candidates.append(_equation("I3", row, applicants, [fields.get(f"requests.{row}.total")]))
    return [check for check in candidates if check is not None]


def check_appeals(fields: Mapping[str, Number]) -> list[Check]:
    checks = []
    for group in APPEAL_GROUPS:
        if f"appeals.{group}.total" not in fields:
            continue
        parts = [fields.get(f"appeals.{group}.{part}") for part in APPEAL_PARTS]
        check = _equation("I4", group, parts, [fields.get(f"appeals.{group}.total")])
        if check:
            checks.append(check)
    return checks


def run_checks(fields: Mapping[str, Number]) -> list[Check]:
    return check_requests(fields) + check_appeals(fields)
