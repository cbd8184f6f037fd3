"""The truth-file templates in docs/ (README, "Using it on your archive") stay in step with fields.tsv."""

from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.evaluate.run import read_truth
from nianbao.template import report_field_ids, tables

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_a_template_holds_every_field_of_its_version_and_reads_as_a_truth_file(version: str) -> None:
    truth = read_truth(DOCS / f"truth-template-{version}.json")
    assert truth["template"] == dict.fromkeys(tables(), version)
    assert list(truth["fields"]) == report_field_ids(truth["template"])
    assert truth["broken_identities"] == []
