from __future__ import annotations

from pathlib import Path

from nianbao.bulk.inputs import Candidate
from nianbao.bulk.store import RunStore


def candidate(tmp_path: Path, rel: str) -> Candidate:
    return Candidate(tmp_path / rel, rel, rel)


def test_registration_states(tmp_path: Path) -> None:
    store = RunStore.open(tmp_path / "db.sqlite")
    run = store.begin_run(["test"], 1)
    a, b, c = candidate(tmp_path, "a/x.pdf"), candidate(tmp_path, "b/x.pdf"), candidate(tmp_path, "c.pdf")

    first = store.register(a, "s1", 1, 1, run, retry_failed=False)
    assert (first.action, first.output_path) == ("process", "x.json")
    dup = store.register(b, "s1", 1, 1, run, retry_failed=False)
    assert (dup.action, dup.duplicate_of) == ("duplicate", str(a.path))
    assert store.register(c, "s2", 1, 1, run, retry_failed=False).action == "process"

    store.mark_running(str(a.path), 99)
    store.mark_finished(str(a.path), {"ok": True, "pages": 3, "seconds": 1.0})
    store.mark_running(str(c.path), 99)
    store.mark_finished(str(c.path), {"ok": False, "error_kind": "InputError", "error": "bad"})

    run2 = store.begin_run(["test"], 1)
    assert store.register(a, "s1", 1, 1, run2, retry_failed=False).action == "done"
    assert store.register(c, "s2", 1, 1, run2, retry_failed=False).action == "failed"
    assert store.register(c, "s2", 1, 1, run2, retry_failed=True).action == "process"
    changed = store.register(a, "s9", 2, 2, run2, retry_failed=False)
    assert (changed.action, changed.output_path) == ("process", "x.json")
    assert store.cached_sha256(a.path, 2, 2) == "s9" and store.cached_sha256(a.path, 1, 1) is None


def test_interrupted_documents_go_back_to_pending(tmp_path: Path) -> None:
    store = RunStore.open(tmp_path / "db.sqlite")
    run = store.begin_run([], 1)
    doc = candidate(tmp_path, "a.pdf")
    store.register(doc, "s1", 1, 1, run, retry_failed=False)
    store.mark_running(str(doc.path), 1)
    store.close()

    reopened = RunStore.open(tmp_path / "db.sqlite")
    assert reopened.reset_interrupted() == 1
    assert reopened.register(doc, "s1", 1, 1, reopened.begin_run([], 1), retry_failed=False).action == "process"


def test_export_records_give_duplicates_the_json_of_their_original(tmp_path: Path) -> None:
    store = RunStore.open(tmp_path / "db.sqlite")
    run = store.begin_run([], 1)
    a, b = candidate(tmp_path, "a.pdf"), candidate(tmp_path, "b.pdf")
    store.register(a, "s1", 1, 1, run, retry_failed=False)
    store.register(b, "s1", 1, 1, run, retry_failed=False)
    store.mark_finished(str(a.path), {"ok": True, "pages": 2})
    records = list(store.export_records())
    assert [(r.source, r.status, json) for r, json in records] == [("a.pdf", "done", "a.json"),
                                                                  ("b.pdf", "duplicate", "a.json")]  # fmt: skip
    assert records[1][0].error == "duplicate of a.pdf"
