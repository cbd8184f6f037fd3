"""The page's blocks of text, and those beside its ruled tables."""

import numpy as np

from nianbao.table.text_blocks import blocks_outside, text_blocks

DPI = 200
TEXT = 24  # a character's height at 200 dpi


def _line(ink: np.ndarray, left: int, top: int, characters: int, height: int = TEXT) -> None:
    """A line of characters: blocks of ink a character wide, closer than a character apart."""
    for index in range(characters):
        x = left + index * (height + 6)
        ink[top : top + height, x : x + height] = 255


def test_a_heading_a_table_s_box_reaches_into_is_still_a_heading_beside_it():
    """四、政府信息公开行政复议、行政诉讼情况 in larger print, the top of table 四's header band found
    through its foot: its middle is outside the table, and it keeps its whole height."""
    ink = np.zeros((900, 1300), np.uint8)
    for top in range(100, 300, 50):
        _line(ink, 200, top, 12)  # prose in the page's usual print
    _line(ink, 200, 400, 10, height=2 * TEXT)  # the heading, its foot at 448
    for top in range(460, 700, 50):
        _line(ink, 200, top, 4)  # the table's own text
    table = (180, 440, 1200, 720)
    beside = blocks_outside(text_blocks(ink, DPI), [table])
    [heading] = beside.headings
    assert heading[1] == 400 and heading[3] >= 440
    assert not any(block[1] >= 460 for block in beside.boxes)
    assert len(beside.boxes) == 5
