"""The template's identities (勾稽关系, TEMPLATE.md I1-I4, declared in template.yaml), evaluated on the
printed numbers.

A failed identity is a finding reported to the user; the numbers themselves are never changed.
A cell printed blank or with a dash counts as 0 here (shown as "-" in the detail): that is how the template
is filled in. An identity with an operand that could not be read is left out, unless the numbers read on
that operand's side already add up to more than the other side, read in full: every operand is a count, never
negative, so the equation fails whatever the unread cells hold (shown as "?" in the detail).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

from nianbao.template import Identity, Template, default_template

Number = int | float | None


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
        return cls(
            str(data.get("rule", "")), str(data.get("scope") or ""), bool(data.get("ok")), str(data.get("detail", ""))
        )


UNREADABLE = object()  # an operand whose cell could not be read


def _fmt(values: list) -> str:
    return "+".join(_operand(v) for v in values)


def _operand(value: object) -> str:
    if value is UNREADABLE:
        return "?"
    return "-" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _sum_read(values: list) -> float:
    return sum(v or 0 for v in values if v is not UNREADABLE)


def _exceeded(rule: str, scope: str, left: list, right: list) -> Check | None:
    """The failed equation where one side holds unread operands (UNREADABLE) but the numbers read on it
    already add up to more than the other side, read in full; None where the unread could still make it
    hold. A fax page may leave a part or two of a broken equation unread (fax 11504_000: the results for
    商业企业 read 1 and 4 beside four cells read as nothing, their total 4)."""
    for partial, whole, relation in ((left, right, ">"), (right, left, "<")):
        if UNREADABLE not in whole and _sum_read(partial) > _sum_read(whole) + 1e-6:
            return Check(rule, scope, False, f"{_fmt(left)} {relation} {_fmt(right)}, whatever the unread (?) hold")
    return None


def _equation(rule: str, scope: str, left: list, right: list) -> Check | None:
    if not left or not right:
        return None
    if any(v is UNREADABLE for v in left + right):
        return _exceeded(rule, scope, left, right)
    ok = abs(_sum_read(left) - _sum_read(right)) < 1e-6
    return Check(rule, scope, ok, f"{_fmt(left)} {'=' if ok else '≠'} {_fmt(right)}")


def _getter(fields: Mapping[str, Number], unreadable: set[str]):
    def get(field_id: str):
        return UNREADABLE if field_id in unreadable or field_id not in fields else fields[field_id]

    return get


def _report_keys(fields: Iterable[str], table: str) -> tuple[list[str], list[str]]:
    """The rows and the columns of ``table`` that this report holds, in its field order."""
    rows: dict[str, None] = {}
    columns: dict[str, None] = {}
    for field_id in fields:
        if field_id.startswith(f"{table}."):
            row, _, column = field_id.removeprefix(f"{table}.").rpartition(".")
            rows[row] = columns[column] = None
    return list(rows), list(columns)


def _operands(patterns: tuple[str, ...], present: list[str], exclude: tuple[str, ...]) -> list[str]:
    """Keys named by ``patterns`` (``*`` as a wildcard) among ``present``, less ``exclude``."""
    chosen = [key for key in present if key not in exclude and any(fnmatchcase(key, p) for p in patterns)]
    return [p for p in patterns if "*" not in p and p not in present] + chosen


def equations(identity: Identity, fields: Iterable[str]) -> list[tuple[str, list[str], list[str]]]:
    """(scope, left field ids, right field ids) of each equation of ``identity`` over this report."""
    rows, columns = _report_keys(fields, identity.table)
    scopes, others = (rows, columns) if identity.for_each == "row" else (columns, rows)
    left = _operands(identity.left, others, identity.right)
    right = _operands(identity.right, others, ())

    def field_id(scope: str, key: str) -> str:
        row, column = (scope, key) if identity.for_each == "row" else (key, scope)
        return f"{identity.table}.{row}.{column}"

    return [(scope, [field_id(scope, k) for k in left], [field_id(scope, k) for k in right]) for scope in scopes]


def check_identity(identity: Identity, fields: Mapping[str, Number], unreadable: set[str]) -> list[Check]:
    """The equations of one identity, one per key of its ``for_each`` axis the report holds."""
    value = _getter(fields, unreadable)
    checks = []
    for scope, left, right in equations(identity, fields):
        check = _equation(identity.rule, scope, [value(f) for f in left], [value(f) for f in right])
        if check is not None:
            checks.append(check)
    return checks


def identity_field_ids(
    rule: str, scope: str, field_ids: Iterable[str], template: Template | None = None
) -> tuple[str, ...]:
    """The ids among a report's ``field_ids`` that the equation ``rule`` (e.g. I2) adds up for ``scope``, in
    their order."""
    ids = list(field_ids)
    wanted: set[str] = set()
    for identity in (template or default_template()).identities:
        if identity.rule == rule:
            for found, left, right in equations(identity, ids):
                if found == scope:
                    wanted.update(left + right)
    return tuple(field_id for field_id in ids if field_id in wanted)


def run_checks(
    fields: Mapping[str, Number], unreadable: set[str] | None = None, template: Template | None = None
) -> list[Check]:
    """Every identity of the template that can be evaluated; ``unreadable`` names fields whose cell could
    not be read."""
    unreadable = unreadable or set()
    identities = (template or default_template()).identities
    return [check for identity in identities for check in check_identity(identity, fields, unreadable)]
