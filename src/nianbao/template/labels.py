"""The format of printed-label files: ``labels.tsv`` beside this module (the labels the template prints)
and the header classifier's training data (``datasets/labels/*.tsv``).

UTF-8, tab-separated, the header ``table axis context text key``; ``#`` starts a comment line; ``\\n``
inside a field stands for a line break. ``key`` is a key of the (table, axis) label space or ``__none__``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

LABELS_FILE = "labels.tsv"
LABEL_COLUMNS = ("table", "axis", "context", "text", "key")
NO_FIELD = "__none__"  # printed text that names no field of its table axis
CONTEXT_SEPARATOR = " / "


@dataclass(frozen=True)
class PrintedLabel:
    """One label as printed, under its enclosing group labels (``context``, joined with " / ")."""

    table: str
    axis: str
    context: str
    text: str
    key: str

    @property
    def group(self) -> str:
        """The innermost enclosing group label, or ""."""
        return self.context.rpartition(CONTEXT_SEPARATOR)[2]


def label_rows(text: str, source: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(where, fields) of each data line of a label file; ValueError naming the line where it is malformed."""
    lines = text.splitlines()
    if not lines or tuple(lines[0].strip().split("\t")) != LABEL_COLUMNS:
        raise ValueError(f"{source}: the first line must be the header {' '.join(LABEL_COLUMNS)} (tabs)")
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{source} line {number}"
        fields = line.rstrip("\r\n").split("\t")
        if len(fields) != len(LABEL_COLUMNS):
            raise ValueError(f"{where}: expected {len(LABEL_COLUMNS)} tab-separated fields, found {len(fields)}")
        yield where, tuple(field.replace("\\n", "\n").replace("\\t", "\t") for field in fields)


def printed_labels(text: str, source: str) -> tuple[PrintedLabel, ...]:
    labels = []
    for _, (table, axis, context, label, key) in label_rows(text, source):
        labels.append(PrintedLabel(table.strip(), axis.strip(), context, label, key.strip()))
    return tuple(labels)
