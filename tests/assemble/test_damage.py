from nianbao.assemble.damage import distrust_damaged_fax_pages
from nianbao.model import (
    LIKE_ZEROS_SHAPE,
    NO_SIGN_SHAPE,
    OPEN_ZERO_SHAPE,
    ROUND_ZERO_SHAPE,
    THICKENED_ZERO_SHAPE,
    Cell,
    Page,
    Table,
    Word,
)
from nianbao.ocr.fax_drawing import DRAWN_CONFIDENCE
from nianbao.report import BLANK, DASH, OK, UNSURE, CellReading

MIN_CONFIDENCE = 0.5


def _cells(page, ok, unsure, blank=0, dash=0):
    cells = {}
    for i in range(ok):
        cells[f"p{page}.ok{i}"] = CellReading(OK, page, (0, 0, 1, 1), "4", 0.95)
    for i in range(unsure):
        cells[f"p{page}.unsure{i}"] = CellReading(UNSURE, page, (0, 0, 1, 1), "()", 0.4, reason="read '()'")
    for i in range(blank):
        cells[f"p{page}.blank{i}"] = CellReading(BLANK, page, (0, 0, 1, 1), "", 0.0)
    for i in range(dash):
        cells[f"p{page}.dash{i}"] = CellReading(DASH, page, (0, 0, 1, 1), "—", 0.99)
    return cells


def test_sure_readings_of_a_fax_page_that_lost_most_of_its_cells_are_left_null():
    pages = [Page(n, 100, 100, 200, fax=True) for n in (1, 2, 3)]
    cells = {**_cells(1, ok=3, unsure=8, blank=1), **_cells(2, ok=6, unsure=4), **_cells(3, ok=2, unsure=8, dash=20)}
    fields = {fid: (4 if cell.status == OK else None) for fid, cell in cells.items()}
    fields, cells, warnings = distrust_damaged_fax_pages(pages, fields, cells, MIN_CONFIDENCE)
    assert [fields[f"p1.ok{i}"] for i in range(3)] == [None, None, None]
    assert {cells[f"p1.ok{i}"].status for i in range(3)} == {UNSURE}
    assert "8 of 12 cells" in cells["p1.ok0"].reason and cells["p1.ok0"].text == "4"  # what was read stays
    assert cells["p1.blank0"].status == BLANK  # a blank cell was read surely: blank
    assert [fields[f"p2.ok{i}"] for i in range(6)] == [4] * 6  # 4 of 10 doubtful: kept
    assert [fields[f"p3.ok{i}"] for i in range(2)] == [4] * 2  # dashes read surely: 8 of 30 doubtful
    assert warnings == ["page 1: " + cells["p1.ok0"].reason]


def test_sure_plain_numbers_with_no_4_and_not_only_1s_and_very_sure_lone_1s_are_kept_on_such_a_page():
    pages = [Page(1, 100, 100, 200, fax=True)]
    cells = _cells(1, ok=0, unsure=24)  # 24 of 39 doubtful
    readings = {"p1.zero": "0", "p1.long": "296", "p1.six": "6", "p1.seven": "7", "p1.ten": "10", "p1.five": "573"}
    readings |= {"p1.eight": "578", "p1.fourteen": "14", "p1.nine": "4", "p1.eleven": "11"}
    readings |= {"p1.spelled": "二", "p1.decimal": "2.5", "p1.zero_amount": "0.00"}  # a 51 read as 二
    confidences = {"p1.sure_one": 0.97, "p1.one": 0.96}  # a bare 4 reads as a 1, less surely
    for fid, text in readings.items():
        cells[fid] = CellReading(OK, 1, (0, 0, 1, 1), text, 0.99)
    for fid, confidence in confidences.items():
        cells[fid] = CellReading(OK, 1, (0, 0, 1, 1), "1", confidence)
    fields = {fid: None for fid in cells} | {fid: 1 for fid in (*readings, *confidences)}
    fields, cells, warnings = distrust_damaged_fax_pages(pages, fields, cells, MIN_CONFIDENCE)
    kept = ("p1.zero", "p1.long", "p1.six", "p1.seven", "p1.ten", "p1.five", "p1.sure_one", "p1.zero_amount")
    assert [fields[fid] for fid in kept] == [1] * 8
    distrusted = ("p1.eight", "p1.fourteen", "p1.nine", "p1.eleven", "p1.spelled", "p1.decimal", "p1.one")
    assert [fields[fid] for fid in distrusted] == [None] * 7
    assert cells["p1.one"].status == UNSURE and "a lone 1 read very surely" in cells["p1.one"].reason
    assert cells["p1.six"].status == OK and len(warnings) == 1


def test_a_scanned_page_is_never_judged_so():
    pages = [Page(1, 100, 100, 200)]
    cells = _cells(1, ok=1, unsure=9)
    fields = {fid: None for fid in cells} | {"p1.ok0": 4}
    assert distrust_damaged_fax_pages(pages, fields, cells, MIN_CONFIDENCE) == (fields, cells, [])


def test_zeros_told_by_their_shape_are_kept_and_those_read_as_strokes_count_as_damage():
    boxes = [(10.0 * i, 0.0, 10.0 * i + 9, 9.0) for i in range(6)]
    shapes = [OPEN_ZERO_SHAPE] * 3 + [THICKENED_ZERO_SHAPE] * 2 + [ROUND_ZERO_SHAPE]
    zeros = tuple(
        Cell(0, i, 1, 1, box, (Word("0", box, 0.95, shape=shape),)) for i, (box, shape) in enumerate(zip(boxes, shapes))
    )
    page = Page(1, 100, 100, 200, tables=(Table(1, (0.0, 0.0, 60.0, 9.0), 1, 6, zeros),), fax=True)
    cells = _cells(1, ok=3, unsure=2)
    cells |= {f"zero{i}": CellReading(OK, 1, box, "0", 0.95) for i, box in enumerate(boxes)}
    fields = {fid: (0 if fid.startswith("zero") else 4 if cell.status == OK else None) for fid, cell in cells.items()}
    fields, cells, warnings = distrust_damaged_fax_pages([page], fields, cells, MIN_CONFIDENCE)
    assert "7 of 11 cells" in warnings[0]  # 2 unsure, the 3 zeros some reading saw as strokes, the 2 thickened
    assert [fields[f"p1.ok{i}"] for i in range(3)] == [None] * 3
    assert [fields[f"zero{i}"] for i in range(6)] == [0] * 6 and cells["zero5"].status == OK


def test_zeros_told_by_their_likeness_to_the_page_s_zeros_count_as_damage_and_are_kept():
    boxes = [(10.0 * i, 0.0, 10.0 * i + 9, 9.0) for i in range(4)]
    zeros = tuple(Cell(0, i, 1, 1, box, (Word("0", box, 0.9, shape=LIKE_ZEROS_SHAPE),)) for i, box in enumerate(boxes))
    page = Page(1, 100, 100, 200, tables=(Table(1, (0.0, 0.0, 40.0, 9.0), 1, 4, zeros),), fax=True)
    cells = _cells(1, ok=3, unsure=3)
    cells |= {f"zero{i}": CellReading(OK, 1, box, "0", 0.9) for i, box in enumerate(boxes)}
    fields = {fid: (0 if fid.startswith("zero") else 4 if cell.status == OK else None) for fid, cell in cells.items()}
    fields, cells, warnings = distrust_damaged_fax_pages([page], fields, cells, MIN_CONFIDENCE)
    assert "7 of 10 cells" in warnings[0]  # 3 unsure and the 4 zeros told by likeness alone
    assert [fields[f"p1.ok{i}"] for i in range(3)] == [None] * 3
    assert [fields[f"zero{i}"] for i in range(4)] == [0] * 4 and cells["zero0"].status == OK


def test_signed_numbers_left_null_only_for_a_minus_a_fax_may_have_lost_are_no_damage():
    boxes = [(10.0 * i, 0.0, 10.0 * i + 9, 9.0) for i in range(3)]
    unsigned = tuple(
        Cell(0, i, 1, 1, box, (Word("2", box, conf, shape=NO_SIGN_SHAPE),))
        for i, (box, conf) in enumerate(zip(boxes, (0.99, 0.99, 0.3)))
    )
    page = Page(1, 100, 100, 200, tables=(Table(1, (0.0, 0.0, 30.0, 9.0), 1, 3, unsigned),), fax=True)
    cells = _cells(1, ok=2, unsure=2)
    reason = "read '2' with no sign on a fax page"
    cells |= {
        f"change{i}": CellReading(UNSURE, 1, box, "2", c.words[0].confidence, reason=reason)
        for i, (box, c) in enumerate(zip(boxes, unsigned))
    }
    fields = {fid: (4 if cell.status == OK else None) for fid, cell in cells.items()}
    kept, _, warnings = distrust_damaged_fax_pages([page], fields, cells, MIN_CONFIDENCE)
    assert warnings == [] and kept == fields  # 3 of 7 doubtful: the 2 unsure and the change read unsurely
    for fid in ("p1.ok0", "p1.ok1"):
        cells[fid], fields[fid] = CellReading(UNSURE, 1, (0, 0, 1, 1), "()", 0.4), None
    _, _, warnings = distrust_damaged_fax_pages([page], fields, cells, MIN_CONFIDENCE)
    assert "5 of 7 cells" in warnings[0]


def test_numbers_confirmed_by_their_drawing_are_kept_and_those_read_unsurely_count_as_damage():
    boxes = [(10.0 * i, 0.0, 10.0 * i + 9, 9.0) for i in range(4)]
    confidences = [DRAWN_CONFIDENCE, DRAWN_CONFIDENCE, 0.99, 0.99]  # two were unsure until drawn, two sure
    numbers = tuple(
        Cell(0, i, 1, 1, box, (Word("46", box, conf, drawn=True),))
        for i, (box, conf) in enumerate(zip(boxes, confidences))
    )
    page = Page(1, 100, 100, 200, tables=(Table(1, (0.0, 0.0, 40.0, 9.0), 1, 4, numbers),), fax=True)
    cells = _cells(1, ok=2, unsure=4)
    cells |= {f"drawn{i}": CellReading(OK, 1, box, "46", conf) for i, (box, conf) in enumerate(zip(boxes, confidences))}
    fields = {fid: (46 if fid.startswith("drawn") else 4 if cell.status == OK else None) for fid, cell in cells.items()}
    fields, cells, warnings = distrust_damaged_fax_pages([page], fields, cells, MIN_CONFIDENCE)
    assert "6 of 10 cells" in warnings[0]  # 4 unsure and the 2 read unsurely until their drawing confirmed them
    assert [fields[f"p1.ok{i}"] for i in range(2)] == [None] * 2  # sure, but confirmed by nothing
    assert [fields[f"drawn{i}"] for i in range(4)] == [46] * 4 and cells["drawn0"].status == OK
