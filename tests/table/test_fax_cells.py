"""Cells of a fax page: the reader checks a lone value line's reading against its ink (ocr.fax)."""

import cv2
import numpy as np

from nianbao.preprocess.geometry import ink_mask
from nianbao.table.cells import read_boxes

CELL = (100, 100, 300, 170)


class SayingEngine:
    """Reads every crop as the same text, as a recogniser fooled by a fax's lost strokes would."""

    name = "saying"

    def __init__(self, text: str, conf: float) -> None:
        self.reading = (text, conf)

    def recognize(self, crops, wide=False, alphabet=None):
        return [self.reading for _ in crops]


def _page(draw) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    gray = np.full((260, 400), 255, np.uint8)
    draw(gray)
    return gray, ink_mask(gray, 200), np.zeros_like(gray)


def _open_zero(gray):
    cv2.ellipse(gray, (200, 135), (9, 14), 0, 120, 240, 0, 2)
    cv2.ellipse(gray, (200, 135), (9, 14), 0, -60, 60, 0, 2)


def _one_beside_a_speck(gray):
    cv2.line(gray, (200, 121), (200, 149), 0, 3)
    gray[134:137, 184:187] = 0  # all that is left of a minus sign: the line finder drops it as a speck


def _read(draw, text: str, fax: bool):
    [words] = read_boxes(*_page(draw), [CELL], SayingEngine(text, 0.99), 200, fax=fax)
    return [(w.text, w.confidence) for w in words]


def test_a_zero_broken_open_reads_as_zero_on_a_fax_page_only():
    assert _read(_open_zero, "()", fax=True) == [("0", 0.99)]
    assert _read(_open_zero, "()", fax=False) == [("()", 0.99)]


def test_a_one_beside_a_lost_minus_is_unsure_on_a_fax_page():
    [(text, conf)] = _read(_one_beside_a_speck, "1", fax=True)
    assert text == "1" and conf < 0.5
    assert _read(_one_beside_a_speck, "1", fax=False) == [("1", 0.99)]
