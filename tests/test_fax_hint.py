"""A fax saved with square pixels at another resolution than nianbao reads it at: drawing or rescaling
it blends its repeated scan lines, so the pipeline is told by the stored image that it is a fax."""

from PIL import Image, ImageDraw

from nianbao.ingest import open_document
from nianbao.pipeline import Extractor
from tests.fixtures.fakes import BlindEngine
from tests.fixtures.pages import cjk_font


def test_a_150_dpi_fax_is_read_as_a_fax_page(tmp_path, config):
    half = Image.new("1", (1240, 877), 1)  # A4 at 150 x 75 dpi
    draw = ImageDraw.Draw(half)
    for row in range(16):
        draw.text((80, 20 + 50 * row), "0123456789 " * 5, fill=0, font=cjk_font(22))
    path = tmp_path / "fax.png"
    half.resize((1240, 1754), Image.NEAREST).save(path, dpi=(150, 150))
    read = Extractor(config, engine=BlindEngine()).read_pages(open_document(path, max_pages=5))
    assert [page.fax for page in read.pages] == [True]
