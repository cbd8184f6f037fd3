"""Labelled examples: the template's printed labels (``nianbao/template/labels.tsv``) and the TSV files of
``datasets/labels`` (read, validated, fingerprinted).

Format (``nianbao.template.labels``): UTF-8, tab-separated, a header ``table axis context text key``; ``#``
starts a comment line; ``\\n`` inside a field stands for a line break. ``key`` is a key of
``nianbao.template.label_spaces()[(table, axis)]`` or ``__none__``; ``table``/``axis`` may be ``*`` on
``__none__`` rows (a negative for every label space).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from nianbao.classify.query import NONE_CLASS
from nianbao.errors import InputError
from nianbao.template import label_spaces, labels_file
from nianbao.template.labels import LABEL_COLUMNS, label_rows

COLUMNS = LABEL_COLUMNS
WILDCARD = "*"
HELDOUT_FILE = "heldout.tsv"


@dataclass(frozen=True)
class LabelExample:
    table: str
    axis: str
    context: str
    text: str
    key: str  # a label-space key or NONE_CLASS

    @property
    def space(self) -> tuple[str, str]:
        return (self.table, self.axis)


def _example(fields: tuple[str, ...], where: str) -> LabelExample:
    table, axis, context, text, key = fields
    example = LabelExample(table.strip(), axis.strip(), context, text, key.strip())
    _validate(example, where)
    return example


def _validate(example: LabelExample, where: str) -> None:
    if not example.text.strip():
        raise InputError(f"{where}: the text field is empty")
    is_wildcard = WILDCARD in example.space
    if is_wildcard and (example.key != NONE_CLASS or example.space != (WILDCARD, WILDCARD)):
        raise InputError(f"{where}: only {NONE_CLASS} rows may use '*' for both table and axis")
    if is_wildcard:
        return
    if example.space not in label_spaces():
        known = ", ".join(f"{t}/{a}" for t, a in label_spaces())
        raise InputError(f"{where}: no label space {example.table}/{example.axis}; use one of {known}")
    if example.key != NONE_CLASS and example.key not in label_spaces()[example.space]:
        raise InputError(
            f"{where}: key {example.key!r} is not in the {example.table}/{example.axis} label space "
            f"(see nianbao/template/) and is not {NONE_CLASS}"
        )


def parse_examples(text: str, source: str) -> list[LabelExample]:
    """Examples from the text of one TSV file; ``source`` names it in error messages."""
    try:
        rows = list(label_rows(text, source))
    except ValueError as exc:  # no header, or a line without its five fields
        raise InputError(str(exc)) from None
    return [_example(fields, where) for where, fields in rows]


def read_examples(path: Path) -> list[LabelExample]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read training data {path}: {exc}") from exc
    return parse_examples(text, str(path))


def read_many(paths: Sequence[Path]) -> list[LabelExample]:
    return [example for path in paths for example in read_examples(path)]


def training_files(data_dir: Path, extra: Sequence[Path] = (), seeds: Sequence[Path] | None = None) -> list[Path]:
    """The template's printed labels (``seeds``: the shipped labels.tsv unless given), every ``*.tsv`` of
    ``data_dir`` except the held-out file, sorted, then ``extra`` in order."""
    if not data_dir.is_dir():
        raise InputError(f"training data folder {data_dir} does not exist")
    files = [*(seeds if seeds is not None else [labels_file()])]
    files += sorted(p for p in data_dir.glob("*.tsv") if p.name != HELDOUT_FILE)
    missing = [str(p) for p in extra if not p.is_file()]
    if missing:
        raise InputError(f"extra training data not found: {', '.join(missing)}")
    return files + [p for p in extra if p.resolve() not in {f.resolve() for f in files}]


def fingerprint(paths: Iterable[Path], salt: str = "") -> str:
    """sha256 over the files' names and bytes (and ``salt``, e.g. the augmentation version)."""
    digest = hashlib.sha256(salt.encode())
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def expand_wildcards(examples: Iterable[LabelExample]) -> list[LabelExample]:
    """``*/*`` negatives copied into every label space."""
    expanded: list[LabelExample] = []
    for example in examples:
        if example.space == (WILDCARD, WILDCARD):
            expanded.extend(LabelExample(t, a, example.context, example.text, example.key) for t, a in label_spaces())
        else:
            expanded.append(example)
    return expanded


def cross_space_negatives(examples: Sequence[LabelExample]) -> list[LabelExample]:
    """The positives of every other label space as negatives of each space: a label of another table
    must come out unmapped. Texts that are also labels of the space itself (总计, 其他) are skipped."""
    from nianbao.classify.normalize import normalize_label

    positives: dict[tuple[str, str], set[str]] = {space: set() for space in label_spaces()}
    for ex in examples:
        if ex.key != NONE_CLASS and ex.space in positives:
            positives[ex.space].add(normalize_label(ex.text))
    negatives: list[LabelExample] = []
    for space in label_spaces():
        for ex in examples:
            if ex.key == NONE_CLASS or ex.space == space:
                continue
            normalised = normalize_label(ex.text)
            if not any(normalised in own or own in normalised for own in positives[space]):
                negatives.append(LabelExample(space[0], space[1], "", ex.text, NONE_CLASS))
    return negatives
