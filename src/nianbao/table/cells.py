"""Find the text lines inside a cell (pure) and read them with the OCR engine."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import cast

import cv2
import numpy as np

from nianbao.model import APART_SHAPE, DASH_SHAPE, SIGN_SPECK_SHAPE, SLASH_SHAPE, BBox, Word
from nianbao.ocr.base import OcrEngine
from nianbao.ocr.convert import VALUE_ALPHABET
from nianbao.ocr.fax_drawer import FaxDrawer
from nianbao.ocr.restore import (
    SECOND_LOOK_BELOW,
    UNAGREED_CAP,
    agreed_reading,
    restorations,
    second_look_below,
    smoothed,
    unconfirmed,
)
from nianbao.table.bands import band_crops, clean_ink, text_bands, without_speck_bands
from nianbao.table.fax_cells import fax_checked_readings
from nianbao.table.fax_signs import may_have_lost_minus
from nianbao.table.layout import CJK, stacked_value_lines
from nianbao.table.line_shapes import (
    Band,
    crumbled_line,
    crumbs_beside,
    flat_dash,
    groups_apart,
    is_dash_band,
    is_slash,
    leading_minus,
    minus_speck,
    print_groups,
    without_faint_marks,
)

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_PLAIN_NUMBER = re.compile(rf"^[+-]?{_NUMBER}$")
# A line read as one number, or as signed numbers run together: a year's count and its change side by
# side in table 二 (0 and +1 read "0+1"), the rule between their columns lost.
_NUMBERS_RUN = re.compile(rf"^[+-]?{_NUMBER}(?:[+-]{_NUMBER})*$")
# A line read as a label with a number after it: a row's label and its first value, where the rule
# between them was lost, when its print stands in parts far apart.
_LABEL_THEN_NUMBER = re.compile(r"[\u4e00-\u9fff].*\d$")
_NUMBERS_AND_MARKS = re.compile(r"^[\d,.\-/—–一]+$")  # a line of numbers with dashes or slashes among them
_HEADER_WORDS = re.compile(r"\D*[\u4e00-\u9fff]\D*")  # Chinese words and no digit: headers side by side
SMOOTHED_SURE = 0.95  # a smoothed crop's reading less sure than this is no vote (``_look_again``)
NARROW_CHARACTER = 0.7  # of a line's height: print narrower is no Chinese character (``lone_character``)
DERIVED = frozenset({1, 3})  # _look_again's readings of restored images: cleaned, strokes rejoined
UNREADABLE = "?"  # the text of a printed line that could not be read at all
# A cell with no line is still printed on when its specks are this many and this big in all (200 dpi):
# a fax's crumbs of a digit, not one speck of noise.
BROKEN_PRINT_PIECES = 2
BROKEN_PRINT_AREA = 20
NOISE_LINE_BELOW = 0.6  # in a cell of several lines, a garbled line read less surely than this is noise
# A lone flat stroke lower than any digit is a dash by its shape, and a line that is one stroke leaning
# right a slash, whatever the recogniser would make of them: the shape is the evidence, so the cell is a
# printed dash or slash (null), not an unsure reading of one.
DASH_SHAPE_CONFIDENCE = 0.99
# A line in parts far apart is read part by part where two parts or more are print to read; a dash or a
# slash among them is printed so (faint 9506_001: table 四's last five columns, their rules lost, print
# "0 0 / 0 0", read whole as `00/00`, and none of the table's fifteen values was placed).
MIN_READ_PARTS = 2
# ... in a line at least this many times the smallest line's height (16 pixels at 200 dpi): lower lines
# of specks and short strokes far apart on faint pages (6-12 pixels) are noise, not numbers and dashes.
MARKED_LINE = 2


@dataclass(frozen=True)
class LineCrop:
    owner: int  # index of the box (cell) it belongs to
    bbox: tuple[int, int, int, int]  # in page pixels
    image: np.ndarray
    slash: bool = False  # the line is one "/" stroke, specks aside (recognisers read it as 1 or 7)
    dash: bool = False  # the line is one flat stroke (specks aside), lower than a digit: a dash (read as 1 or I)
    apart: bool = False  # the line's print stands in two parts far apart (line_shapes.groups_apart, model.APART_SHAPE)
    parts: tuple[Band, ...] = ()  # where those parts may be numbers, each one's box in page pixels (_number_parts)
    part_marks: tuple[str, ...] = ()  # per part: "" (print to read), or the dash or slash its shape is
    minus: bool = False  # the print starts with a minus sign (line_shapes.leading_minus)

    @property
    def by_shape(self) -> bool:
        """Known by its shape, a dash or a slash: the recogniser is not asked (it reads both as 1)."""
        return self.dash or self.slash


def inside_rules(box: tuple[int, int, int, int], dpi: float, page: tuple[int, ...]) -> tuple[int, int, int, int]:
    """A cell's box (page pixels) without the width of its rules, within the page (``page``: its shape)."""
    inset = max(2, int(dpi / 60))
    x0, y0, x1, y1 = box
    # Never below 0: a slice from a negative index would wrap round the page. Never past its edge either:
    # a box starting there would be cut to nothing, and OpenCV crashes the process labelling an empty image.
    return max(x0 + inset, 0), max(y0 + inset, 0), min(x1 - inset, page[1]), min(y1 - inset, page[0])


def line_pad(dpi: float) -> int:
    """White kept round a line's print in its crop."""
    return max(3, int(6 * dpi / 200.0))


def locate_lines(
    gray: np.ndarray,
    ink: np.ndarray,
    rules: np.ndarray,
    boxes: Sequence[tuple[int, int, int, int]],
    dpi: float,
    fax: bool = False,
) -> list[LineCrop]:
    """The text lines of every box (a cell in page pixels), inside its rules."""
    scale = dpi / 200.0
    # Specks below min_area are scanner noise; a decimal point is bigger, and the crop keeps it anyway.
    min_area, min_gap, min_height = max(4, int(14 * scale * scale)), max(2, int(4 * scale)), max(3, int(8 * scale))
    pad, edge = line_pad(dpi), max(1, round(2 * scale))
    lines: list[LineCrop] = []
    for index, box in enumerate(boxes):
        cx0, cy0, cx1, cy1 = inside_rules(box, dpi, ink.shape)
        if cx1 - cx0 < 4 or cy1 - cy0 < 4:
            continue
        raw_ink = cv2.subtract(ink[cy0:cy1, cx0:cx1], rules[cy0:cy1, cx0:cx1])
        cell_ink = clean_ink(raw_ink, min_area, edge)
        if not fax:  # a fax is binarised: its digits may break into crumbs as small as specks
            cell_ink = without_faint_marks(cell_ink, gray[cy0:cy1, cx0:cx1])
        bands = text_bands(cell_ink, min_gap, min_height)
        if not fax:
            bands = without_speck_bands(cell_ink, bands)
        elif not bands:
            bands = crumbled_line(cell_ink, min_height)
        for band, crop in zip(bands, band_crops(gray[cy0:cy1, cx0:cx1], bands, pad)):
            bx0, by0, bx1, by1 = band
            alone = len(bands) == 1
            band_ink = cell_ink[by0:by1, bx0:bx1]
            # a slash is told on any line: noise may leave a band of specks beside it in the cell
            slash = is_slash(band_ink, noise_specks=not fax) and not (fax and crumbs_beside(raw_ink, band))
            dash = alone and (is_dash_band(band, min_height, band_ink) or flat_dash(band_ink, min_height))
            box = (cx0 + bx0, cy0 + by0, cx0 + bx1, cy0 + by1)
            groups = print_groups(band_ink, None if fax else 2 * min_height)
            parts, marks = _number_parts(band_ink, box, groups, min_height)
            minus = leading_minus(band_ink) or (not fax and minus_speck(raw_ink, band))
            lines.append(LineCrop(index, box, crop, slash, dash, groups_apart(groups), parts, marks, minus))
    return lines


def _number_parts(
    ink: np.ndarray, box: Band, groups: list[tuple[int, int, bool]], min_height: int
) -> tuple[tuple[Band, ...], tuple[str, ...]]:
    """Where a line's print (``ink``, at ``box`` in page pixels) stands in parts far apart (its
    ``print_groups``), each part's box in page pixels, and what each part is by its shape: "" for print to
    be read, a dash (low print wider than half the line's height) or a slash (one leaning stroke): the
    recogniser would read either as 1 or 7. Specks or a lost rule's remains between them are no part. None
    where fewer than two parts are print to read (a dash or a slash beside one number is no row's values
    side by side, but a mark or a crease's remains beside it), and for a line with a dash or a slash, where
    it is lower than MARKED_LINE times ``min_height`` (the smallest line's height)."""
    x0, y0, _, y1 = box
    found = []
    for g0, g1, tall in groups:
        if not tall:
            if g1 - g0 > (y1 - y0) / 2:
                found.append(((x0 + g0, y0, x0 + g1, y1), "—"))
        else:
            found.append(((x0 + g0, y0, x0 + g1, y1), "/" if is_slash(ink[:, g0:g1]) else ""))
    marked = any(mark for _, mark in found)
    if sum(not mark for _, mark in found) < MIN_READ_PARTS or (marked and y1 - y0 < MARKED_LINE * min_height):
        return (), ()
    return tuple(part for part, _ in found), tuple(mark for _, mark in found)


def garbled(text: str) -> bool:
    """Whether a line reads as neither a value nor words: characters outside the value alphabet, none of
    them a Chinese character (a broken 0 read as "()", a speck as "a"). Such a line is read again."""
    foreign = [c for c in unicodedata.normalize("NFKC", text.strip()) if c not in VALUE_ALPHABET]
    return bool(foreign) and not any("\u4e00" <= c <= "\u9fff" for c in foreign)


def lone_character(text: str, box: tuple[int, int, int, int]) -> bool:
    """Whether a line reads as one Chinese character that is no value (a dash read 一 is one) though its
    print ``box`` is narrower than NARROW_CHARACTER of its height, as no Chinese character is (a label's
    last character wrapped onto a page of its own, 理, is square): grey paper's noise round a lone 1
    reads so (faint 10813_000: a 1 read `國` at 0.985). Such a line is read again, as a garbled one is."""
    compact = unicodedata.normalize("NFKC", text.strip())
    if len(compact) != 1 or not "\u4e00" <= compact <= "\u9fff" or compact in VALUE_ALPHABET:
        return False
    x0, y0, x1, y1 = box
    return x1 - x0 < NARROW_CHARACTER * (y1 - y0)


def read_boxes(
    gray: np.ndarray,
    ink: np.ndarray,
    rules: np.ndarray,
    boxes: Sequence[tuple[int, int, int, int]],
    engine: OcrEngine,
    dpi: float,
    fax: bool = False,
    drawer: FaxDrawer | None = None,
    merged_down: Collection[int] = (),
) -> list[tuple[Word, ...]]:
    """OCR each box (a cell, in page pixels): its text lines as Words with page coordinates. On a
    ``fax`` page (preprocess.fax) a value line's reading is also checked against its ink and read again
    where a fax misleads the recogniser, and a number read unsurely is drawn again by ``drawer`` to
    confirm it (table.fax_cells). The lines of a box merged down over rows (``merged_down``, by index)
    that all read as values are each read as a lone line is (table.layout.stacked_value_lines)."""
    lines = locate_lines(gray, ink, rules, boxes, dpi, fax)
    reads = _read_lines(engine, lines)
    line_counts = Counter(line.owner for line in lines)
    stacked = stacked_value_lines([line.owner for line in lines], [text for text, _ in reads], merged_down)
    unsure = [
        i
        for i, (line, (text, conf)) in enumerate(zip(lines, reads))
        if (line_counts[line.owner] == 1 or stacked[i])
        and not line.by_shape
        and (
            conf < second_look_below(text, fax, line.image)
            or garbled(text)
            or (not fax and lone_character(text, line.bbox))
        )
    ]
    seen = _settle(engine, [line.image for line in lines], reads, unsure, grey=not fax)
    shapes = [""] * len(lines)  # a fax's 0 told by its shape, a minus the reading may have lost (model.Word.shape)
    drawn = [False] * len(lines)  # a fax's number confirmed by drawing it again (model.Word.drawn)
    parts: dict[int, list[tuple[Band, str, float]]] = {}
    if fax:
        insides = [inside_rules(box, dpi, gray.shape) for box in boxes]
        reads, shapes, drawn = fax_checked_readings(engine, (gray, rules), lines, insides, reads, seen, drawer, stacked)
    else:
        parts = _read_parts(engine, gray, lines, reads, line_pad(dpi))
        shapes = [
            SIGN_SPECK_SHAPE if line.minus and may_have_lost_minus(text) else ""
            for line, (text, _) in zip(lines, reads)
        ]
    words = _cell_words(lines, reads, (shapes, drawn), line_counts, len(boxes), parts)
    if fax:
        for index, box in enumerate(boxes):
            if not words[index] and _broken_print(ink, rules, box, dpi):
                words[index].append(Word(UNREADABLE, cast(BBox, tuple(float(v) for v in box)), 0.0))
    return [tuple(w) for w in words]


def _settle(
    engine: OcrEngine,
    images: Sequence[np.ndarray],
    reads: list[tuple[str, float]],
    unsure: Sequence[int],
    grey: bool = True,
) -> list[list[str]]:
    """The ``unsure`` lines read again (``_look_again``), ``reads`` updated in place to what the readings
    agree on (else unconfirmed): every text each line was read as."""
    seen = [[text] for text, _ in reads]
    if unsure:
        again = _look_again(engine, [images[i] for i in unsure], [reads[i] for i in unsure], grey)
        for i, options in zip(unsure, again):
            reads[i] = agreed_reading(options, DERIVED) or unconfirmed(options)
            seen[i] = [text for text, _ in options]
    return seen


def _read_parts(
    engine: OcrEngine, gray: np.ndarray, lines: Sequence[LineCrop], reads: Sequence[tuple[str, float]], pad: int
) -> dict[int, list[tuple[Band, str, float]]]:
    """Each line read as a number, or as a label then a number, from parts far apart (two columns' values
    side by side, or a row's label and its first value, where the rule between them was lost), its parts
    read one by one: by line index, each part's box, text and confidence. So is a line no reading agreed
    on (faint seed 7123: two columns' zeros read as one "olo"), and a line of Chinese words and no digit
    (two columns' headers, the rule between them lost: faint seed 8306's 信息内容本年制发件数本年废止件数),
    and a line read as signed numbers run together (``_NUMBERS_RUN``: folded 10513_001's "0+1").
    A line is kept whole unless every part reads as a number, or its first as a label (Chinese
    characters, read as any text) and every other as a number, or, for words, every part as words that
    together read as the whole line did. A line with a dash or a slash among its parts (``part_marks``) is
    read so only where it was read as numbers and marks; each mark is printed as its shape tells, not read."""
    marked = {i for i, line in enumerate(lines) if any(line.part_marks)}
    parted = [i for i, line in enumerate(lines) if line.parts and i not in marked]
    labelled = {i for i in parted if _LABEL_THEN_NUMBER.search(_compact(reads[i][0]))}
    headed = {i for i in parted if _HEADER_WORDS.fullmatch(_compact(reads[i][0]))}
    wanted = [
        i
        for i, line in enumerate(lines)
        if line.parts
        and (
            _NUMBERS_AND_MARKS.match(_compact(reads[i][0]))
            if i in marked  # read as numbers and marks, however surely: brackets round a 一 are a label's
            else i in labelled
            or i in headed
            or _NUMBERS_RUN.match(_compact(reads[i][0]))
            or reads[i][1] <= UNAGREED_CAP
        )
    ]
    boxes = [
        (i, (k == 0 and i in labelled) or i in headed, box, lines[i].part_marks[k] if i in marked else "")
        for i in wanted
        for k, box in enumerate(lines[i].parts)
    ]
    if not boxes:
        return {}
    images = band_crops(gray, [box for _, _, box, _ in boxes], pad)
    part_reads = [(mark, DASH_SHAPE_CONFIDENCE) for *_, mark in boxes]  # a mark is known by its shape
    for label in (True, False):
        chosen = [n for n, (_, is_label, _, mark) in enumerate(boxes) if is_label == label and not mark]
        if chosen:
            alphabet = None if label else VALUE_ALPHABET
            for n, reading in zip(chosen, engine.recognize([images[n] for n in chosen], alphabet=alphabet)):
                part_reads[n] = reading
    unsure = [
        n
        for n, ((_, is_label, _, mark), (text, conf)) in enumerate(zip(boxes, part_reads))
        if not is_label and not mark and (conf < SECOND_LOOK_BELOW or garbled(text))
    ]
    _settle(engine, images, part_reads, unsure)
    by_line: dict[int, list[tuple[Band, str, float]]] = {}
    kept = set(wanted)
    for (i, is_label, box, mark), (text, conf) in zip(boxes, part_reads):
        text = text.strip() if is_label else _compact(text)
        if not (mark or (CJK.search(text) if is_label else _PLAIN_NUMBER.match(text))):
            kept.discard(i)
        by_line.setdefault(i, []).append((box, text, conf))
    for i in headed & kept:
        if _compact("".join(text for _, text, _ in by_line[i])) != _compact(reads[i][0]):
            kept.discard(i)
    return {i: found for i, found in by_line.items() if i in kept}


def _compact(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def _cell_words(
    lines: Sequence[LineCrop],
    reads: Sequence[tuple[str, float]],
    marks: tuple[Sequence[str], Sequence[bool]],
    line_counts: Counter[int],
    box_count: int,
    parts: dict[int, list[tuple[Band, str, float]]],
) -> list[list[Word]]:
    """Each box's lines as Words: a dash or a slash known by its shape printed as such (and a fax's 0
    told by its shape, or a number that may have lost its minus, marked so), a band of noise beside a
    cell's real line dropped, a lone line no reading made sense of unreadable, a number in parts far apart
    a Word per part (``_read_parts``). ``marks``: each line's shape and whether drawing it confirmed it."""
    words: list[list[Word]] = [[] for _ in range(box_count)]
    shapes, drawn = marks
    for index, (line, (text, conf), shape) in enumerate(zip(lines, reads, shapes)):
        if line_counts[line.owner] > 1 and conf < NOISE_LINE_BELOW and garbled(text):
            continue  # a band of noise specks beside the cell's real line, read as stray letters
        if index in parts:
            for box, part_text, part_conf in parts[index]:
                bbox = cast(BBox, tuple(float(v) for v in box))
                words[line.owner].append(Word(part_text, bbox, round(part_conf, 4), shape=APART_SHAPE))
            continue
        if line.dash:
            text, conf, shape = "—", DASH_SHAPE_CONFIDENCE, DASH_SHAPE
        elif line.slash:
            text, conf, shape = "/", DASH_SHAPE_CONFIDENCE, SLASH_SHAPE
        elif line.apart and not shape:
            shape = APART_SHAPE
        text = text.strip()
        if not text and line_counts[line.owner] == 1:
            text, conf = UNREADABLE, 0.0  # ink no reading made sense of: null with a warning, not a blank
        if text:
            bbox = cast(BBox, tuple(float(v) for v in line.bbox))
            words[line.owner].append(Word(text, bbox, round(conf, 4), shape=shape, drawn=drawn[index]))
    return words


def _broken_print(ink: np.ndarray, rules: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> bool:
    """Whether a cell that holds no line still holds print broken into specks: on a fax page a digit that
    lost its thin strokes leaves only crumbs, which the speck filter removes. Such a cell is unreadable,
    not blank (a blank cell counts as read in the identities)."""
    x0, y0, x1, y1 = inside_rules(box, dpi, ink.shape)
    if x1 <= x0 or y1 <= y0:
        return False
    cell = cv2.subtract(ink[y0:y1, x0:x1], rules[y0:y1, x0:x1])
    count, _, stats, _ = cv2.connectedComponentsWithStats(cell, connectivity=8)
    area = int(stats[1:, cv2.CC_STAT_AREA].sum()) if count > 1 else 0
    return count - 1 >= BROKEN_PRINT_PIECES and area >= BROKEN_PRINT_AREA * (dpi / 200.0) ** 2


def _read_lines(engine: OcrEngine, lines: Sequence[LineCrop]) -> list[tuple[str, float]]:
    """Every line's reading; a dash or a slash known by its shape needs none."""
    reads = [("—", DASH_SHAPE_CONFIDENCE)] * len(lines)
    wanted = [i for i, line in enumerate(lines) if not line.by_shape]
    if wanted:
        for i, reading in zip(wanted, engine.recognize([lines[i].image for i in wanted], alphabet=VALUE_ALPHABET)):
            reads[i] = reading
    return reads


def _look_again(
    engine: OcrEngine, images: list[np.ndarray], first: list[tuple[str, float]], grey: bool = True
) -> list[list[tuple[str, float]]]:
    """Unsure lines read again, restored (cleaned; then, where the two readings leave the line open, also
    at the standard input width and with broken strokes rejoined; where the four still do, and the page
    is ``grey``, smoothed): every line's readings. A line keeps the text the readings agree on
    (``agreed_reading``), else it is unconfirmed.

    The smoothed reading is the one besides the first two that shares no binarisation with the restored
    crops. On a hard scan with show-through (seed 6614) the crop's own readings took faint marks for
    strokes ("σ" for 0, "1" for 11) where both restored crops read the number surely, and no majority
    was left; smoothed, the faint marks fade and it reads as they do. It votes only where it is sure
    (SMOOTHED_SURE): a faint slash's restored crops read "1", and its smoothed one "1" at 0.3 (faint seed
    5904). A fax's bilevel strokes are too thin to smooth."""
    restored = [restorations(image) for image in images]
    cleaned = engine.recognize([r[0] for r in restored], alphabet=VALUE_ALPHABET)
    readings = [[a, b] for a, b in zip(first, cleaned)]
    undecided = [i for i, options in enumerate(readings) if _undecided(options)]
    if undecided:
        wide = engine.recognize([images[i] for i in undecided], wide=True, alphabet=VALUE_ALPHABET)
        joined = engine.recognize([restored[i][1] for i in undecided], alphabet=VALUE_ALPHABET)
        for i, a, b in zip(undecided, wide, joined):
            readings[i] += [a, b]
        still_open = [i for i in undecided if grey and _undecided(readings[i])]
        if still_open:
            smooth = engine.recognize([smoothed(images[i]) for i in still_open], alphabet=VALUE_ALPHABET)
            for i, reading in zip(still_open, smooth):
                if reading[1] >= SMOOTHED_SURE:
                    readings[i].append(reading)
    return readings


def _undecided(readings: list[tuple[str, float]]) -> bool:
    """Whether a line's first two readings leave it open: they disagree, agree no more surely than an
    unconfirmed reading (which stays below any confidence cut), or the first is garbled. Such a line is
    read twice more; a line they agree on surely enough to keep is not, so more readings never cost it."""
    agreed = agreed_reading(readings, DERIVED)
    return agreed is None or agreed[1] <= UNAGREED_CAP or garbled(readings[0][0])
