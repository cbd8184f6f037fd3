import pytest

from nianbao.evaluate.scoring import score_reports, values_equal

TRUTH = {
    "agency": "某局", "year": 2023, "published": "2024-01-17",
    "template": {"requests": "2021", "appeals": "2021"},
    "fields": {"requests.new_received.total": 21, "requests.carried_over.total": 0,
               "requests.result.total.total": None, "proactive.fees.amount_10k_yuan": 7730.28},
    "broken_identities": [],
}


def _prediction(**changes):
    fields = dict(TRUTH["fields"])
    fields.update(changes)
    return {"agency": "某局", "year": 2023, "published": "2024-01-17", "template": dict(TRUTH["template"]),
            "fields": fields, "cells": {}, "checks": []}


def test_all_right():
    metrics = score_reports({"a": TRUTH}, {"a": _prediction()})
    assert (metrics.overall.right, metrics.overall.total) == (4, 4)
    assert metrics.non_zero.total == 2 and metrics.non_zero.accuracy == 1.0
    assert metrics.metadata["template.requests"].accuracy == 1.0 and metrics.misses == []


def test_one_wrong_and_its_miss():
    metrics = score_reports({"a": TRUTH}, {"a": _prediction(**{"requests.new_received.total": 12})})
    assert metrics.overall.accuracy == 0.75 and metrics.non_zero.accuracy == 0.5
    assert metrics.per_table["requests"].accuracy == pytest.approx(2 / 3, abs=1e-6)
    assert [(m.field_id, m.truth, m.predicted) for m in metrics.misses] == [("requests.new_received.total", 21, 12)]


def test_null_and_zero_are_different():
    metrics = score_reports({"a": TRUTH}, {"a": _prediction(**{"requests.carried_over.total": None,
                                                               "requests.result.total.total": 0})})
    assert metrics.overall.accuracy == 0.5
    assert (metrics.null_read_as_zero, metrics.zero_read_as_null) == (1, 1)


def test_decimals_compare_within_tolerance():
    assert values_equal(7730.28, 7730.2800000001) and not values_equal(7730.28, 7730.29)
    assert values_equal(3, 3.0) and not values_equal(0, None) and values_equal(None, None)
    metrics = score_reports({"a": TRUTH}, {"a": _prediction(**{"proactive.fees.amount_10k_yuan": 7730.3})})
    assert metrics.overall.right == 3


def test_missing_report_and_missing_field_count_as_wrong():
    metrics = score_reports({"a": TRUTH, "b": TRUTH}, {"a": None})
    assert metrics.overall.accuracy == 0.0 and metrics.failed_reports == ["a", "b"]
    partial = _prediction()
    del partial["fields"]["requests.new_received.total"]
    assert score_reports({"a": TRUTH}, {"a": partial}).overall.right == 3


def test_identity_precision_and_recall():
    broken = dict(TRUTH, broken_identities=[{"rule": "I1", "scope": "total"}])
    flag = lambda *pairs: [{"rule": r, "scope": s, "ok": False, "detail": ""} for r, s in pairs]  # noqa: E731
    truths = {"tp": broken, "fn": broken, "fp": TRUTH, "tn": TRUTH}
    predictions = {name: _prediction() for name in truths}
    predictions["tp"]["checks"] = flag(("I1", "total"), ("I2", "total"))
    predictions["fp"]["checks"] = flag(("I3", "new_received"))
    metrics = score_reports(truths, predictions)
    assert metrics.identity_reports.to_dict()["precision"] == 0.5
    assert metrics.identity_reports.to_dict()["recall"] == 0.5
    scopes = metrics.identity_scopes
    assert (scopes.true_positive, scopes.false_positive, scopes.false_negative) == (1, 2, 1)
