from nianbao.model import Cell, Page, Table, Word


def test_page_round_trips_through_dict():
    word = Word("21", (1.0, 2.0, 3.0, 4.0), 0.98)
    cell = Cell(2, 3, 1, 2, (0.0, 0.0, 10.0, 10.0), (word, Word("件", (3, 2, 5, 4), 0.5)))
    table = Table(2, (0, 0, 100, 100), 4, 5, (cell,), cell_pages=(3,))
    page = Page(2, 1654, 2339, 200.0, 90, -1.25, (word,), (table,), ("faint",))
    assert Page.from_dict(page.to_dict()) == page
    assert cell.text == "21件" and cell.confidence == 0.5 and cell.last_col == 4
    assert table.page_of(0) == 3
    assert Cell(0, 0, 1, 1, (0, 0, 1, 1)).confidence == 1.0
