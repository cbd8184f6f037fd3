"""The small interface every reader implements."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from nianbao.model import Table, Word

Region = tuple[int, int, int, int]  # x0, y0, x1, y1 in page pixels
Enough = Callable[[list[Word]], bool]  # of the lines read so far, top to bottom: do they suffice?


class PageReader(Protocol):
    """The text of one page: the words of table cells and of free-text regions (title, signature)."""

    name: str

    def read_tables(self, tables: Sequence[Table]) -> list[Table]:
        """``tables`` (grids whose cells hold no words) with every cell's words filled in."""
        ...

    def read_region(
        self, region: Region, washed: bool = False, enough: Enough | None = None, from_bottom: bool = False
    ) -> list[Word]:
        """One Word per printed line inside ``region``, top to bottom; ``washed`` asks for the text under
        coloured marks (a red seal stamped over the date) where the reader can tell them apart. A reader
        for which reading costs time may read from the top (or from the bottom) only until ``enough``
        holds for the lines read, and leave the others out."""
        ...
