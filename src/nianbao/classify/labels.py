"""The label spaces the header classifier predicts into, one per (table, axis).

A row or column label of a printed table is classified into one of these keys; ``nianbao.extract``
composes keys into the canonical field ids of ``fields.tsv``:

- requests:  ``requests.<row key>.<column key>``
- proactive: ``proactive.<row key>.<column key>``
- appeals:   ``appeals.<group key>.<leaf key>`` where the column header path holds a group key
  (``review``, ``litigation_direct``, ``litigation_after_review``; ``litigation`` is the parent
  行政诉讼 that only appears above the two litigation groups) and a leaf key (``upheld`` …).
"""

from __future__ import annotations

from nianbao.fields import REQUEST_COLUMNS, all_fields

REQUEST_ROWS = tuple(
    dict.fromkeys(
        s.field_id.removeprefix("requests.").rpartition(".")[0]
        for s in all_fields()
        if s.table == "requests"
    )
)
PROACTIVE_ROWS = (
    "regulations",
    "normative_documents",
    "licensing",
    "other_services",
    "penalty",
    "coercion",
    "fees",
    "procurement",
)
PROACTIVE_COLUMNS = (
    "issued",
    "repealed",
    "in_force",
    "new_made",
    "new_published",
    "total_published",
    "items_last_year",
    "items_change",
    "decisions",
    "amount_10k_yuan",
    "projects",
    "amount",
)
APPEALS_GROUPS = ("review", "litigation", "litigation_direct", "litigation_after_review")
APPEALS_LEAVES = ("upheld", "corrected", "other", "pending", "total")

LABEL_SPACES: dict[tuple[str, str], tuple[str, ...]] = {
    ("requests", "row"): REQUEST_ROWS,
    ("requests", "column"): REQUEST_COLUMNS,
    ("proactive", "row"): PROACTIVE_ROWS,
    ("proactive", "column"): PROACTIVE_COLUMNS,
    ("appeals", "column"): APPEALS_GROUPS + APPEALS_LEAVES,
}
