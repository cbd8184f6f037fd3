import numpy as np

from nianbao.config import TableConfig
from nianbao.preprocess import CleanPage
from nianbao.preprocess.geometry import ink_mask
from nianbao.readers import OcrPageReader
from nianbao.table import find_tables
from tests.fixtures.pages import SpecCell, draw_table


class WidthEngine:
    """A fake recogniser: reads every line crop as its width in pixels, so each cell's text is traceable."""

    name = "fake"

    def __init__(self):
        self.calls = 0

    def detect(self, image):
        return [(0.0, 0.0, float(image.shape[1]), float(image.shape[0]))]

    def recognize(self, crops, wide=False, alphabet=None):
        self.calls += 1
        return [(f"宽{crop.shape[1]}", 0.99) for crop in crops]


def _page():
    cells = [
        SpecCell(0, 0, "项目"),
        SpecCell(0, 1, "数量"),
        SpecCell(1, 0, "收到"),
        SpecCell(1, 1, "12"),
        SpecCell(2, 0, "办结"),
        SpecCell(2, 1, ""),
    ]
    gray = draw_table(cells, [400, 300], 60)
    return CleanPage(gray, gray, ink_mask(gray, 200), 0, 0.0)


def test_the_table_stage_finds_grids_without_reading_them():
    layout = find_tables(_page(), 1, 200, TableConfig())
    assert len(layout.tables) == 1
    table = layout.tables[0]
    assert (table.n_rows, table.n_cols) == (3, 2)
    assert all(cell.words == () for cell in table.cells)
    assert layout.rules.shape == _page().gray.shape and layout.rules.max() == 255


def test_the_ocr_reader_fills_every_printed_cell_and_leaves_blank_ones_empty():
    page = _page()
    layout = find_tables(page, 1, 200, TableConfig())
    engine = WidthEngine()
    [table] = OcrPageReader(engine, page, layout.rules, 200).read_tables(layout.tables)
    texts = {(c.row, c.col): c.text for c in table.cells}
    assert all(texts[(row, col)].startswith("宽") for row, col in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 0)])
    assert texts[(2, 1)] == ""
    assert [c.bbox for c in table.cells] == [c.bbox for c in layout.tables[0].cells]
    words = next(c for c in table.cells if (c.row, c.col) == (1, 1)).words
    x0, y0, x1, y1 = words[0].bbox
    cell_box = next(c for c in table.cells if (c.row, c.col) == (1, 1)).bbox
    assert cell_box[0] <= x0 < x1 <= cell_box[2] and cell_box[1] <= y0 < y1 <= cell_box[3]
    assert engine.calls == 1  # all cells of the page go to the recogniser in one call


def test_the_reader_reads_regions_from_the_washed_image_when_asked():
    gray = np.full((100, 200), 255, np.uint8)
    washed = gray.copy()
    washed[40:60, 20:120] = 0
    page = CleanPage(gray, washed, ink_mask(washed, 200), 0, 0.0)
    seen = []

    class Recorder(WidthEngine):
        def detect(self, image):
            seen.append(int(image.min()))
            return []

    reader = OcrPageReader(Recorder(), page, np.zeros_like(gray), 200)
    reader.read_region((0, 0, 200, 100))
    reader.read_region((0, 0, 200, 100), washed=True)
    assert seen == [255, 0]
