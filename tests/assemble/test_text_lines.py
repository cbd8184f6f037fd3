from nianbao.assemble.metadata import TextLine
from nianbao.assemble.text_lines import ReadPage, closing_lines, title_words
from nianbao.model import Cell, Table, Word


class ScriptedReader:
    """A fake reader that returns scripted lines and records which regions were asked for."""

    name = "scripted"

    def __init__(self, lines):
        self.lines = lines
        self.regions = []

    def read_tables(self, tables):
        return list(tables)

    def read_region(self, region, washed=False, enough=None, from_bottom=False):
        self.regions.append((region, washed))
        words = [Word(text, (0.0, 0.0, 1.0, 1.0), 0.99) for text in self.lines]
        if enough is None:
            return words
        for count in range(1, len(words) + 1):  # one line at a time, from the top or from the bottom
            read = words[-count:] if from_bottom else words[:count]
            if enough(read):
                return read
        return words


def _table(top, bottom, rows=2, texts=()):
    """A table of ``rows`` rows; with ``texts``, one row of one cell each holding one of them."""
    cells = tuple(
        Cell(
            0,
            col,
            1,
            1,
            (100.0 + col * 100, float(top), 200.0 + col * 100, float(bottom)),
            (Word(text, (0, 0, 1, 1), 0.99),),
        )
        for col, text in enumerate(texts)
    )
    return Table(1, (100.0, float(top), 900.0, float(bottom)), rows, max(1, len(texts)), cells)


def test_title_is_read_above_the_first_table_within_the_top_of_page_one():
    reader = ScriptedReader(["某某局2023年政府信息公开工作年度报告"])
    words = title_words(ReadPage(1000, 2000, [_table(500, 900)], reader))
    assert [w.text for w in words] == ["某某局2023年政府信息公开工作年度报告"]
    assert reader.regions == [((0, 0, 1000, 500), False)]
    tall = ScriptedReader([])
    title_words(ReadPage(1000, 2000, [_table(1500, 1900)], tall))
    assert tall.regions == [((0, 0, 1000, 800), False)]  # never below 40% of the page


def test_a_title_s_strokes_found_as_one_row_of_words_do_not_end_the_title():
    """Fax 10807_001: the agency's line of the title found as a table of one row (its bold strokes), and
    nothing above it read; a table of one row holding no value is none. One holding numbers (a table's
    last row carried over) is."""
    reader = ScriptedReader(["某某局", "2023年政府信息公开工作年度报告"])
    strokes = _table(300, 360, rows=1, texts=("某某", "某局"))
    title_words(ReadPage(1000, 2000, [strokes, _table(600, 900)], reader))
    assert reader.regions == [((0, 0, 1000, 600), False)]
    carried = ScriptedReader([])
    title_words(ReadPage(1000, 2000, [_table(300, 360, rows=1, texts=("结转", "12", "—")), _table(600, 900)], carried))
    assert carried.regions == [((0, 0, 1000, 300), False)]


def test_closing_lines_come_from_the_last_page_with_seals_washed_out():
    last = ScriptedReader(["某某局", "2024年1月17日"])
    before = ScriptedReader(["should not be read"])
    lines = closing_lines([ReadPage(1000, 2000, [], before), ReadPage(1000, 2000, [_table(100, 700)], last)])
    assert lines == [TextLine("某某局"), TextLine("2024年1月17日")]
    assert last.regions == [((0, 700, 1000, 2000), True)] and before.regions == []


def test_the_page_before_the_last_is_read_when_the_last_holds_no_date():
    last = ScriptedReader(["（此页无正文）"])
    before = ScriptedReader(["某某局", "2024年3月11日"])
    lines = closing_lines([ReadPage(1000, 2000, [_table(100, 600)], before), ReadPage(1000, 2000, [], last)])
    assert [line.text for line in lines] == ["某某局", "2024年3月11日", "（此页无正文）"]


def test_a_table_that_fills_the_page_leaves_no_closing_region():
    full = ScriptedReader(["x"])
    assert closing_lines([ReadPage(1000, 2000, [_table(100, 1990)], full)]) == []
    assert full.regions == []


def test_title_reading_stops_once_the_title_and_one_more_line_are_read():
    reader = ScriptedReader(["某某市人民政府", "2023年政府信息公开工作年度报告", "一、总体情况", "正文", "正文"])
    assert [w.text for w in title_words(ReadPage(1000, 2000, [], reader))] == [
        "某某市人民政府",
        "2023年政府信息公开工作年度报告",
        "一、总体情况",
    ]
    wrapped = ScriptedReader(["某某市人民政府2023年政府信息公开工作年度", "报告", "一、总体情况", "正文"])
    assert len(title_words(ReadPage(1000, 2000, [], wrapped))) == 3  # the mark is only whole with line 2


def test_closing_lines_are_read_from_the_bottom_until_the_date_and_the_line_above_it():
    last = ScriptedReader(["六、其他需要报告的事项", "本机关无其他需要报告的事项。", "某某局", "2024年1月17日"])
    lines = closing_lines([ReadPage(1000, 2000, [_table(100, 700)], last)])
    assert [line.text for line in lines] == ["某某局", "2024年1月17日"]
