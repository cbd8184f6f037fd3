from __future__ import annotations

from nianbao.review.collect import by_need, cell_status, check_field_ids, review_item

FIELDS = {
    "requests.new_received.natural_person": 5,
    "requests.new_received.total": None,
    "requests.carried_over.natural_person": None,
    "requests.carried_over.total": None,
    "requests.result.total.natural_person": None,
}
CELLS = {
    "requests.new_received.natural_person": {"page": 2, "bbox": [1, 2, 3, 4], "text": "5", "confidence": 0.99},
    "requests.new_received.total": {"page": 2, "bbox": [1, 2, 3, 4], "text": "1O", "confidence": 0.3},
    "requests.carried_over.natural_person": {"page": 2, "bbox": [1, 2, 3, 4], "text": " — ", "confidence": 0.9},
    "requests.result.total.natural_person": {"page": 2, "bbox": [1, 2, 3, 4], "text": "", "confidence": 0.0},
}


def test_status_derived_or_taken_from_the_json() -> None:
    assert cell_status(5, CELLS["requests.new_received.natural_person"]) == "ok"
    assert cell_status(None, CELLS["requests.new_received.total"]) == "unsure"
    assert cell_status(None, CELLS["requests.carried_over.natural_person"]) == "dash"
    assert cell_status(None, CELLS["requests.result.total.natural_person"]) == "blank"
    assert cell_status(None, None) == "unreadable"
    assert cell_status(None, {"text": "", "status": "unreadable"}) == "unreadable"  # the JSON's own status wins


def test_review_item_lists_cells_and_failed_identities_with_labels() -> None:
    checks = [{"rule": "I1", "scope": "natural_person", "ok": False, "detail": "5+- ≠ -+-"},
              {"rule": "I3", "scope": "new_received", "ok": True, "detail": ""}]  # fmt: skip
    item = review_item("a.json", {"source": {"path": "a.pdf"}, "fields": FIELDS, "cells": CELLS, "checks": checks})
    assert [(c.field_id, c.status) for c in item.cells] == [
        ("requests.new_received.total", "unsure"), ("requests.carried_over.total", "unreadable")]  # fmt: skip
    assert item.cells[0].label_zh.startswith("一、本年新收") and item.cells[0].text == "1O"
    assert item.cells[1].page is None and item.cells[1].bbox is None
    assert [(c.rule, c.field_ids) for c in item.checks] == [("I1", (
        "requests.new_received.natural_person", "requests.carried_over.natural_person",
        "requests.result.total.natural_person"))]  # fmt: skip
    assert (item.n_unsure, item.n_unreadable, item.to_look_at) == (1, 1, 3)


def test_check_fields_per_rule() -> None:
    ids = ["requests.result.granted.total", "requests.result.total.total", "requests.new_received.total",
           "appeals.review.upheld", "appeals.review.total", "appeals.suit_direct.total"]  # fmt: skip
    assert check_field_ids("I2", "total", ids) == ("requests.result.granted.total", "requests.result.total.total")
    assert check_field_ids("I3", "new_received", ids) == ("requests.new_received.total",)
    assert check_field_ids("I4", "review", ids) == ("appeals.review.upheld", "appeals.review.total")
    assert check_field_ids("X9", "total", ids) == ()


def test_reports_are_ordered_by_how_much_needs_a_look() -> None:
    clean = review_item("c.json", {"fields": {"requests.new_received.total": 1},
                                   "cells": {"requests.new_received.total": {"text": "1"}}})  # fmt: skip
    some = review_item("b.json", {"fields": FIELDS, "cells": CELLS})
    most = review_item("a.json", {"fields": dict.fromkeys(FIELDS), "cells": {}})
    assert [item.name for item in by_need([clean, some, most])] == ["a.json", "b.json", "c.json"]
