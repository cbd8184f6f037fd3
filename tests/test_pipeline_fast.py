"""The whole pipeline on a generated two-page scan, with no OCR model: preprocessing with an engine that
sees nothing, cells read by a reader that knows what was printed. The report is compared with a golden
file (tests/fixtures/golden.py says how to regenerate it)."""

from pathlib import Path

import pytest

from nianbao.pipeline import Extractor
from tests.fixtures.fakes import BlindEngine, truth_reader_factory
from tests.fixtures.golden import check_golden
from tests.fixtures.report import render_report, report_words
from tests.fixtures.stages import TITLE, report_values

pytestmark = pytest.mark.golden
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def report(tmp_path_factory, config):
    path = tmp_path_factory.mktemp("scan") / "hz2023.pdf"
    render_report(report_values(), TITLE, path)
    reader_factory = truth_reader_factory(report_words(report_values(), TITLE))
    extractor = Extractor(config, engine=BlindEngine(), reader_factory=reader_factory)
    return extractor.extract(path, display_path="scans/hz2023.pdf")


def test_every_printed_number_lands_on_its_field(report):
    values = report_values()
    assert {k: report["fields"].get(k) for k in values} == values
    assert (report["agency"], report["year"], report["template"]) == (
        "淮安市洪泽区人民政府",
        2023,
        {"requests": "2021"},
    )
    failed = {(c["rule"], c["scope"]) for c in report["checks"] if not c["ok"]}
    assert ("I3", "result.disclosed") in failed and ("I2", "natural_person") in failed
    assert report["cells"]["requests.carried_forward.total"]["page"] == 2


def test_the_report_matches_its_golden_file(report):
    without_hash = {**report, "source": {**report["source"], "sha256": "(varies with the PDF writer)"}}
    check_golden(GOLDEN / "report_hz2023.json", without_hash)
