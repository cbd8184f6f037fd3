"""Each kind of cell gets its status when fields are filled: synthetic cells, no OCR."""

from __future__ import annotations

import pytest

from nianbao.assemble import fill_fields, unread_ids
from nianbao.assemble.mapping import MappedCell, MappingResult
from nianbao.model import APART_SHAPE, NO_SIGN_SHAPE, OPEN_SIX_SHAPE, SIGN_SPECK_SHAPE, Cell, Word
from nianbao.template import field_ids

MIN_CONFIDENCE = 0.5


def mapped(field_id: str, text: str, confidence: float = 0.97, header: str = "") -> MappedCell:
    words = (Word(text, (0.0, 0.0, 9.0, 9.0), confidence),) if text else ()
    return MappedCell(field_id, Cell(2, 3, 1, 1, (100.0, 200.0, 160.0, 240.0), words), page=3, header=header)


def test_ok_blank_dash_unsure_unreadable_and_missing() -> None:
    ids = field_ids("appeals", "2021")
    result = MappingResult(cells=[
        mapped(ids[0], "12"), mapped(ids[1], ""), mapped(ids[2], "—"), mapped(ids[3], "/"),
        mapped(ids[4], "7", confidence=0.2), mapped(ids[5], "1a2"), mapped(ids[6], "-"),
    ])  # fmt: skip
    fields, cells, warnings, _ = fill_fields({"appeals": result}, {"appeals": "2021"}, MIN_CONFIDENCE)
    unreadable = unread_ids(cells)
    status = {fid: cell.status for fid, cell in cells.items()}
    assert [status[fid] for fid in ids[:7]] == ["ok", "blank", "dash", "dash", "unsure", "unreadable", "dash"]
    assert all(status[fid] == "unreadable" and cells[fid].reason == "no cell found" for fid in ids[7:])
    assert set(cells) == set(fields) == set(ids)  # every field of the template has a cell entry
    assert fields[ids[0]] == 12 and all(fields[fid] is None for fid in ids[1:])
    assert cells[ids[4]].reason == "read '7' with confidence 0.20: left null" and cells[ids[4]].text == "7"
    assert "cannot read '1a2'" in str(cells[ids[5]].reason)
    assert cells[ids[0]].reason is None and cells[ids[1]].reason is None and cells[ids[0]].page == 3
    assert unreadable == {ids[4], ids[5], *ids[7:]}  # identities leave these operands out
    assert any(ids[4] in w for w in warnings) and any("have no cell" in w for w in warnings)


def test_a_dash_read_unsurely_is_unsure_not_a_printed_dash() -> None:
    """A fax's 22 that kept only its feet was read "--" at 0.52: null either way, but not a printed dash."""
    ids = field_ids("appeals", "2021")
    result = MappingResult(cells=[mapped(ids[0], "--", confidence=0.52), mapped(ids[1], "--", confidence=0.93)])
    fields, cells, *_ = fill_fields({"appeals": result}, {"appeals": "2021"}, MIN_CONFIDENCE)
    assert fields[ids[0]] is None and cells[ids[0]].status == "unsure"
    assert cells[ids[0]].reason == (
        "read '--' with confidence 0.52: a dash or slash read so unsurely may be what is left of a number: left null"
    )
    assert fields[ids[1]] is None and cells[ids[1]].status == "dash" and cells[ids[1]].reason is None
    assert ids[0] in unread_ids(cells) and ids[1] not in unread_ids(cells)


def test_a_number_with_its_unit_is_ok() -> None:
    field_id = "proactive.fees.amount_10k_yuan"
    result = MappingResult(cells=[mapped(field_id, "25.1", header="本年收费金额（单位：万元）")])
    fields, cells, *_ = fill_fields({"proactive": result}, {"proactive": "2021"}, MIN_CONFIDENCE)
    assert fields[field_id] == 25.1 and cells[field_id].status == "ok"


def test_numbers_of_several_rows_in_one_cell_are_unreadable_not_joined() -> None:
    ids = field_ids("appeals", "2021")
    lines = (Word("442", (10.0, 100.0, 50.0, 120.0), 0.99), Word("0", (20.0, 177.0, 30.0, 197.0), 0.99))
    cell = Cell(2, 3, 3, 1, (0.0, 90.0, 60.0, 210.0), lines)
    result = MappingResult(cells=[MappedCell(ids[0], cell, page=2, header="")])
    fields, cells, _, _ = fill_fields({"appeals": result}, {"appeals": "2021"}, MIN_CONFIDENCE)
    assert fields[ids[0]] is None and cells[ids[0]].status == "unreadable"  # never 4420
    assert "2 numbers one under another" in str(cells[ids[0]].reason)


def test_a_number_in_a_cell_running_into_another_rows_values_is_unreadable() -> None:
    """Its one number may be either row's: the rule between them was lost. Blank, it is blank."""
    ids = field_ids("appeals", "2021")
    one_line = (Word("9", (20.0, 100.0, 30.0, 120.0), 0.99),)
    tall, blank = Cell(2, 3, 2, 1, (0.0, 90.0, 60.0, 210.0), one_line), Cell(2, 4, 2, 1, (60.0, 90.0, 120.0, 210.0), ())
    result = MappingResult(
        cells=[MappedCell(ids[0], tall, 2, "", shared_with_rows=1), MappedCell(ids[1], blank, 2, "", 1)]
    )
    fields, cells, _, _ = fill_fields({"appeals": result}, {"appeals": "2021"}, MIN_CONFIDENCE)
    assert fields[ids[0]] is None and cells[ids[0]].status == "unreadable"
    assert "runs into 1 other row" in str(cells[ids[0]].reason)
    assert cells[ids[1]].status == "blank"


def test_a_number_in_a_cell_running_into_another_columns_values_is_unreadable() -> None:
    ids = field_ids("appeals", "2021")
    run_together = mapped(ids[0], "82")
    result = MappingResult(cells=[MappedCell(ids[0], run_together.cell, 2, "", shared_with_columns=1)])
    fields, cells, *_ = fill_fields({"appeals": result}, {"appeals": "2021"}, MIN_CONFIDENCE)
    assert fields[ids[0]] is None and cells[ids[0]].status == "unreadable"  # never 82
    assert "runs into 1 other column(s)" in str(cells[ids[0]].reason)


@pytest.mark.parametrize(
    ("shape", "reason"),
    [
        (SIGN_SPECK_SHAPE, "beside a mark where a minus sign would be"),
        (NO_SIGN_SHAPE, "with no sign on a fax page"),
        (OPEN_SIX_SHAPE, "with no sign on a fax page"),  # a 6 told by its shape has no sign either
    ],
)
def test_a_fax_s_signed_number_read_with_no_sign_is_unsure(shape: str, reason: str) -> None:
    def fax_cell(field_id: str, text: str) -> MappedCell:
        words = (Word(text, (0.0, 0.0, 9.0, 9.0), 0.99, shape=shape),)
        return MappedCell(field_id, Cell(2, 3, 1, 1, (100.0, 200.0, 160.0, 240.0), words), page=3, header="")

    change, zero, count = (
        "proactive.licensing.items_change",
        "proactive.penalty.items_change",
        "proactive.licensing.items_last_year",
    )
    result = MappingResult(cells=[fax_cell(change, "2"), fax_cell(zero, "0"), fax_cell(count, "2")])
    fields, cells, _, _ = fill_fields({"proactive": result}, {"proactive": "2019"}, MIN_CONFIDENCE)
    assert fields[change] is None and cells[change].status == "unsure" and reason in str(cells[change].reason)
    assert fields[zero] == 0 and fields[count] == 2  # a 0 has no sign to lose; a count has none


def test_a_number_read_from_parts_far_apart_is_unreadable() -> None:
    ids = field_ids("appeals", "2021")

    def cell(field_id: str, shape: str) -> MappedCell:
        words = (Word("1477", (0.0, 0.0, 90.0, 9.0), 0.99, shape=shape),)
        return MappedCell(field_id, Cell(2, 3, 1, 1, (100.0, 200.0, 200.0, 240.0), words), page=3, header="")

    result = MappingResult(cells=[cell(ids[0], APART_SHAPE), cell(ids[1], "")])
    fields, cells, *_ = fill_fields({"appeals": result}, {"appeals": "2021"}, MIN_CONFIDENCE)
    assert fields[ids[0]] is None and cells[ids[0]].status == "unreadable"  # never 1477
    assert "parts far apart" in str(cells[ids[0]].reason)
    assert fields[ids[1]] == 1477  # one number's digits stand close


@pytest.mark.parametrize(("text", "value"), [("0.00", 0.0), ("0.0", 0.0), ("0.50", None), ("00.00", None)])
def test_a_zero_with_its_decimal_places_read_whole_from_parts_far_apart_is_zero(text: str, value) -> None:
    """Fax 8806_001: table 二's fees printed 0.00, its zeros broken into arcs, read whole but its print in
    parts far apart: 0 however it parted. Any other number so read may be two side by side."""
    field_id = "proactive.fees.amount_10k_yuan"
    words = (Word(text, (0.0, 0.0, 90.0, 9.0), 0.99, shape=APART_SHAPE),)
    cell = MappedCell(field_id, Cell(2, 3, 1, 1, (100.0, 200.0, 200.0, 240.0), words), page=3, header="")
    fields, cells, *_ = fill_fields({"proactive": MappingResult(cells=[cell])}, {"proactive": "2021"}, MIN_CONFIDENCE)
    assert fields[field_id] == value
    assert cells[field_id].status == ("ok" if value is not None else "unreadable")


def test_a_number_with_a_1_read_less_surely_than_the_1s_own_cut_is_unsure() -> None:
    """A 4 that lost its bar, or a 7 its top, leaves a stroke read 1 unsurely: kept above the cut, it is
    a wrong number. Other digits read as unsurely, and a 1 read surely, are kept."""
    ids = field_ids("appeals", "2021")
    result = MappingResult(cells=[
        mapped(ids[0], "1", confidence=0.56), mapped(ids[1], "81", confidence=0.89),
        mapped(ids[2], "0", confidence=0.72), mapped(ids[3], "23", confidence=0.6),
        mapped(ids[4], "1", confidence=0.9), mapped(ids[5], "14", confidence=0.97),
    ])  # fmt: skip
    fields, cells, *_ = fill_fields({"appeals": result}, {"appeals": "2021"}, MIN_CONFIDENCE)
    assert [fields[fid] for fid in ids[:6]] == [None, None, 0, 23, 1, 14]
    assert cells[ids[1]].status == "unsure" and "may be a 4 or a 7" in str(cells[ids[1]].reason)
    assert cells[ids[1]].text == "81" and cells[ids[2]].status == "ok"
