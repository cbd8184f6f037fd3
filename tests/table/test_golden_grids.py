"""The table stage's grids of the generated two-page scan (merged cells, the cut group label), against
golden files. No text is read here."""

from pathlib import Path

import pytest

from tests.fixtures.golden import check_golden
from tests.fixtures.stages import layouts

pytestmark = pytest.mark.golden
GOLDEN = Path(__file__).parent / "golden"


def test_grids_match_their_golden_files(config):
    found = layouts(config)
    assert [len(layout.tables) for layout in found] == [1, 1]
    for number, layout in enumerate(found, start=1):
        check_golden(GOLDEN / f"report_page{number}_grid.json", [table.to_dict() for table in layout.tables])
