"""End to end on born-digital forms: each form of one report gives the same fields, without OCR."""

import pytest

from nianbao.pipeline import Extractor
from tests.fixtures.born_digital import report_spec, with_printed, write_forms

# Real layouts: amounts with units, six decimals, a signed change, blank cells.
SPECIAL_2019 = {
    "proactive.procurement.amount": ("75394432.52元", 75394432.52),
    "proactive.licensing.items_change": ("-18", -18),
    "requests.new_received.research_institution": ("", None),
}
SPECIAL_2021 = {
    "proactive.fees.amount_10k_yuan": ("5949.088667", 5949.088667),
    "requests.carried_over.legal_service_org": ("", None),
}


class NoEngine:
    """Stands where the OCR engine would be built: a born-digital document must never ask for it."""


@pytest.fixture(scope="module")
def extractor(config):
    extractor = Extractor(config)
    extractor._engine = None
    return extractor


@pytest.fixture(scope="module", params=[("2021", 21, SPECIAL_2021), ("2019", 19, SPECIAL_2019)], ids=["2021", "2019"])
def forms(request, tmp_path_factory):
    template, seed, special = request.param
    spec = with_printed(report_spec(template, seed), special)
    return spec, write_forms(spec, tmp_path_factory.mktemp(f"forms{template}"))


def test_each_form_gives_the_truth_without_ocr(extractor, forms, monkeypatch):
    def no_engine(_config):
        raise AssertionError("an OCR engine was built for a born-digital document")

    monkeypatch.setattr("nianbao.pipeline.build_engine", no_engine)
    spec, paths = forms
    kinds = {"digital": "digital", "kangxi": "digital", "html": "html", "html_gbk": "html", "docx": "docx"}
    for form, path in paths.items():
        result = extractor.extract(path)
        wrong = {k: (v, result["fields"].get(k)) for k, v in spec.fields.items() if result["fields"].get(k) != v}
        assert wrong == {}, form
        assert set(result["fields"]) == set(spec.fields), form
        assert (result["agency"], result["year"], result["published"]) == (spec.agency, spec.year, spec.published), form
        assert result["source"]["kind"] == kinds[form]
    assert extractor._engine is None


def test_provenance_says_how_and_where(extractor, forms):
    _, paths = forms
    pdf_cell = extractor.extract(paths["digital"])["cells"]["appeals.review.total"]
    assert pdf_cell["read_by"] == "text-layer" and pdf_cell["page"] >= 1 and len(pdf_cell["bbox"]) == 4
    html_cell = extractor.extract(paths["html"])["cells"]["appeals.review.total"]
    assert html_cell["read_by"] == "markup" and "page" not in html_cell
    assert (html_cell["row"], html_cell["col"]) == (3, 4) and html_cell["table"] == 3


def test_a_blank_cell_is_null_with_nothing_printed(extractor, forms):
    spec, paths = forms
    blank = [k for k, text in spec.printed.items() if text == ""]
    assert blank
    for form in ("html", "docx", "digital"):
        result = extractor.extract(paths[form])
        assert all(result["fields"][k] is None and result["cells"][k]["text"] == "" for k in blank)


class CountingClassifier:
    """Maps every label to nothing, counting the labels it is asked about."""

    def __init__(self):
        self.asked = 0

    def predict(self, queries):
        from nianbao.classify.query import Prediction

        self.asked += len(queries)
        return [Prediction(key=None, probability=0.9, alternatives=()) for _ in queries]


def test_each_label_is_classified_once_per_process(config, monkeypatch):
    from nianbao.assemble.mapping import Label

    classifier = CountingClassifier()
    extractor = Extractor(config, classifier=classifier)
    labels = [Label("自然人", "", 1), Label("总计", "", 1), Label("自然人", "", 2)]
    assert [d.key for d in extractor.classify("requests", "column", labels)] == [None] * 3
    extractor.classify("requests", "column", labels)
    assert classifier.asked == 2
    monkeypatch.setattr("nianbao.pipeline.MAX_REMEMBERED_LABELS", 2)
    extractor.classify("requests", "column", [Label("其他", "", 1)])
    assert classifier.asked == 3
