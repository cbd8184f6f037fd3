import pytest

from nianbao.config import load_config

OCR_ENGINES = ("nianbao.ocr.ppocr.PpOcrEngine", "nianbao.ocr.paddle_backend.PaddleEngine")  # ppocr: onnx and openvino


@pytest.fixture(scope="session")
def config():
    return load_config()


@pytest.fixture(scope="session")
def onnx_engine():
    from nianbao.ocr.onnx_backend import OnnxEngine

    return OnnxEngine()


@pytest.fixture(scope="session")
def classify(config):
    """The extraction stage's classify function over the shipped header classifier (no OCR model)."""
    from nianbao.pipeline import Extractor

    return Extractor(config).classify


@pytest.fixture(autouse=True)
def _no_ocr_model_unless_marked(request, monkeypatch):
    """A test that loads an OCR model must say so (``@pytest.mark.ocr``): ``-m "not ocr"`` stays fast."""
    if request.node.get_closest_marker("ocr"):
        return
    if "onnx_engine" in request.fixturenames:
        pytest.fail("uses the real OCR engine but is not marked @pytest.mark.ocr")

    def refuse(*args, **kwargs):
        raise AssertionError("this test loads an OCR model but is not marked @pytest.mark.ocr")

    for engine in OCR_ENGINES:
        monkeypatch.setattr(f"{engine}.__init__", refuse)
