"""Printed wordings of the table labels, with the variants and typos real reports carry. The wordings
themselves are the template's printed labels (``nianbao/template/labels.tsv``); this module restyles them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from nianbao.template import Template

_NUMBERED = re.compile(r"^\s*\d+\s*[.、．]\s*")  # "1. " before a sub-item of (三)…(六)
_GROUP = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*(.+)$")  # （三）不予公开

APPLICANT_TEXT = {
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "social_welfare_org": "社会公益组织",
    "legal_service_org": "法律服务机构",
    "other_org": "其他",
}


@dataclass(frozen=True)
class LabelStyle:
    """One report's wording habits."""

    paren: tuple[str, str]  # （一） or (一)
    item_sep: str  # "1." "1、" "1. "
    quotes: tuple[str, str]  # around 三安全一稳定
    typo_legal: str  # 其他法律行政法规禁止公开 and its variants
    typo_internal: bool  # 内容事务 for 内部事务
    typo_process: bool  # 过程性性信息
    only_this: str  # 只计这一情形 / 只计这一情况
    total_word: str  # 总计 / 合计
    seventh_style: str  # "paren" （七）总计 or "chinese" 七、总计
    forward_text: str
    social_org: str  # 社会公益组织 / 社会组织
    legal_person: str  # 法人或其他组织 / 法人或者其他组织
    spaced_columns: bool  # 自 然 人
    issued_word: str  # 本年制发件数 / 本年新制发件数
    repealed_word: str  # 本年废止件数 / 本年度止件数
    fee_word: str  # 本年收费金额 / 半年收费金额
    break_appeal_labels: bool  # 结果\n维持


def draw_label_style(rng: np.random.Generator, typos: bool) -> LabelStyle:
    def pick(options: list[str], weights: list[float]) -> str:
        return str(rng.choice(options, p=np.array(weights) / sum(weights)))

    t = 1.0 if typos else 0.0
    return LabelStyle(
        paren=("（", "）") if rng.random() < 0.7 else ("(", ")"),
        item_sep=pick(["1.", "1、", "1. "], [5, 2 + 2 * t, 1]).replace("1", ""),
        quotes=[("“", "”"), ('"', '"'), ("", "")][int(rng.choice(3, p=[0.7, 0.15, 0.15]))],
        typo_legal=pick(["其他法律行政法规禁止公开", "其他法律法规禁止公开", "其他法律行政止公开"], [6, 1 + t, 3 * t]),
        typo_internal=bool(rng.random() < 0.25 * t),
        typo_process=bool(rng.random() < 0.25 * t),
        only_this=pick(["只计这一情形", "只计这一情况"], [3, 1]),
        total_word=pick(["总计", "合计"], [6, 1]),
        seventh_style=pick(["paren", "chinese"], [5, 1]),
        forward_text=pick(["四、结转下年度继续办理", "四、结转下一年度继续办理"], [5, 1]),
        social_org=pick(["社会公益组织", "社会组织"], [4, 1]),
        legal_person=pick(["法人或其他组织", "法人或者其他组织"], [4, 1]),
        spaced_columns=bool(rng.random() < 0.3),
        issued_word=pick(["本年制发件数", "本年新制发件数"], [4, 1]),
        repealed_word=pick(["本年废止件数", "本年度止件数"], [6, 3 * t]),
        fee_word=pick(["本年收费金额", "半年收费金额"], [6, 2 * t]),
        break_appeal_labels=bool(rng.random() < 0.5),
    )


def spaced(text: str, on: bool) -> str:
    return " ".join(text) if on and len(text) <= 4 else text


def group_label(style: LabelStyle, group: str, template: Template) -> str:
    """The label of group ``group`` of table 三 (（三）不予公开 …), from the context its items are printed in."""
    number, text = _group_text(group, template)
    return f"{style.paren[0]}{number}{style.paren[1]}{text}"


def _group_text(group: str, template: Template) -> tuple[str, str]:
    for label in template.printed_labels:
        if (label.table, label.axis) == ("requests", "row") and label.key.startswith(f"result.{group}."):
            found = _GROUP.match(label.group)
            if found:
                return found.group(1), found.group(2)
    raise KeyError(f"labels.tsv prints no group label above the result.{group} rows")


def item_label(style: LabelStyle, row: str, index: int, template: Template) -> str:
    """The printed label of a sub-item row of (三)…(六), ``index`` counting from 1."""
    text = _NUMBERED.sub("", template.printed_label("requests", "row", row).text)
    if row == "result.withheld.legal_prohibition":
        text = style.typo_legal
    elif row == "result.withheld.security_stability":
        text = f"危及{style.quotes[0]}三安全一稳定{style.quotes[1]}"
    elif row == "result.withheld.internal_affairs" and style.typo_internal:
        text = "属于三类内容事务信息"
    elif row == "result.withheld.process_information" and style.typo_process:
        text = "属于四类过程性性信息"
    return f"{index}{style.item_sep}{text}"


def simple_row_label(style: LabelStyle, row: str, template: Template) -> str:
    """Rows of table 三 that are not inside a (三)…(六) group: the rows every version prints in this
    report's style, any other as the template prints it."""
    p0, p1 = style.paren
    if row == "new_received":
        return "一、本年新收政府信息公开申请数量"
    if row == "carried_over":
        return "二、上年结转政府信息公开申请数量"
    if row == "carried_forward":
        return style.forward_text
    if row == "result.disclosed":
        return f"{p0}一{p1}予以公开"
    if row == "result.partially_disclosed":
        return f"{p0}二{p1}部分公开（区分处理的，{style.only_this}，不计其他情形）"
    if row == "result.other.unsplit":
        return f"{p0}六{p1}其他处理"
    if row == "result.total":
        return f"七、{style.total_word}" if style.seventh_style == "chinese" else f"{p0}七{p1}{style.total_word}"
    return template.printed_label("requests", "row", row).text
