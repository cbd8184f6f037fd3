"""The national template: one home for its fields, versions, row and column orders, identities, the
header classifier's label spaces and the labels it prints. Everything is read from the data files beside
this module (``fields.tsv``, ``template.yaml``, ``labels.tsv``); mapping, checks, synth, classifier
training and export ask here.

The helpers below answer for the shipped template, loaded on first use.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path

from nianbao.template.labels import LABELS_FILE, PrintedLabel
from nianbao.template.model import FieldSpec, Identity, PrintedSection, Template, Version, load_template

__all__ = [
    "FieldSpec",
    "Identity",
    "PrintedLabel",
    "PrintedSection",
    "Template",
    "Version",
    "all_fields",
    "applicant_columns",
    "default_template",
    "field_ids",
    "fields_by_id",
    "label_spaces",
    "labels_file",
    "load_template",
    "report_field_ids",
    "request_columns",
    "request_rows",
    "tables",
]


def _folder() -> Path:
    return Path(str(resources.files("nianbao.template")))


@lru_cache(maxsize=1)
def default_template() -> Template:
    return load_template(_folder())


def labels_file() -> Path:
    """The shipped labels.tsv: the printed labels the header classifier is always trained on."""
    return _folder() / LABELS_FILE


def tables() -> tuple[str, ...]:
    return default_template().tables


def all_fields() -> tuple[FieldSpec, ...]:
    return default_template().fields


def fields_by_id() -> dict[str, FieldSpec]:
    return default_template().fields_by_id


def field_ids(table: str, version: str) -> list[str]:
    return default_template().field_ids(table, version)


def report_field_ids(versions: Mapping[str, str]) -> list[str]:
    return default_template().report_field_ids(versions)


def request_rows(version: str) -> list[str]:
    """Row keys of table 三 (``result.withheld.state_secret`` …) in printed order."""
    return default_template().rows("requests", version)


def request_columns() -> tuple[str, ...]:
    """The columns of table 三: the applicant columns, then their total."""
    return tuple(default_template().columns("requests"))


def applicant_columns() -> tuple[str, ...]:
    return request_columns()[:-1]


@lru_cache(maxsize=1)
def label_spaces() -> dict[tuple[str, str], tuple[str, ...]]:
    """(table, axis) -> the keys the header classifier predicts into. ``nianbao.extract`` composes them
    into field ids: ``<table>.<row key>.<column key>``; for table 四 the column header path holds a group
    key (its row) and a leaf key (its column)."""
    return default_template().label_spaces()
