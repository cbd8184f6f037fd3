"""From a document's pages (tables read, title and signature lines read) to the OUTPUT.md report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from nianbao.assemble.appeals import map_appeals
from nianbao.assemble.confirm import confirmed_by_identities
from nianbao.assemble.damage import distrust_damaged_fax_pages
from nianbao.assemble.edge_columns import without_empty_edge_columns
from nianbao.assemble.fax_slashes import lone_fax_slashes_doubted
from nianbao.assemble.header_rules import split_header_over_values
from nianbao.assemble.identify import logical_tables
from nianbao.assemble.lost_rules import split_lost_rules
from nianbao.assemble.mapping import Classify, MappedCell, MappingResult
from nianbao.assemble.metadata import TextLine, read_metadata
from nianbao.assemble.proactive import map_proactive
from nianbao.assemble.requests import map_requests
from nianbao.assemble.unnamed_rows import place_unnamed_rows
from nianbao.assemble.values import ZERO_WITH_POINT, header_unit_scale, normalise_text, parse_value, stacked_values
from nianbao.checks import run_checks
from nianbao.config import OcrConfig
from nianbao.errors import NoTablesError
from nianbao.model import (
    APART_SHAPE,
    BAR_END_FOUR_SHAPE,
    BOWL_AND_FOOT_TWO_SHAPE,
    NO_SIGN_SHAPE,
    OPEN_SIX_SHAPE,
    SIGN_SPECK_SHAPE,
    Cell,
    Page,
    Word,
)
from nianbao.report import (
    BLANK,
    DASH,
    NO_CELL,
    OK,
    UNREADABLE,
    UNSURE,
    CellReading,
    Report,
    Source,
    Unmapped,
    reading_box,
)
from nianbao.template import default_template, field_ids, fields_by_id, tables

MAPPERS = {"proactive": map_proactive, "requests": map_requests, "appeals": map_appeals}
# A number with a 1 in it is kept only when read at least this surely, whatever the confidence cut: what
# noise or a fax leaves of a 4 that lost its bar and diagonal, or of a 7 its top, is a stroke read 1
# unsurely. Of the values kept below 0.9 on 62 sets (42 fax, 19 hard, noisy and other scanned sets, the
# labeled set and its regeneration: 46,550 fields), the 84 without a 1 were all right; of the five
# with one, two were wrong (a 4 read "1" at 0.56 on a noisy 150-dpi page, an 84 read "81" at 0.89). On
# eight sets generated afterwards two more right 1s were left null so (0.82 and 0.88, hard 150 dpi).
MIN_ONE_CONFIDENCE = 0.9
# A cell read as a dash or a slash less surely than this is unsure, not a printed dash: what a fax leaves
# of a number may be read as strokes (fax 8502_002: a 22 that kept only its feet, read "--" at 0.52). Of
# 25,830 dashes read right on every set measured up to the forty-second session, one was read below it
# (0.71); a dash known by its shape is read at 0.99. Either way the value is null: only its status and
# reason change, and an unsure cell is left out of the identities.
NULL_MARK_CONFIDENCE = 0.9


def map_tables(pages: Sequence[Page], classify: Classify) -> dict[str, MappingResult]:
    results: dict[str, MappingResult] = {}
    page_tables = [
        [split_header_over_values(split_lost_rules(without_empty_edge_columns(table))) for table in page.tables]
        for page in pages
    ]
    for kind, table in logical_tables(page_tables):
        results.setdefault(kind, MappingResult()).merge(MAPPERS[kind](table, classify))
    if "proactive" in results:
        place_unnamed_rows(results["proactive"])  # those the report's table 二 alone places
    return results


def fill_fields(
    results: dict[str, MappingResult], templates: dict[str, str], min_confidence: float
) -> tuple[dict[str, Any], dict[str, CellReading], list[str], list[dict[str, object]]]:
    """fields, cell readings (one per field, with its status), warnings and unmapped entries."""
    specs = fields_by_id()
    fields: dict[str, Any] = {}
    cells: dict[str, CellReading] = {}
    warnings: list[str] = []
    unmapped: list[dict[str, object]] = []
    for table in tables():
        if table not in templates:
            warnings.append(f"table {table} was not found: its fields are left out")
            continue
        wanted = field_ids(table, templates[table])
        fields.update(dict.fromkeys(wanted))
        for mapped in results[table].cells:
            if mapped.field_id not in fields:
                unmapped.append(_unexpected(mapped, templates[table]))
                continue
            if mapped.field_id in cells:
                continue  # the first reading wins; a repeat is a stitched duplicate row
            fields[mapped.field_id], cells[mapped.field_id] = _read(mapped, specs[mapped.field_id].type, min_confidence)
            if cells[mapped.field_id].reason:
                warnings.append(f"{mapped.field_id} (page {mapped.page}): {cells[mapped.field_id].reason}")
        missing = [fid for fid in wanted if fid not in cells]
        cells.update((fid, CellReading(UNREADABLE, reason=NO_CELL)) for fid in missing)
        if missing:
            warnings.append(
                f"{len(missing)} field(s) of table {table} have no cell: {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}"
            )
        unmapped.extend(results[table].unmapped)
    return fields, cells, warnings, unmapped


def unread_ids(cells: dict[str, CellReading]) -> set[str]:
    """The ids whose value could not be read (unsure or unreadable): the identities leave them out."""
    return {fid for fid, cell in cells.items() if cell.status in (UNSURE, UNREADABLE)}


def _read(mapped: MappedCell, kind: str, min_confidence: float) -> tuple[Any, CellReading]:
    """The value of a mapped cell and its reading: ok, blank, dash, unsure (below the confidence cut,
    left null) or unreadable (the text is no number, or its cell runs into other rows' values), with the
    reason for the last two."""
    cell = mapped.cell
    reading = CellReading(OK, mapped.page, reading_box(cell.bbox), cell.text, round(cell.confidence, 4))
    if cell.text and cell.confidence < min_confidence:
        reason = f"read {cell.text!r} with confidence {cell.confidence:.2f}: left null"
        return None, replace(reading, status=UNSURE, reason=reason)
    if "1" in cell.text and cell.confidence < MIN_ONE_CONFIDENCE:
        doubt = "a 1 read so unsurely may be a 4 or a 7 that lost strokes"
        reason = f"read {cell.text!r} with confidence {cell.confidence:.2f}: {doubt}: left null"
        return None, replace(reading, status=UNSURE, reason=reason)
    if stacked := stacked_values([(word.text, word.bbox) for word in cell.words]):
        reason = f"{stacked} numbers one under another in one cell (the rule between its rows lost): left null"
        return None, replace(reading, status=UNREADABLE, reason=reason)
    if mapped.shared_with_rows and normalise_text(cell.text):
        reason = f"its cell runs into {mapped.shared_with_rows} other row(s) (the rule between them lost): left null"
        return None, replace(reading, status=UNREADABLE, reason=reason)
    if mapped.shared_with_columns and normalise_text(cell.text):
        columns = mapped.shared_with_columns
        reason = f"its cell runs into {columns} other column(s) (the rule between them lost): left null"
        return None, replace(reading, status=UNREADABLE, reason=reason)
    parsed = parse_value(cell.text, kind, header_unit_scale(mapped.header))
    if parsed.value is not None and _apart(cell):
        reason = f"read {cell.text!r} from parts far apart: two numbers side by side (the rule between lost): left null"
        return None, replace(reading, status=UNREADABLE, reason=reason)
    if kind == "signed_integer" and parsed.value and (reason := _sign_doubt(cell.text, cell.words)):
        return None, replace(reading, status=UNSURE, reason=reason)
    if parsed.problem:
        return None, replace(reading, status=UNREADABLE, reason=parsed.problem)
    if parsed.value is not None:
        return parsed.value, reading
    if not normalise_text(cell.text):
        return None, replace(reading, status=BLANK)
    if cell.confidence < NULL_MARK_CONFIDENCE:
        doubt = "a dash or slash read so unsurely may be what is left of a number"
        reason = f"read {cell.text!r} with confidence {cell.confidence:.2f}: {doubt}: left null"
        return None, replace(reading, status=UNSURE, reason=reason)
    return None, replace(reading, status=DASH)


def _apart(cell: Cell) -> bool:
    """Whether a cell's print stands in parts far apart (model.APART_SHAPE) that may be two numbers side
    by side: a zero with its decimal places is one number however it parted (fax 8806_001 and 9003_001:
    0.00 read whole, its zeros broken into arcs, left null as two numbers)."""
    return any(word.shape == APART_SHAPE for word in cell.words) and not ZERO_WITH_POINT.match(cell.text.strip())


def _sign_doubt(text: str, words: Sequence[Word]) -> str:
    """Why a signed field's number read with no sign may have lost its minus; empty when nothing says so."""
    shapes = {word.shape for word in words}
    if SIGN_SPECK_SHAPE in shapes:
        return f"read {text!r} beside a mark where a minus sign would be (the reading may have lost it): left null"
    if shapes & {NO_SIGN_SHAPE, OPEN_SIX_SHAPE, BAR_END_FOUR_SHAPE, BOWL_AND_FOOT_TWO_SHAPE}:
        return f"read {text!r} with no sign on a fax page, which may drop a minus sign altogether: left null"
    return ""


def locate(reading: CellReading, pages: Sequence[Page]) -> CellReading:
    """Say how the cell was read (``read_by``); a markup cell says where as table, row and column."""
    if reading.page is None or reading.bbox is None:
        return reading  # no cell was found
    reader = next((page.reader for page in pages if page.number == reading.page), "")
    if reader != "markup":
        return replace(reading, read_by=reader)
    col, row = (int(v) for v in reading.bbox[:2])
    return replace(reading, page=None, bbox=None, table=reading.page, row=row, col=col, read_by=reader)


def _unexpected(mapped: MappedCell, template: str) -> dict[str, object]:
    return {
        "page": mapped.page,
        "text": mapped.cell.text,
        "reason": f"{mapped.field_id} is not a field of the {template} template detected for this table",
    }


def assemble_report(
    source: Source,
    pages: Sequence[Page],
    title_lines: Sequence[TextLine],
    closing_lines: Sequence[TextLine],
    classify: Classify,
    ocr: OcrConfig,
) -> Report:
    """The report of a document's read pages; cells read below ``ocr.min_confidence`` are null, and so
    are a date or agency read below ``ocr.min_metadata_confidence`` and a date with a digit read below
    ``ocr.min_date_confidence``."""
    metadata = read_metadata(title_lines, closing_lines, ocr.min_metadata_confidence, ocr.min_date_confidence)
    results = map_tables(pages, classify)
    if not results:
        found = sum(len(page.tables) for page in pages)
        raise NoTablesError(
            f"{found} ruled table(s) found but none is one of the report's three tables "
            "(主动公开, 依申请公开, 行政复议和诉讼): not an annual report, or a scan too faint to read"
        )
    templates = default_template().detect_versions({t: r.keys_seen for t, r in results.items()}, metadata.year)
    if "proactive" in results:
        place_unnamed_rows(results["proactive"], templates["proactive"])
    fields, cells, warnings, unmapped = fill_fields(results, templates, ocr.min_confidence)
    fields, cells, damage_warnings = distrust_damaged_fax_pages(pages, fields, cells, ocr.min_confidence)
    cells = lone_fax_slashes_doubted(pages, cells)
    fields, cells = confirmed_by_identities(fields, cells)
    unreadable = unread_ids(cells)
    cells = {fid: locate(reading, pages) for fid, reading in cells.items()}
    page_warnings = [f"page {p.number}: {w}" for p in pages for w in p.warnings]
    return Report(
        source=source,
        agency=metadata.agency,
        year=metadata.year,
        published=metadata.published,
        template={t: templates[t] for t in tables() if t in templates},
        fields=fields,
        cells=cells,
        checks=tuple(run_checks(fields, unreadable)),
        unmapped=tuple(Unmapped.from_dict(entry) for entry in unmapped),
        warnings=tuple(page_warnings + damage_warnings + list(metadata.warnings) + warnings),
    )
