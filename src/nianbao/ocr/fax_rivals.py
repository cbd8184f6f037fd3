"""The numbers a fax's value line may be, from its readings: what ocr.fax_drawing draws and compares.

Pure string work: a fax's broken digits are read as their lookalikes (a 4 that lost its bar as a 1, a 0
broken open as "11"), so a reading stands for the numbers one edit or a few lookalike swaps away too.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

# What a fax's broken digits are read as, and so what a reading's digit may have been.
LOOKALIKES = {
    "0": "689",
    "1": "47",
    "2": "3",
    "3": "258",
    "4": "19",
    "5": "3",
    "6": "05",
    "7": "1",
    "8": "036",
    "9": "04",
}
MAX_LOOKALIKE_CHANGES = 3
# What a digit whose bars a fax lost is read as: its two sides, as two 1s (a 0, a 3, a 6 ...). A 93 read
# "911" (fax seed 2805) was confirmed by drawing so, 0.028 better than its rivals, while a 93 explains its
# ink 0.08 better still. On 33 fax sets (19,594 fields) that 93 is null with these rivals, two 2s and a 5
# read "11" are told by drawing, and no other field changed; no right number with 11 in it came nearer
# its rivals.
SPLIT_READING = "11"
# What a digit that lost strokes is read as surely, and what it was: a 4 that lost its bar and a 7 that
# lost its top are read 1, a 6 that lost its hook 0 (a 9 whose tail a fax dropped would be too, but a 0 is
# drawn better as a 9 more often: two 50s of the labeled faxes as 59, by 0.005).
BROKEN_READINGS = {"1": "47", "0": "6"}
# What a digit a fax's blur or broken strokes left is read as, less surely: a 9 whose loop broke open and
# whose tail is specks reads 0 (table.fax_doubts.lookalikes_doubted).
LESS_SURE_READINGS = {"0": "9"}
# What a 3 whose open side the blur or a fax's specks closed is read as, however surely: an 8 (fax 10203_002:
# a 53 read "58" at 0.986; fax 10803_001, a JPEG at 150 dpi: a 35252 read "85252" at 0.994).
CLOSED_READINGS = {"8": "3"}
# What a 2 whose foot a fax lost is read as, however surely: its bowl and its diagonal, a 7, beside the
# foot's start as a speck at its bottom left (fax 11104_002, a JPEG at 150 dpi: a 22 read "72" at 0.997).
FOOTLESS_READINGS = {"7": "2"}
# What a reading's characters other than digits may be a fax's broken digit of, only to choose the numbers
# a line is drawn as (ocr.fax_drawing.decoded_by_drawing): its stem read as a letter, an 8 that lost its bars read X,
# a 4 that lost its bar read 小 or A. Marks a stroke's remains are read as (":", a quote, a full stop after
# the number) are dropped; a point between digits is kept: it may be a decimal's.
BROKEN_DIGITS = {"i": "1", "I": "1", "l": "1", "|": "1", "!": "1", "x": "8", "X": "8", "小": "4", "A": "4"}
DROPPED_MARKS = frozenset(":;'\"`")
MAX_DIGITS = 7  # a longer number has too many rivals to draw (this template's counts are shorter)
MAX_OTHER_NUMBERS = 3  # a line's readings other than its own drawn again, at most (four readings in all)


def drawable(text: str) -> bool:
    """Whether a reading is a number ocr.fax_drawing draws: ASCII digits only, at most MAX_DIGITS of them."""
    return 0 < len(text) <= MAX_DIGITS and text.isascii() and text.isdigit()


def lookalikes_restored(text: str, readings: dict[str, str] = BROKEN_READINGS) -> set[str]:
    """``text`` with one of its digits that a fax's broken digits are read as put back as one of those
    (``readings``), each way it can be: a 1 as a 4 or a 7, a 0 as a 6."""
    return {text[:i] + digit + text[i + 1 :] for i, c in enumerate(text) for digit in readings.get(c, "")}


def other_numbers(reading: str, seen: Iterable[str]) -> list[str]:
    """The numbers a line was read as by its other readings (``seen``) besides ``reading``, at most
    MAX_OTHER_NUMBERS: a 4 that lost its bar read "1" twice and "4" twice."""
    texts = dict.fromkeys(text.strip() for text in seen)
    return [text for text in texts if drawable(text) and text != reading.strip()][:MAX_OTHER_NUMBERS]


def decoding_bases(readings: Iterable[str]) -> set[str]:
    """The numbers a line's readings may stand for: each reading with the marks a stroke's remains are
    read as dropped (DROPPED_MARKS) and letters a broken digit is read as put back (BROKEN_DIGITS); a
    reading with any other character (a dash, a bracket, a Chinese numeral, a decimal point) stands for
    none. Only the numbers drawn are chosen so: a letter is never taken for a digit without its drawing."""
    bases = set()
    for reading in readings:
        digits = "".join(BROKEN_DIGITS.get(c, c) for c in reading.strip().rstrip(".,") if c not in DROPPED_MARKS)
        if drawable(digits):
            bases.add(digits)
    return bases


def digit_changed(text: str) -> set[str]:
    """``text`` with one of its digits changed, each way it can be."""
    return {text[:i] + digit + text[i + 1 :] for i in range(len(text)) for digit in "0123456789"} - {text}


def rivals(text: str) -> set[str]:
    """The numbers a fax's line read as ``text`` could also be: one digit changed, dropped or added, two
    1s side by side one digit (SPLIT_READING), up to MAX_LOOKALIKE_CHANGES digits swapped for their
    LOOKALIKES, or 0 (no leading zeros)."""
    found = digit_changed(text)
    for i in range(len(text) + 1):
        found.update(text[:i] + digit + text[i:] for digit in "0123456789")
        if i < len(text):
            found.add(text[:i] + text[i + 1 :])
        if text.startswith(SPLIT_READING, i):
            found.update(text[:i] + digit + text[i + len(SPLIT_READING) :] for digit in "0123456789")
    for changes in range(1, MAX_LOOKALIKE_CHANGES + 1):
        for places in itertools.combinations(range(len(text)), changes):
            for swaps in itertools.product(*(LOOKALIKES[text[i]] for i in places)):
                number = list(text)
                for i, digit in zip(places, swaps, strict=True):
                    number[i] = digit
                found.add("".join(number))
    found.add("0")  # most of a table's values, and broken open a 0 reads as strokes ("11")
    found.discard(text)
    return {number for number in found if number and (number == "0" or not number.startswith("0"))}
