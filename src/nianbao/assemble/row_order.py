"""Table 三's rows its labels could not name, placed by the template's fixed row order. Pure functions
over row keys (None where the text named no row)."""

from __future__ import annotations

from collections import Counter

from nianbao.template import default_template

# Rows in a run the text could not name that the row order may place by counting (one row alone is placed
# by the order's one key between its neighbours).
MIN_UNREAD_RUN = 2
MAX_UNREAD_RUN = 3


def row_orders() -> list[list[str]]:
    """Table 三's row order in each template version."""
    template = default_template()
    return [template.rows("requests", version) for version in template.version_names]


def keys_by_row_order(keys: list[str | None]) -> dict[int, str]:
    """The rows (by index) the order places, with their keys: a row the text could not place, alone
    between two placed neighbours, takes the one key the order leaves there (e.g. a smudged
    3.危及“三安全一稳定” between 2. and 4.). So too a row the text placed as another row's key, out of the
    order there: a fax's 属于过程性信息 read 属于国起作性性信息, named 属于国家秘密 below 属于三类内部事务信息
    (fax seed 2406). Then runs of unplaced rows (``_unread_runs``)."""
    placed: dict[int, str] = {}
    named = Counter(key for key in keys if key)
    orders = row_orders()
    for index in range(1, len(keys) - 1):
        before, current, after = keys[index - 1], keys[index], keys[index + 1]
        if before is None or after is None:
            continue
        between = {run[0] for run in _runs_between(orders, before, after, 1)}
        misplaced = current is not None and named[current] > 1 and current not in between
        if (current is None or misplaced) and len(between) == 1 and not between & named.keys():
            placed[index] = between.pop()
    filled = [placed.get(index, key) for index, key in enumerate(keys)]
    return placed | _unread_runs(filled, orders)


def _unread_runs(keys: list[str | None], orders: list[list[str]]) -> dict[int, str]:
    """A run of two or three rows the text placed none of takes the keys the row order leaves between the
    run's placed neighbours, where the orders leaving as many keys as the run has rows leave the same
    ones (a fax's 3.其他 read "11" and 七、合计 read "L·行il" between 2.申请人逾期未按收费通知… and
    四、结转下年度继续办理). A run of another length is a row lost or split: nothing is placed by counting."""
    placed: dict[int, str] = {}
    named = {key for key in keys if key}
    start = 1
    while start < len(keys) - 1:
        end = start
        while end < len(keys) - 1 and keys[end] is None:
            end += 1
        before, after, count = keys[start - 1], keys[end], end - start
        if MIN_UNREAD_RUN <= count <= MAX_UNREAD_RUN and before is not None and after is not None:
            between = _runs_between(orders, before, after, count)
            run = between.pop() if len(between) == 1 else ()
            if run and not set(run) & named:
                placed.update(zip(range(start, end), run))
        start = end + 1
    return placed


def _runs_between(orders: list[list[str]], before: str, after: str, count: int) -> set[tuple[str, ...]]:
    """The keys each order holding both ``before`` and ``after`` leaves between them, where it leaves
    ``count`` of them."""
    return {
        tuple(order[order.index(before) + 1 : order.index(after)])
        for order in orders
        if before in order and after in order and order.index(after) - order.index(before) == count + 1
    }
