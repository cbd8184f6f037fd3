"""PaddleOCR's PP-OCRv6-small det/rec on ONNX Runtime.

The ``rapidocr`` wheel carries the ONNX exports of these PaddleOCR models; we read its files only.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from nianbao.errors import OcrError
from nianbao.ocr import convert

DET_FILE = "PP-OCRv6_det_small.onnx"
REC_FILE = "PP-OCRv6_rec_small.onnx"
REC_BATCH = 24
# ONNX Runtime otherwise keeps a device id and a telemetry queue under ~/.cache/Microsoft/: nothing may be
# written outside the run folder. It reads this variable when it is imported.
TELEMETRY_ENV = "ORT_DISABLE_TELEMETRY"


def model_dir() -> Path:
    try:
        return Path(str(resources.files("rapidocr").joinpath("models")))
    except ModuleNotFoundError:
        raise OcrError("the onnx backend needs the 'rapidocr' package (pip install -e .)") from None


class OnnxEngine:
    name = "onnx:PP-OCRv6-small"

    def __init__(self, threads: int = 0) -> None:
        os.environ[TELEMETRY_ENV] = "1"
        import onnxruntime as ort

        ort.disable_telemetry_events()

        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.log_severity_level = 3
        folder = model_dir()
        try:
            self._det = ort.InferenceSession(str(folder / DET_FILE), options, providers=["CPUExecutionProvider"])
            self._rec = ort.InferenceSession(str(folder / REC_FILE), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise OcrError(f"cannot load the PP-OCR ONNX models from {folder}: {exc}") from exc
        characters = self._rec.get_modelmeta().custom_metadata_map["character"].splitlines()
        self._charset = convert.rec_charset(characters)

    def detect(self, image: np.ndarray) -> list[convert.Box]:
        blob, scale_y, scale_x = convert.det_input(image)
        prob = self._det.run(None, {"x": blob})[0][0, 0]
        return convert.det_boxes(prob, scale_y, scale_x)

    def recognize(self, crops: Sequence[np.ndarray], wide: bool = False) -> list[tuple[str, float]]:
        min_width = convert.REC_STANDARD_WIDTH if wide else convert.REC_MIN_WIDTH
        results: list[tuple[str, float]] = [("", 0.0)] * len(crops)
        order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / max(crops[i].shape[0], 1))
        for start in range(0, len(order), REC_BATCH):
            chunk = order[start : start + REC_BATCH]
            probs = self._rec.run(None, {"x": convert.rec_batch([crops[i] for i in chunk], min_width)})[0]
            for index, decoded in zip(chunk, convert.ctc_decode(probs, self._charset)):
                results[index] = decoded
        return results
