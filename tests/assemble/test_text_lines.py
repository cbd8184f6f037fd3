from nianbao.assemble.text_lines import ReadPage, closing_lines, title_words
from nianbao.model import Table, Word


class ScriptedReader:
    """A fake reader that returns scripted lines and records which regions were asked for."""

    name = "scripted"

    def __init__(self, lines):
        self.lines = lines
        self.regions = []

    def read_tables(self, tables):
        return list(tables)

    def read_region(self, region, washed=False):
        self.regions.append((region, washed))
        return [Word(text, (0.0, 0.0, 1.0, 1.0), 0.99) for text in self.lines]


def _table(top, bottom):
    return Table(1, (100.0, float(top), 900.0, float(bottom)), 1, 1, ())


def test_title_is_read_above_the_first_table_within_the_top_of_page_one():
    reader = ScriptedReader(["某某局2023年政府信息公开工作年度报告"])
    words = title_words(ReadPage(1000, 2000, [_table(500, 900)], reader))
    assert [w.text for w in words] == ["某某局2023年政府信息公开工作年度报告"]
    assert reader.regions == [((0, 0, 1000, 500), False)]
    tall = ScriptedReader([])
    title_words(ReadPage(1000, 2000, [_table(1500, 1900)], tall))
    assert tall.regions == [((0, 0, 1000, 800), False)]  # never below 40% of the page


def test_closing_lines_come_from_the_last_page_with_seals_washed_out():
    last = ScriptedReader(["某某局", "2024年1月17日"])
    before = ScriptedReader(["should not be read"])
    lines = closing_lines([ReadPage(1000, 2000, [], before), ReadPage(1000, 2000, [_table(100, 700)], last)])
    assert lines == ["某某局", "2024年1月17日"]
    assert last.regions == [((0, 700, 1000, 2000), True)] and before.regions == []


def test_the_page_before_the_last_is_read_when_the_last_holds_no_date():
    last = ScriptedReader(["（此页无正文）"])
    before = ScriptedReader(["某某局", "2024年3月11日"])
    lines = closing_lines([ReadPage(1000, 2000, [_table(100, 600)], before), ReadPage(1000, 2000, [], last)])
    assert lines == ["某某局", "2024年3月11日", "（此页无正文）"]


def test_a_table_that_fills_the_page_leaves_no_closing_region():
    full = ScriptedReader(["x"])
    assert closing_lines([ReadPage(1000, 2000, [_table(100, 1990)], full)]) == []
    assert full.regions == []
