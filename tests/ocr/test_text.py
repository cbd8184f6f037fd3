"""Reading a region's printed lines, all of them or only as many as the caller needs."""

import numpy as np

from nianbao.ocr.text import read_region


class LineEngine:
    """Detects one box per 20-pixel band of the image and reads each box as its band's number."""

    name = "lines"

    def __init__(self, lines: int) -> None:
        self.lines = lines
        self.recognised: list[int] = []

    def detect(self, image):
        return [(10.0, 20.0 * i + 2, 90.0, 20.0 * i + 18) for i in range(self.lines)]

    def recognize(self, crops, wide=False, alphabet=None):
        self.recognised.append(len(crops))
        return [(f"line{int(crop[0, 0])}", 0.9) for crop in crops]

    def recognize_characters(self, crops):
        return [(text, (conf,) * len(text)) for text, conf in self.recognize(crops)]

    def upright_scores(self, crops):
        return None


def _page(lines: int) -> np.ndarray:
    gray = np.zeros((20 * lines, 100), np.uint8)
    for i in range(lines):
        gray[20 * i : 20 * i + 20] = i  # each band's pixel value names it
    return gray


def test_every_line_is_read_top_to_bottom_without_a_stop_rule():
    engine = LineEngine(8)
    words = read_region(engine, _page(8), (0, 0, 100, 160))
    assert [w.text for w in words] == [f"line{i}" for i in range(8)]
    assert engine.recognised == [8]
    assert words[2].bbox == (10.0, 42.0, 90.0, 58.0)


def test_reading_stops_when_the_lines_read_suffice():
    engine = LineEngine(8)
    words = read_region(engine, _page(8), (0, 0, 100, 160), enough=lambda read: len(read) >= 2)
    assert [w.text for w in words] == ["line0", "line1", "line2"]  # one step of three lines
    assert engine.recognised == [3]


def test_from_the_bottom_the_last_lines_are_read_and_returned_top_to_bottom():
    engine = LineEngine(8)
    enough = lambda read: "line3" in [w.text for w in read]  # noqa: E731
    words = read_region(engine, _page(8), (0, 0, 100, 160), enough=enough, from_bottom=True)
    assert [w.text for w in words] == ["line2", "line3", "line4", "line5", "line6", "line7"]
    assert engine.recognised == [3, 3]


def test_all_lines_are_returned_when_nothing_suffices():
    engine = LineEngine(5)
    words = read_region(engine, _page(5), (0, 0, 100, 100), enough=lambda read: False, from_bottom=True)
    assert [w.text for w in words] == [f"line{i}" for i in range(5)]
    assert engine.recognised == [3, 2]
