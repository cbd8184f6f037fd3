"""PaddleOCR's PP-OCRv6-small det/rec from the ``rapidocr`` wheel's ONNX files, on any model session.

The ONNX Runtime and OpenVINO backends are this one engine with different sessions: resizing,
batching and decoding are shared, so a change to recognition reaches both.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import TypeVar, cast

import numpy as np

from nianbao.errors import OcrError
from nianbao.ocr import convert
from nianbao.ocr.batching import width_batches
from nianbao.ocr.sessions import ModelSession

log = logging.getLogger(__name__)
DET_FILE = "PP-OCRv6_det_small.onnx"
REC_FILE = "PP-OCRv6_rec_small.onnx"
CLS_FILE = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"  # line orientation, 0 or 180 degrees; 0.6 MB
REC_BATCH = 24
# 24 crops of 192 columns: batches of numbers are unchanged, a batch at PaddleOCR's 320 holds 14
# (a batch of 24 at 320 raised a worker's peak memory by about 150 MB), a title line runs alone.
REC_BATCH_PIXELS = REC_BATCH * 192

SessionFactory = Callable[[Path, int], ModelSession]
T = TypeVar("T")  # one crop's decoding


def model_dir() -> Path:
    try:
        return Path(str(resources.files("rapidocr").joinpath("models")))
    except ModuleNotFoundError:
        raise OcrError("the PP-OCR backends need the 'rapidocr' package (pip install -e .)") from None


class PpOcrEngine:
    """Text detection and recognition with PP-OCRv6-small; ``session`` decides how a model is run."""

    name = "PP-OCRv6-small"

    def __init__(self, session: SessionFactory, threads: int = 0) -> None:
        folder = model_dir()
        started = time.perf_counter()
        self._det = session(folder / DET_FILE, threads)
        self._rec = session(folder / REC_FILE, threads)
        self._cls = session(folder / CLS_FILE, threads)
        self.load_seconds = time.perf_counter() - started
        characters = self._rec.metadata("character")
        if characters is None:
            raise OcrError(f"{folder / REC_FILE} carries no character list: not a PP-OCR recognition model")
        self._charset = convert.rec_charset(characters.splitlines())
        self._value_classes: dict[str, convert.ValueClasses] = {}
        log.debug("%s models loaded in %.2f s", self.name, self.load_seconds)

    def detect(self, image: np.ndarray) -> list[convert.Box]:
        blob, scale_y, scale_x = convert.det_input(image)
        prob = self._det.run(blob)[0, 0]
        return convert.det_boxes(prob, scale_y, scale_x)

    def upright_scores(self, crops: Sequence[np.ndarray]) -> list[float] | None:
        if not crops:
            return []
        return [float(p) for p in self._cls.run(convert.cls_batch(crops))[:, 0]]

    def recognize(
        self, crops: Sequence[np.ndarray], wide: bool = False, alphabet: str | None = None
    ) -> list[tuple[str, float]]:
        if alphabet is None:
            return self._recognized(crops, wide, lambda probs: convert.ctc_decode(probs, self._charset))
        if alphabet not in self._value_classes:
            self._value_classes[alphabet] = convert.value_classes(self._charset, alphabet)
        classes = self._value_classes[alphabet]
        return self._recognized(crops, wide, lambda probs: convert.ctc_decode_values(probs, self._charset, classes))

    def recognize_characters(self, crops: Sequence[np.ndarray]) -> list[tuple[str, tuple[float, ...]]]:
        return self._recognized(crops, False, lambda probs: convert.ctc_decode_characters(probs, self._charset))

    def _recognized(self, crops: Sequence[np.ndarray], wide: bool, decode: Callable[[np.ndarray], list[T]]) -> list[T]:
        """Each crop's decoding, run in batches of similar width (at least the standard width if ``wide``)."""
        min_width = convert.REC_STANDARD_WIDTH if wide else convert.REC_MIN_WIDTH
        results: list[T | None] = [None] * len(crops)
        ratios = [max(min_width, convert.REC_HEIGHT * c.shape[1] / max(c.shape[0], 1)) for c in crops]
        for chunk in width_batches(ratios, REC_BATCH, max_pixels=REC_BATCH_PIXELS):
            probs = self._rec.run(convert.rec_batch([crops[i] for i in chunk], min_width))
            for index, decoded in zip(chunk, decode(probs)):
                results[index] = decoded
        return cast(list[T], results)
