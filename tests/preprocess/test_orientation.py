"""Turned pages are still found when upright pages skip the full orientation check."""

import random

import cv2
import numpy as np
import pytest

from nianbao.preprocess.geometry import apply_rotation
from nianbao.preprocess.orientation import detect_rotation, looks_upright, text_lines
from tests.fixtures.pages import draw_table
from tests.fixtures.report import _with_title, consistent_values, requests_cells


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
    assert engine.detects == 1


class NoClassifier(CountingEngine):
    def upright_scores(self, crops):
        return None


@pytest.mark.ocr
def test_backend_without_classifier_gets_the_full_check(onnx_engine, table_page):
    engine = NoClassifier(onnx_engine)
    assert detect_rotation(table_page, engine) == 0
    assert engine.detects == 1
