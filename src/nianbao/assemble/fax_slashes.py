"""A fax page's slash among the report's few: a digit whose other strokes the fax lost.

A report that marks its empty cells with slashes prints many of them: 9 to 163 a report on the fax sets
measured, where one with a few marks prints them for about one zero in twelve. A 7 that lost its bar, or
a 2 its bowl and foot, leaves a lone diagonal that table.cells tells a slash by its shape, and the cell
is taken for a printed mark, null, as a zero: every report of those sets with one slash alone held such a
digit (a 7 of 7714_001, a -2 of 6216_000), and the identities it belongs to failed on a consistent report;
one with two held two such 2s (8114_001). Such a cell is left unsure, with the reason: still null, and
out of the identities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nianbao.assemble.values import normalise_text
from nianbao.model import Page
from nianbao.report import DASH, UNSURE, CellReading

SLASHES = frozenset("/")  # after normalise_text: a full-width ／ is one too
MAX_LONE_SLASHES = 3  # a report with no more slashes than this does not print them as marks
LONE_SLASH_REASON = (
    "one of the report's few slashes, on a fax page: a 7 or a 2 that lost its other strokes leaves such a stroke,"
    " left null"
)


def lone_fax_slashes_doubted(pages: Sequence[Page], cells: dict[str, CellReading]) -> dict[str, CellReading]:
    """``cells`` with each printed slash of a fax page made unsure where the report prints no more than
    MAX_LONE_SLASHES slashes in all: a report that marks its empty cells so prints many."""
    slashes = [fid for fid, cell in cells.items() if cell.status == DASH and _is_slash(cell.text)]
    if not slashes or len(slashes) > MAX_LONE_SLASHES:
        return cells
    fax_pages = {page.number for page in pages if page.fax}
    doubted = dict(cells)
    for fid in slashes:
        if cells[fid].page in fax_pages:
            doubted[fid] = replace(cells[fid], status=UNSURE, reason=LONE_SLASH_REASON)
    return doubted


def _is_slash(text: str | None) -> bool:
    compact = normalise_text(text or "")
    return bool(compact) and set(compact) <= SLASHES
