import pytest

from nianbao.classify.dataset import (
    COLUMNS,
    LabelExample,
    cross_space_negatives,
    expand_wildcards,
    parse_examples,
)
from nianbao.errors import InputError
from nianbao.template import label_spaces

HEADER = "\t".join(COLUMNS)


def test_parse_reads_rows_comments_and_line_breaks():
    text = HEADER + "\n# a comment\nrequests\tcolumn\t\t商业\\n企业\tcommercial_enterprise\n\n"
    (example,) = parse_examples(text, "x.tsv")
    assert example == LabelExample("requests", "column", "", "商业\n企业", "commercial_enterprise")


@pytest.mark.parametrize(
    "line",
    [
        "requests\tcolumn\t\t商业企业\tno_such_key",
        "appeals\trow\t\t总计\ttotal",
        "requests\tcolumn\t\t商业企业",
        "*\t*\t\t总计\ttotal",
        "requests\tcolumn\t\t \ttotal",
    ],
)
def test_parse_rejects_bad_rows_naming_the_line(line):
    with pytest.raises(InputError, match="x.tsv line 2"):
        parse_examples(HEADER + "\n" + line + "\n", "x.tsv")


def test_parse_requires_the_header():
    with pytest.raises(InputError, match="header"):
        parse_examples("requests\tcolumn\t\t总计\ttotal\n", "x.tsv")


def test_wildcard_negatives_reach_every_space():
    expanded = expand_wildcards([LabelExample("*", "*", "", "信息内容", "__none__")])
    assert {ex.space for ex in expanded} == set(label_spaces())


def test_cross_space_negatives_skip_labels_the_space_shares():
    examples = [
        LabelExample("appeals", "column", "", "总计", "total"),
        LabelExample("appeals", "column", "", "结果维持", "upheld"),
        LabelExample("requests", "column", "", "总计", "total"),
    ]
    negatives = {(ex.space, ex.text) for ex in cross_space_negatives(examples)}
    assert (("requests", "column"), "结果维持") in negatives
    assert (("requests", "column"), "总计") not in negatives
    assert (("proactive", "row"), "总计") in negatives
