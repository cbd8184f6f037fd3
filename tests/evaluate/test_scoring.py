import pytest

from nianbao.evaluate.scoring import Detection, score_reports, values_equal
from tests.evaluate.fixtures import TRUTH, failed_check, passed_check, prediction, truth


def test_all_right():
    metrics = score_reports({"a": TRUTH}, {"a": prediction()})
    assert (metrics.overall.right, metrics.overall.total) == (5, 5)
    assert (metrics.non_zero.right, metrics.non_zero.total) == (3, 3)  # 21, 3, 7730.28
    assert {t: (v.right, v.total) for t, v in metrics.per_table.items()} == {
        "requests": (3, 3), "appeals": (1, 1), "proactive": (1, 1)}  # fmt: skip
    assert all(t.accuracy == 1.0 for t in metrics.metadata.values())
    assert sorted(metrics.metadata) == ["agency", "published", "template.appeals", "template.proactive",
                                        "template.requests", "year"]  # fmt: skip
    assert metrics.misses == [] and metrics.failed_reports == [] and metrics.reports == 1


def test_one_wrong_value():
    metrics = score_reports({"a": TRUTH}, {"a": prediction({"requests.new_received.total": 12})})
    assert metrics.overall.accuracy == 0.8
    assert (metrics.non_zero.right, metrics.non_zero.total) == (2, 3)
    assert (metrics.per_table["requests"].right, metrics.per_table["requests"].total) == (2, 3)
    assert metrics.per_table["appeals"].accuracy == 1.0
    assert metrics.per_field["requests.new_received.total"].accuracy == 0.0
    assert metrics.per_report["a"].right == 4
    (miss,) = metrics.misses
    assert (miss.field_id, miss.truth, miss.predicted, miss.present, miss.printed) == (
        "requests.new_received.total",
        21,
        12,
        True,
        "21",
    )
    assert (metrics.null_read_as_zero, metrics.zero_read_as_null, metrics.other_null_confusions) == (0, 0, 0)


def test_null_read_as_zero_and_zero_read_as_null():
    got = prediction({"requests.carried_over.total": None, "requests.result.total.total": 0})
    metrics = score_reports({"a": TRUTH}, {"a": got})
    assert (metrics.overall.right, metrics.overall.total) == (3, 5)
    assert (metrics.null_read_as_zero, metrics.zero_read_as_null) == (1, 1)
    assert metrics.other_null_confusions == 0
    assert metrics.non_zero.accuracy == 1.0  # neither cell is a non-zero truth


def test_other_null_confusions():
    got = prediction({"requests.result.total.total": 5, "appeals.review.total": None})
    metrics = score_reports({"a": TRUTH}, {"a": got})
    assert metrics.other_null_confusions == 2
    assert (metrics.null_read_as_zero, metrics.zero_read_as_null) == (0, 0)


@pytest.mark.parametrize(
    ("truth_value", "predicted", "right"),
    [
        (7730.28, 7730.28 * (1 + 5e-7), True),  # within 1e-6 relative
        (7730.28, 7730.28 * (1 + 2e-6), False),  # outside
        (7730.28, 7730.29, False),
        (7730.28, 7730, False),
        (0.0, 0, True),
        (3, 3.0, True),  # an integer read as a float of the same value
        (1_000_000, 1_000_000.5, False),  # integers compare exactly, not within the decimal tolerance
        (21, "21", False),  # text is not a number
        (None, None, True),
        (0, None, False),
        (None, 0, False),
        (1, True, False),
    ],
)
def test_values_equal(truth_value, predicted, right):
    assert values_equal(truth_value, predicted) is right


def test_decimal_within_and_outside_tolerance_in_a_report():
    inside = prediction({"proactive.fees.amount_10k_yuan": 7730.2800001})
    outside = prediction({"proactive.fees.amount_10k_yuan": 7730.3})
    metrics = score_reports({"in": TRUTH, "out": TRUTH}, {"in": inside, "out": outside})
    assert metrics.per_report["in"].right == 5 and metrics.per_report["out"].right == 4
    assert metrics.per_table["proactive"].right == 1


def test_failed_report_counts_every_field_and_all_metadata_wrong():
    metrics = score_reports({"a": TRUTH, "b": TRUTH}, {"a": prediction(), "b": None})
    assert (metrics.overall.right, metrics.overall.total) == (5, 10)
    assert metrics.failed_reports == ["b"]
    assert metrics.per_report["b"].right == 0
    assert metrics.metadata["agency"].right == 1 and metrics.metadata["template.requests"].total == 2
    assert metrics.misses == []  # a failed report's cells are not misreadings: it is listed as failed


def test_report_absent_from_predictions_counts_as_failed():
    metrics = score_reports({"a": TRUTH}, {})
    assert metrics.failed_reports == ["a"] and metrics.overall.right == 0 and metrics.overall.total == 5


def test_missing_field_id_is_wrong_and_counted_apart_from_null():
    got = prediction(drop=("requests.result.total.total", "appeals.review.total"))
    metrics = score_reports({"a": TRUTH}, {"a": got})
    assert (metrics.overall.right, metrics.overall.total) == (3, 5)
    assert metrics.missing_fields == 2 and metrics.other_null_confusions == 0
    assert sorted((m.field_id, m.present) for m in metrics.misses) == [
        ("appeals.review.total", False), ("requests.result.total.total", False)]  # fmt: skip


def test_extra_predicted_ids_are_not_scored():
    metrics = score_reports({"a": TRUTH}, {"a": prediction({"appeals.review.upheld": 1})})
    assert metrics.overall.total == 5 and metrics.overall.accuracy == 1.0


def test_metadata_each_key_on_its_own():
    got = prediction(agency="某市某区人民政府办公室", year=2022, template={"proactive": "2019", "requests": "2021"})
    metrics = score_reports({"a": TRUTH}, {"a": got})
    hits = {key: tally.right for key, tally in metrics.metadata.items()}
    assert hits == {"agency": 0, "year": 0, "published": 1, "template.proactive": 0,
                    "template.requests": 1, "template.appeals": 0}  # fmt: skip
    assert [(m.key, m.truth, m.predicted) for m in metrics.metadata_misses] == [
        ("agency", "某市某区人民政府", "某市某区人民政府办公室"), ("year", 2023, 2022),
        ("template.proactive", "2021", "2019"), ("template.appeals", "2021", None)]  # fmt: skip


def test_identity_precision_and_recall_over_reports_and_scopes():
    broken = truth(broken_identities=[{"rule": "I1", "scope": "total"}, {"rule": "I1", "scope": "natural_person"}])
    truths = {"tp": broken, "fn": broken, "fp": TRUTH, "tn": TRUTH, "tp2": broken}
    predictions = {name: prediction() for name in truths}
    predictions["tp"]["checks"] = [failed_check("I1", "total"), failed_check("I2", "total"), passed_check("I3", "x")]
    predictions["tp2"]["checks"] = [failed_check("I1", "total"), failed_check("I1", "natural_person")]
    predictions["fp"]["checks"] = [failed_check("I3", "new_received")]
    predictions["fn"]["checks"] = [passed_check("I1", "total")]
    predictions["tn"]["checks"] = [passed_check("I1", "total")]
    metrics = score_reports(truths, predictions)
    reports = metrics.identity_reports
    assert (reports.true_positive, reports.false_positive, reports.false_negative) == (2, 1, 1)
    assert reports.precision == round(2 / 3, 6) and reports.recall == round(2 / 3, 6)
    assert reports.f1 == pytest.approx(2 / 3, abs=1e-6)
    scopes = metrics.identity_scopes
    # tp: I1/total hit, I2/total false, I1/natural_person missed; tp2: both hit; fp: one false; fn: two missed
    assert (scopes.true_positive, scopes.false_positive, scopes.false_negative) == (3, 2, 3)
    assert scopes.to_dict()["precision"] == 0.6 and scopes.to_dict()["recall"] == 0.5


def test_identity_on_failed_report_is_a_miss():
    broken = truth(broken_identities=[{"rule": "I4", "scope": "review"}])
    metrics = score_reports({"a": broken}, {"a": None})
    assert metrics.identity_reports == Detection(0, 0, 1)
    assert metrics.identity_reports.recall == 0.0 and metrics.identity_reports.precision is None


def test_detection_f1_edge_cases():
    assert Detection(0, 0, 0).f1 is None
    assert Detection(0, 2, 2).f1 == 0.0
    assert Detection(1, 0, 0).f1 == 1.0


def test_to_dict_is_json_ready_and_carries_the_headline_numbers():
    import json

    metrics = score_reports(
        {"a": TRUTH},
        {"a": prediction({"requests.new_received.total": 12})},
        {"seconds": 3.0, "pages": 3, "seconds_per_page": 1.0, "seconds_per_report": 3.0},
    )
    data = json.loads(json.dumps(metrics.to_dict(), ensure_ascii=False))
    assert data["field_accuracy"] == {"right": 4, "total": 5, "accuracy": 0.8}
    assert data["timing"]["seconds_per_page"] == 1.0
    assert data["misses"][0]["field_id"] == "requests.new_received.total"
    assert data["identity_checks"]["reports"]["precision"] is None


def test_silent_errors_are_numbers_printed_wrong_and_counted_per_profile():
    truths = {"a": truth(profile="hard"), "b": TRUTH}
    got = prediction(
        {
            "requests.new_received.total": 12,  # a misread number: silent
            "requests.result.total.total": 1,  # a dash read as 1: silent
            "requests.carried_over.total": None,
        }
    )  # 0 left null: wrong, but not silent
    timing = {"per_report_seconds": {"a": 6.0, "b": 2.0}, "per_report_pages": {"a": 3, "b": 2}}
    metrics = score_reports(truths, {"a": got, "b": prediction()}, timing)
    assert metrics.silent_errors == 2
    hard, unlabeled = metrics.per_profile["hard"], metrics.per_profile["unlabeled"]
    assert (hard.fields.right, hard.fields.total, hard.silent_errors) == (2, 5, 2)
    assert (unlabeled.fields.right, unlabeled.silent_errors) == (5, 0)
    assert metrics.to_dict()["per_profile"]["hard"]["seconds_per_page"] == 2.0
    assert metrics.to_dict()["silent_errors"] == {"count": 2, "rate": 0.2}
