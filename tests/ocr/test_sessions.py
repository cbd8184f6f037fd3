import pytest

from nianbao.errors import OcrError
from nianbao.ocr.sessions import OnnxSession, OpenVinoSession


@pytest.mark.parametrize("session", [OnnxSession, OpenVinoSession])
def test_a_model_that_cannot_be_loaded_is_an_ocr_error(tmp_path, session):
    if session is OpenVinoSession:
        pytest.importorskip("openvino", reason='the openvino backend is optional: pip install -e ".[openvino]"')
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    with pytest.raises(OcrError, match="broken.onnx"):
        session(broken)
