"""A ruled page that is not an annual report fails instead of coming out as an empty report."""

import pytest

from nianbao.assemble import assemble_report
from nianbao.assemble.metadata import TextLine
from nianbao.config import OcrConfig
from nianbao.errors import NoTablesError
from nianbao.model import Cell, Page, Table, Word
from tests.assemble.test_requests import fake_classify


def _timetable() -> Table:
    texts = ["车次", "出发", "到达", "G101", "08:00", "12:30", "G103", "09:00", "13:30"]
    cells = tuple(
        Cell(i // 3, i % 3, 1, 1, ((i % 3) * 100.0, (i // 3) * 40.0, (i % 3 + 1) * 100.0, (i // 3 + 1) * 40.0),
             (Word(text, (0, 0, 1, 1), 0.99),))
        for i, text in enumerate(texts)
    )  # fmt: skip
    return Table(1, (0, 0, 300, 120), 3, 3, cells)


def test_ruled_page_without_any_of_the_three_tables_is_a_failure():
    page = Page(1, 1654, 2339, 200.0, tables=(_timetable(),))
    source = {"path": "timetable.pdf", "sha256": "0" * 64, "pages": 1, "kind": "scanned"}
    with pytest.raises(NoTablesError, match="none is one of the report's three tables"):
        assemble_report(source, [page], [TextLine("列车时刻表")], [], fake_classify, OcrConfig())
