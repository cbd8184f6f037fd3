"""``codebook.csv``: what every field id of the outputs means (fields.tsv, with the table named in Chinese)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from nianbao.export.atomic import atomic_open
from nianbao.export.escape import safe_row
from nianbao.template import all_fields

CSV_ENCODING = "utf-8-sig"
TABLE_NAMES_ZH = {
    "proactive": "表二 主动公开政府信息情况",
    "requests": "表三 收到和处理政府信息公开申请情况",
    "appeals": "表四 政府信息公开行政复议、行政诉讼情况",
}
CODEBOOK_COLUMNS = ("field_id", "label_zh", "table", "table_zh", "templates", "type")


def codebook_rows() -> Iterator[list[str]]:
    """One row per field id, in fields.tsv order; ``templates`` lists the versions that have the field."""
    for spec in all_fields():
        yield [spec.field_id, spec.label_zh, spec.table, TABLE_NAMES_ZH.get(spec.table, ""),
               ";".join(spec.versions), spec.type]  # fmt: skip


def write_codebook(path: Path) -> None:
    with atomic_open(path, encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CODEBOOK_COLUMNS)
        writer.writerows(safe_row(row) for row in codebook_rows())
