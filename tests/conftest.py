import os

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


CLUSTER_TESTS_ENV = "NIANBAO_CLUSTER_TESTS"


def pytest_collection_modifyitems(config, items):
    """Tests that start a Ray cluster run when NIANBAO_CLUSTER_TESTS=1 (scripts/test.sh, and so CI, sets
    it): the fast loop (``pytest -m "not ocr"``) should not wait a minute for Ray's processes to start."""
    if os.environ.get(CLUSTER_TESTS_ENV) == "1":
        return
    skip = pytest.mark.skip(reason=f"starts a Ray cluster: set {CLUSTER_TESTS_ENV}=1 to run it (scripts/test.sh does)")
    for item in items:
        if item.get_closest_marker("cluster"):
            item.add_marker(skip)
