"""The whole pipeline on generated scans, with no OCR model: preprocessing with an engine that sees
nothing, cells and title read by a reader that knows what was printed. Each report is compared with a
golden file (tests/fixtures/golden.py says how to regenerate them)."""

import copy
import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from nianbao.config import load_config
from nianbao.ingest import open_document
from nianbao.model import Word
from nianbao.ocr.fax_drawer import SureLine
from nianbao.ocr.restore import UNAGREED_CAP
from nianbao.pipeline import Extractor
from nianbao.report import Report
from tests.fixtures.fakes import BlindEngine, truth_reader_factory
from tests.fixtures.golden import check_golden
from tests.fixtures.report import page_images, page_words, save_pdf
from tests.fixtures.stages import REPORT_NAMES, fixture_report

pytestmark = pytest.mark.golden
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module", params=REPORT_NAMES)
def extracted(request, tmp_path_factory, config):
    report = fixture_report(request.param)
    path = tmp_path_factory.mktemp("scan") / f"{report.name}.pdf"
    save_pdf(page_images(report.pages, report.title), path)
    reader_factory = truth_reader_factory(page_words(report.pages, report.title))
    extractor = Extractor(config, engine=BlindEngine(), reader_factory=reader_factory)
    return report, extractor.extract(path, display_path=f"scans/{report.name}.pdf")


def test_every_printed_number_lands_on_its_field(extracted):
    report, result = extracted
    assert {k: result["fields"].get(k) for k in report.values} == report.values
    agency, year = report.title.split("\n")[0], int(report.title.split("\n")[1][:4])
    assert (result["agency"], result["year"]) == (agency, year)


def test_versions_and_identities(extracted):
    report, result = extracted
    failed = {(c["rule"], c["scope"]) for c in result["checks"] if not c["ok"]}
    if report.name == "hz2023":
        assert result["template"] == {"requests": "2021"}
        assert failed == {("I2", "natural_person"), ("I3", "result.disclosed")}
        assert result["cells"]["requests.carried_forward.total"]["page"] == 2
    else:
        assert result["template"] == {"requests": "2019", "appeals": "2019"}
        assert failed == set() and {c["rule"] for c in result["checks"]} == {"I1", "I2", "I3", "I4"}
        assert result["cells"]["appeals.litigation_after_review.total"]["page"] == 2


def test_the_report_matches_its_golden_file_and_round_trips(extracted):
    report, result = extracted
    data = copy.deepcopy(result.to_dict())
    data["source"]["sha256"] = "(varies with the PDF writer)"
    golden = GOLDEN / f"report_{report.name}.json"
    check_golden(golden, data)
    assert Report.from_dict(result.to_dict()) == result
    assert Report.from_dict(json.loads(golden.read_text(encoding="utf-8"))).to_dict() == data


def _read_with_zeros_as_brackets(tmp_path, config, on_pages=None):
    """The first fixture report extracted where a page not read as a fax reads its zeros "()" (only the
    pages numbered in ``on_pages``, where given): the report, its result, and (page number, read as a
    fax) for each reading of a page, in order."""
    report = fixture_report(REPORT_NAMES[0])
    path = tmp_path / f"{report.name}.pdf"
    save_pdf(page_images(report.pages, report.title), path)
    words = page_words(report.pages, report.title)
    broken = {
        n: [
            dataclasses.replace(w, text="()") if w.text == "0" and (on_pages is None or n in on_pages) else w
            for w in ws
        ]
        for n, ws in words.items()
    }
    result, faxed = _read_as_misread(config, report, path, words, broken)
    return report, result, faxed


def _read_as_misread(config, report, path, words, misread):
    """``report``, saved at ``path``, extracted where a page not read as a fax reads ``misread`` and one
    read as a fax reads ``words`` (each by page number): its result, right in every field, and (page
    number, read as a fax) for each reading of a page, in order."""
    faxed = []

    def build(number, page, rules, dpi):
        faxed.append((number, page.fax))
        return truth_reader_factory(words if page.fax else misread)(number, page, rules, dpi)

    result = Extractor(config, engine=BlindEngine(), reader_factory=build).extract(path)
    assert {k: result["fields"].get(k) for k in report.values} == report.values
    return result, faxed


def test_a_page_whose_zeros_read_as_brackets_is_read_again_as_a_fax_is(tmp_path, config):
    """A page that is no fax but lost its thin horizontal strokes (a serif face turned black-and-white at a
    low resolution): its zeros read "()". The page is read again as a fax is, and says so; so are the
    pages after it, at once."""
    _, result, faxed = _read_with_zeros_as_brackets(tmp_path, config)
    as_fax = sorted({number for number, fax in faxed if fax})
    first = as_fax[0]
    assert (first, False) in faxed  # told by its reading, then read again
    # The pages after it were scanned alike: read as a fax is at once, and only so.
    assert as_fax == sorted({number for number, _ in faxed if number >= first})
    assert all((number, False) not in faxed for number in as_fax[1:])
    notes = [w for w in result["warnings"] if "zeros read as brackets" in w]
    assert len(notes) == len(as_fax)


def test_pages_before_one_that_lost_its_thin_strokes_are_read_again_as_a_fax_is(tmp_path, config):
    """Only the second page's zeros read "()": it lost its thin strokes, and so did the page before it,
    scanned alike, whose minus signs and 4s may have been lost without a bracket to tell it (a regenerated
    noisy report printed -2 as 2 and 48 as 18 on its first page so). The first page is read again as a fax
    is, after the second, and says so."""
    report, result, faxed = _read_with_zeros_as_brackets(tmp_path, config, on_pages={2})
    assert faxed[:3] == [(1, False), (2, False), (2, True)]
    assert faxed[-1] == (1, True) and faxed.count((1, True)) == 1
    notes = [w for w in result["warnings"] if "zeros read as brackets" in w]
    assert sorted(note.split(":")[0] for note in notes) == [f"page {n}" for n in range(1, len(report.pages) + 1)]


def test_numbers_read_poorly_in_a_label_column_tell_nothing_of_lost_strokes(tmp_path, config):
    """Faint 11012_002: pieces of a vertical label's characters, cut into cells where its column's rules
    were lost, read as numbers unsurely. Three of table 三's label cells in its first column read so (a
    speck beside each label read "28" at 0.1), on a grey scan at 150 dpi: the page is not read as a fax
    is, as three such numbers in value cells would send it; stored black and white, it is."""
    report = fixture_report(REPORT_NAMES[0])
    path = tmp_path / f"{report.name}.pdf"
    save_pdf(page_images(report.pages, report.title), path, dpi=150)  # resized: grey edges, no bilevel page
    words = page_words(report.pages, report.title)
    labels = ("（本列数据的勾稽关系为：第一", "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量")
    specks = [
        Word("28", (w.bbox[2] - 40, w.bbox[1], w.bbox[2] - 4, w.bbox[3]), 0.1) for w in words[1] if w.text in labels
    ]
    _, faxed = _read_as_misread(config, report, path, words, {**words, 1: words[1] + specks})
    assert len(specks) == 3 and not any(fax for _, fax in faxed)
    # read so in three value cells, the numbers tell it
    numbers = [i for i, w in enumerate(words[1]) if w.text.isdigit()][:3]
    poor = [dataclasses.replace(w, text="28", confidence=0.1) if i in numbers else w for i, w in enumerate(words[1])]
    _, faxed = _read_as_misread(config, report, path, words, {**words, 1: poor})
    assert (1, True) in faxed
    # stored black and white at 200 dpi, any number read unsurely tells it, a label's too (fax 9603_000)
    save_pdf(page_images(report.pages, report.title), path)
    _, faxed = _read_as_misread(config, report, path, words, {**words, 1: words[1] + specks})
    assert (1, True) in faxed


def test_numbers_a_fax_page_read_surely_with_no_face_to_doubt_them_are_doubted_in_its_document_s(
    tmp_path, config, monkeypatch
):
    """A fax page with no sure number to fit a face on, nor a page before it, keeps its sure numbers for
    its document's face (fax 10001_001: a 14 whose 4 kept only its stem, read "11" at 0.999 on its first
    page, was printed). Those that face puts in doubt (table.fax_doubts, tested there) are capped below
    any confidence cut once every page is read; the others keep their reading."""
    report = fixture_report(REPORT_NAMES[0])
    path = tmp_path / f"{report.name}.pdf"
    save_pdf(page_images(report.pages, report.title), path)
    words = page_words(report.pages, report.title)
    broken = {n: [dataclasses.replace(w, text="()") if w.text == "0" else w for w in ws] for n, ws in words.items()}
    numbers = [w for w in words[1] if w.text.isdigit() and w.text != "0"][:2]

    def build(number, page, rules, dpi):
        if page.fax and number == 1:
            lines = [SureLine(tuple(int(v) for v in w.bbox), np.zeros((9, 9), np.uint8), w.text, 0.99) for w in numbers]
            extractor.fax_drawer.await_document_face(lines)
        return truth_reader_factory(words if page.fax else broken)(number, page, rules, dpi)

    asked = []

    def doubted(drawer, lines):
        asked.append([line.text for line in lines])
        return [line for line in lines if line.text == numbers[0].text]

    monkeypatch.setattr("nianbao.pipeline.doubted_in_document_face", doubted)
    extractor = Extractor(config, engine=BlindEngine(), reader_factory=build)
    first = extractor.read_pages(open_document(path, max_pages=5)).pages[0]
    assert asked == [[w.text for w in numbers]]
    read = {w.text: w.confidence for t in first.tables for c in t.cells for w in c.words if w.text in asked[0]}
    assert read == {numbers[0].text: UNAGREED_CAP, numbers[1].text: numbers[1].confidence}


def _pages_read_as_a_fax(tmp_path, config, thresholded: bool) -> list[int]:
    """The first fixture report stored at 150 dpi, black and white or grey, where a page not read as a fax
    reads three of its numbers a little unsurely (0.9): the pages read again as a fax is."""
    report = fixture_report(REPORT_NAMES[0])
    scans = [Image.fromarray(image).resize((1240, 1754)) for image in page_images(report.pages, report.title)]
    if thresholded:
        scans = [scan.point(lambda v: 0 if v < 160 else 255) for scan in scans]
    path = tmp_path / f"{report.name}.pdf"
    scans[0].save(path, save_all=True, append_images=scans[1:], resolution=150)
    words = page_words(report.pages, report.title)
    unsure = {}
    for number, printed in words.items():
        numbers = [i for i, w in enumerate(printed) if w.text.isdigit()][:3]
        unsure[number] = [dataclasses.replace(w, confidence=0.9) if i in numbers else w for i, w in enumerate(printed)]
    _, faxed = _read_as_misread(config, report, path, words, unsure)
    return sorted({number for number, fax in faxed if fax})


def test_a_black_and_white_page_at_150_dpi_reading_a_few_numbers_unsurely_is_read_as_a_fax_is(tmp_path, config):
    """Coarse seed 7210: a page thresholded at 150 dpi lost its 4s' diagonals and read them "1" surely,
    beside a few numbers read less so; a grey scan reading as many so is read as it is."""
    assert _pages_read_as_a_fax(tmp_path, config, thresholded=True) == [1, 2]
    assert _pages_read_as_a_fax(tmp_path, config, thresholded=False) == []


def test_the_fax_drawer_takes_the_configured_fonts_that_exist(caplog):
    missing = Extractor(load_config(overrides={"ocr.fax_fonts": "/no/such/a.ttc:/no/such/b.ttc"}), engine=BlindEngine())
    assert missing.fax_drawer.fonts == () and "none of ocr.fax_fonts exists" in caplog.text
    caplog.clear()
    off = Extractor(load_config(overrides={"ocr.fax_fonts": ""}), engine=BlindEngine())
    assert off.fax_drawer.fonts == () and not caplog.text  # turned off on purpose: nothing to warn of
    assert off.fax_drawer is off.fax_drawer  # built once
