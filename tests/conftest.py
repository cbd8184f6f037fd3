import pytest

from nianbao.config import load_config


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
