import pytest

from nianbao.errors import OcrError
from nianbao.ocr.sessions import OnnxSession, OpenVinoSession
from tests.ocr.openvino_marks import needs_openvino


@pytest.mark.parametrize("session", [OnnxSession, pytest.param(OpenVinoSession, marks=needs_openvino)])
def test_a_model_that_cannot_be_loaded_is_an_ocr_error(tmp_path, session):
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    with pytest.raises(OcrError, match="broken.onnx"):
        session(broken)
