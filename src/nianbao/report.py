"""The typed report of one document: the single source of the JSON contract (docs/OUTPUT.md).

``Report.to_dict()`` is exactly what ``<OUT>/<stem>.json`` holds and ``Report.from_dict()`` reads it back
(also JSON written before cells carried a status: the status is then inferred from the value and text).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from nianbao.checks import Check
from nianbao.template import fields_by_id

if TYPE_CHECKING:
    import pandas

Number = int | float | None
BBox = tuple[float, float, float, float]

OK, BLANK, DASH, UNSURE, UNREADABLE = "ok", "blank", "dash", "unsure", "unreadable"
STATUSES = (OK, BLANK, DASH, UNSURE, UNREADABLE)
NO_CELL = "no cell found"
LONG_COLUMNS = ("report", "field", "table", "label_zh", "value", "status", "reason", "text", "page", "confidence",
                "read_by")  # fmt: skip
KNOWN_KEYS = frozenset({"source", "agency", "year", "published", "template", "fields", "cells", "checks",
                        "unmapped", "warnings", "status_counts", "run"})  # fmt: skip


NULL_WORDS = frozenset("一无空")  # read as printed null marks, although str.isalnum() calls them letters


def infer_status(value: Number, text: str | None) -> str:
    """The status of a cell in JSON written before cells had one: a number is ok, no text blank, only
    marks (-, /, —, 一, 无) a dash, anything else unreadable."""
    if value is not None:
        return OK
    cleaned = "".join((text or "").split())
    if not cleaned:
        return BLANK
    if all(not char.isalnum() or char in NULL_WORDS for char in cleaned):
        return DASH
    return UNREADABLE


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str | None = None
    pages: int | None = None
    kind: str | None = None  # scanned, digital or image

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "pages": self.pages, "kind": self.kind}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        pages = data.get("pages")
        pages = None if pages is None else int(pages)
        return cls(str(data.get("path", "")), data.get("sha256"), pages, data.get("kind"))


def reading_box(bbox: BBox) -> BBox:
    """A cell's box as its reading gives it: page pixels to a tenth."""
    x0, y0, x1, y1 = (round(v, 1) for v in bbox)
    return (x0, y0, x1, y1)


@dataclass(frozen=True)
class CellReading:
    """Where a field's value was read, by what, and how it came out. ``reason`` says why an unsure or
    unreadable cell gave no number. A cell of a scanned or PDF page is placed by ``page`` and ``bbox``;
    a cell of an HTML or DOCX table by ``table``, ``row`` and ``col`` (0-based) instead. A field without
    a cell has no place, text or confidence."""

    status: str
    page: int | None = None
    bbox: BBox | None = None
    text: str | None = None
    confidence: float | None = None
    reason: str | None = None
    read_by: str | None = None  # text-layer, invisible-text-layer, ocr:<engine> or markup
    table: int | None = None
    row: int | None = None
    col: int | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.table is not None:
            data: dict[str, Any] = {"table": self.table, "row": self.row, "col": self.col}
        else:
            data = {"page": self.page, "bbox": None if self.bbox is None else list(self.bbox)}
        data.update(text=self.text, confidence=self.confidence)
        if self.read_by is not None:
            data["read_by"] = self.read_by
        data["status"] = self.status
        if self.reason is not None:
            data["reason"] = self.reason
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], value: Number = None) -> CellReading:
        bbox = data.get("bbox")
        confidence = data.get("confidence")
        text = data.get("text")
        return cls(
            status=str(data.get("status") or infer_status(value, text)),
            page=_int_or_none(data.get("page")),
            bbox=None if bbox is None else (float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3])),
            text=text,
            confidence=None if confidence is None else float(confidence),
            reason=data.get("reason"),
            read_by=data.get("read_by"),
            table=_int_or_none(data.get("table")),
            row=_int_or_none(data.get("row")),
            col=_int_or_none(data.get("col")),
        )


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


@dataclass(frozen=True)
class Unmapped:
    """A printed label, or a cell, that went onto no field."""

    page: int | None
    text: str
    reason: str
    context: str | None = None
    probability: float | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"page": self.page, "text": self.text, "reason": self.reason}
        if self.context:
            data["context"] = self.context
        if self.probability is not None:
            data["probability"] = self.probability
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Unmapped:
        page = data.get("page")
        probability = data.get("probability")
        return cls(
            page=None if page is None else int(page),
            text=str(data.get("text", "")),
            reason=str(data.get("reason", "")),
            context=data.get("context") or None,
            probability=None if probability is None else float(probability),
        )


@dataclass(frozen=True)
class Report:
    """One document's extraction: metadata, a value and a cell reading per field, checks, what went unmapped."""

    source: Source
    agency: str | None = None
    year: int | None = None
    published: str | None = None  # ISO date under the closing signature
    template: Mapping[str, str] = field(default_factory=dict)  # table -> "2019" | "2021"
    fields: Mapping[str, Number] = field(default_factory=dict)
    cells: Mapping[str, CellReading] = field(default_factory=dict)
    checks: tuple[Check, ...] = ()
    unmapped: tuple[Unmapped, ...] = ()
    warnings: tuple[str, ...] = ()
    run: Mapping[str, Any] = field(default_factory=dict)  # how it was made (nianbao version, config, models)
    extra: Mapping[str, Any] = field(default_factory=dict)  # top-level keys this version does not know, kept

    @property
    def status_counts(self) -> dict[str, int]:
        """How many fields have each status (every status named, zeros included)."""
        counts = dict.fromkeys(STATUSES, 0)
        for field_id in self.fields:
            cell = self.cells.get(field_id)
            status = cell.status if cell is not None else UNREADABLE
            counts[status] = counts.get(status, 0) + 1
        return counts

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if not check.ok)

    def status_of(self, field_id: str) -> str:
        cell = self.cells.get(field_id)
        return cell.status if cell is not None else UNREADABLE

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source.to_dict(),
            "agency": self.agency,
            "year": self.year,
            "published": self.published,
            "template": dict(self.template),
            "fields": dict(self.fields),
            "cells": {field_id: cell.to_dict() for field_id, cell in self.cells.items()},
            "status_counts": self.status_counts,
            "checks": [check.to_dict() for check in self.checks],
            "unmapped": [entry.to_dict() for entry in self.unmapped],
            "warnings": list(self.warnings),
        }
        if self.run:
            data["run"] = dict(self.run)
        data.update({key: value for key, value in self.extra.items() if key not in data})
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        fields = dict(data.get("fields") or {})
        cells = {fid: CellReading.from_dict(cell, fields.get(fid)) for fid, cell in (data.get("cells") or {}).items()}
        year = data.get("year")
        return cls(
            source=Source.from_dict(data.get("source") or {}),
            agency=data.get("agency"),
            year=None if year is None else int(year),
            published=data.get("published"),
            template=dict(data.get("template") or {}),
            fields=fields,
            cells=cells,
            checks=tuple(Check.from_dict(c) for c in data.get("checks") or ()),
            unmapped=tuple(Unmapped.from_dict(u) for u in data.get("unmapped") or ()),
            warnings=tuple(str(w) for w in data.get("warnings") or ()),
            run=dict(data.get("run") or {}),
            extra={key: value for key, value in data.items() if key not in KNOWN_KEYS},
        )

    def __getitem__(self, key: str) -> Any:
        """Read-only access by the JSON's keys (``report["fields"]``), for code written against the JSON."""
        return self.to_dict()[key]

    def long_rows(self) -> Iterator[dict[str, Any]]:
        """One row per field, in the report's field order, with its provenance and status."""
        specs = fields_by_id()
        for field_id, value in self.fields.items():
            cell = self.cells.get(field_id) or CellReading(UNREADABLE, reason=NO_CELL)
            spec = specs.get(field_id)
            yield {
                "report": self.source.path,
                "field": field_id,
                "table": spec.table if spec else field_id.split(".")[0],
                "label_zh": spec.label_zh if spec else None,
                "value": value,
                "status": cell.status,
                "reason": cell.reason,
                "text": cell.text,
                "page": cell.page,
                "confidence": cell.confidence,
                "read_by": cell.read_by,
            }

    def to_pandas(self) -> pandas.DataFrame:
        """The report in long format: one row per field (columns ``LONG_COLUMNS``)."""
        import pandas as pd

        return long_frame(pd, list(self.long_rows()))


def long_frame(pd: Any, rows: list[dict[str, Any]], columns: Sequence[str] = LONG_COLUMNS) -> pandas.DataFrame:
    """A long-format frame of ``rows``: values and confidences as floats (NaN for null), pages and
    years as nullable integers."""
    frame = pd.DataFrame(rows, columns=list(columns))
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    frame["confidence"] = pd.to_numeric(frame["confidence"], errors="coerce").astype("float64")
    for name in ("page", "year"):
        if name in frame:
            frame[name] = frame[name].astype("Int64")
    return frame


def as_report(report: Report | Mapping[str, Any]) -> Report:
    """A Report from an extractor's result, which may be a Report or a dict of the JSON contract."""
    return report if isinstance(report, Report) else Report.from_dict(report)
