from nianbao.checks import identity_field_ids, run_checks
from nianbao.template import field_ids


def _consistent():
    fields = dict.fromkeys(field_ids("requests", "2021"), 0)
    fields.update(dict.fromkeys(field_ids("appeals", "2021"), 0))
    fields["requests.new_received.natural_person"] = 3
    fields["requests.new_received.total"] = 3
    fields["requests.result.disclosed.natural_person"] = 2
    fields["requests.result.disclosed.total"] = 2
    fields["requests.result.total.natural_person"] = 2
    fields["requests.result.total.total"] = 2
    fields["requests.carried_forward.natural_person"] = 1
    fields["requests.carried_forward.total"] = 1
    return fields


def test_consistent_report_passes_every_identity():
    checks = run_checks(_consistent())
    assert checks and all(c.ok for c in checks)
    assert {c.rule for c in checks} == {"I1", "I2", "I3", "I4"}
    assert len([c for c in checks if c.rule == "I1"]) == 7


def test_each_broken_identity_is_reported_and_numbers_kept():
    fields = _consistent()
    fields["appeals.review.upheld"] = 10
    fields["appeals.review.corrected"] = 1
    fields["requests.result.disclosed.commercial_enterprise"] = 1
    checks = run_checks(fields)
    failed = {(c.rule, c.scope) for c in checks if not c.ok}
    assert ("I4", "review") in failed
    assert ("I2", "commercial_enterprise") in failed and ("I3", "result.disclosed") in failed
    assert fields["appeals.review.upheld"] == 10
    i4 = next(c for c in checks if c.rule == "I4" and c.scope == "review")
    assert i4.detail == "10+1+0+0 ≠ 0"


def test_blank_counts_as_zero_but_unreadable_leaves_an_identity_out():
    fields = _consistent()
    fields["requests.carried_over.natural_person"] = None  # printed blank or "-"
    i1 = next(c for c in run_checks(fields) if (c.rule, c.scope) == ("I1", "natural_person"))
    assert i1.ok and i1.detail == "3+- = 2+1"
    checks = run_checks(fields, unreadable={"requests.carried_over.natural_person"})
    scopes = {(c.rule, c.scope) for c in checks}
    assert ("I1", "natural_person") not in scopes and ("I1", "total") in scopes
    assert ("I3", "carried_over") not in scopes and ("I3", "new_received") in scopes


def test_the_fields_an_equation_adds_up():
    fields = _consistent()
    assert identity_field_ids("I1", "total", fields) == (
        "requests.new_received.total", "requests.carried_over.total",
        "requests.result.total.total", "requests.carried_forward.total",
    )  # fmt: skip
    i2 = identity_field_ids("I2", "natural_person", fields)
    assert len(i2) == 21 + 1 and i2[-1] == "requests.result.total.natural_person"
    carried_over = tuple(f for f in fields if f.startswith("requests.carried_over."))
    assert identity_field_ids("I3", "carried_over", fields) == carried_over
    assert len(identity_field_ids("I4", "review", fields)) == 5
    assert identity_field_ids("I9", "review", fields) == () and identity_field_ids("I4", "nowhere", fields) == ()


def test_an_equation_whose_read_operands_already_exceed_the_other_side_fails_whatever_the_unread_hold():
    fields = _consistent()
    fields["requests.result.disclosed.commercial_enterprise"] = 1
    fields["requests.result.other.fee_unpaid.commercial_enterprise"] = 4
    fields["requests.result.total.commercial_enterprise"] = 4
    unread = {"requests.result.partially_disclosed.commercial_enterprise"}
    checks = {(c.rule, c.scope): c for c in run_checks(fields, unreadable=unread)}
    i2 = checks["I2", "commercial_enterprise"]
    assert not i2.ok and i2.detail.startswith("1+?+") and " > 4, whatever the unread (?) hold" in i2.detail
    fields["requests.result.other.fee_unpaid.commercial_enterprise"] = 3  # 1+?+3 = 4 holds with ? = 0
    assert ("I2", "commercial_enterprise") not in {(c.rule, c.scope) for c in run_checks(fields, unreadable=unread)}


def test_an_unread_total_leaves_its_equation_out_unless_the_other_side_falls_short_of_the_rest():
    fields = _consistent()
    unread = {"requests.result.total.natural_person"}
    checks = {(c.rule, c.scope): c for c in run_checks(fields, unreadable=unread)}
    assert ("I2", "natural_person") not in checks and ("I1", "natural_person") not in checks  # 3+0 = ?+1
    fields["requests.carried_forward.natural_person"] = 5  # 3+0 = ?+5 fails whatever ? holds
    checks = {(c.rule, c.scope): c for c in run_checks(fields, unreadable=unread)}
    assert checks["I1", "natural_person"].detail == "3+0 < ?+5, whatever the unread (?) hold"
    assert not checks["I1", "natural_person"].ok
    fields["requests.carried_forward.natural_person"] = 1
    fields["requests.carried_over.natural_person"] = 7  # 3+7 = 2+? may hold: the left side is the whole one
    assert ("I1", "natural_person") not in {(c.rule, c.scope) for c in run_checks(fields, unreadable=unread)}
