"""PaddleOCR's PP-OCRv6-small det/rec on ONNX Runtime.

The ``rapidocr`` wheel carries the ONNX exports of these PaddleOCR models; we read its files only.
"""

from __future__ import annotations

from nianbao.ocr.ppocr import PpOcrEngine
from nianbao.ocr.sessions import OnnxSession


class OnnxEngine(PpOcrEngine):
    name = "onnx:PP-OCRv6-small"

    def __init__(self, threads: int = 0) -> None:
        super().__init__(OnnxSession, threads)
