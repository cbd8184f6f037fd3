from functools import partial

import typer
from typer.testing import CliRunner

from nianbao.classify import training
from nianbao.classify.cli import register
from tests.classify.test_shipped_model import MODEL_DIR
from tests.classify.test_training import SMALL, TINY, write_tsv

runner = CliRunner()


def make_app():
    app = typer.Typer()
    register(app)
    return app


def test_classify_prints_key_and_probability():
    result = runner.invoke(
        make_app(),
        ["classify", "商业 企业", "申请人情况", "--kind", "column", "--table", "requests", "--model", str(MODEL_DIR)],
    )
    assert result.exit_code == 0, result.output
    first, second = result.output.strip().splitlines()
    assert first.split("\t")[:2] == ["商业 企业", "commercial_enterprise"]
    assert float(first.split("\t")[2]) >= 0.5
    assert second.split("\t")[1] == "(none)"


def test_classify_uses_context():
    result = runner.invoke(
        make_app(),
        [
            "classify",
            "3.其他",
            "--kind",
            "row",
            "--table",
            "requests",
            "--context",
            "三、本年度办理结果 / （六）其他处理",
            "--model",
            str(MODEL_DIR),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.split("\t")[1] == "result.other.other"


def test_classify_reports_a_missing_model(tmp_path):
    result = runner.invoke(
        make_app(), ["classify", "总计", "--kind", "column", "--table", "requests", "--model", str(tmp_path)]
    )
    assert result.exit_code == 2 and "nianbao train" in result.output


def test_train_writes_a_model_and_prints_scores(tmp_path, monkeypatch):
    # the command's own work is its options and its summary: the tiny data alone, lightly augmented, trains quickly
    monkeypatch.setattr(
        training, "train_and_save", partial(training.train_and_save, augment=SMALL, cv_folds=2, seeds=())
    )
    data = tmp_path / "labels"
    data.mkdir()
    write_tsv(data / "tiny.tsv", TINY)
    out = tmp_path / "model"
    result = runner.invoke(make_app(), ["train", "--data-dir", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "cross-validated accuracy" in result.output and "requests/column:natural_person" in result.output
    assert (out / "meta.json").is_file()
