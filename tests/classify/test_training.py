import json
import time

import pytest

from nianbao.classify import HeaderClassifier, LabelQuery
from nianbao.classify.augment import AugmentSettings
from nianbao.classify.dataset import COLUMNS
from nianbao.classify.training import train_and_save
from nianbao.errors import ModelError

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


def write_tsv(path, rows):
    path.write_text("\n".join("\t".join(r) for r in [COLUMNS, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def tiny_data(tmp_path):
    data = tmp_path / "labels"
    data.mkdir()
    write_tsv(data / "tiny.tsv", TINY)
    write_tsv(data / "heldout.tsv", [("requests", "column", "", "自 然 人", "natural_person")])
    return data


def test_training_a_tiny_dataset_is_quick_and_loadable(tiny_data, tmp_path):
    started = time.perf_counter()
    report = train_and_save(tiny_data, tmp_path / "model", augment=SMALL, cv_folds=2)
    assert time.perf_counter() - started < 20
    assert (tmp_path / "model" / "model.joblib").is_file()
    meta = json.loads((tmp_path / "model" / "meta.json").read_text(encoding="utf-8"))
    assert meta["training_files"] == ["tiny.tsv"] and meta["heldout"]["count"] == 1
    assert report.cv.count > len(TINY)
    (prediction,) = HeaderClassifier.load(tmp_path / "model").predict([LabelQuery("requests", "column", "自然人")])
    assert prediction.key == "natural_person"


def test_training_is_reproducible(tiny_data, tmp_path):
    first = train_and_save(tiny_data, tmp_path / "a", augment=SMALL, cv_folds=2).meta
    second = train_and_save(tiny_data, tmp_path / "b", augment=SMALL, cv_folds=2).meta
    for field in ("cv", "heldout", "training_data_sha256", "training_examples"):
        assert first[field] == second[field]


def test_extra_data_changes_the_fingerprint(tiny_data, tmp_path):
    extra = write_tsv(tmp_path / "extra.tsv", [("appeals", "column", "", "行政诉讼", "litigation")])
    base = train_and_save(tiny_data, tmp_path / "a", augment=SMALL, cv_folds=2).meta
    more = train_and_save(tiny_data, tmp_path / "b", extra=[extra], augment=SMALL, cv_folds=2).meta
    assert base["training_data_sha256"] != more["training_data_sha256"]
    assert more["training_files"] == ["tiny.tsv", "extra.tsv"]


def test_a_better_model_is_not_overwritten_without_force(tiny_data, tmp_path):
    out = tmp_path / "model"
    train_and_save(tiny_data, out, augment=SMALL, cv_folds=2)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta["heldout"]["accuracy"] = 1.5  # an unbeatable model
    (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="--force"):
        train_and_save(tiny_data, out, augment=SMALL, cv_folds=2)
    assert json.loads((out / "meta.json").read_text(encoding="utf-8"))["heldout"]["accuracy"] == 1.5
    train_and_save(tiny_data, out, force=True, augment=SMALL, cv_folds=2)
    assert json.loads((out / "meta.json").read_text(encoding="utf-8"))["heldout"]["accuracy"] <= 1.0
