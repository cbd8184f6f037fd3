"""Hand-made truth and predictions for the evaluate tests."""

from __future__ import annotations

import copy
from typing import Any

# Five fields: two non-zero counts, one zero, one blank (null), one decimal.
TRUTH: dict[str, Any] = {
    "agency": "某市某区人民政府",
    "year": 2023,
    "published": "2024-01-17",
    "template": {"proactive": "2021", "requests": "2021", "appeals": "2021"},
    "fields": {
        "requests.new_received.total": 21,
        "requests.carried_over.total": 0,
        "requests.result.total.total": None,
        "appeals.review.total": 3,
        "proactive.fees.amount_10k_yuan": 7730.28,
    },
    "broken_identities": [],
    "printed": {
        "requests.new_received.total": "21",
        "requests.carried_over.total": "0",
        "requests.result.total.total": "-",
        "appeals.review.total": "3",
        "proactive.fees.amount_10k_yuan": "7730.28",
    },
}


def truth(**changes: Any) -> dict[str, Any]:
    result = copy.deepcopy(TRUTH)
    result.update(changes)
    return result


def prediction(fields: dict[str, Any] | None = None, drop: tuple[str, ...] = (), **changes: Any) -> dict[str, Any]:
    """A prediction equal to TRUTH, with some field values changed, some ids dropped, some keys changed."""
    values = {**TRUTH["fields"], **(fields or {})}
    for field_id in drop:
        del values[field_id]
    result: dict[str, Any] = {
        "source": {"path": "x.pdf", "sha256": "0", "pages": 3, "kind": "scanned"},
        "agency": TRUTH["agency"], "year": TRUTH["year"], "published": TRUTH["published"],
        "template": dict(TRUTH["template"]), "fields": values, "cells": {}, "checks": [],
        "unmapped": [], "warnings": [],
    }  # fmt: skip
    result.update(changes)
    return result


def failed_check(rule: str, scope: str) -> dict[str, Any]:
    return {"rule": rule, "scope": scope, "ok": False, "detail": "1+1 = 3"}


def passed_check(rule: str, scope: str) -> dict[str, Any]:
    return {"rule": rule, "scope": scope, "ok": True, "detail": "1+1 = 2"}
