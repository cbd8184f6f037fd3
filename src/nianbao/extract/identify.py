"""Which of the report's tables a ruled table is, and which physical tables form one logical table."""

from __future__ import annotations

from nianbao.model import Table
from nianbao.table.stitch import columns_match, stitch

KEYWORDS = {
    "requests": ("自然人", "商业企业", "科研机构", "法律服务", "本年新收", "上年结转", "予以公开", "不予公开",
                 "无法提供", "不予处理", "其他处理", "结转下年", "国家秘密", "重复申请", "信访", "办理结果"),
    "proactive": ("第二十条", "规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "事业性收费",
                  "制发件数", "废止件数", "现行有效", "处理决定", "集中采购", "信息内容"),
    "appeals": ("行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "直接起诉", "复议后起诉"),
}


def identify(table: Table) -> str | None:
    """'requests', 'proactive', 'appeals' or None, by the template's words found in the table."""
    text = "".join(cell.text for cell in table.cells).replace(" ", "")
    scores = {name: sum(word in text for word in words) for name, words in KEYWORDS.items()}
    best = max(scores, key=lambda name: scores[name])
    return best if scores[best] >= 2 else None


def logical_tables(pages: list[list[Table]]) -> list[tuple[str, Table]]:
    """Identified tables in reading order, a table continued on the next page stitched into one."""
    result: list[tuple[str | None, Table]] = []
    for page_tables in pages:
        for position, table in enumerate(page_tables):
            kind = identify(table)
            if result and position == 0 and _continues(result[-1], kind, table):
                previous_kind, previous = result[-1]
                result[-1] = (previous_kind, stitch(previous, table))
                continue
            result.append((kind, table))
    return [(kind, table) for kind, table in result if kind is not None]


def _continues(previous: tuple[str | None, Table], kind: str | None, table: Table) -> bool:
    previous_kind, previous_table = previous
    if previous_table.page != table.page - 1 and max(previous_table.cell_pages, default=0) != table.page - 1:
        return False
    if kind is not None and previous_kind is not None and kind != previous_kind:
        return False
    return columns_match(previous_table, table)
