import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from nianbao.errors import EncryptedDocumentError, InputError
from nianbao.ingest import estimate_dpi, iter_pages, open_document, sniff_kind
from nianbao.preprocess.fax import doubled_axis
from tests.fixtures.pages import cjk_font


def _pdf_bytes(pages=2):
    images = [Image.new("L", (827, 1169), 255) for _ in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=100)
    return buffer.getvalue()


def test_sniff_by_content_not_name():
    assert sniff_kind(b"%PDF-1.7 ...") == "pdf"
    assert sniff_kind(b"\x89PNG\r\n") == "image"
    with pytest.raises(InputError, match="empty"):
        sniff_kind(b"")
    with pytest.raises(InputError, match="not a PDF or an image"):
        sniff_kind(b"<html>")


def test_scanned_pdf_pages_render_at_the_asked_resolution(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(_pdf_bytes())
    document = open_document(path, max_pages=60)
    assert (document.kind, document.page_count, len(document.sha256)) == ("scanned", 2, 64)
    pages = list(iter_pages(document, dpi=150))
    assert [p.number for p in pages] == [1, 2]
    assert abs(pages[0].image.shape[0] - 11.69 * 150) < 5


def test_truncated_pdf_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(_pdf_bytes()[:300])
    with pytest.raises(InputError, match="corrupt or truncated"):
        open_document(path, max_pages=60)


def test_encrypted_pdf_says_so(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_pdf_bytes(1)))
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(EncryptedDocumentError, match="password"):
        open_document(path, max_pages=60)


def test_multi_page_tiff_and_dpi_from_size(tmp_path):
    path = tmp_path / "scan.tiff"
    frames = [Image.new("L", (1240, 1754), 255) for _ in range(3)]  # A4 at 150 dpi, no dpi metadata
    frames[0].save(path, save_all=True, append_images=frames[1:])
    document = open_document(path, max_pages=60)
    pages = list(iter_pages(document, dpi=200))
    assert document.kind == "image" and len(pages) == 3
    assert abs(pages[0].image.shape[0] - 2339) < 10  # rescaled from ~150 to 200 dpi


def test_a_fax_at_half_vertical_resolution_is_stretched_to_square_pixels(tmp_path):
    path = tmp_path / "fax.tiff"
    page = Image.new("1", (1728, 1143), 1)  # a fax page (215 x 296 mm) at 204 x 98 dpi
    page.save(path, dpi=(204, 98), compression="group4")
    (read,) = list(iter_pages(open_document(path, max_pages=60), dpi=200))
    height, width = read.image.shape[:2]
    assert abs(height / width - (1143 / 98) / (1728 / 204)) < 0.01  # the sheet's proportions, not squashed 2:1


def test_a_bilevel_fax_keeps_its_lines_repeated_so_it_is_known_as_a_fax(tmp_path):
    path = tmp_path / "fax.tiff"
    page = Image.new("1", (1728, 1143), 1)
    draw = ImageDraw.Draw(page)
    for row in range(20):
        draw.text((100, 40 + 50 * row), "0123456789 " * 6, fill=0, font=cjk_font(28))
    page.save(path, dpi=(204, 98), compression="group4")
    (read,) = list(iter_pages(open_document(path, max_pages=60), dpi=200))
    assert set(np.unique(read.image)) <= {0, 255}  # lines repeated, none blended into grey
    assert doubled_axis(read.image) == 0


def test_a_fax_stored_with_square_pixels_is_told_before_rescaling_blends_its_lines(tmp_path):
    path = tmp_path / "fax.tiff"
    half = Image.new("1", (1240, 877), 1)  # A4 at 150 x 75 dpi
    draw = ImageDraw.Draw(half)
    for row in range(16):
        draw.text((80, 20 + 50 * row), "0123456789 " * 5, fill=0, font=cjk_font(22))
    half.resize((1240, 1754), Image.NEAREST).save(path, dpi=(150, 150), compression="group4")
    (read,) = list(iter_pages(open_document(path, max_pages=60), dpi=200))
    assert abs(read.image.shape[0] - 2339) < 10  # rescaled from 150 to 200 dpi
    assert read.fax_axis == 0  # its lines were repeated before rescaling blended them


def test_estimate_dpi_distrusts_wrong_metadata():
    assert estimate_dpi((2339, 1654), 72.0) == pytest.approx(200, rel=0.01)
    assert estimate_dpi((2339, 1654), 200.0) == 200.0


def test_too_many_pages_is_refused(tmp_path):
    path = tmp_path / "long.pdf"
    path.write_bytes(_pdf_bytes(3))
    with pytest.raises(InputError, match="max_pages"):
        open_document(path, max_pages=2)


def test_non_image_with_image_name(tmp_path):
    path = tmp_path / "fake.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + np.zeros(20, np.uint8).tobytes())
    document = None
    with pytest.raises(InputError):
        document = open_document(path, max_pages=60)
        list(iter_pages(document, 200))


def test_page_images_named_p1_p2_are_one_document(tmp_path):
    from nianbao.ingest import is_later_page, page_image_group

    for number in (1, 2, 10):
        Image.new("L", (827, 1169), 255).save(tmp_path / f"hz2023_p{number}.png")
    Image.new("L", (827, 1169), 255).save(tmp_path / "other_p3.png")
    group = page_image_group(tmp_path / "hz2023_p1.png")
    assert [p.name for p in group] == ["hz2023_p1.png", "hz2023_p2.png", "hz2023_p10.png"]
    assert open_document(tmp_path / "hz2023_p1.png", 60).page_count == 3
    assert is_later_page(tmp_path / "hz2023_p2.png") and not is_later_page(tmp_path / "hz2023_p1.png")
    assert not is_later_page(tmp_path / "other_p3.png")  # no page 1 beside it: a document of its own
    assert page_image_group(tmp_path / "other_p3.png") == (tmp_path / "other_p3.png",)


def test_a_folder_of_page_images_is_one_document_in_page_order(tmp_path):
    folder = tmp_path / "report"
    folder.mkdir()
    for name in ("page10.png", "page2.png", "page1.png"):
        Image.new("L", (827, 1169), 255).save(folder / name)
    document = open_document(folder, 60)
    assert [p.name for p in document.page_files] == ["page1.png", "page2.png", "page10.png"]
    assert document.page_count == 3 and len(list(iter_pages(document, 100))) == 3
    with pytest.raises(InputError, match="without page images"):
        open_document(tmp_path, 60)


def test_html_and_word_files_are_markup_documents(tmp_path):
    page = tmp_path / "r.htm"
    page.write_bytes("<html><body><table><tr><td>年报</td></tr></table></body></html>".encode())
    assert (open_document(page, 60).kind, open_document(page, 60).page_count) == ("html", 1)
    word = tmp_path / "r.docx"
    word.write_bytes(b"PK\x03\x04rest")
    assert open_document(word, 60).kind == "docx"
    (tmp_path / "legacy.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    assert open_document(tmp_path / "legacy.wps", 60).kind == "doc"
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="not a .docx"):
        open_document(fake, 60)


def test_a_page_image_scanned_black_and_white_at_150_dpi_is_told_before_rescaling_greys_its_edges(tmp_path):
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    for row in range(30):
        draw.text((80, 40 + 55 * row), "1024 3875 46 0 " * 3, fill=0, font=cjk_font(24))
    grey = page.resize((620, 877)).resize((1240, 1754), Image.BILINEAR)  # soft edges, as a grey scan's

    def told(name, image, dpi):
        path = tmp_path / name
        image.save(path, dpi=(dpi, dpi))
        return [raw.coarse_bilevel for raw in iter_pages(open_document(path, max_pages=5), dpi=200)] == [True]

    assert told("bw150.tiff", grey.point(lambda v: 0 if v < 160 else 255).convert("1"), 150)
    assert not told("grey150.png", grey, 150)
    assert not told("bw300.tiff", page.resize((2480, 3508)).convert("1"), 300)
