"""Placing table 三's rows by the template's row order, by key alone."""

from nianbao.assemble.row_order import keys_by_row_order

FEE_UNPAID, FORWARD = "result.other.fee_unpaid", "carried_forward"


def test_a_run_of_unread_rows_takes_the_keys_the_order_leaves_between_its_neighbours():
    """A fax's 3.其他 read "11" and 七、合计 read "L·行il" between 2.申请人逾期… and 四、结转下年度继续办理."""
    assert keys_by_row_order([FEE_UNPAID, None, None, FORWARD]) == {1: "result.other.other", 2: "result.total"}


def test_a_run_longer_than_the_order_leaves_is_a_row_split_or_stray_and_is_not_placed():
    assert keys_by_row_order([FEE_UNPAID, None, None, None, FORWARD]) == {}


def test_a_run_is_placed_by_the_one_version_whose_order_leaves_as_many_rows():
    """Between 5.要求…确认 and 四、结转 only the 2019 order leaves two rows: （六）其他处理 printed as one."""
    confirm = "result.not_processed.confirm_or_reissue"
    assert keys_by_row_order([confirm, None, None, FORWARD]) == {1: "result.other.unsplit", 2: "result.total"}


def test_a_key_the_text_placed_elsewhere_is_not_placed_again():
    assert keys_by_row_order(["result.total", FEE_UNPAID, None, None, FORWARD]) == {}


def test_a_run_at_the_table_s_edge_has_no_neighbour_to_count_from():
    assert keys_by_row_order([None, None, FORWARD]) == {}
    assert keys_by_row_order([FEE_UNPAID, None, None]) == {}
