"""PaddleOCR's PP-OCRv6-small det/rec, the same ONNX files as the onnx backend, compiled by OpenVINO
(``pip install -e ".[openvino]"``)."""

from __future__ import annotations

from nianbao.ocr.ppocr import PpOcrEngine
from nianbao.ocr.sessions import OpenVinoSession


class OpenVinoEngine(PpOcrEngine):
    name = "openvino:PP-OCRv6-small"

    def __init__(self, threads: int = 0) -> None:
        super().__init__(OpenVinoSession, threads)
