"""The table stage's grids of the generated scans (merged cells, the cut group label, table 四's
three-level header), against golden files. No text is read here."""

from pathlib import Path

import pytest

from tests.fixtures.golden import check_golden
from tests.fixtures.stages import REPORT_NAMES, fixture_report, layouts

pytestmark = pytest.mark.golden
GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_grids_match_their_golden_files(name, config):
    report = fixture_report(name)
    found = layouts(report, config)
    assert [len(layout.tables) for layout in found] == [1] * len(report.pages)
    for number, (layout, printed) in enumerate(zip(found, report.pages, strict=True), start=1):
        table = layout.tables[0]
        assert table.n_cols == len(printed.widths)
        check_golden(GOLDEN / f"{name}_page{number}_grid.json", table.to_dict())
