"""Score extracted reports against truth files. Pure functions: no I/O.

Definitions (also in benchmarks/README.md):

- **Field accuracy.** Every field id of every truth file is one trial. It is right when the report's
  prediction has the id and its value equals the truth: integers exactly (``3`` and ``3.0`` are equal,
  ``1000000.5`` is not ``1000000``); decimals within 1e-6 relative (1e-9 absolute around 0); ``null``
  equals only ``null``. A report whose prediction is ``None`` (extraction failed) counts every one of its
  truth fields as wrong; so does an id missing from a prediction. Ids a prediction has beyond the truth
  are not scored. Reported overall, per table (the id's first part: proactive, requests, appeals), per
  field id and per report.
- **Non-zero accuracy.** The same, over truth fields whose value is a number other than 0 (the cells a
  reader cares most about; a reader that outputs 0 everywhere scores high on field accuracy).
- **Null confusions**, over wrong fields of extracted reports: truth ``null`` read as ``0``; truth ``0``
  read as ``null`` (a printed blank or dash is not a zero); other null confusions (truth ``null`` read
  as a non-zero number, or a non-zero truth read as ``null``); missing ids (absent from the prediction).
- **Silent errors**: fields whose predicted value is a number different from the truth (a printed number
  misread, or a blank/dash read as a number): the errors nothing warns about. Rate = silent errors / all
  truth fields.
- **Per profile**: field accuracy, non-zero accuracy and silent errors over the reports of each scan
  profile (the truth's ``profile``: hard, photo, fax, ...; ``unlabeled`` where a truth has none).
- **Metadata accuracy**, per report: ``agency`` (exact string), ``year``, ``published`` (exact) and
  ``template.<table>`` for each table of the truth's template. A failed report gets all of them wrong.
- **Identity checks.** A report is *flagged* when any of its predicted checks has ``ok`` false; it is
  *truly inconsistent* when its truth's ``broken_identities`` is non-empty. Over reports: true positive
  = flagged and inconsistent, false positive = flagged and consistent, false negative = not flagged
  (or failed) and inconsistent. Precision = TP/(TP+FP), recall = TP/(TP+FN), F1 their harmonic mean;
  ``null`` where the denominator is 0. The same over ``(rule, scope)`` pairs: each failed check of a
  prediction against each broken identity of its truth, matched on equal rule and scope.
- **Counts and timing**: reports, failed reports, and when timings are given seconds per page (over
  the pages of reports that were extracted) and per report (over all reports).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from nianbao.report import Report, as_report

MISSING = object()
DECIMAL_REL_TOL = 1e-6
DECIMAL_ABS_TOL = 1e-9
METADATA_KEYS = ("agency", "year", "published")


def values_equal(truth: Any, predicted: Any) -> bool:
    """Whether a predicted field value counts as right (see the module docstring)."""
    if truth is None or predicted is None:
        return truth is None and predicted is None
    numbers = (int, float)
    if isinstance(truth, bool) or isinstance(predicted, bool) or not isinstance(predicted, numbers):
        return False
    if isinstance(truth, int):
        return predicted == truth
    return math.isclose(float(truth), float(predicted), rel_tol=DECIMAL_REL_TOL, abs_tol=DECIMAL_ABS_TOL)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 6) if whole else None


@dataclass(frozen=True)
class Tally:
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.right, self.total)

    def add(self, ok: bool) -> Tally:
        return Tally(self.right + int(ok), self.total + 1)

    def to_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "accuracy": self.accuracy}


@dataclass(frozen=True)
class ProfileScore:
    """Accuracy and silent errors over the reports of one scan profile."""

    fields: Tally = Tally()
    non_zero: Tally = Tally()
    silent_errors: int = 0
    seconds: float = 0.0  # extraction time of its extracted reports, when timings are given
    pages: int = 0

    def add(self, ok: bool, non_zero: bool, silent: bool) -> ProfileScore:
        return replace(
            self,
            fields=self.fields.add(ok),
            non_zero=self.non_zero.add(ok) if non_zero else self.non_zero,
            silent_errors=self.silent_errors + int(silent),
        )

    def timed(self, seconds: float, pages: int) -> ProfileScore:
        return replace(self, seconds=self.seconds + seconds, pages=self.pages + pages)

    def to_dict(self) -> dict[str, Any]:
        return {
            "field_accuracy": self.fields.to_dict(),
            "non_zero_accuracy": self.non_zero.to_dict(),
            "silent_errors": self.silent_errors,
            "silent_error_rate": _ratio(self.silent_errors, self.fields.total),
            "seconds_per_page": round(self.seconds / self.pages, 3) if self.pages else None,
        }


def is_silent_error(truth: Any, predicted: Any) -> bool:
    """A number printed where the truth differs: wrong, and nothing says so."""
    number = isinstance(predicted, (int, float)) and not isinstance(predicted, bool)
    return number and not values_equal(truth, predicted)


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

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return round(2 * p * r / (p + r), 6) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class Miss:
    """One wrong field of an extracted report, with what the prediction says about its cell."""

    report: str
    field_id: str
    truth: Any
    predicted: Any  # None for null and for a missing id: see ``present``
    present: bool  # whether the prediction had the id at all
    printed: str | None  # the truth's printed text of the cell
    text: str | None  # the text the extractor read
    confidence: float | None
    page: int | None
    bbox: list[float] | None
    status: str | None = None  # the cell's status in the prediction (ok, blank, dash, unsure, unreadable)


@dataclass(frozen=True)
class MetadataMiss:
    report: str
    key: str  # agency, year, published or template.<table>
    truth: Any
    predicted: Any


@dataclass(frozen=True)
class Metrics:
    reports: int
    failed_reports: list[str]
    overall: Tally
    non_zero: Tally
    per_table: dict[str, Tally]
    per_field: dict[str, Tally]
    per_report: dict[str, Tally]
    null_read_as_zero: int
    zero_read_as_null: int
    other_null_confusions: int
    missing_fields: int
    metadata: dict[str, Tally]
    identity_reports: Detection
    identity_scopes: Detection
    silent_errors: int = 0
    per_profile: dict[str, ProfileScore] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    metadata_misses: list[MetadataMiss] = field(default_factory=list)
    timing: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        def tallies(d):
            return {k: v.to_dict() for k, v in sorted(d.items())}

        return {
            "reports": self.reports,
            "failed_reports": self.failed_reports,
            "field_accuracy": self.overall.to_dict(),
            "non_zero_accuracy": self.non_zero.to_dict(),
            "silent_errors": {"count": self.silent_errors, "rate": _ratio(self.silent_errors, self.overall.total)},
            "per_profile": tallies(self.per_profile),
            "per_table": tallies(self.per_table),
            "per_field": tallies(self.per_field),
            "per_report": tallies(self.per_report),
            "null_read_as_zero": self.null_read_as_zero,
            "zero_read_as_null": self.zero_read_as_null,
            "other_null_confusions": self.other_null_confusions,
            "missing_fields": self.missing_fields,
            "metadata": tallies(self.metadata),
            "identity_checks": {
                "reports": self.identity_reports.to_dict(),
                "rule_scope": self.identity_scopes.to_dict(),
            },
            "timing": self.timing,
            "misses": [asdict(m) for m in self.misses],
            "metadata_misses": [asdict(m) for m in self.metadata_misses],
        }


def _flags(prediction: Report | None) -> set[tuple[str, str]]:
    if prediction is None:
        return set()
    return {(check.rule, check.scope) for check in prediction.failed_checks}


def score_identities(
    truths: Mapping[str, dict], predictions: Mapping[str, Report | None]
) -> tuple[Detection, Detection]:
    """(per report, per (rule, scope)) detection of truly broken identities by the predicted checks."""
    reports: Counter = Counter()
    scopes: Counter = Counter()
    for name, truth in truths.items():
        broken = {(str(b["rule"]), str(b["scope"])) for b in truth.get("broken_identities") or []}
        flagged = _flags(predictions.get(name))
        reports["tp" if flagged and broken else "fp" if flagged else "fn" if broken else "tn"] += 1
        scopes["tp"] += len(broken & flagged)
        scopes["fp"] += len(flagged - broken)
        scopes["fn"] += len(broken - flagged)

    def as_detection(c):
        return Detection(c["tp"], c["fp"], c["fn"])

    return as_detection(reports), as_detection(scopes)


def confusion_kind(truth: Any, predicted: Any) -> str:
    """Why a wrong value is wrong: missing, null->0, 0->null, null<->number or value."""
    if predicted is MISSING:
        return "missing"
    if truth is None and predicted == 0:
        return "null->0"
    if truth == 0 and predicted is None:
        return "0->null"
    if (truth is None) != (predicted is None):
        return "null<->number"
    return "value"


def _metadata_pairs(truth: dict, prediction: Report | None) -> dict[str, tuple[Any, Any]]:
    """key -> (truth, predicted) for each metadata trial of one report."""
    found = {key: getattr(prediction, key) for key in METADATA_KEYS} if prediction is not None else {}
    pairs = {key: (truth.get(key), found.get(key)) for key in METADATA_KEYS}
    templates = prediction.template if prediction is not None else {}
    for table, version in (truth.get("template") or {}).items():
        pairs[f"template.{table}"] = (version, templates.get(table))
    return pairs


def _miss(name: str, field_id: str, truth: dict, expected: Any, got: Any, prediction: Report) -> Miss:
    cell = prediction.cells.get(field_id)
    return Miss(
        report=name, field_id=field_id, truth=expected,
        predicted=None if got is MISSING else got, present=got is not MISSING,
        printed=(truth.get("printed") or {}).get(field_id), text=cell.text if cell else None,
        confidence=cell.confidence if cell else None, page=cell.page if cell else None,
        bbox=list(cell.bbox) if cell and cell.bbox else None, status=cell.status if cell else None,
    )  # fmt: skip


def score_reports(
    truths: Mapping[str, dict],
    predictions: Mapping[str, Report | Mapping[str, Any] | None],
    timing: Mapping[str, Any] | None = None,
) -> Metrics:
    """Metrics of ``predictions`` (stem -> Report, or a dict of its JSON, or None where extraction failed)
    against ``truths``."""
    reports = {name: None if p is None else as_report(p) for name, p in predictions.items()}
    tallies: dict[str, dict[str, Tally]] = {k: defaultdict(Tally) for k in ("table", "field", "report", "meta")}
    overall, non_zero = Tally(), Tally()
    confusions: Counter = Counter()
    profiles: dict[str, ProfileScore] = defaultdict(ProfileScore)
    misses: list[Miss] = []
    metadata_misses: list[MetadataMiss] = []
    for name, truth in sorted(truths.items()):
        prediction = reports.get(name)
        fields = prediction.fields if prediction is not None else {}
        profile = str(truth.get("profile") or "unlabeled")
        pages = ((timing or {}).get("per_report_pages") or {}).get(name)
        if pages:
            profiles[profile] = profiles[profile].timed(float((timing or {})["per_report_seconds"][name]), int(pages))
        for field_id, expected in (truth.get("fields") or {}).items():
            got = fields.get(field_id, MISSING)
            ok = got is not MISSING and values_equal(expected, got)
            overall = overall.add(ok)
            for kind, key in (("table", field_id.split(".")[0]), ("field", field_id), ("report", name)):
                tallies[kind][key] = tallies[kind][key].add(ok)
            is_non_zero = isinstance(expected, (int, float)) and expected != 0
            if is_non_zero:
                non_zero = non_zero.add(ok)
            profiles[profile] = profiles[profile].add(ok, is_non_zero, is_silent_error(expected, got))
            if not ok and prediction is not None:
                confusions[confusion_kind(expected, got)] += 1
                misses.append(_miss(name, field_id, truth, expected, got, prediction))
        for key, (expected, got) in _metadata_pairs(truth, prediction).items():
            hit = prediction is not None and got == expected
            tallies["meta"][key] = tallies["meta"][key].add(hit)
            if not hit and prediction is not None:
                metadata_misses.append(MetadataMiss(name, key, expected, got))
    by_report, scopes = score_identities(truths, reports)
    return Metrics(
        reports=len(truths),
        failed_reports=sorted(n for n in truths if reports.get(n) is None),
        overall=overall, non_zero=non_zero, per_table=dict(tallies["table"]), per_field=dict(tallies["field"]),
        per_report=dict(tallies["report"]), null_read_as_zero=confusions["null->0"],
        zero_read_as_null=confusions["0->null"], other_null_confusions=confusions["null<->number"],
        missing_fields=confusions["missing"], metadata=dict(tallies["meta"]),
        identity_reports=by_report, identity_scopes=scopes, misses=misses, metadata_misses=metadata_misses,
        silent_errors=sum(p.silent_errors for p in profiles.values()), per_profile=dict(profiles),
        timing=dict(timing or {}),
    )  # fmt: skip
