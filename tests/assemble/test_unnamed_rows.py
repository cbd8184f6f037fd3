"""Rows of table 二 whose column headers were lost, placed by the template's column order."""

from nianbao.assemble.mapping import Decision, MappingResult
from nianbao.assemble.proactive import map_proactive
from nianbao.assemble.unnamed_rows import place_unnamed_rows
from tests.assemble.test_requests import _grid

KEYS = {"规章": "regulations", "行政许可": "licensing", "本年处理决定数量": "decisions"}
BLACK = [("", 1), ("", 1), ("", 1), ("", 1)]  # a shaded header row a fax turned black: nothing read
REGULATIONS = [("规章", 1), ("2", 1), ("0", 1), ("15", 1)]


def classify(table, axis, labels):
    return [Decision(KEYS.get(label.text), 0.99 if label.text in KEYS else 0.1) for label in labels]


def _placed(result: MappingResult) -> dict[str, str]:
    return {m.field_id: m.cell.text for m in result.cells}


def test_rows_whose_headers_were_lost_take_the_one_matching_templates_column_order():
    """Where a block prints one value (2021) rather than three (2019), the template is known, and the
    first block's three columns with it."""
    result = map_proactive(_grid([BLACK, REGULATIONS, BLACK, [("行政许可", 1), ("7969", 3)]]), classify)
    assert result.cells == [] and len(result.unnamed) == 2  # placed once the whole table 二 is seen
    place_unnamed_rows(result)
    assert _placed(result) == {
        "proactive.regulations.issued": "2",
        "proactive.regulations.repealed": "0",
        "proactive.regulations.in_force": "15",
        "proactive.licensing.decisions": "7969",
    }
    assert result.unnamed == []


def test_the_first_block_alone_waits_for_the_report_s_version():
    """Both versions print three values in the first block: its row is placed by the version the
    report's year (or other tables) decides, and rejected where none is known."""
    result = map_proactive(_grid([BLACK, REGULATIONS]), classify)
    place_unnamed_rows(result)
    assert result.cells == [] and len(result.unnamed) == 1  # left for the report's version
    place_unnamed_rows(result, "2021")
    assert _placed(result)["proactive.regulations.in_force"] == "15" and result.unnamed == []

    old = map_proactive(_grid([BLACK, REGULATIONS]), classify)
    place_unnamed_rows(old, "2019")
    assert _placed(old) == {
        "proactive.regulations.new_made": "2",
        "proactive.regulations.new_published": "0",
        "proactive.regulations.total_published": "15",
    }


def test_a_row_no_version_prints_so_is_rejected():
    five = map_proactive(_grid([BLACK, [("规章", 1), ("2", 1), ("0", 1), ("15", 1), ("9", 1)]]), classify)
    place_unnamed_rows(five)
    assert five.cells == [] and [u["text"] for u in five.unmapped] == ["规章"] and five.unnamed == []


def test_a_cell_split_by_a_rule_the_print_lacks_leaves_the_row_its_printed_values():
    """A rule found through 行政许可's value cell cut off an empty sliver of it: two cells, one number,
    where 2021 prints one value. Its number is placed; a row with more numbers than columns is not."""
    split = [("行政许可", 1), ("", 1), ("7969", 2)]
    result = map_proactive(_grid([BLACK, REGULATIONS, BLACK, split]), classify)
    place_unnamed_rows(result)
    assert _placed(result)["proactive.licensing.decisions"] == "7969"
    assert _placed(result)["proactive.regulations.in_force"] == "15"
    crowded = map_proactive(_grid([BLACK, REGULATIONS, BLACK, [("行政许可", 1), ("1", 1), ("7969", 2)]]), classify)
    place_unnamed_rows(crowded, "2021")
    assert "proactive.licensing.decisions" not in _placed(crowded)


def test_a_sliver_whose_noise_was_read_as_letters_leaves_the_row_its_value():
    """Faint 7609_001: the piece a faint rule cut off 行政许可's value cell held noise read as letters at
    0.4. The cell reading as a value is placed; two cells reading as values where one is printed are not."""
    noisy = [("行政许可", 1), ("SEEWL", 1), ("37493", 2)]
    result = map_proactive(_grid([BLACK, REGULATIONS, BLACK, noisy]), classify)
    place_unnamed_rows(result)
    assert _placed(result)["proactive.licensing.decisions"] == "37493"
    two = [("行政许可", 1), ("8", 1), ("37493", 2)]
    crowded = map_proactive(_grid([BLACK, REGULATIONS, BLACK, two]), classify)
    place_unnamed_rows(crowded, "2021")
    assert "proactive.licensing.decisions" not in _placed(crowded)
