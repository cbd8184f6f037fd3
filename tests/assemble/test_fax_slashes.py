"""A fax page's slash among its report's few is a digit that lost strokes, not a printed mark."""

from nianbao.assemble.fax_slashes import lone_fax_slashes_doubted
from nianbao.model import Page
from nianbao.report import DASH, OK, UNSURE, CellReading


def _cells(slashes, page=2):
    """Cells of a report: a number and a zero read on page 1, and ``slashes`` printed slashes on ``page``."""
    cells = {
        "requests.new_received.total": CellReading(OK, 1, (0, 0, 9, 9), "12", 0.99),
        "requests.carried_over.total": CellReading(OK, 1, (0, 9, 9, 18), "0", 0.99),
    }
    for k in range(slashes):
        cells[f"requests.result.field_{k}"] = CellReading(DASH, page, (0, 20 + k, 9, 29 + k), "/", 0.99)
    return cells


def test_the_report_s_only_slash_on_a_fax_page_is_unsure_with_its_reason():
    """Fax 7714_001: a 7 that lost its bar was told a slash by its shape, the report's only one."""
    pages = [Page(1, 100, 100, 200, fax=True), Page(2, 100, 100, 200, fax=True)]
    doubted = lone_fax_slashes_doubted(pages, _cells(1))
    lone = doubted["requests.result.field_0"]
    assert lone.status == UNSURE and "few slashes" in (lone.reason or "")
    assert doubted["requests.new_received.total"].status == OK
    # fax 8114_001: two 2s that lost their bowl and foot, the report's two slashes
    two = lone_fax_slashes_doubted(pages, _cells(2))
    assert [two[f"requests.result.field_{k}"].status for k in range(2)] == [UNSURE, UNSURE]


def test_slashes_a_report_prints_as_marks_and_a_lone_slash_off_a_fax_page_stay_printed_marks():
    pages = [Page(1, 100, 100, 200, fax=True), Page(2, 100, 100, 200, fax=True)]
    marked = lone_fax_slashes_doubted(pages, _cells(9))  # fax 7302_001 marks its empty cells with nine
    assert all(cell.status in (OK, DASH) for cell in marked.values())
    scanned = [Page(1, 100, 100, 200), Page(2, 100, 100, 200)]
    assert lone_fax_slashes_doubted(scanned, _cells(1))["requests.result.field_0"].status == DASH
