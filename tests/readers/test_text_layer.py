"""The text-layer reader's pure parts: folding, the trust checks, lines from glyphs."""

import numpy as np

from nianbao.ingest.pdf_layer import Glyph, Segment
from nianbao.model import Cell, Table
from nianbao.readers.text_layer import (
    TextLayerReader,
    agreement,
    coverage_problem,
    fold,
    group_lines,
    is_invisible,
    rules_mask,
    sample_cells,
    unicode_problem,
)


def _glyphs(text, x=0.0, y=0.0, invisible=False, unmapped=False, size=10.0):
    return [
        Glyph(ch, (x + k * size, y, x + (k + 1) * size, y + size), invisible, unmapped) for k, ch in enumerate(text)
    ]


def test_fold_turns_kangxi_radicals_and_full_width_digits_into_plain_text():
    assert fold("\u2f00\u2f06\u2f8f") == "一二行"
    assert fold("１２３．５") == "123.5"
    assert fold("二\u2f06\x00") == "二二"


def test_a_layer_of_real_text_passes():
    assert unicode_problem(_glyphs("政府信息公开工作年度报告本年新收申请数量一二三四五六七")) is None


def test_a_layer_without_text_is_no_layer():
    assert unicode_problem(_glyphs("第1页")) == "no text layer"


def test_private_use_unmapped_and_cid_glyphs_make_a_layer_unusable():
    private = _glyphs("\ue001\ue002\ue003" * 10)
    assert "no usable Unicode" in unicode_problem(private)
    unmapped = _glyphs("政府信息公开工作年度报告本年新收申请数量一二三", unmapped=True)
    assert "no usable Unicode" in unicode_problem(unmapped)
    cid = _glyphs("(cid:123)(cid:45)(cid:67)(cid:8)")
    assert "no usable Unicode" in unicode_problem(cid)
    few_bad = _glyphs("政府信息公开工作年度报告本年新收申请数量一二三四五六七八九十甲乙丙丁戊己庚辛壬癸") + _glyphs(
        "\ue001"
    )
    assert unicode_problem(few_bad) is None


def test_invisible_means_mostly_render_mode_3():
    assert is_invisible(_glyphs("一二三四", invisible=True) + _glyphs("五"))
    assert not is_invisible(_glyphs("一二三四") + _glyphs("五", invisible=True))


def _table(texts):
    """One column of cells, one per row; a text of None is a blank cell."""
    cells = tuple(
        Cell(r, 0, 1, 1, (0.0, r * 10.0, 10.0, r * 10.0 + 10), (() if t is None else (_word(t),)))
        for r, t in enumerate(texts)
    )
    return Table(1, (0.0, 0.0, 10.0, 10.0 * len(texts)), len(texts), 1, cells)


def _word(text):
    from nianbao.model import Word

    return Word(text, (0, 0, 1, 1), 1.0)


def test_a_layer_must_cover_most_rows_of_each_table():
    assert coverage_problem([_table(["自然人", None, "3", "4", "5"])]) is None
    assert "covers only 1 of 5 rows" in coverage_problem([_table(["标题", None, None, None, None])])


def test_sample_cells_spread_over_the_filled_cells():
    table = _table([str(k) if k % 2 else None for k in range(40)])
    chosen = sample_cells([table])
    assert len(chosen) == 8 and all(table.cells[c].text for _, c in chosen)
    assert len({c for _, c in chosen}) == 8


def test_agreement_compares_folded_text():
    assert agreement(["１２", "自 然 人"], ["12", "自然人"]) == 1.0
    assert agreement(["12", "自然人", "3", "4"], ["45", "白然人", "3", "4"]) == 0.5


def test_group_lines_and_read_tables():
    glyphs = _glyphs("结果", x=100, y=100) + _glyphs("维持", x=100, y=115) + _glyphs("12", x=200, y=100)
    words = group_lines([g for g in glyphs if g.bbox[0] < 150])
    assert [w.text for w in words] == ["结果", "维持"]
    cells = (
        Cell(0, 0, 1, 1, (95.0, 95.0, 150.0, 130.0)),
        Cell(0, 1, 1, 1, (150.0, 95.0, 250.0, 130.0)),
        Cell(0, 2, 1, 1, (250.0, 95.0, 300.0, 130.0)),
    )
    read = TextLayerReader(glyphs).read_tables([Table(1, (95.0, 95.0, 300.0, 130.0), 1, 3, cells)])[0]
    assert [c.text for c in read.cells] == ["结果维持", "12", ""]
    assert all(w.confidence == 1.0 for c in read.cells for w in c.words)


def test_rules_mask_draws_straight_rules_only():
    mask = rules_mask([Segment(10, 20, 90, 20, 2), Segment(50, 5, 50, 95, 1), Segment(0, 0, 99, 99, 1)], 100, 100)
    assert mask[20, 10:90].all() and mask[5:95, 50].all()
    assert not mask[70, 70] and mask.dtype == np.uint8


def test_rules_mask_joins_two_rules_a_pixel_apart_into_one():
    # two cells each drawn with its own border, their sides a pixel apart (at 382 and 384)
    mask = rules_mask([Segment(382.4, 10, 382.4, 40, 1), Segment(383.6, 10, 383.6, 40, 1)], 400, 50)
    assert mask[15:35, 382:385].all()


def test_a_mark_hanging_out_of_a_label_cell_is_read_with_its_label():
    # Word lets a line's closing comma hang past the cell's right side, its centre over the next cell
    cells = (Cell(0, 0, 1, 1, (0.0, 0.0, 100.0, 40.0)), Cell(0, 1, 1, 1, (100.0, 0.0, 200.0, 40.0)))
    label = _glyphs("情形", x=70.0, y=10.0, size=12.0)
    comma = [Glyph("，", (101.0, 19.0, 104.0, 22.0), False, False)]
    value = _glyphs("2", x=145.0, y=10.0, size=12.0)
    read = TextLayerReader(label + comma + value).read_tables([Table(1, (0.0, 0.0, 200.0, 40.0), 1, 2, cells)])[0]
    assert [c.text for c in read.cells] == ["情形,", "2"]  # folded: a full-width comma is a comma
    alone = TextLayerReader(comma + value).read_tables([Table(1, (0.0, 0.0, 200.0, 40.0), 1, 2, cells)])[0]
    assert [c.text for c in alone.cells] == ["", ",2"]  # no line it ends: where its centre is
