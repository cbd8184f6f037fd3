from nianbao.classify.dataset import read_examples
from nianbao.config import REPO_ROOT
from nianbao.template import (
    all_fields,
    default_template,
    field_ids,
    label_spaces,
    labels_file,
    report_field_ids,
    request_rows,
)

SHARED_SPEC = REPO_ROOT.parent / "shared" / "spec" / "fields.tsv"


def test_counts_match_the_template_description():
    fields = all_fields()
    assert len(fields) == 226
    assert sum(f.template == "both" for f in fields) == 172
    assert sum(f.template == "2021" for f in fields) == 28
    assert sum(f.template == "2019" for f in fields) == 26


def test_bundled_copy_matches_the_shared_spec_where_present():
    bundled = (REPO_ROOT / "src" / "nianbao" / "template" / "fields.tsv").read_text(encoding="utf-8")
    if SHARED_SPEC.exists():
        assert bundled == SHARED_SPEC.read_text(encoding="utf-8")


def test_request_rows_differ_only_in_other_processing():
    rows_2021, rows_2019 = request_rows("2021"), request_rows("2019")
    assert len(rows_2021) == 25 and len(rows_2019) == 23
    assert set(rows_2021) - set(rows_2019) == {
        "result.other.no_amendment_overdue",
        "result.other.fee_unpaid",
        "result.other.other",
    }
    assert len(report_field_ids({"requests": "2021", "appeals": "2021"})) == 25 * 7 + 15
    assert field_ids("proactive", "2019")[0] == "proactive.regulations.new_made"


def test_every_key_the_classifier_predicts_has_a_printed_label_to_learn_from():
    """A new template version's keys need their printed labels in nianbao/template/labels.tsv."""
    seeds = read_examples(labels_file())  # the training data reader accepts the template's labels as they are
    seeded = {(ex.space, ex.key) for ex in seeds}
    missing = [(space, key) for space, keys in label_spaces().items() for key in keys if (space, key) not in seeded]
    assert missing == []
    assert len(seeds) == len(default_template().printed_labels)
