import cv2
import numpy as np
from PIL import Image, ImageDraw

from nianbao.model import APART_SHAPE, SIGN_SPECK_SHAPE
from nianbao.ocr.restore import UNAGREED_CAP
from nianbao.preprocess.geometry import ink_mask
from nianbao.table.cells import DASH_SHAPE_CONFIDENCE, UNREADABLE, read_boxes
from tests.fixtures.pages import cjk_font


class CountingEngine:
    """Reads every crop as "12" and counts the crops it was given."""

    name = "counting"

    def __init__(self) -> None:
        self.crops = 0

    def recognize(self, crops, wide=False, alphabet=None):
        self.crops += len(crops)
        return [("12", 0.99)] * len(crops)


def test_a_dash_or_a_slash_known_by_its_shape_is_not_sent_to_the_recogniser():
    gray = np.full((80, 600), 255, np.uint8)
    cv2.putText(gray, "12", (60, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    cv2.line(gray, (250, 40), (330, 40), 0, 3)  # a printed dash: flat and wide
    cv2.line(gray, (490, 60), (510, 20), 0, 3)  # a printed slash: one stroke leaning right
    ink = ink_mask(gray, 200)
    engine = CountingEngine()
    boxes = [(0, 0, 200, 80), (200, 0, 400, 80), (400, 0, 600, 80)]
    words = read_boxes(gray, ink, np.zeros_like(gray), boxes, engine, 200)
    assert [w.text for w in words[0]] == ["12"]
    assert [(w.text, w.confidence) for w in words[1]] == [("—", DASH_SHAPE_CONFIDENCE)]
    assert [(w.text, w.confidence) for w in words[2]] == [("/", DASH_SHAPE_CONFIDENCE)]
    assert engine.crops == 1


def test_on_a_fax_page_crumbs_of_print_make_a_cell_unreadable_not_blank():
    gray = np.full((80, 600), 255, np.uint8)
    for x in (60, 75, 90):  # a digit that lost its thin strokes: three crumbs, each below the speck size
        gray[38:42, x : x + 4] = 0
    gray[40:44, 460:464] = 0  # one speck of noise
    ink = ink_mask(gray, 200)
    boxes = [(0, 0, 200, 80), (200, 0, 400, 80), (400, 0, 600, 80)]
    faxed = read_boxes(gray, ink, np.zeros_like(gray), boxes, CountingEngine(), 200, fax=True)
    assert [[w.text for w in words] for words in faxed] == [[UNREADABLE], [], []]
    scanned = read_boxes(gray, ink, np.zeros_like(gray), boxes, CountingEngine(), 200)
    assert scanned == [(), (), ()]


def test_on_a_fax_page_a_digit_left_as_crumbs_lower_than_a_line_is_read_as_one_line():
    gray = np.full((80, 200), 255, np.uint8)
    gray[30:37, 100:104] = 0  # a 2 that lost its diagonal: its arc's remains ...
    gray[42:47, 94:105] = 0  # ... and 5 rows below, its bar: each lower than a line
    ink = ink_mask(gray, 200)
    engine = CountingEngine()
    faxed = read_boxes(gray, ink, np.zeros_like(gray), [(0, 0, 200, 80)], engine, 200, fax=True)
    assert engine.crops >= 1 and [w.text for w in faxed[0]] != [UNREADABLE]
    assert faxed[0][0].bbox[1] <= 30 and faxed[0][0].bbox[3] >= 47  # one line over both crumbs
    scanned = read_boxes(gray, ink, np.zeros_like(gray), [(0, 0, 200, 80)], CountingEngine(), 200)
    assert scanned == [()]  # on a scan that is not a fax, crumbs are no line


class WidthEngine:
    """Reads every crop as "4" at the narrow width and as "9" at the standard one, as a fax's 9 whose
    loop lost its top is read."""

    name = "width"

    def __init__(self) -> None:
        self.wide_crops = 0

    def recognize(self, crops, wide=False, alphabet=None):
        self.wide_crops += len(crops) if wide else 0
        return [("9" if wide else "4", 0.99)] * len(crops)


def test_on_a_fax_page_a_four_not_read_so_at_the_standard_width_is_not_trusted():
    gray = np.full((80, 200), 255, np.uint8)
    cv2.putText(gray, "4", (80, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    ink = ink_mask(gray, 200)
    boxes = [(0, 0, 200, 80)]
    engine = WidthEngine()
    faxed = read_boxes(gray, ink, np.zeros_like(gray), boxes, engine, 200, fax=True)
    assert [(w.text, w.confidence) for w in faxed[0]] == [("4", UNAGREED_CAP)] and engine.wide_crops == 1
    scanned = read_boxes(gray, ink, np.zeros_like(gray), boxes, WidthEngine(), 200)
    assert [(w.text, w.confidence) for w in scanned[0]] == [("4", 0.99)]


def test_a_slash_is_told_by_its_shape_beside_a_band_of_noise_in_its_cell():
    # Heavy noise can leave a band of specks in the cell beside the printed "/": the "/" is still known
    # by its shape, not read (as 7, surely, by the recogniser).
    gray = np.full((120, 200), 255, np.uint8)
    cv2.line(gray, (90, 60), (110, 20), 0, 3)
    gray[80:90, 60:64] = 0  # a blob of noise below it, a line of its own
    words = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), [(0, 0, 200, 120)], CountingEngine(), 200)
    assert ("/", DASH_SHAPE_CONFIDENCE) in [(w.text, w.confidence) for w in words[0]]


def test_a_box_over_the_page_edge_or_too_small_to_hold_a_line_is_read_without_wrapping_round():
    gray = np.full((80, 600), 255, np.uint8)
    cv2.putText(gray, "12", (20, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    gray[70:80, 560:600] = 0  # ink at the far corner, where a negative index would wrap to
    ink = ink_mask(gray, 200)
    boxes = [(-30, -20, 200, 80), (300, 40, 304, 43), (-8, -8, -2, -2)]
    words = read_boxes(gray, ink, np.zeros_like(gray), boxes, CountingEngine(), 200, fax=True)
    assert [[w.text for w in cell] for cell in words] == [["12"], [], []]


def test_a_box_starting_at_the_page_s_right_or_bottom_edge_is_read_as_empty_not_crashing():
    gray = np.full((80, 600), 255, np.uint8)
    cv2.putText(gray, "12", (20, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    ink = ink_mask(gray, 200)
    # inside their rules both start past the page's edge: labelling their empty ink killed the process
    boxes = [(0, 0, 200, 80), (598, 0, 640, 80), (0, 78, 200, 120)]
    for fax in (False, True):
        words = read_boxes(gray, ink, np.zeros_like(gray), boxes, CountingEngine(), 200, fax=fax)
        assert [[w.text for w in cell] for cell in words] == [["12"], [], []]


class UnsureEngine:
    """Reads a crop as "1" unsurely at the narrow width, surely at the standard one (a faint digit)."""

    name = "unsure"

    def __init__(self) -> None:
        self.wide_crops = 0

    def recognize(self, crops, wide=False, alphabet=None):
        self.wide_crops += len(crops) if wide else 0
        return [("1", 0.98 if wide else 0.4)] * len(crops)


def test_a_line_its_readings_agree_on_only_unsurely_is_read_again_until_one_is_sure():
    gray = np.full((80, 200), 255, np.uint8)
    cv2.putText(gray, "1", (80, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    engine = UnsureEngine()
    words = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), [(0, 0, 200, 80)], engine, 200)
    assert [(w.text, w.confidence) for w in words[0]] == [("1", 0.98)] and engine.wide_crops == 1

    sure = CountingEngine()  # read "12" at 0.99 by every reading: no line to read again
    read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), [(0, 0, 200, 80)], sure, 200)
    assert sure.crops == 1


class RestoredDisagreesEngine:
    """Reads the crop as it is "8" at 0.93, and a restored crop (black and white only) "3" surely."""

    name = "restored-disagrees"

    def recognize(self, crops, wide=False, alphabet=None):
        return [("3", 0.9999) if set(np.unique(crop)) <= {0, 255} else ("8", 0.93) for crop in crops]


def test_a_line_read_at_0_93_is_read_again_and_left_unsure_where_its_restored_crop_disagrees():
    # A faint 3 read as 8 at 0.93, its restored crop read 3 (faint 1047): no value, not a wrong one.
    gray = np.full((80, 200), 235, np.uint8)
    cv2.putText(gray, "3", (80, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 120, 2)
    gray = cv2.GaussianBlur(gray, (5, 5), 1.5)
    words = read_boxes(
        gray, ink_mask(gray, 200), np.zeros_like(gray), [(0, 0, 200, 80)], RestoredDisagreesEngine(), 200
    )
    assert len(words[0]) == 1 and words[0][0].confidence <= UNAGREED_CAP


class ShowThroughEngine:
    """A crop of faint marks beside "11" (hard seed 6614): its own pixels read "1" unsurely, its restored
    (binarised) crops "11" surely, and smoothed (upscaled to 48 pixels, grey kept) "11" when ``smoothed``
    reads so; every crop it was asked to read is noted."""

    name = "show-through"

    def __init__(self, smoothed: str = "11", smoothed_confidence: float = 0.99) -> None:
        self.smoothed, self.smoothed_confidence, self.smoothed_crops = smoothed, smoothed_confidence, 0

    def recognize(self, crops, wide=False, alphabet=None):
        readings = []
        for crop in crops:
            if set(np.unique(crop)) <= {0, 255}:
                readings.append(("11", 0.997))
            elif crop.shape[0] == 48:
                self.smoothed_crops += 1
                readings.append((self.smoothed, self.smoothed_confidence))
            else:
                readings.append(("1", 0.7 if wide else 0.14))
        return readings


def test_a_line_its_restored_crops_alone_agree_on_is_kept_where_its_smoothed_crop_reads_so_too():
    gray = np.full((80, 200), 228, np.uint8)
    cv2.putText(gray, "11", (70, 50), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 60, 2)
    box = [(0, 0, 200, 80)]
    agreeing = ShowThroughEngine()
    [words] = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), box, agreeing, 200)
    assert [(w.text, w.confidence) for w in words] == [("11", 0.997)] and agreeing.smoothed_crops == 1
    for unagreeing in (ShowThroughEngine(smoothed="1"), ShowThroughEngine(smoothed_confidence=0.3)):
        [words] = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), box, unagreeing, 200)
        assert len(words) == 1 and words[0].confidence <= UNAGREED_CAP


class LineOrPartsEngine:
    """Reads a crop wider than ``wide_from`` pixels as ``whole``, and narrower ones as ``parts`` in turn."""

    name = "width"

    def __init__(self, whole: str, parts: list[str], wide_from: int = 150, whole_confidence: float = 0.99) -> None:
        self.whole, self.parts, self.wide_from, self.calls = whole, list(parts), wide_from, 0
        self.whole_confidence = whole_confidence

    def recognize(self, crops, wide=False, alphabet=None):
        self.calls += 1
        whole = (self.whole, self.whole_confidence)
        return [whole if c.shape[1] > self.wide_from else (self.parts.pop(0), 0.99) for c in crops]


def _two_numbers_apart(left: str = "14", right: str = "77") -> np.ndarray:
    gray = np.full((80, 400), 255, np.uint8)
    cv2.putText(gray, left, (60, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    cv2.putText(gray, right, (260, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    return gray


def test_two_numbers_of_two_columns_in_one_cell_are_read_apart():
    """A rule between two value columns lost: 14 and 77 in one cell, read as one line "1477". Each is
    read on its own, and both are marked apart (the cell's value stays null unless its table's columns
    can be told)."""
    gray = _two_numbers_apart()
    boxes = [(0, 0, 400, 80)]
    [merged] = read_boxes(
        gray, ink_mask(gray, 200), np.zeros_like(gray), boxes, LineOrPartsEngine("1477", ["14", "77"]), 200
    )
    [one] = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), [(0, 0, 200, 80)], CountingEngine(), 200)
    assert [(w.text, w.shape) for w in merged] == [("14", APART_SHAPE), ("77", APART_SHAPE)]
    assert merged[0].bbox[2] < 200 < merged[1].bbox[0] and [w.shape for w in one] == [""]


def test_a_line_in_parts_far_apart_is_kept_whole_unless_every_part_is_a_number():
    gray = _two_numbers_apart()
    boxes = [(0, 0, 400, 80)]
    label = LineOrPartsEngine("总计", ["总", "汁"])  # words far apart whose parts read otherwise than the whole
    [words] = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), boxes, label, 200)
    assert [(w.text, w.shape) for w in words] == [("总计", APART_SHAPE)]
    garbled_part = LineOrPartsEngine("1477", ["14", "a7", "a7", "a7", "a7", "a7"])
    [words] = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), boxes, garbled_part, 200)
    assert [(w.text, w.shape) for w in words] == [("1477", APART_SHAPE)]


def test_a_line_in_parts_far_apart_no_reading_agreed_on_is_read_part_by_part():
    """Faint seed 7123: two columns' zeros, the rule between them lost, read as one line "olo" unsurely."""
    gray = _two_numbers_apart("0", "0")
    boxes = [(0, 0, 400, 80)]
    unsure = LineOrPartsEngine("olo", ["0", "0"], whole_confidence=0.3)
    [words] = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), boxes, unsure, 200)
    assert [(w.text, w.shape) for w in words] == [("0", APART_SHAPE), ("0", APART_SHAPE)]
    sure = LineOrPartsEngine("olo", [])  # read surely as no number: kept whole, and null
    [words] = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), boxes, sure, 200)
    assert [(w.text, w.shape) for w in words] == [("olo", APART_SHAPE)]


def test_a_count_and_its_signed_change_read_as_one_line_are_read_apart():
    """Folded 10513_001: the rule between table 二's 上一年项目数量 and 本年增/减 lost to a fold, 0 and +1 (12
    and -1) read surely as one line "0+1" ("12-1"); each part is read on its own, its sign kept."""
    gray = _two_numbers_apart("0", "+1")
    boxes = [(0, 0, 400, 80)]
    for whole, parts in (("0+1", ["0", "+1"]), ("12-1", ["12", "-1"])):
        [words] = read_boxes(
            gray, ink_mask(gray, 200), np.zeros_like(gray), boxes, LineOrPartsEngine(whole, parts), 200
        )
        assert [(w.text, w.shape) for w in words] == [(parts[0], APART_SHAPE), (parts[1], APART_SHAPE)]
    signed_last = LineOrPartsEngine("0+", [])  # no number after the sign: kept whole, and null
    [words] = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), boxes, signed_last, 200)
    assert [(w.text, w.shape) for w in words] == [("0+", APART_SHAPE)]


class AlphabetRecordingEngine(LineOrPartsEngine):
    """LineOrPartsEngine that notes, for each narrow crop, the alphabet it was read within."""

    def __init__(self, whole: str, parts: list[str], wide_from: int) -> None:
        super().__init__(whole, parts, wide_from)
        self.part_alphabets: list[str | None] = []

    def recognize(self, crops, wide=False, alphabet=None):
        self.part_alphabets += [alphabet for c in crops if c.shape[1] <= self.wide_from]
        return super().recognize(crops, wide, alphabet)


def _prints_apart(left: str, right: str, right_x: int) -> np.ndarray:
    """A line of two prints far apart in one 560-pixel cell: ``left`` at its start, ``right`` at ``right_x``."""
    image = Image.new("L", (560, 80), 255)
    ImageDraw.Draw(image).text((20, 22), left, font=cjk_font(30), fill=0)
    ImageDraw.Draw(image).text((right_x, 22), right, font=cjk_font(30), fill=0)
    return np.array(image)


def _read_line(gray: np.ndarray, engine) -> tuple:
    [words] = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), [(0, 0, 560, 80)], engine, 200)
    return words


def test_a_label_and_the_number_of_the_next_column_in_one_cell_are_read_apart():
    """The rule between a row's label and its first value lost: the label is read as any text, the number
    within the value alphabet, each on its own and marked apart. A line whose last part is no number is
    kept whole."""
    gray = _prints_apart("上年结转", "7", 470)
    engine = AlphabetRecordingEngine("上年结转7", ["上年结转", "7"], wide_from=300)
    words = _read_line(gray, engine)
    assert [(w.text, w.shape) for w in words] == [("上年结转", APART_SHAPE), ("7", APART_SHAPE)]
    assert engine.part_alphabets[0] is None and engine.part_alphabets[1] is not None
    assert words[0].bbox[2] < 300 < words[1].bbox[0]
    not_a_number = LineOrPartsEngine("上年结转7", ["上年结转", "a", "a", "a", "a", "a"], wide_from=300)
    assert [w.text for w in _read_line(gray, not_a_number)] == ["上年结转7"]


def test_headers_of_two_columns_in_one_cell_are_read_apart_where_their_parts_read_as_the_whole():
    """Faint seed 8306: the rule between two header cells lost, their words in one cell read as one line.
    Each part is read as any text; kept as a Word each where together they read as the whole line did."""
    engine = AlphabetRecordingEngine("信息内容本年制发", ["信息内容", "本年制发"], wide_from=300)
    words = _read_line(_prints_apart("信息内容", "本年制发", 330), engine)
    assert [(w.text, w.shape) for w in words] == [("信息内容", APART_SHAPE), ("本年制发", APART_SHAPE)]
    assert engine.part_alphabets == [None, None] and words[0].bbox[2] < 300 < words[1].bbox[0]


def test_two_slashes_far_apart_in_one_cell_are_not_read_as_two_numbers():
    """Two columns' printed slashes in one cell, read as "17": neither is read on its own as a number."""
    gray = np.full((80, 400), 255, np.uint8)
    cv2.line(gray, (90, 60), (110, 20), 0, 3)
    cv2.line(gray, (290, 60), (310, 20), 0, 3)
    engine = LineOrPartsEngine("17", ["1", "7"])
    [words] = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), [(0, 0, 400, 80)], engine, 200)
    assert [(w.text, w.shape) for w in words] == [("17", APART_SHAPE)] and engine.calls == 1


def test_numbers_far_apart_with_a_slash_and_a_dash_among_them_are_read_one_by_one():
    """Faint 9506_001: table 四's last columns, their rules lost, print "0 0 / 0 0" in one cell, read as one
    line "00/00". Each number is read on its own; the slash and the dash, known by their shape, are not
    sent to the recogniser (it reads both as 1 or 7). A slash beside one number alone stays one line."""
    gray = np.full((80, 700), 255, np.uint8)
    cv2.putText(gray, "0", (40, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    cv2.line(gray, (190, 55), (202, 33), 0, 3)
    cv2.putText(gray, "7", (340, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    cv2.line(gray, (480, 44), (530, 44), 0, 3)
    engine = LineOrPartsEngine("0/7-", ["0", "7"], whole_confidence=0.3)
    [words] = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), [(0, 0, 700, 80)], engine, 200)
    assert [(w.text, w.shape) for w in words] == [
        ("0", APART_SHAPE),
        ("/", APART_SHAPE),
        ("7", APART_SHAPE),
        ("—", APART_SHAPE),
    ]
    assert words[1].confidence == DASH_SHAPE_CONFIDENCE and not engine.parts
    lone = gray.copy()
    lone[:, 300:] = 255  # "0 /": one number and a slash
    engine = LineOrPartsEngine("0/", [], whole_confidence=0.3)
    [words] = read_boxes(lone, ink_mask(lone, 200), np.zeros_like(lone), [(0, 0, 700, 80)], engine, 200)
    assert [w.text for w in words] == ["0/"]


class FixedEngine:
    """Reads every crop as ``text``, surely."""

    name = "fixed"

    def __init__(self, text: str) -> None:
        self.text = text

    def recognize(self, crops, wide=False, alphabet=None):
        return [(self.text, 0.99)] * len(crops)


def test_a_number_read_with_no_sign_beside_a_minus_in_its_print_is_marked_so():
    """A small minus before a 1 on a noisy scan, dropped by the recogniser ("1" at 0.99): the line's print
    starts with a flat stroke at mid height, so the reading is marked as one that may have lost its minus
    (a signed field read so is null). The same line read "-1", and a 1 with no minus, are not."""
    gray = np.full((80, 400), 255, np.uint8)
    cv2.line(gray, (70, 40), (84, 40), 0, 3)  # the minus
    cv2.line(gray, (95, 25), (95, 55), 0, 4)  # the 1
    cv2.line(gray, (295, 25), (295, 55), 0, 4)  # a 1 alone
    ink, rules, boxes = ink_mask(gray, 200), np.zeros_like(gray), [(0, 0, 200, 80), (200, 0, 400, 80)]
    signed, alone = read_boxes(gray, ink, rules, boxes, FixedEngine("1"), 200)
    assert [w.shape for w in signed] == [SIGN_SPECK_SHAPE] and [w.shape for w in alone] == [""]
    read_so, _ = read_boxes(gray, ink, rules, boxes, FixedEngine("-1"), 200)
    assert [w.shape for w in read_so] == [""]


def test_a_number_read_with_no_sign_beside_a_minus_broken_to_a_speck_is_marked_so():
    """A minus that noise broke down to a speck smaller than the noise cleaned away (7 x 3 pixels at 300
    dpi) is still seen left of the number at mid height; a speck above or below that height is noise."""
    gray = np.full((120, 600), 255, np.uint8)
    for x0, y in ((83, 60), (383, 40)):  # a minus speck at mid height; a speck level with the 2's top
        gray[y - 1 : y + 2, x0 : x0 + 7] = 60
    for x in (100, 400):
        cv2.putText(gray, "2", (x, 75), cv2.FONT_HERSHEY_SIMPLEX, 1.1, 0, 3)
    ink, rules, boxes = ink_mask(gray, 300), np.zeros_like(gray), [(0, 0, 300, 120), (300, 0, 600, 120)]
    signed, speck_above = read_boxes(gray, ink, rules, boxes, FixedEngine("2"), 300)
    assert [w.shape for w in signed] == [SIGN_SPECK_SHAPE] and [w.shape for w in speck_above] == [""]


class NoiseCharacterEngine:
    """Reads a crop first as ``first`` surely (a lone 1's noise read "國"), every other view of it "1"."""

    name = "noise-character"

    def __init__(self, first="國") -> None:
        self.calls = 0
        self.first = first

    def recognize(self, crops, wide=False, alphabet=None):
        self.calls += 1
        return [(self.first, 0.985) if self.calls == 1 else ("1", 0.99) for _ in crops]


def test_a_lone_line_read_as_one_chinese_character_narrower_than_any_is_read_again():
    # Faint 10813_000: a lone 1 on grey paper read "國" at 0.985; no label of the template is one character.
    gray = np.full((80, 200), 200, np.uint8)
    cv2.putText(gray, "1", (80, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 60, 2)
    engine = NoiseCharacterEngine()
    words = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), [(0, 0, 200, 80)], engine, 200)
    assert [w.text for w in words[0]] == ["1"] and engine.calls > 1

    # A label's last character wrapped onto the next page's table (理 of (六)其他处理) is square: kept.
    gray = np.full((80, 200), 200, np.uint8)
    gray[20:50, 80:110] = 60
    engine = NoiseCharacterEngine("理")
    words = read_boxes(gray, ink_mask(gray, 200), np.zeros_like(gray), [(0, 0, 200, 80)], engine, 200)
    assert [w.text for w in words[0]] == ["理"] and engine.calls == 1
