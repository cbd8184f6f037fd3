"""The template as typed data: its fields, versions, identities, label spaces and printed labels, read from
one folder."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from nianbao.errors import ConfigError
from nianbao.template.labels import LABELS_FILE, NO_FIELD, PrintedLabel, printed_labels

FIELDS_FILE = "fields.tsv"
TEMPLATE_FILE = "template.yaml"
EVERY_VERSION = "both"
AXES = ("row", "column")


@dataclass(frozen=True)
class FieldSpec:
    """One line of fields.tsv; ``template`` is as printed there ("both", "2021", "2019,2021")."""

    field_id: str
    table: str
    template: str
    type: str  # integer, signed_integer, decimal, money
    label_zh: str
    versions: tuple[str, ...]

    @property
    def row(self) -> str:
        return self.field_id.removeprefix(f"{self.table}.").rpartition(".")[0]

    @property
    def column(self) -> str:
        return self.field_id.rpartition(".")[2]

    def key(self, axis: str) -> str:
        return self.row if axis == "row" else self.column

    def in_template(self, version: str) -> bool:
        return version in self.versions


@dataclass(frozen=True)
class Version:
    name: str
    first_year: int


@dataclass(frozen=True)
class Identity:
    """sum(left) = sum(right), once per key of ``for_each``; operands are keys of the other axis."""

    rule: str
    table: str
    for_each: str  # "row" or "column"
    left: tuple[str, ...]
    right: tuple[str, ...]


@dataclass(frozen=True)
class PrintedSection:
    """One 第二十条 section of table 二 as printed: (key, printed text) of its columns and of its rows."""

    section: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Template:
    tables: tuple[str, ...]
    table_words: Mapping[str, tuple[str, ...]]  # words printed in each table, to tell which one a table is
    versions: tuple[Version, ...]  # oldest first
    fields: tuple[FieldSpec, ...]
    version_axis: Mapping[str, str]
    header_parents: Mapping[str, tuple[str, ...]]
    label_space_entries: Mapping[tuple[str, str], tuple[str, ...]]
    identities: tuple[Identity, ...]
    proactive_layout: Mapping[str, tuple[PrintedSection, ...]]  # per version
    printed_labels: tuple[PrintedLabel, ...] = ()  # labels.tsv

    @property
    def version_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.versions)

    @property
    def newest(self) -> str:
        return self.versions[-1].name

    @cached_property
    def fields_by_id(self) -> dict[str, FieldSpec]:
        return {spec.field_id: spec for spec in self.fields}

    def field_ids(self, table: str, version: str) -> list[str]:
        """The ids of ``table`` under ``version``, in fields.tsv order."""
        return [s.field_id for s in self.fields if s.table == table and s.in_template(version)]

    def report_field_ids(self, versions: Mapping[str, str]) -> list[str]:
        """Every id a report with these per-table versions must carry."""
        return [fid for table in self.tables if table in versions for fid in self.field_ids(table, versions[table])]

    def keys(self, table: str, axis: str, version: str | None = None) -> list[str]:
        """Row or column keys of ``table`` in fields.tsv order, of one version or of all."""
        specs = (s for s in self.fields if s.table == table and (version is None or s.in_template(version)))
        return list(dict.fromkeys(s.key(axis) for s in specs))

    def rows(self, table: str, version: str | None = None) -> list[str]:
        return self.keys(table, "row", version)

    def columns(self, table: str, version: str | None = None) -> list[str]:
        return self.keys(table, "column", version)

    def label_spaces(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(table, axis) -> the keys the header classifier predicts into."""
        spaces: dict[tuple[str, str], tuple[str, ...]] = {}
        for (table, axis), entries in self.label_space_entries.items():
            keys: list[str] = []
            for entry in entries:
                keys.extend(self.keys(table, entry[:-1]) if entry in ("rows", "columns") else [entry])
            spaces[table, axis] = tuple(dict.fromkeys(keys))
        return spaces

    def printed_label(self, table: str, axis: str, key: str) -> PrintedLabel:
        """The first label labels.tsv prints for ``key`` (KeyError where it prints none)."""
        for label in self.printed_labels:
            if (label.table, label.axis, label.key) == (table, axis, key):
                return label
        raise KeyError(f"{LABELS_FILE} prints no label for {table}/{axis} {key!r}")

    def version_of_year(self, year: int) -> str:
        """The newest version in force in ``year`` (the oldest for a year before them all)."""
        started = [v.name for v in self.versions if v.first_year <= year]
        return started[-1] if started else self.versions[0].name

    def detect_versions(self, seen: Mapping[str, set[str]], year: int | None) -> dict[str, str]:
        """Version per table from the keys printed in it. A table that cannot tell (table 四 is the same in
        every version) follows the report year, else the other tables' majority, else the newest."""
        candidates = {table: self._matching_versions(table, keys) for table, keys in seen.items()}
        decided = {table: names[0] for table, names in candidates.items() if len(names) == 1}
        if year is not None:
            fallback = self.version_of_year(year)
        else:
            votes = list(decided.values())
            fallback = max(reversed(self.version_names), key=votes.count)
        return {table: fallback if fallback in names else names[-1] for table, names in candidates.items()}

    def _matching_versions(self, table: str, keys: set[str]) -> list[str]:
        """The versions that hold the fewest of ``keys`` as foreign, oldest first."""
        axis = self.version_axis.get(table)
        if axis is None:
            return list(self.version_names)
        foreign = {name: len(keys - set(self.keys(table, axis, name))) for name in self.version_names}
        fewest = min(foreign.values())
        return [name for name in self.version_names if foreign[name] == fewest]


def load_template(folder: Path) -> Template:
    """The template described by ``folder``'s fields.tsv and template.yaml; ConfigError when malformed."""
    try:
        data = yaml.safe_load((folder / TEMPLATE_FILE).read_text(encoding="utf-8")) or {}
        rows = list(csv.DictReader((folder / FIELDS_FILE).read_text(encoding="utf-8").splitlines(), delimiter="\t"))
        labels_text = (folder / LABELS_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"template data in {folder} is unreadable: {exc}") from exc
    try:
        return _with_labels(_build(data, rows), printed_labels(labels_text, LABELS_FILE))
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"template data in {folder} is malformed ({exc!r}): compare it with the shipped copy"
        ) from exc


def _build(data: dict[str, Any], rows: list[dict[str, str]]) -> Template:
    versions = tuple(Version(str(v["name"]), int(v["first_year"])) for v in data["versions"])
    names = [v.name for v in versions]
    fields = tuple(_field(row, names) for row in rows)
    tables = tuple(data["tables"])
    unknown_tables = {f.table for f in fields} - set(tables)
    if unknown_tables:
        raise ValueError(f"fields.tsv names tables not listed in template.yaml: {sorted(unknown_tables)}")
    axes = dict(data.get("version_axis") or {})
    if not set(axes.values()) <= set(AXES):
        raise ValueError(f"version_axis must be one of {AXES}")
    words = {table: tuple(str(word) for word in found) for table, found in data["table_words"].items()}
    if set(words) != set(tables):
        raise ValueError("table_words must list the words of every table")
    template = Template(
        tables=tables,
        table_words=words,
        versions=versions,
        fields=fields,
        version_axis=axes,
        header_parents={t: tuple(keys) for t, keys in (data.get("header_parents") or {}).items()},
        label_space_entries={_space(name): tuple(entries) for name, entries in data["label_spaces"].items()},
        identities=tuple(_identity(item) for item in data.get("identities") or ()),
        proactive_layout={
            str(version): tuple(_printed_section(item) for item in sections)
            for version, sections in (data.get("proactive_layout") or {}).items()
        },
    )
    for version, sections in template.proactive_layout.items():
        _check_layout(template, version, sections)
    return template


def _with_labels(template: Template, labels: tuple[PrintedLabel, ...]) -> Template:
    """``template`` with its printed labels, which must name keys of its label spaces and print every one."""
    spaces = template.label_spaces()
    for label in labels:
        if (label.table, label.axis) not in spaces:
            raise ValueError(f"{LABELS_FILE} names no label space {label.table}/{label.axis}")
        if label.key != NO_FIELD and label.key not in spaces[label.table, label.axis]:
            raise ValueError(f"{LABELS_FILE}: {label.key!r} is no key of the {label.table}/{label.axis} label space")
    printed = {(label.table, label.axis, label.key) for label in labels}
    missing = [f"{t}/{a} {key}" for (t, a), keys in spaces.items() for key in keys if (t, a, key) not in printed]
    if missing:
        raise ValueError(f"{LABELS_FILE} prints no label for {', '.join(missing)}")
    return replace(template, printed_labels=labels)


def _printed_section(item: dict[str, Any]) -> PrintedSection:
    return PrintedSection(
        str(item["section"]),
        tuple((str(k), str(v)) for k, v in item["columns"].items()),
        tuple((str(k), str(v)) for k, v in item["rows"].items()),
    )


def _check_layout(template: Template, version: str, sections: tuple[PrintedSection, ...]) -> None:
    """A printed table 二 holds exactly the version's proactive fields."""
    if version not in template.version_names:
        raise ValueError(f"proactive_layout names unknown version {version!r}")
    printed = [f"proactive.{row}.{column}" for s in sections for row, _ in s.rows for column, _ in s.columns]
    expected = template.field_ids("proactive", version)
    if sorted(printed) != sorted(expected):
        extra, missing = sorted(set(printed) - set(expected)), sorted(set(expected) - set(printed))
        raise ValueError(f"proactive_layout of {version} prints {extra} beyond its fields and misses {missing}")


def _space(name: str) -> tuple[str, str]:
    table, _, axis = name.partition("/")
    if axis not in AXES:
        raise ValueError(f"label space {name!r} is not <table>/row or <table>/column")
    return table, axis


def _field(row: dict[str, str], versions: list[str]) -> FieldSpec:
    template = row["template"]
    listed = versions if template == EVERY_VERSION else [v.strip() for v in template.split(",")]
    if unknown := set(listed) - set(versions):
        raise ValueError(f"{row['field_id']} names unknown versions {sorted(unknown)}")
    return FieldSpec(row["field_id"], row["table"], template, row["type"], row["label_zh"], tuple(listed))


def _identity(item: dict[str, Any]) -> Identity:
    if item["for_each"] not in AXES:
        raise ValueError(f"identity {item['rule']}: for_each must be one of {AXES}")
    return Identity(str(item["rule"]), item["table"], item["for_each"], tuple(item["left"]), tuple(item["right"]))
