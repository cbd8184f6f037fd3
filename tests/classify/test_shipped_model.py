"""The model shipped in src/nianbao/models/header_classifier against the hand-written held-out variants."""

import json
import shutil
from pathlib import Path

import pytest

from nianbao.classify import HeaderClassifier, LabelQuery
from nianbao.classify.dataset import read_examples
from nianbao.errors import ModelError
from nianbao.template import label_spaces

REPO = Path(__file__).resolve().parents[2]
MODEL_DIR = REPO / "src" / "nianbao" / "models" / "header_classifier"
HELDOUT = REPO / "datasets" / "labels" / "heldout.tsv"
THRESHOLD = 0.5


@pytest.fixture(scope="module")
def classifier():
    return HeaderClassifier.load(MODEL_DIR)


@pytest.fixture(scope="module")
def heldout_results(classifier):
    examples = read_examples(HELDOUT)
    predictions = classifier.predict([LabelQuery(e.table, e.axis, e.text, e.context) for e in examples])
    return list(zip(examples, predictions))


def _accepted(prediction):
    return prediction.key if prediction.key is not None and prediction.probability >= THRESHOLD else "__none__"


@pytest.mark.parametrize("axis", ["row", "column"])
def test_requests_table_heldout_top1_at_least_98_percent(heldout_results, axis):
    rows = [(e, p) for e, p in heldout_results if e.table == "requests" and e.axis == axis]
    assert len(rows) >= 30
    hits = sum(_accepted(p) == e.key for e, p in rows)
    assert hits / len(rows) >= 0.98, [(e.text, e.key, p) for e, p in rows if _accepted(p) != e.key]


def test_no_wrong_key_above_threshold_anywhere(heldout_results):
    wrong = [(e.text, e.key, p) for e, p in heldout_results if _accepted(p) not in ("__none__", e.key)]
    assert wrong == []


def test_all_heldout_spaces_at_least_95_percent(heldout_results):
    for space in label_spaces():
        rows = [(e, p) for e, p in heldout_results if e.space == space]
        assert rows and sum(_accepted(p) == e.key for e, p in rows) / len(rows) >= 0.95, space


@pytest.mark.parametrize(
    ("table", "axis", "text", "context", "key"),
    [
        ("requests", "row", "3.危及“三安全一稳定”", "", "result.withheld.security_stability"),
        ("requests", "row", "危及“三安全-稳定”", "", "result.withheld.security_stability"),
        ("requests", "row", "合计", "", "result.total"),
        ("requests", "row", "3.其他", "（六）其他处理", "result.other.other"),
        ("requests", "row", "（六）其他处理", "", "result.other.unsplit"),
        ("requests", "column", "其他", "法人或其他组织", "other_org"),
        ("requests", "column", "社会组织", "", "social_welfare_org"),
        ("proactive", "row", "规范性文件", "", "normative_documents"),
        ("proactive", "column", "本年度止件数", "", "repealed"),
        ("proactive", "column", "半年收费金额", "", "amount_10k_yuan"),
        ("appeals", "column", "结果\n维持", "", "upheld"),
        ("appeals", "column", "复议后起诉", "", "litigation_after_review"),
    ],
)
def test_brief_examples(classifier, table, axis, text, context, key):
    (prediction,) = classifier.predict([LabelQuery(table, axis, text, context)])
    assert prediction.key == key and prediction.probability >= THRESHOLD
    assert prediction.alternatives[0][0] == key and len(prediction.alternatives) == 3


@pytest.mark.parametrize(
    ("table", "axis", "text"),
    [
        ("requests", "row", "申请人情况"),
        ("requests", "column", "信息内容"),
        ("requests", "row", "第二十条第（一）项"),
        ("requests", "row", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
        ("requests", "row", "本机关认真贯彻落实政务公开工作要求"),
        ("proactive", "column", "结果纠正"),
        ("appeals", "column", "#@%&"),
        ("requests", "column", ""),
    ],
)
def test_garbage_is_rejected(classifier, table, axis, text):
    (prediction,) = classifier.predict([LabelQuery(table, axis, text)])
    assert prediction.key is None or prediction.probability < THRESHOLD


def test_predictions_keep_query_order_across_spaces(classifier):
    queries = [
        LabelQuery("appeals", "column", "行政复议"),
        LabelQuery("requests", "column", "自然人"),
        LabelQuery("appeals", "column", "尚未审结"),
    ]
    assert [p.key for p in classifier.predict(queries)] == ["review", "natural_person", "pending"]


def test_unknown_space_is_an_error(classifier):
    with pytest.raises(ModelError, match="appeals/row"):
        classifier.predict([LabelQuery("appeals", "row", "总计")])


def test_meta_records_provenance():
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    for field in ("sklearn_version", "training_data_sha256", "cv", "heldout", "label_spaces", "created_at"):
        assert field in meta
    assert meta["heldout"]["confident_wrong"] == 0


def _copy_model(tmp_path):
    target = tmp_path / "model"
    shutil.copytree(MODEL_DIR, target)
    return target


def test_model_from_another_sklearn_version_is_refused(tmp_path):
    target = _copy_model(tmp_path)
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    meta["sklearn_version"] = "0.0.1"
    (target / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="nianbao train"):
        HeaderClassifier.load(target)


def test_missing_model_says_to_train(tmp_path):
    with pytest.raises(ModelError, match="nianbao train"):
        HeaderClassifier.load(tmp_path)


def test_corrupt_model_file_is_refused(tmp_path):
    target = _copy_model(tmp_path)
    (target / "model.joblib").write_bytes(b"not a pickle")
    with pytest.raises(ModelError, match="cannot be loaded"):
        HeaderClassifier.load(target)
