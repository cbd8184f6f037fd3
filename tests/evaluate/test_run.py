import json

from typer.testing import CliRunner

from nianbao.evaluate.run import run_evaluation
from tests.evaluate.test_scoring import TRUTH, _prediction


class FakeExtractor:
    def __init__(self, config):
        self.config = config

    def extract(self, path):
        prediction = _prediction(**({"requests.new_received.total": 1} if "bad" in path.name else {}))
        prediction["source"] = {"pages": 2}
        prediction["cells"] = {"requests.new_received.total": {"page": 1, "bbox": [0, 0, 10, 10], "text": "1", "confidence": 0.9}}
        return prediction


def _dataset(tmp_path):
    tmp_path.mkdir(parents=True)
    for stem in ("good", "bad"):
        (tmp_path / f"{stem}.pdf").write_bytes(b"%PDF-1.4 not really")
        (tmp_path / f"{stem}.truth.json").write_text(json.dumps(TRUTH, ensure_ascii=False))
    (tmp_path / "orphan.truth.json").write_text(json.dumps(TRUTH))
    return tmp_path


def test_run_writes_metrics_and_report(tmp_path, config):
    dataset = _dataset(tmp_path / "set")
    out = tmp_path / "out"
    metrics = run_evaluation(dataset, out, config, factory=FakeExtractor)
    assert metrics.reports == 2 and metrics.overall.accuracy == 7 / 8
    saved = json.loads((out / "metrics.json").read_text())
    assert saved["field_accuracy"]["right"] == 7 and saved["timing"]["pages"] == 4
    report = (out / "report.md").read_text()
    assert "requests.new_received.total" in report and "| bad |" in report
    assert (out / "predictions" / "good.json").exists()
    rescored = run_evaluation(dataset, tmp_path / "again", config, predictions=out / "predictions")
    assert rescored.overall.accuracy == metrics.overall.accuracy


def test_cli_gate_on_minimum_accuracy(tmp_path):
    import typer

    from nianbao.evaluate.cli import register

    dataset = _dataset(tmp_path / "set")
    predictions = tmp_path / "preds"
    predictions.mkdir()
    for stem in ("good", "bad"):
        (predictions / f"{stem}.json").write_text(json.dumps(_prediction(), ensure_ascii=False))
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)
    runner = CliRunner()
    args = ["evaluate", str(dataset), "-o", str(tmp_path / "o"), "--predictions", str(predictions)]
    assert runner.invoke(app, args + ["--min-accuracy", "0.99"]).exit_code == 0
    (predictions / "bad.json").unlink()
    result = runner.invoke(app, args + ["--min-accuracy", "0.99"])
    assert result.exit_code == 1 and "below" in result.output
