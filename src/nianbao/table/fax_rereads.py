"""A fax page's value lines read again where a fax's broken digits may mislead the recogniser: at the
standard width, in the views that confirm a digit, thickened where a 0 may be broken open
(table.fax_cells asks for these; ocr.fax holds the rules, pure; this module asks the engine)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from nianbao.ocr.base import OcrEngine
from nianbao.ocr.convert import VALUE_ALPHABET
from nianbao.ocr.fax import (
    FaxReading,
    confirmed_by_second_width,
    confirmed_by_views,
    confirming_views,
    may_be_broken_zero,
    needs_confirming_views,
    needs_second_width,
    thickened_views,
    zero_when_thickened,
)
from nianbao.ocr.restore import FAX_SECOND_LOOK_BELOW, ROUND_SHAPES, UNAGREED_CAP

Box = tuple[int, int, int, int]
Reading = tuple[str, float]


class ReadLine(Protocol):
    """A value line as table.fax_cells.LineCrop gives it: where it lies and its crop."""

    @property
    def bbox(self) -> Box: ...  # in page pixels

    @property
    def image(self) -> np.ndarray: ...  # its crop of the grey page


def zeros_read_thickened(
    engine: OcrEngine,
    lines: Sequence[ReadLine],
    checked: list[FaxReading],
    seen: Sequence[list[str]],
    wanted: list[int],
) -> list[FaxReading]:
    """Lines not read surely, or read surely as round shapes that are no number (a 0 that lost its top read
    "U" at 0.9-0.998), and read only as round shapes and strokes (a 0 read less surely but kept stays as
    it is), read again thickened and blurred: a 0 where both views read "0" (ocr.fax)."""
    unsure = [
        i
        for i in wanted
        if not checked[i].shape
        and (checked[i].confidence < FAX_SECOND_LOOK_BELOW or _no_number_but_round(checked[i].text))
        and (checked[i].text.strip() != "0" or checked[i].confidence <= UNAGREED_CAP)
        and may_be_broken_zero(lines[i].bbox, [*seen[i], checked[i].text])
    ]
    result = list(checked)
    for i, views in zip(unsure, _read_views(engine, [thickened_views(lines[i].image) for i in unsure])):
        result[i] = zero_when_thickened(views) or checked[i]
    return result


def read_surely_round(reading: FaxReading) -> bool:
    """Whether a line was read surely as round shapes that are no number (a 0 that lost its top)."""
    return reading.confidence >= FAX_SECOND_LOOK_BELOW and _no_number_but_round(reading.text)


def _no_number_but_round(text: str) -> bool:
    """Whether a reading is round shapes alone other than a 0 ("U", "()"): what no number is read as."""
    stripped = text.strip()
    return bool(stripped) and stripped != "0" and set(stripped) <= ROUND_SHAPES


def confirmed_by_rereading(
    engine: OcrEngine, lines: Sequence[ReadLine], reads: list[Reading], seen: Sequence[list[str]], wanted: list[int]
) -> list[Reading]:
    """Sure readings with a digit a fax's broken digits are read as, confirmed by more readings: at the
    standard width (a 4 or an 8; not for lines read at that width already) and of its confirming views.
    A reading they do not all repeat is capped below any confidence cut (ocr.fax)."""
    confirmed = list(reads)
    wide = [i for i in wanted if reads[i][1] > UNAGREED_CAP and len(seen[i]) < 3 and needs_second_width(reads[i][0])]
    if wide:
        for i, reading in zip(
            wide, engine.recognize([lines[i].image for i in wide], wide=True, alphabet=VALUE_ALPHABET)
        ):
            confirmed[i] = confirmed_by_second_width(confirmed[i], reading)
    checked = [i for i in wanted if confirmed[i][1] > UNAGREED_CAP and needs_confirming_views(confirmed[i][0])]
    views = [confirming_views(lines[i].image, confirmed[i][0]) for i in checked]
    for i, readings in zip(checked, _read_views(engine, views)):
        confirmed[i] = confirmed_by_views(confirmed[i], readings)
    return confirmed


def _read_views(engine: OcrEngine, views: list[list[np.ndarray]]) -> list[list[Reading]]:
    """The readings of each line's views (ocr.fax), in one batch."""
    if not views:
        return []
    readings = iter(engine.recognize([view for line_views in views for view in line_views], alphabet=VALUE_ALPHABET))
    return [[next(readings) for _ in line_views] for line_views in views]
