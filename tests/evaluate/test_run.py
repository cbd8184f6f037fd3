import json
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from nianbao.errors import InputError
from nianbao.evaluate.cli import register
from nianbao.evaluate.run import labeled_documents, read_predictions, run_evaluation
from tests.bulk.conftest import run_cli, write_archive
from tests.evaluate.fixtures import TRUTH, prediction, truth

MISREAD = "requests.new_received.total"
CELL = {"page": 2, "bbox": [100, 50, 160, 80], "text": "12", "confidence": 0.61}


class FakeExtractor:
    """Right on every report except: 'bad*' misreads one cell, 'broken*' fails like a corrupt file."""

    built = 0

    def __init__(self, config):
        FakeExtractor.built += 1

    def extract(self, path: Path) -> dict:
        if path.name.startswith("broken"):
            raise InputError("not a PDF or an image (PNG, JPG, TIFF): cannot read it")
        if path.name.startswith("bad"):
            return prediction({MISREAD: 12}, cells={MISREAD: CELL}, published=None)
        return prediction()


def fake_page_images(path, config):
    for number in (1, 2, 3):
        yield number, np.full((300, 400), 255, dtype=np.uint8)


def _dataset(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for stem in ("good", "bad", "broken"):
        (folder / f"{stem}.pdf").write_bytes(b"%PDF-1.4 stub")
        (folder / f"{stem}.truth.json").write_text(json.dumps(TRUTH, ensure_ascii=False), encoding="utf-8")
    (folder / "orphan.truth.json").write_text(json.dumps(TRUTH), encoding="utf-8")
    return folder


def test_labeled_documents_finds_each_kind_of_document(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "pages").mkdir()
    for name in ("a.pdf", "b_p1.png", "b_p2.png", "sub/c.TIFF", "pages/p1.png"):
        (tmp_path / name).write_bytes(b"x")
    for stem in ("a", "b", "sub/c", "pages", "none"):
        (tmp_path / f"{stem}.truth.json").write_text(json.dumps(TRUTH), encoding="utf-8")
    documents = labeled_documents(tmp_path)
    found = {stem: document.relative_to(tmp_path).as_posix() for stem, (document, _) in documents.items()}
    assert found == {"a": "a.pdf", "b": "b_p1.png", "c": "sub/c.TIFF", "pages": "pages"}


def test_a_broken_truth_file_says_which(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"x")
    (tmp_path / "a.truth.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.truth\.json"):
        labeled_documents(tmp_path)


def test_run_writes_predictions_metrics_report_and_crops(tmp_path, config):
    dataset = _dataset(tmp_path / "set")
    out = tmp_path / "out"
    FakeExtractor.built = 0
    metrics = run_evaluation(dataset, out, config, factory=FakeExtractor, page_images=fake_page_images)
    assert FakeExtractor.built == 1  # models built once for the whole set
    assert metrics.reports == 3 and metrics.failed_reports == ["broken"]
    assert (metrics.overall.right, metrics.overall.total) == (9, 15)
    assert metrics.timing["pages"] == 6 and len(metrics.timing["per_report_seconds"]) == 3
    assert sorted(p.name for p in (out / "predictions").iterdir()) == ["bad.json", "good.json"]
    saved = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert saved["field_accuracy"] == {"right": 9, "total": 15, "accuracy": 0.6}
    assert "cannot read it" in saved["errors"]["broken"]
    crop = out / "crops" / f"bad_{MISREAD}.png"
    assert crop.exists()
    report = (out / "report.md").read_text(encoding="utf-8")
    line = next(line for line in report.splitlines() if line.startswith(f"| bad | {MISREAD} |"))
    assert "| 21 | 12 | 21 | 12 | 0.61 | 2 |" in line and f"crops/{crop.name}" in line
    assert "- broken: InputError" in report
    assert "| bad | published | 2024-01-17 | null |" in report


def test_rescoring_saved_predictions_gives_the_same_figures(tmp_path, config):
    dataset = _dataset(tmp_path / "set")
    first = run_evaluation(dataset, tmp_path / "one", config, factory=FakeExtractor, page_images=fake_page_images)
    again = run_evaluation(dataset, tmp_path / "two", config, predictions=tmp_path / "one" / "predictions",
                           page_images=fake_page_images)  # fmt: skip
    assert again.overall == first.overall and again.failed_reports == ["broken"]
    assert again.timing == {}


def test_an_empty_dataset_is_an_error(tmp_path, config):
    with pytest.raises(InputError, match="no labeled documents"):
        run_evaluation(tmp_path, tmp_path / "out", config, factory=FakeExtractor)


def _cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # two commands, so typer keeps the command name
    return app


def test_cli_gate_on_minimum_accuracy(tmp_path):
    dataset = _dataset(tmp_path / "set")
    predictions = tmp_path / "preds"
    predictions.mkdir()
    for stem in ("good", "bad", "broken"):
        (predictions / f"{stem}.json").write_text(json.dumps(prediction(), ensure_ascii=False), encoding="utf-8")
    args = ["evaluate", str(dataset), "-o", str(tmp_path / "o"), "--predictions", str(predictions)]
    runner = CliRunner()
    passed = runner.invoke(_cli(), args + ["--min-accuracy", "0.99"])
    assert passed.exit_code == 0, passed.output
    assert "field accuracy" in passed.output and (tmp_path / "o" / "report.md").exists()
    (predictions / "broken.json").unlink()
    failed = runner.invoke(_cli(), args + ["--min-accuracy", "0.99"])
    assert failed.exit_code == 1 and "below" in failed.output
    assert runner.invoke(_cli(), args).exit_code == 0  # no gate: a low score is still a successful run


def test_cli_reports_a_wrong_dataset(tmp_path):
    result = CliRunner().invoke(_cli(), ["evaluate", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "not a folder" in result.output


def test_evaluate_reads_what_extract_writes(tmp_path):
    """One naming rule: page images x_p1.png … are the report x.json; a stem shared by two documents is
    told apart by the sha256 each JSON records."""
    dataset = tmp_path / "set"
    write_archive(dataset, {"x_p1.png": b"REPORT x1", "x_p2.png": b"REPORT x2", "y.pdf": b"REPORT y",
                            "sub/y.pdf": b"REPORT sub y"})  # fmt: skip
    for stem in ("x", "y", "sub/y"):
        (dataset / f"{stem}.truth.json").write_text(json.dumps(truth(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "run"
    assert run_cli(str(dataset), "-o", str(out), "--workers", "1").exit_code == 0
    assert (out / "x.json").is_file() and not (out / "x_p1.json").exists()

    documents = labeled_documents(dataset)
    extraction = read_predictions(out, dataset, documents)
    assert extraction.errors == {} and len(extraction.predictions) == 3
    for stem, report in extraction.predictions.items():
        assert Path(report.source.path).resolve() == documents[stem][0].resolve(), stem
