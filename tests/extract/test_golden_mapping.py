"""Mapping of the generated two-page table 三 (read by the truth reader, classified by the shipped
header classifier), against a golden file."""

from pathlib import Path

import pytest

from nianbao.extract import map_tables
from tests.fixtures.golden import check_golden
from tests.fixtures.stages import read_pages

pytestmark = pytest.mark.golden
GOLDEN = Path(__file__).parent / "golden"


def test_mapping_matches_its_golden_file(config, classify):
    results = map_tables(read_pages(config), classify)
    assert set(results) == {"requests"}
    mapped = results["requests"]
    assert len({cell.field_id for cell in mapped.cells}) == 25 * 7
    summary = {
        "cells": [[c.field_id, c.page, c.cell.text, c.header] for c in mapped.cells],
        "unmapped": mapped.unmapped,
        "keys_seen": sorted(mapped.keys_seen),
    }
    check_golden(GOLDEN / "report_mapping.json", summary)
