import json
import shutil

import pytest

from nianbao.classify import HeaderClassifier, LabelQuery
from nianbao.classify.augment import AugmentSettings
from nianbao.classify.dataset import COLUMNS, training_files
from nianbao.classify.report import training_summary
from nianbao.classify.training import kept_because, train_and_save
from nianbao.template import labels_file

TINY = [
    ("requests", "row", "", "一、本年新收政府信息公开申请数量", "new_received"),
    ("requests", "row", "", "四、结转下年度继续办理", "carried_forward"),
    ("requests", "column", "", "自然人", "natural_person"),
    ("requests", "column", "", "总计", "total"),
    ("proactive", "row", "", "行政许可", "licensing"),
    ("proactive", "column", "", "本年处理决定数量", "decisions"),
    ("appeals", "column", "", "行政复议", "review"),
    ("*", "*", "", "信息内容", "__none__"),
]
SMALL = AugmentSettings(variants_per_class=10, negative_variants=1, noise_per_space=20)
QUICK = {"augment": SMALL, "cv_folds": 2, "seeds": ()}  # the tiny data alone, without the template's labels


def write_tsv(path, rows):
    path.write_text("\n".join("\t".join(r) for r in [COLUMNS, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory):
    data = tmp_path_factory.mktemp("labels")
    write_tsv(data / "tiny.tsv", TINY)
    write_tsv(data / "heldout.tsv", [("requests", "column", "", "自 然 人", "natural_person")])
    return data


@pytest.fixture(scope="module")
def trained(tiny_data, tmp_path_factory):
    """One model trained on the tiny data, shared by the tests below (training is their slow part);
    tests that change a model folder work on a copy."""
    return train_and_save(tiny_data, tmp_path_factory.mktemp("trained") / "model", **QUICK)


def test_the_templates_printed_labels_come_first_in_every_training(tiny_data, tmp_path):
    extra = write_tsv(tmp_path / "extra.tsv", [("appeals", "column", "", "行政诉讼", "litigation")])
    assert training_files(tiny_data, [extra]) == [labels_file(), tiny_data / "tiny.tsv", extra]
    assert training_files(tiny_data, seeds=()) == [tiny_data / "tiny.tsv"]


def test_training_a_tiny_dataset_writes_a_loadable_model(trained):
    report = trained
    assert (report.model_dir / "model.joblib").is_file()
    meta = json.loads((report.model_dir / "meta.json").read_text(encoding="utf-8"))
    assert meta["training_files"] == ["tiny.tsv"] and meta["heldout"]["count"] == 1
    assert report.cv.count > len(TINY)
    (prediction,) = HeaderClassifier.load(report.model_dir).predict([LabelQuery("requests", "column", "自然人")])
    assert prediction.key == "natural_person"


def test_training_is_reproducible(tiny_data, trained, tmp_path):
    first = trained.meta
    second = train_and_save(tiny_data, tmp_path / "b", **QUICK).meta
    for field in ("cv", "heldout", "training_data_sha256", "training_examples"):
        assert first[field] == second[field]


def test_extra_data_changes_the_fingerprint(tiny_data, trained, tmp_path):
    extra = write_tsv(tmp_path / "extra.tsv", [("appeals", "column", "", "行政诉讼", "litigation")])
    base = trained.meta
    more = train_and_save(tiny_data, tmp_path / "b", extra=[extra], **QUICK).meta
    assert base["training_data_sha256"] != more["training_data_sha256"]
    assert more["training_files"] == ["tiny.tsv", "extra.tsv"]


def _set_scores(out, heldout, cv):
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta["heldout"]["accuracy"], meta["cv"]["accuracy"] = heldout, cv
    (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _scores(out):
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    return meta["heldout"]["accuracy"], meta["cv"]["accuracy"]


def test_the_model_is_replaced_only_by_a_strictly_better_one_or_with_force(tiny_data, trained, tmp_path):
    out = tmp_path / "model"
    shutil.copytree(trained.model_dir, out)
    assert trained.kept is None
    new_scores = _scores(out)
    meta_text = (out / "meta.json").read_text(encoding="utf-8")

    tied = train_and_save(tiny_data, out, **QUICK)  # the same data: a tie keeps the model
    assert tied.kept is not None and "not better" in tied.kept and "--force" in tied.kept
    assert "kept the model" in training_summary(tied)[-1]
    assert (out / "meta.json").read_text(encoding="utf-8") == meta_text  # nothing written

    _set_scores(out, 1.5, 1.5)  # an unbeatable model
    assert kept_because(out, tied.meta) is not None
    _set_scores(out, new_scores[0], new_scores[1] - 0.01)  # same held-out, worse CV: the new one is better
    assert kept_because(out, tied.meta) is None

    _set_scores(out, 1.5, 1.5)
    assert train_and_save(tiny_data, out, force=True, **QUICK).kept is None
    assert _scores(out) == new_scores
