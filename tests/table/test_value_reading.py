"""Value cells read by the real recogniser on a synthetic damaged page: a dash, a noisy 0, long numbers.
(How a letter such as "I" is kept from becoming a 1 is tested on class probabilities in tests/ocr.)"""

import cv2
import numpy as np
import pytest

from nianbao.assemble.values import parse_value
from nianbao.config import TableConfig
from nianbao.preprocess import CleanPage
from nianbao.preprocess.geometry import ink_mask
from nianbao.readers import OcrPageReader
from nianbao.table import find_tables
from tests.fixtures.pages import SpecCell, draw_table

pytestmark = pytest.mark.ocr
TEXTS = ["—", "0", "3985758", "96171.6"]


def _noisy_page(seed):
    """Drawn at 300 dpi, damaged as a scanner would (grey paper, blur, heavy noise, specks), kept at 150."""
    cells = [SpecCell(0, col, text) for col, text in enumerate(TEXTS)]
    gray = draw_table(
        cells, [440] * len(TEXTS), 140, page_size=(2200, 1000), origin=(120, 400), font_size=40, line_width=3
    ).astype(np.float32)
    rng = np.random.default_rng(seed)
    gray = cv2.GaussianBlur(0.88 * gray, (0, 0), 0.7) + rng.normal(0, 20, gray.shape)
    specks = rng.random(gray.shape)
    gray[specks < 0.004], gray[specks > 0.996] = 0, 255
    gray = cv2.resize(gray.clip(0, 255).astype(np.uint8), None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    _ok, jpeg = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, 30])
    gray = cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)
    return CleanPage(gray, gray, ink_mask(gray, 150), 0, 0.0)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_noisy_value_cells_read_as_printed_or_not_at_all(onnx_engine, seed):
    page = _noisy_page(seed)
    layout = find_tables(page, 1, 150, TableConfig())
    [table] = OcrPageReader(onnx_engine, page, layout.rules, 150).read_tables(layout.tables)
    cells = sorted(table.cells, key=lambda c: c.col)
    values = [parse_value(c.text, "decimal").value if c.confidence >= 0.5 else None for c in cells]
    assert values[0] is None  # a dash is no number
    assert values[1:] == [0.0, 3985758.0, 96171.6]
