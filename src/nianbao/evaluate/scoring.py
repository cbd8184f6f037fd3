"""Score extracted reports against truth files. Pure functions.

Definitions (also in the README):
- A field is right when the prediction has the id and its value equals the truth: integers exactly,
  decimals within 1e-6 relative, null == null. A report that failed to extract, or an id missing from
  its prediction, counts every such truth field as wrong.
- non-zero accuracy: over truth fields whose value is a number other than 0.
- null vs zero: truth null read as 0, and truth 0 read as null (a blank is not a zero).
- identity checks, per report: flagged when any check has ok false; truly inconsistent when the truth's
  broken_identities is non-empty. Precision, recall and F1 over reports; the same over (rule, scope).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

MISSING = object()


def values_equal(truth: Any, predicted: Any) -> bool:
    if truth is None or predicted is None:
        return truth is None and predicted is None
    if isinstance(truth, bool) or isinstance(predicted, bool):
        return False
    if isinstance(truth, int) and isinstance(predicted, int):
        return truth == predicted
    return math.isclose(float(truth), float(predicted), rel_tol=1e-6, abs_tol=1e-9)


def _ratio(right: int, total: int) -> float | None:
    return round(right / total, 6) if total else None


@dataclass(frozen=True)
class Tally:
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.right, self.total)

    def add(self, ok: bool) -> Tally:
        return Tally(self.right + int(ok), self.total + 1)


@dataclass(frozen=True)
class Detection:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.true_positive, self.true_positive + self.false_positive)

    @property
    def recall(self) -> float | None:
        return _ratio(self.true_positive, self.true_positive + self.false_negative)

    def to_dict(self) -> dict[str, Any]:
        p, r = self.precision, self.recall
        f1 = round(2 * p * r / (p + r), 6) if p and r else (0.0 if p is not None and r is not None else None)
        return {**asdict(self), "precision": p, "recall": r, "f1": f1}


@dataclass(frozen=True)
class Miss:
    report: str
    field_id: str
    truth: Any
    predicted: Any
    text: str | None
    confidence: float | None
    page: int | None
    bbox: list[float] | None


@dataclass(frozen=True)
class Metrics:
    reports: int
    failed_reports: list[str]
    overall: Tally
    non_zero: Tally
    per_table: dict[str, Tally]
    per_field: dict[str, Tally]
    null_read_as_zero: int
    zero_read_as_null: int
    other_null_confusions: int
    metadata: dict[str, Tally]
    identity_reports: Detection
    identity_scopes: Detection
    misses: list[Miss] = field(default_factory=list)
    timing: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tally = lambda t: {"right": t.right, "total": t.total, "accuracy": t.accuracy}  # noqa: E731
        return {
            "reports": self.reports,
            "failed_reports": self.failed_reports,
            "field_accuracy": tally(self.overall),
            "non_zero_accuracy": tally(self.non_zero),
            "per_table": {k: tally(v) for k, v in sorted(self.per_table.items())},
            "per_field": {k: tally(v) for k, v in sorted(self.per_field.items())},
            "null_read_as_zero": self.null_read_as_zero,
            "zero_read_as_null": self.zero_read_as_null,
            "other_null_confusions": self.other_null_confusions,
            "metadata": {k: tally(v) for k, v in sorted(self.metadata.items())},
            "identity_checks": {"reports": self.identity_reports.to_dict(), "rule_scope": self.identity_scopes.to_dict()},
            "timing": self.timing,
            "misses": [asdict(m) for m in self.misses],
        }


def _flags(prediction: Mapping[str, Any] | None) -> set[tuple[str, str]]:
    if not prediction:
        return set()
    return {(c["rule"], c["scope"]) for c in prediction.get("checks", []) if not c.get("ok", True)}


def _detections(truths: Mapping[str, dict], predictions: Mapping[str, dict | None]) -> tuple[Detection, Detection]:
    reports, scopes = Counter(), Counter()
    for name, truth in truths.items():
        broken = {(b["rule"], b["scope"]) for b in truth.get("broken_identities", [])}
        flagged = _flags(predictions.get(name))
        key = ("tp" if broken else "fp") if flagged else ("fn" if broken else "tn")
        reports[key] += 1
        scopes["tp"] += len(broken & flagged)
        scopes["fp"] += len(flagged - broken)
        scopes["fn"] += len(broken - flagged)
    as_detection = lambda c: Detection(c["tp"], c["fp"], c["fn"])  # noqa: E731
    return as_detection(reports), as_detection(scopes)


def score_reports(
    truths: Mapping[str, dict], predictions: Mapping[str, dict | None], timing: dict[str, float] | None = None
) -> Metrics:
    overall, non_zero = Tally(), Tally()
    per_table: dict[str, Tally] = defaultdict(Tally)
    per_field: dict[str, Tally] = defaultdict(Tally)
    metadata: dict[str, Tally] = defaultdict(Tally)
    confusions: Counter = Counter()
    misses: list[Miss] = []
    for name, truth in sorted(truths.items()):
        prediction = predictions.get(name) or {}
        fields, cells = prediction.get("fields", {}), prediction.get("cells", {})
        for field_id, expected in truth["fields"].items():
            got = fields.get(field_id, MISSING)
            ok = got is not MISSING and values_equal(expected, got)
            overall = overall.add(ok)
            per_table[field_id.split(".")[0]] = per_table[field_id.split(".")[0]].add(ok)
            per_field[field_id] = per_field[field_id].add(ok)
            if isinstance(expected, (int, float)) and expected != 0:
                non_zero = non_zero.add(ok)
            if not ok:
                confusions[_confusion(expected, got)] += 1
                cell = cells.get(field_id, {})
                misses.append(Miss(name, field_id, expected, None if got is MISSING else got,
                                   cell.get("text"), cell.get("confidence"), cell.get("page"), cell.get("bbox")))
        for key in ("agency", "year", "published"):
            metadata[key] = metadata[key].add(prediction.get(key) == truth.get(key))
        for table, version in truth.get("template", {}).items():
            metadata[f"template.{table}"] = metadata[f"template.{table}"].add(
                prediction.get("template", {}).get(table) == version)
    reports, scopes = _detections(truths, predictions)
    return Metrics(
        reports=len(truths),
        failed_reports=sorted(n for n in truths if not predictions.get(n)),
        overall=overall, non_zero=non_zero, per_table=dict(per_table), per_field=dict(per_field),
        null_read_as_zero=confusions["null->0"], zero_read_as_null=confusions["0->null"],
        other_null_confusions=confusions["null<->number"], metadata=dict(metadata),
        identity_reports=reports, identity_scopes=scopes, misses=misses, timing=timing or {},
    )


def _confusion(expected: Any, got: Any) -> str:
    if expected is None and got == 0:
        return "null->0"
    if expected == 0 and got is None:
        return "0->null"
    if (expected is None) != (got is None or got is MISSING):
        return "null<->number"
    return "value"
