"""End to end with the real OCR model and the shipped classifier, on small generated scans."""

import random

import numpy as np
import pytest
from PIL import Image

from nianbao.errors import InputError, NoTablesError
from nianbao.pipeline import Extractor
from nianbao.preprocess.geometry import rotate_degrees
from tests.fixtures.report import consistent_values, render_report

pytestmark = pytest.mark.ocr
TITLE = "淮安市洪泽区人民政府\n2023年政府信息公开工作年度报告"


@pytest.fixture(scope="module")
def extractor(config, onnx_engine):
    return Extractor(config, engine=onnx_engine)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    values = consistent_values(random.Random(7))
    values["requests.result.disclosed.natural_person"] = 96171  # wide numbers read right too
    path = tmp_path_factory.mktemp("scan") / "hz2023.pdf"
    render_report(values, TITLE, path)
    return path, values


def _wrong(result, values):
    return {k: (v, result["fields"].get(k)) for k, v in values.items() if result["fields"].get(k) != v}


def test_two_page_table_with_a_cut_group_label(extractor, report):
    path, values = report
    result = extractor.extract(path, display_path="scans/hz2023.pdf")
    assert _wrong(result, values) == {}
    assert (result["agency"], result["year"]) == ("淮安市洪泽区人民政府", 2023)
    assert result["template"] == {"requests": "2021"}
    assert result["source"]["pages"] == 2 and result["source"]["path"] == "scans/hz2023.pdf"
    assert set(result["fields"]) == {k for k in result["fields"] if k.startswith("requests.")}
    assert any("proactive" in w for w in result["warnings"])
    page_of = {k: c["page"] for k, c in result["cells"].items()}
    assert page_of["requests.new_received.total"] == 1 and page_of["requests.carried_forward.total"] == 2
    # The printed numbers were made inconsistent on purpose: I2/I3 must fail for exactly that cell.
    failed = {(c["rule"], c["scope"]) for c in result["checks"] if not c["ok"]}
    assert ("I3", "result.disclosed") in failed and ("I2", "natural_person") in failed
    assert ("I1", "commercial_enterprise") not in failed


def test_rotated_and_skewed_page_images(extractor, report, tmp_path):
    path, values = report
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    pages = []
    for index, angle in ((0, 90), (1, 180)):
        image = np.asarray(document[index].render(scale=150 / 72).to_pil().convert("L"))
        image = rotate_degrees(image, 1.5)
        pages.append(Image.fromarray(np.rot90(image, k=angle // 90).copy()))
    scan = tmp_path / "turned.tiff"
    pages[0].save(scan, save_all=True, append_images=pages[1:], dpi=(150, 150))
    result = extractor.extract(scan)
    assert result["source"]["kind"] == "image"
    assert _wrong(result, values) == {}
    assert "page 1: scanned turned: rotated 90° clockwise to read it" in result["warnings"]  # np.rot90 turned it back
    assert "page 2: scanned turned: rotated 180° clockwise to read it" in result["warnings"]


def test_a_page_without_tables_is_not_a_report(extractor, tmp_path):
    blank = tmp_path / "blank.png"
    Image.new("L", (1240, 1754), 255).save(blank)
    with pytest.raises(NoTablesError):
        extractor.extract(blank)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        extractor.extract(empty)
