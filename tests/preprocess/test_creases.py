"""Creases of a folded sheet: found edge to edge, lifted like a shadow, and no printed rule taken for one."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from nianbao.config import PreprocessConfig, TableConfig
from nianbao.preprocess import prepare_page
from nianbao.preprocess.creases import find_creases, without_creases
from nianbao.preprocess.geometry import ink_mask
from nianbao.synth.creases import Crease, with_creases
from nianbao.table import find_tables
from tests.fixtures.pages import SpecCell, draw_table

DPI = 200
ROWS, COLUMN_WIDTHS = 12, [300, 200, 200, 200, 200, 200]
PAGE = draw_table([SpecCell(r, c, str(r * c)) for r in range(ROWS) for c in range(6)], COLUMN_WIDTHS, 60)
CREASE = Crease(down=True, where=0.0, slant_deg=0.2, core_mm=0.3, darkness=0.45, shadow_mm=1.0, shadow_side=1, seed=7)


def _creased(down_at: float | None = None, across_at: float | None = None) -> np.ndarray:
    creases = []
    if down_at is not None:
        creases.append(replace(CREASE, where=down_at / PAGE.shape[1]))
    if across_at is not None:
        creases.append(replace(CREASE, down=False, where=across_at / PAGE.shape[0], slant_deg=-0.15, seed=8))
    return with_creases(PAGE, tuple(creases), 300)


def test_creases_down_and_across_the_sheet_are_found_where_they_run():
    page = _creased(down_at=810, across_at=1000)
    creases = find_creases(page, ink_mask(page, DPI), DPI)
    assert sorted(c.down for c in creases) == [False, True]
    down = next(c for c in creases if c.down)
    across = next(c for c in creases if not c.down)
    assert abs(float(np.median(down.centre)) - 810) <= 4
    assert abs(float(np.median(across.centre)) - 1000) <= 4
    assert len(down.centre) == PAGE.shape[0] and len(across.centre) == PAGE.shape[1]


def test_a_table_s_own_rules_and_a_copier_s_dark_edge_are_no_creases():
    assert find_creases(PAGE, ink_mask(PAGE, DPI), DPI) == []
    edged = PAGE.copy()
    edged[:, 20:26] = 40  # a copier's dark edge, top to bottom but at the side of the sheet
    assert find_creases(edged, ink_mask(edged, DPI), DPI) == []


def test_a_table_printed_past_the_edge_of_the_sheet_keeps_its_rules():
    # A word processor lets a wide table run past the right margin: its row rules reach that edge (and
    # its column rules, on a table over the page break, the bottom one), as a crease does, but black.
    wide = PAGE.copy()
    for row in range(ROWS + 1):
        top = 200 + 60 * row
        wide[top : top + 2, 120:] = 0
    wide[200:, 120 + 300 : 122 + 300] = 0
    assert find_creases(wide, ink_mask(wide, DPI), DPI) == []


def test_a_lifted_crease_leaves_paper_and_keeps_the_print_it_crossed():
    page = _creased(down_at=810)
    lifted = without_creases(page, find_creases(page, ink_mask(page, DPI), DPI), DPI)
    band = np.s_[60:140, 795:826]  # above the table: paper only
    assert page[band].min() < 200 and lifted[band].min() >= 225
    rule_row = 200  # the table's top rule, which the crease crosses
    assert lifted[rule_row : rule_row + 2, 800:820].max() < 100


def test_a_crease_along_a_column_rule_leaves_the_rule_dark():
    rule_x = 120 + COLUMN_WIDTHS[0] + COLUMN_WIDTHS[1]  # draw_table's origin plus two columns
    page = _creased(down_at=rule_x + 1)
    creases = find_creases(page, ink_mask(page, DPI), DPI)
    lifted = without_creases(page, creases, DPI)
    assert len(creases) == 1
    rule = lifted[300:800, rule_x - 2 : rule_x + 4]
    assert (rule.min(axis=1) < 90).all()  # the rule is as dark as print all along the table


def test_a_light_crease_along_a_grey_column_rule_is_lifted_no_deeper_than_in_its_margins():
    # A grey print (a faint copy) whose column rule a light crease runs along: the paper's level along the
    # crease is the rule's own there, and lifting the crease by it would take the rule away.
    grey = np.where(PAGE < 128, 140, PAGE).astype(np.uint8)
    rule_x = 120 + COLUMN_WIDTHS[0] + COLUMN_WIDTHS[1]
    light_crease = replace(CREASE, where=(rule_x + 1) / PAGE.shape[1], darkness=0.12)
    page = with_creases(grey, (light_crease,), 300)
    creases = find_creases(page, ink_mask(page, DPI), DPI)
    lifted = without_creases(page, creases, DPI)
    assert len(creases) == 1 and 0.85 < creases[0].margin_light < 1.0
    assert lifted[60:140, rule_x - 8 : rule_x + 10].min() >= 225  # above the table the crease is gone
    assert (lifted[300:800, rule_x - 2 : rule_x + 4].min(axis=1) < 190).all()  # the rule is kept


@pytest.mark.parametrize("lift", [True, False])
def test_a_table_crossed_by_a_crease_keeps_its_columns_only_when_the_crease_is_lifted(lift):
    page = _creased(down_at=120 + 300 + 200 + 100, across_at=200 + 60 * 5 + 30)  # mid-cell, both ways
    config = PreprocessConfig(fix_orientation=False, deskew=False, remove_creases=lift)
    clean = prepare_page(page, DPI, engine=None, config=config)  # type: ignore[arg-type]
    (table,) = find_tables(clean, 1, DPI, TableConfig()).tables
    found = (table.n_rows, table.n_cols)
    assert (found == (ROWS, 6)) is lift


def test_a_crease_as_black_as_print_on_a_black_and_white_scan_is_painted_over():
    page = PAGE.copy()
    crease_row = 200 + 60 * 4 + 33  # across the table, through the middle of row 4's cells
    page[crease_row : crease_row + 3, :] = 0
    creases = find_creases(page, ink_mask(page, DPI), DPI)
    assert [c.down for c in creases] == [False]
    lifted = without_creases(page, creases, DPI)
    assert lifted[crease_row : crease_row + 3, 5:100].min() > 200  # in the margin: paper again
    config = PreprocessConfig(fix_orientation=False, deskew=False)
    clean = prepare_page(page, DPI, engine=None, config=config)  # type: ignore[arg-type]
    (table,) = find_tables(clean, 1, DPI, TableConfig()).tables
    assert (table.n_rows, table.n_cols) == (ROWS, 6)


def test_a_crease_too_faint_to_be_ink_is_found_in_the_margins_and_lifted():
    faint = replace(CREASE, where=805 / PAGE.shape[1], core_mm=0.1, darkness=0.08, slant_deg=0.1)
    page = with_creases(PAGE, (faint,), 300)
    ink = ink_mask(page, DPI)
    assert ink[20:120, 795:815].max() == 0  # no ink in the margin: only its grey tells it
    creases = find_creases(page, ink, DPI)
    assert [c.down for c in creases] == [True]
    assert abs(float(np.median(creases[0].centre)) - 805) <= 4
    lifted = without_creases(page, creases, DPI)
    band = np.s_[60:140, 795:816]
    assert page[band].min() < 235 and lifted[band].min() >= 245
