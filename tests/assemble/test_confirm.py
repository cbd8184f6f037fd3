"""Unsure numbers confirmed by the identities, and those left null."""

from nianbao.assemble.confirm import confirmed_by_identities
from nianbao.report import BLANK, OK, UNSURE, CellReading

COLUMNS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
           "legal_service_org", "other_org", "total"]  # fmt: skip


def _row(row, values, unsure):
    """Fields and cells of one table 三 row (I3: its six applicant columns add up to its total); the
    columns in ``unsure`` read unsurely as the text given for them."""
    fields, cells = {}, {}
    for column, value in zip(COLUMNS, values):
        field_id = f"requests.{row}.{column}"
        if column in unsure:
            fields[field_id] = None
            cells[field_id] = CellReading(UNSURE, 1, None, unsure[column], 0.49, "read unsurely: left null")
        elif value is None:
            fields[field_id], cells[field_id] = None, CellReading(BLANK, 1, None, "", 0.0)
        else:
            fields[field_id], cells[field_id] = value, CellReading(OK, 1, None, str(value), 0.99)
    return fields, cells


def test_a_total_read_unsurely_that_its_sure_parts_add_up_to_is_kept_and_says_so():
    fields, cells = confirmed_by_identities(*_row("new_received", [3, 0, 5, 0, 0, 0, None], {"total": "8"}))
    total = cells["requests.new_received.total"]
    assert fields["requests.new_received.total"] == 8
    assert total.status == OK and total.confidence == 0.49 and "I3" in total.reason


def test_a_part_read_unsurely_is_kept_where_the_total_and_the_other_parts_hold_with_it():
    fields, _ = confirmed_by_identities(
        *_row("new_received", [3, None, 5, 0, 0, 0, 10], {"commercial_enterprise": "2"})
    )
    assert fields["requests.new_received.commercial_enterprise"] == 2


def test_a_reading_the_equation_does_not_hold_with_stays_null():
    fields, cells = confirmed_by_identities(*_row("new_received", [3, 0, 5, 0, 0, 0, None], {"total": "9"}))
    assert fields["requests.new_received.total"] is None and cells["requests.new_received.total"].status == UNSURE


def test_a_total_copying_its_one_non_zero_part_is_not_confirmed_by_it():
    """A fax's 4 read "1" in a part and again in its total: the equation holds, and proves nothing."""
    fields, _ = confirmed_by_identities(*_row("new_received", [1, 0, 0, 0, 0, 0, None], {"total": "1"}))
    assert fields["requests.new_received.total"] is None


def test_a_zero_beside_zeros_alone_is_not_confirmed_by_them():
    fields, _ = confirmed_by_identities(*_row("new_received", [0, 0, 0, 0, 0, 0, None], {"total": "0"}))
    assert fields["requests.new_received.total"] is None
    fields, _ = confirmed_by_identities(*_row("new_received", [None, 2, 0, 0, 0, 3, 5], {"natural_person": "0"}))
    assert fields["requests.new_received.natural_person"] == 0


def test_a_blank_or_a_second_unsure_operand_leaves_the_equation_unused():
    blank = _row("new_received", [3, None, 5, 0, 0, 0, None], {"total": "8"})
    assert confirmed_by_identities(*blank)[0]["requests.new_received.total"] is None
    two = _row("new_received", [3, 0, 5, 0, 0, None, None], {"other_org": "0", "total": "8"})
    assert confirmed_by_identities(*two)[0]["requests.new_received.total"] is None


def test_a_reading_that_is_no_plain_number_is_not_confirmed():
    for text in ("8?", "08"):
        fields, _ = confirmed_by_identities(*_row("new_received", [3, 0, 5, 0, 0, 0, None], {"total": text}))
        assert fields["requests.new_received.total"] is None


def test_a_number_confirmed_makes_another_equation_confirmable():
    """I1 per column: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度. 结转下年度's total is confirmed by I1
    only once 本年新收's total is, by I3 (its own row holds a reading that is no number)."""
    fields, cells = {}, {}
    rows = {
        "new_received": ([3, 0, 5, 0, 0, 0, None], {"total": "8"}),
        "carried_over": ([1, 0, 1, 0, 0, 0, 2], {}),
        "result.total": ([4, 0, 6, 0, 0, 0, 10], {}),
        "carried_forward": ([0, 0, None, 0, 0, 0, None], {"research_institution": "x?", "total": "0"}),
    }
    for row, (values, unsure) in rows.items():
        row_fields, row_cells = _row(row, values, unsure)
        fields.update(row_fields)
        cells.update(row_cells)
    confirmed, readings = confirmed_by_identities(fields, cells)
    assert confirmed["requests.new_received.total"] == 8
    assert (
        confirmed["requests.carried_forward.total"] == 0 and "I1" in readings["requests.carried_forward.total"].reason
    )
    assert confirmed["requests.carried_forward.research_institution"] is None
