"""PDFium's text layer and vector rules, in the rendered page's pixel frame; the page reader's choice."""

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from nianbao.config import TableConfig
from nianbao.ingest.pdf import holds_coarse_bilevel_scan, render_pages, stored_fax_axis
from nianbao.ingest.pdf_layer import iter_layers
from nianbao.preprocess.fax import doubled_axis
from nianbao.preprocess.geometry import to_gray
from nianbao.readers.pdf_page import read_text_layer
from nianbao.synth.layout_choice import FONTS
from nianbao.synth.vector import VectorPage, save_vector_pdf
from tests.fixtures.pages import cjk_font

DPI = 100  # the typesetting resolution of the test page (A4: 827 x 1169 px)


def _page(label="申请人情况", value="12"):
    page = VectorPage((827, 1169), DPI)
    font = ImageFont.truetype(FONTS["sans"], 20)
    page.draw.text((200, 120), "某某县人民政府2023年政府信息公开工作年度报告", font=font, anchor="lm")
    for row in range(4):
        page.draw.rectangle((100, 200 + 50 * row, 400, 250 + 50 * row), outline=(0, 0, 0), width=2)
        page.draw.rectangle((400, 200 + 50 * row, 700, 250 + 50 * row), outline=(0, 0, 0), width=2)
        page.draw.text((250, 225 + 50 * row), f"{label}{row}", font=font, anchor="mm")
        page.draw.text((550, 225 + 50 * row), value, font=font, anchor="mm")
    return page


def _layers(path, dpi=200):
    return iter_layers(path, dpi, 25_000_000)


def test_glyphs_and_rules_land_in_the_pixel_frame_of_the_rendered_page(tmp_path):
    path = save_vector_pdf([_page()], tmp_path / "d.pdf")
    for layer in _layers(path):
        assert abs(layer.width - 1654) <= 1 and abs(layer.height - 2338) <= 1
        glyphs = layer.glyphs()
        first = next(g for g in glyphs if g.text == "申")
        x_mid, y_mid = (first.bbox[0] + first.bbox[2]) / 2, (first.bbox[1] + first.bbox[3]) / 2
        assert 100 * 2 < x_mid < 400 * 2 and 200 * 2 < y_mid < 250 * 2  # in the first label cell, at 200 dpi
        assert not any(g.invisible or g.unmapped for g in glyphs)
        horizontal = [s for s in layer.segments() if abs(s.y0 - s.y1) < 1]
        assert any(abs(s.y0 - 400) < 4 for s in horizontal)  # the table's top rule at y = 200 px @ 100 dpi
        assert not layer.has_images()


def test_a_trusted_page_is_read_without_ocr(tmp_path):
    path = save_vector_pdf([_page()], tmp_path / "d.pdf")

    def no_engine():
        raise AssertionError("OCR asked for a page with a visible text layer")

    for layer in _layers(path):
        reading = read_text_layer(layer, TableConfig(), no_engine)
        assert reading.reader is not None and reading.image is None
        table = reading.tables[0]
        assert (table.n_rows, table.n_cols) == (4, 2)
        assert [c.text for c in table.cells if c.col == 1] == ["12"] * 4
        assert reading.reader.read_region((0, 0, layer.width, 300))[0].text.startswith("某某县人民政府")


class ReadsNothingRight:
    name = "fake"

    def __init__(self):
        self.crops = 0

    def detect(self, image):
        return []

    def recognize(self, crops, wide=False, alphabet=None):
        self.crops += len(crops)
        return [("口口", 0.99) for _ in crops]


def test_an_invisible_layer_that_disagrees_with_ocr_is_not_used(tmp_path):
    image = Image.new("L", (827, 1169), 255)
    page = _page()
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    for op in page.ops:
        if hasattr(op, "box"):
            draw.rectangle(op.box, outline=0, width=2)
        else:
            font = ImageFont.truetype(op.font_path, int(op.size_px))
            draw.text(op.xy, op.text, font=font, fill=0, anchor=op.anchor)
    path = save_vector_pdf([page], tmp_path / "scan.pdf", backgrounds=[image], invisible=True)
    engine = ReadsNothingRight()
    for layer in _layers(path):
        assert layer.has_images() and all(g.invisible for g in layer.glyphs())
        reading = read_text_layer(layer, TableConfig(), lambda: engine)
        assert reading.reader is None and "disagrees with the image" in reading.problem
        assert isinstance(reading.image, np.ndarray) and engine.crops > 0


def _image_pdf(path, image, dpi_x, dpi_y):
    """One page holding ``image`` stored at dpi_x x dpi_y."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    size = (image.width / dpi_x * 72, image.height / dpi_y * 72)
    pdf = canvas.Canvas(str(path), pagesize=size)
    pdf.drawImage(ImageReader(image), 0, 0, *size)
    pdf.showPage()
    pdf.save()
    return path


def _fax_pdf(path, dpi_x, dpi_y):
    """One page holding a bilevel text image stored at dpi_x x dpi_y, as a fax machine writes it."""
    image = Image.new("1", (1728, 1100), 1)
    draw = ImageDraw.Draw(image)
    for row in range(20):
        draw.text((100, 30 + 50 * row), "0123456789 " * 6, fill=0, font=cjk_font(28))
    return _image_pdf(path, image, dpi_x, dpi_y)


def test_a_fax_in_a_pdf_is_drawn_with_its_scan_lines_repeated_not_blended(tmp_path):
    drawn = [to_gray(layer.render()) for layer in iter_layers(_fax_pdf(tmp_path / "fax.pdf", 204, 98), 200, 25_000_000)]
    assert [doubled_axis(page) for page in drawn] == [0]
    ((page, _),) = list(render_pages(tmp_path / "fax.pdf", 200, 25_000_000))
    assert doubled_axis(to_gray(page)) == 0
    square = [
        to_gray(layer.render()) for layer in iter_layers(_fax_pdf(tmp_path / "scan.pdf", 200, 200), 200, 25_000_000)
    ]
    assert [doubled_axis(page) for page in square] == [None]  # a bilevel scan at square resolution is no fax


def _doubled_fax_pdf(path, dpi):
    """One page holding a bilevel fax stored with square pixels at ``dpi``: every scan line twice."""
    half = Image.new("1", (1240, 877), 1)  # A4 at 150 x 75 dpi
    draw = ImageDraw.Draw(half)
    for row in range(16):
        draw.text((80, 20 + 50 * row), "0123456789 " * 5, fill=0, font=cjk_font(22))
    return _image_pdf(path, half.resize((1240, 1754), Image.NEAREST), dpi, dpi)


def test_a_fax_stored_with_square_pixels_drawn_at_another_scale_is_told_by_its_stored_lines(tmp_path):
    # A 150-dpi fax drawn at 200 dpi has its repeated lines blended by smoothing, and was not known as a
    # fax (83 wrong numbers on four such reports: its broken zeros read as 11). Its image still tells.
    for dpi, axis in ((150, 0), (200, None)):  # at its own resolution the drawn page shows them itself
        path = _doubled_fax_pdf(tmp_path / f"fax{dpi}.pdf", dpi)
        document = pdfium.PdfDocument(str(path))
        assert stored_fax_axis(document[0], 200.0) == axis
        document.close()
    ((page, _),) = list(render_pages(tmp_path / "fax150.pdf", 200, 25_000_000))
    assert doubled_axis(to_gray(page)) is None  # blended when drawn
    assert [layer.fax_axis() for layer in iter_layers(tmp_path / "fax150.pdf", 200, 25_000_000)] == [0]


def _scan_pdf(path, dpi, thresholded, page_share=1.0):
    """One page holding a 150-dpi-sized scan of number rows as a JPEG, drawn over ``page_share`` of the page
    at ``dpi``: thresholded to black and white before it was stored, or grey (soft edges) where not."""
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    scan = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(scan)
    for row in range(30):
        draw.text((80, 40 + 55 * row), "1024 3875 46 0 " * 3, fill=0, font=cjk_font(24))
    scan = scan.resize((620, 877)).resize((1240, 1754), Image.BILINEAR)  # soft, as a grey scan draws it
    if thresholded:
        scan = scan.point(lambda v: 0 if v < 160 else 255)
    stored = io.BytesIO()
    scan.save(stored, "JPEG", quality=50)
    size = (1240 / dpi * 72, 1754 / dpi * 72)
    side = page_share**0.5
    pdf = canvas.Canvas(str(path), pagesize=(size[0] / side, size[1] / side))
    pdf.drawImage(ImageReader(io.BytesIO(stored.getvalue())), 0, 0, *size)
    pdf.showPage()
    pdf.save()
    return path


def test_a_page_scanned_black_and_white_at_150_dpi_is_told_by_its_stored_image(tmp_path):
    """Drawn at 200 dpi its edges turn grey; the image the page holds is black and white still."""

    def told(name, dpi, thresholded, page_share=1.0):
        path = _scan_pdf(tmp_path / name, dpi, thresholded, page_share)
        return [layer.coarse_bilevel() for layer in iter_layers(path, 200, 25_000_000)] == [True]

    assert told("bw150.pdf", 150, thresholded=True)
    assert not told("grey150.pdf", 150, thresholded=False)
    assert not told("bw300.pdf", 300, thresholded=True)  # fine enough to keep its thin strokes
    assert not told("part.pdf", 150, thresholded=True, page_share=0.3)  # a picture on the page, not its scan
    document = pdfium.PdfDocument(str(tmp_path / "bw150.pdf"))
    assert not holds_coarse_bilevel_scan(document[0], max_pixels=1_000_000)  # too large to decode to tell
    document.close()
