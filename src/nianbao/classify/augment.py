"""Systematic variants of labelled examples, generated at training time (seeded, pure).

Each variant applies one to three edits a scan, an OCR engine or a typist makes: dropped or doubled
characters, visually similar characters, spaces and line breaks inside words, truncation (the rest of
the label wrapped into another cell), half/full-width punctuation and digits, quote styles, numbering
styles, the parent group prefixed, provincial notes appended, and the context dropped.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from nianbao.classify.dataset import LabelExample
from nianbao.classify.normalize import CONTEXT_SEPARATOR, normalize_label
from nianbao.classify.query import NONE_CLASS

AUGMENT_VERSION = "1"  # bump when the edits change: it is part of the training-data fingerprint

# Pairs OCR engines confuse on printed Chinese (both directions are used).
SIMILAR_CHARACTERS = (
    "一—",
    "一-",
    "一－",
    "己已",
    "已巳",
    "未末",
    "申中",
    "人入",
    "处外",
    "日曰",
    "土士",
    "大太",
    "理埋",
    "开幵",
    "公分",
    "息忌",
    "请清",
    "权杈",
    "密蜜",
    "项顶",
    "询洵",
    "牲性",
    "确碗",
    "诉拆",
    "复夏",
    "审宙",
    "维堆",
    "纠纟",
    "结给",
    "政玫",
    "法沄",
    "机杌",
    "规观",
    "章竟",
    "件仵",
    "数效",
    "年午",
    "制刮",
    "发友",
    "效敫",
    "决诀",
    "许评",
    "采釆",
    "购构",
    "额颔",
    "元无",
    "三二",
    "八人",
    "十千",
    "计汁",
    "总怠",
    "织识",
    "构沟",
    "科料",
    "自目",
    "然燃",
    "商啇",
    "企仑",
    "业亚",
    "会合",
    "益盖",
)
_SIMILAR: dict[str, list[str]] = {}
for _a, _b in map(tuple, SIMILAR_CHARACTERS):
    _SIMILAR.setdefault(_a, []).append(_b)
    _SIMILAR.setdefault(_b, []).append(_a)

_FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
_HALF_WIDTH = {v: k for k, v in _FULL_WIDTH.items()}
_QUOTE_STYLES = (("“", "”"), ('"', '"'), ("", ""), ("「", "」"), ("‘", "’"))
_LEAF_NUMBERING = ("{n}.", "{n}、", "({n})", "（{n}）", "{n} ", "{n}．", "", "")
_CJK_DIGITS = "一二三四五六七八九"
_GROUP_NUMBERING = ("（{c}）", "({c})", "{c}、", "{c}.", "", "")
_NOTES = ("（设区的市级以上人民政府及其部门应提供相关数据）", "(单位:件)", "（件）", "*", "（注）")

Edit = Callable[[str, random.Random], str]


def drop_character(text: str, rng: random.Random) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(len(text))
    return text[:i] + text[i + 1 :]


def double_character(text: str, rng: random.Random) -> str:
    i = rng.randrange(len(text))
    return text[: i + 1] + text[i:]


def confuse_character(text: str, rng: random.Random) -> str:
    positions = [i for i, ch in enumerate(text) if ch in _SIMILAR]
    if not positions:
        return text
    i = rng.choice(positions)
    return text[:i] + rng.choice(_SIMILAR[text[i]]) + text[i + 1 :]


def insert_spaces(text: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        return " ".join(text)
    i = rng.randrange(1, max(2, len(text)))
    return text[:i] + " " + text[i:]


def insert_line_breaks(text: str, rng: random.Random) -> str:
    step = rng.randint(2, 6)
    return "\n".join(text[i : i + step] for i in range(0, len(text), step))


def truncate_tail(text: str, rng: random.Random) -> str:
    """The end wrapped into another cell: keep at least 60% and 3 characters."""
    keep = max(3, int(len(text) * rng.uniform(0.6, 0.95)))
    return text[:keep] if keep < len(text) else text


def truncate_head(text: str, rng: random.Random) -> str:
    keep = max(3, int(len(text) * rng.uniform(0.65, 0.95)))
    return text[-keep:] if keep < len(text) else text


def switch_width(text: str, rng: random.Random) -> str:
    table = _FULL_WIDTH if rng.random() < 0.5 else _HALF_WIDTH
    return "".join(table.get(ch, ch) for ch in text)


def restyle_quotes(text: str, rng: random.Random) -> str:
    opening, closing = rng.choice(_QUOTE_STYLES)
    for old_open, old_close in _QUOTE_STYLES[:2] + _QUOTE_STYLES[3:]:
        text = text.replace(old_open, "\0").replace(old_close, "\1")
    return text.replace("\0", opening, 1).replace("\0", closing).replace("\1", closing)


def append_note(text: str, rng: random.Random) -> str:
    return text + rng.choice(_NOTES)


def renumber(text: str, rng: random.Random) -> str:
    """Replace the leading numbering with another style (or none) of a random number."""
    bare = normalize_label(text) or text
    if rng.random() < 0.5:
        style = rng.choice(_LEAF_NUMBERING)
        return style.format(n=rng.randint(1, 8)) + bare
    style = rng.choice(_GROUP_NUMBERING)
    return style.format(c=rng.choice(_CJK_DIGITS)) + bare


LEAF_EDITS: tuple[Edit, ...] = (
    drop_character,
    double_character,
    confuse_character,
    truncate_tail,
    truncate_head,
    renumber,
    append_note,
    restyle_quotes,
)
SURFACE_EDITS: tuple[Edit, ...] = (insert_spaces, insert_line_breaks, switch_width, confuse_character, restyle_quotes)
# Negatives keep their length: a truncated negative (其他结果 -> 其他) could be a real label.
NEGATIVE_EDITS: tuple[Edit, ...] = (double_character, confuse_character, insert_spaces, switch_width)


@dataclass(frozen=True)
class AugmentSettings:
    variants_per_class: int = 60
    negative_variants: int = 2
    parent_prefix_rate: float = 0.2
    drop_context_rate: float = 0.4
    noise_per_space: int = 150  # random-character negatives per label space
    seed: int = 0


def _parent(context: str) -> str:
    parts = [p.strip() for p in context.split(CONTEXT_SEPARATOR) if p.strip()]
    return parts[-1] if parts else ""


def variant(example: LabelExample, rng: random.Random, settings: AugmentSettings) -> LabelExample:
    """One edited copy of a positive example."""
    text = example.text
    for edit in rng.sample(LEAF_EDITS, rng.randint(1, 2)):
        text = edit(text, rng)
    parent = _parent(example.context)
    if parent and rng.random() < settings.parent_prefix_rate:
        text = parent + rng.choice(("", " ", "\n")) + text
    if rng.random() < 0.6:
        text = rng.choice(SURFACE_EDITS)(text, rng)
    context = "" if rng.random() < settings.drop_context_rate else example.context
    return replace(example, text=text, context=context)


def negative_variant(example: LabelExample, rng: random.Random) -> LabelExample:
    return replace(example, text=rng.choice(NEGATIVE_EDITS)(example.text, rng))


def augment(examples: Sequence[LabelExample], settings: AugmentSettings) -> list[LabelExample]:
    """The examples plus their variants: about ``variants_per_class`` per key, shared among the key's
    examples, and ``negative_variants`` per negative."""
    rng = random.Random(settings.seed)
    per_key: dict[str, int] = {}
    for example in examples:
        per_key[example.key] = per_key.get(example.key, 0) + 1
    out = list(examples)
    for example in examples:
        if example.key == NONE_CLASS:
            out.extend(negative_variant(example, rng) for _ in range(settings.negative_variants))
        else:
            count = -(-settings.variants_per_class // per_key[example.key])
            out.extend(variant(example, rng, settings) for _ in range(count))
    return out


def noise_negatives(alphabet: str, count: int, seed: int) -> list[str]:
    """Random character strings (OCR noise) drawn from ``alphabet``: 1 to 8 characters."""
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(count)]
