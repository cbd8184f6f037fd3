import pytest

from nianbao.config import load_config


@pytest.fixture(scope="session")
def config():
    return load_config()


@pytest.fixture(scope="session")
def onnx_engine():
    from nianbao.ocr.onnx_backend import OnnxEngine

    return OnnxEngine()
