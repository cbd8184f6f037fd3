"""The small interface every OCR backend implements, and the factory that picks one."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from nianbao.config import OcrConfig
from nianbao.errors import ConfigError
from nianbao.ocr.convert import Box

log = logging.getLogger(__name__)


class OcrEngine(Protocol):
    """PaddleOCR's two models behind one face: text detection and recognition."""

    name: str

    def detect(self, image: np.ndarray) -> list[Box]:
        """Axis-aligned text-line boxes (x0, y0, x1, y1) in ``image`` pixels, top to bottom."""
        ...

    def recognize(
        self, crops: Sequence[np.ndarray], wide: bool = False, alphabet: str | None = None
    ) -> list[tuple[str, float]]:
        """(text, confidence in [0, 1]) for each single-line crop; ``wide`` pads to PaddleOCR's standard
        input width, slower but steadier for a second look at an uncertain short reading. With
        ``alphabet`` (``convert.VALUE_ALPHABET``) a line is decoded within it unless it is surely text
        (``convert.ctc_decode_values``); None reads any character, as for titles and labels."""
        ...

    def recognize_characters(self, crops: Sequence[np.ndarray]) -> list[tuple[str, tuple[float, ...]]]:
        """Text of any character for each single-line crop, with each character's probability (where the
        engine gives none, its line's): how surely a date's digits or a name were read."""
        ...

    def upright_scores(self, crops: Sequence[np.ndarray]) -> list[float] | None:
        """Probability that each single-line crop is upright rather than turned over (PP-OCR's small
        line-orientation classifier); None when the backend has no such classifier."""
        ...


def build_engine(config: OcrConfig) -> OcrEngine:
    """Load the configured backend's models (once per process: keep the engine and pass it on)."""
    if config.backend == "onnx":
        from nianbao.ocr.onnx_backend import OnnxEngine

        engine: OcrEngine = OnnxEngine(threads=config.threads)
    elif config.backend == "openvino":
        from nianbao.ocr.openvino_backend import OpenVinoEngine

        engine = OpenVinoEngine(threads=config.threads)
    elif config.backend == "paddle":
        from nianbao.ocr.paddle_backend import PaddleEngine

        engine = PaddleEngine(threads=config.threads)
    else:
        raise ConfigError(f"unknown OCR backend {config.backend!r}: use 'onnx', 'openvino' or 'paddle'")
    log.info("OCR engine %s ready", engine.name)
    return engine
