"""Rows a table lost every rule between, told by its row labels' lines. Pure.

A fax or a faint scan can lose a table's row rules and most of its column rules, leaving one grid row
whose label cell holds a line for each row (信息内容 / 规章 / 行政规范性文件) and whose value cells hold
the header over their numbers (本年废止件数 / 0 / 8), a blank cell no line at its row's level. A person
reads the rows by the label's lines: each value lies level with one of them. Such a row is cut midway
between its label's lines where every other line of the row lies level with one (within LEVEL_SLACK of a
line's height), every level after the first holds a number, and the first holds a number or a header
over each column that holds anything. A wrapped label fails this: the numbers beside it lie between its
lines, or level with its last line alone, under no header. The remains of the lost rules, read as dots
or dashes between the levels, are no value and are left out (fax 11705_001, table 二: 10 fields).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from statistics import median

from nianbao.model import Cell, Word
from nianbao.table.layout import has_cjk

LEVEL_SLACK = 0.5  # of a line's height: how far a line may lie from its label line's level


def level_cuts(row_cells: Sequence[Cell]) -> tuple[list[float], frozenset[int]]:
    """Where (page y) to cut a grid row whose cells (``row_cells``, left to right, each one row tall) line
    up with its label's lines, and the ids (``id``) of the marks between the levels to leave out; no cuts
    where they do not."""
    if len(row_cells) < 2 or not all(cell.rowspan == 1 for cell in row_cells):
        return [], frozenset()
    label, values = row_cells[0], row_cells[1:]
    labels = sorted(label.words, key=lambda word: word.bbox[1])
    if len(labels) < 2 or not all(has_cjk(word.text) for word in labels):
        return [], frozenset()
    levels = [_middle(word) for word in labels]
    slack = LEVEL_SLACK * median(word.bbox[3] - word.bbox[1] for word in labels)
    at_level: list[list[tuple[Cell, Word]]] = [[] for _ in levels]
    marks = set()
    for cell in values:
        for word in cell.words:
            nearest = min(range(len(levels)), key=lambda k: abs(_middle(word) - levels[k]))
            if abs(_middle(word) - levels[nearest]) <= slack:
                at_level[nearest].append((cell, word))
            elif _mark(word.text):
                marks.add(id(word))
            else:
                return [], frozenset()
    if not _lines_up(at_level, values):
        return [], frozenset()
    return [(above + below) / 2 for above, below in pairwise(levels)], frozenset(marks)


def _lines_up(at_level: list[list[tuple[Cell, Word]]], values: Sequence[Cell]) -> bool:
    """Whether every level after the first holds a number and nothing else but marks, and the first a
    number or a header over every value cell holding anything."""
    for level, found in enumerate(at_level):
        numbers = [word for _, word in found if _number(word.text)]
        others = [word for _, word in found if not _number(word.text) and not _mark(word.text)]
        if level and (not numbers or others):
            return False
    first = at_level[0]
    if any(_number(word.text) for _, word in first):
        return True
    headed = {id(cell) for cell, word in first if has_cjk(word.text)}
    return all(id(cell) in headed for cell in values if cell.words)


def _middle(word: Word) -> float:
    return (word.bbox[1] + word.bbox[3]) / 2


def _number(text: str) -> bool:
    compact = text.replace(" ", "")
    return any(ch.isdigit() for ch in compact) and not has_cjk(compact)


def _mark(text: str) -> bool:
    """Whether a line holds no digit, letter or character: dots, dashes, a rule's remains."""
    return not any(ch.isalnum() for ch in text)
