"""Mapping of the generated reports (read by the truth reader, classified by the shipped header
classifier), against golden files."""

from pathlib import Path

import pytest

from nianbao.assemble import map_tables
from tests.fixtures.golden import check_golden
from tests.fixtures.stages import REPORT_NAMES, fixture_report, read_pages

pytestmark = pytest.mark.golden
GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_mapping_matches_its_golden_file(name, config, classify):
    report = fixture_report(name)
    results = map_tables(read_pages(report, config), classify)
    assert set(results) == {key.split(".")[0] for key in report.values}
    mapped = {cell.field_id for result in results.values() for cell in result.cells}
    assert mapped == set(report.values)
    summary = {
        table: {
            "cells": [[c.field_id, c.page, c.cell.text, c.header] for c in result.cells],
            "unmapped": result.unmapped,
            "keys_seen": sorted(result.keys_seen),
        }
        for table, result in sorted(results.items())
    }
    check_golden(GOLDEN / f"{name}_mapping.json", summary)
