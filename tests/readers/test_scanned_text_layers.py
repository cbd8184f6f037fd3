"""Scans that carry a text layer: a wrong invisible layer is caught by OCR of a sample of its cells and
the page is read from its image; a document mixing digital and scanned pages is read page by page."""

import pypdfium2 as pdfium
import pytest

from nianbao.pipeline import Extractor
from tests.fixtures.born_digital import join_pdfs, report_spec, scan_with_text_layer, write_forms

pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layers")
    spec = report_spec("2021", 5)
    digital = write_forms(spec, folder)["digital"]
    wrong = scan_with_text_layer(spec, folder / "wrong_layer.pdf", correct=False)
    pages = len(pdfium.PdfDocument(str(digital)))
    return spec, join_pdfs(digital, wrong, pages - 1, folder / "mixed.pdf")  # only the last page scanned: OCR is slow


def test_a_wrong_invisible_layer_is_read_from_the_image_page_by_page(config, onnx_engine, report):
    spec, mixed = report
    result = Extractor(config, engine=onnx_engine).extract(mixed)
    assert result["source"]["kind"] == "mixed"
    wrong = {k: (v, result["fields"].get(k)) for k, v in spec.fields.items() if result["fields"].get(k) != v}
    assert wrong == {}
    rejected = [w for w in result["warnings"] if "invisible text layer disagrees" in w]
    assert len(rejected) == 1 and rejected[0].startswith(f"page {result['source']['pages']}:")
    readers = {c["read_by"] for c in result["cells"].values()}
    assert readers == {"text-layer", "ocr:" + onnx_engine.name}


def test_a_right_invisible_layer_is_trusted_after_a_sample_is_checked(config, onnx_engine, tmp_path):
    spec = report_spec("2019", 6)
    scan = scan_with_text_layer(spec, tmp_path / "right_layer.pdf", correct=True)
    result = Extractor(config, engine=onnx_engine).extract(scan)
    wrong = {k: (v, result["fields"].get(k)) for k, v in spec.fields.items() if result["fields"].get(k) != v}
    assert wrong == {}
    assert {c["read_by"] for c in result["cells"].values()} == {"invisible-text-layer"}
    assert result["source"]["kind"] == "scanned"
    assert not any("text layer not used" in w for w in result["warnings"])
