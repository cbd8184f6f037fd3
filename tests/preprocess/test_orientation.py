"""Turned pages are still found when upright pages skip the full orientation check."""

import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from nianbao.preprocess.geometry import apply_rotation, rotate_degrees
from nianbao.preprocess.orientation import detect_rotation, looks_upright, text_lines
from tests.fixtures.pages import cjk_font, draw_table
from tests.fixtures.report import _with_title, consistent_values, requests_cells

PROSE = "本机关认真贯彻落实政府信息公开条例，全年主动公开政府信息一千二百余条，依申请公开办理及时规范。"


@pytest.fixture(scope="module")
def table_page():
    cells = [c for c in requests_cells(consistent_values(random.Random(5))) if c.row < 17]
    page = draw_table(cells, [50, 200, 520] + [100] * 7, 70, origin=(100, 420))
    return _with_title(page, "某某县人民政府\n2023年政府信息公开工作年度报告")


def _noisy_150dpi(page):
    small = cv2.resize(page, None, fx=0.75, fy=0.75, interpolation=cv2.INTER_AREA).astype(np.float32)
    noise = np.random.default_rng(3).normal(0, 18, small.shape)
    return np.clip(small + noise, 0, 255).astype(np.uint8)


class CountingEngine:
    """The real engine, counting the calls of the full check (detector and recogniser)."""

    def __init__(self, engine):
        self.engine, self.detects, self.reads = engine, 0, 0

    def detect(self, image):
        self.detects += 1
        return self.engine.detect(image)

    def recognize(self, crops, wide=False, alphabet=None):
        self.reads += 1
        return self.engine.recognize(crops, wide)

    def upright_scores(self, crops):
        return self.engine.upright_scores(crops)


def test_lines_run_across_an_upright_page_and_down_a_turned_one(table_page):
    across, down = text_lines(table_page)
    assert len(across) >= 20 and len(across) > 3 * len(down)
    across, down = text_lines(apply_rotation(table_page, 90))
    assert len(down) >= 20 and len(down) > 3 * len(across)


@pytest.mark.ocr
@pytest.mark.parametrize("noisy", [False, True])
def test_upright_page_is_not_read_twice(onnx_engine, table_page, noisy):
    page = _noisy_150dpi(table_page) if noisy else table_page
    engine = CountingEngine(onnx_engine)
    assert detect_rotation(page, engine) == 0
    assert (engine.detects, engine.reads) == (0, 0)


@pytest.mark.ocr
@pytest.mark.parametrize("noisy", [False, True])
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_turned_page_is_found(onnx_engine, table_page, noisy, turn):
    page = apply_rotation(_noisy_150dpi(table_page) if noisy else table_page, turn)
    engine = CountingEngine(onnx_engine)
    assert not looks_upright(page, engine)
    assert detect_rotation(page, engine) == (360 - turn) % 360
    assert engine.detects == (2 if turn in (90, 270) else 1)  # a page on its side is detected again, turned


@pytest.fixture(scope="module")
def prose_page():
    """A page of long lines of prose, as a report's text pages are."""
    image = Image.new("L", (1654, 2339), 255)
    draw, font = ImageDraw.Draw(image), cjk_font(40)
    for k in range(24):
        draw.text((150, 200 + 70 * k), PROSE[k % 7 :][:30], font=font, fill=0)
    return np.array(image)


@pytest.mark.ocr
@pytest.mark.parametrize("noisy", [False, True])
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_leaning_turned_page_is_found(onnx_engine, prose_page, noisy, turn):
    # a long line's box on a page leaning 3.5 degrees holds pieces of the lines above and below it,
    # which neither way up reads surely, unless the page is levelled first
    leaning = rotate_degrees(prose_page, 3.5)
    page = apply_rotation(_noisy_150dpi(leaning) if noisy else leaning, turn)
    assert detect_rotation(page, onnx_engine) == (360 - turn) % 360


class NoClassifier(CountingEngine):
    def upright_scores(self, crops):
        return None


@pytest.mark.ocr
def test_backend_without_classifier_gets_the_full_check(onnx_engine, table_page):
    engine = NoClassifier(onnx_engine)
    assert detect_rotation(table_page, engine) == 0
    assert engine.detects == 1
