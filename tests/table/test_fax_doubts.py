"""Sure readings of a fax page doubted in its document's face once every page is read."""

import json
from pathlib import Path

import cv2
import pytest

from nianbao.model import Cell, Page, Table, Word
from nianbao.ocr.fax_drawer import FaxDrawer, SureLine
from nianbao.ocr.restore import UNAGREED_CAP
from nianbao.table.fax_doubts import doubted_in_document_face, page_with_doubts

FACELESS_PAGE = Path(__file__).parent / "fax_faceless_page"


def test_a_sure_number_of_a_page_with_no_face_is_doubted_in_the_face_its_document_s_later_pages_fit():
    """Fax 10001_001 at 150 dpi: its first page's one sure number, a 14 whose 4 kept only its stem, was
    read "11" at 0.999; no number of that page or of a page before it fitted a face. Its second page's
    17 does: there a 14 explains the line 0.04 better, and it is doubted. The 17 itself is not, and with
    no page's sure number to fit a face on nothing is."""
    from tests.ocr.test_fax_drawing import MING, SANS

    kai = str(Path(MING).with_name("ukai.ttc"))
    if not all(Path(font).is_file() for font in (MING, kai, SANS)):
        pytest.skip("the CJK fonts scripts/setup.sh installs (fonts-arphic-uming, -ukai, fonts-wqy-zenhei) are absent")
    recorded = json.loads((FACELESS_PAGE / "lines.json").read_text())

    def crop(line: dict):
        return cv2.imread(str(FACELESS_PAGE / line["file"]), cv2.IMREAD_GRAYSCALE)

    awaiting = [
        SureLine(tuple(line["bbox"]), crop(line), line["read"], line["confidence"]) for line in recorded["awaiting"]
    ]
    sample = [(crop(line), line["read"]) for line in recorded["document_sample"]]
    drawer = FaxDrawer([MING, kai, SANS])
    drawer.new_document()
    assert doubted_in_document_face(drawer, awaiting) == []  # no sure number to fit a face on yet
    drawer.keep_for_document(sample)
    right = SureLine((0, 0, 20, 20), sample[0][0], "17", 0.9998)
    assert doubted_in_document_face(drawer, [*awaiting, right]) == awaiting


def test_a_page_with_doubts_caps_just_the_words_read_so_in_their_boxes():
    word = Word("11", (712.0, 1896.0, 732.0, 1914.0), 0.9988)
    same_box_other_text = Word("17", (712.0, 1896.0, 732.0, 1914.0), 0.99)
    unsure = Word("11", (712.0, 1896.0, 732.0, 1914.0), 0.3)
    cells = tuple(
        Cell(0, k, 1, 1, (0.0, 0.0, 1.0, 1.0), (w,)) for k, w in enumerate((word, same_box_other_text, unsure))
    )
    page = Page(1, 1000, 2000, 150.0, tables=(Table(1, (0, 0, 1, 1), 1, 3, cells),))
    doubted = SureLine((712, 1896, 732, 1914), None, "11", 0.9988)
    words = [c.words[0] for c in page_with_doubts(page, [doubted]).tables[0].cells]
    assert [w.confidence for w in words] == [UNAGREED_CAP, 0.99, 0.3]
    assert [w.text for w in words] == ["11", "17", "11"]
