"""A fax's number told by drawing it again (ocr.fax_drawing): value lines the pipeline cut from a synth
fax page, and lines faxed by the synth's own damage."""

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from nianbao.ocr import fax_drawing
from nianbao.ocr.fax_drawer import Face, FaxDrawer, LineInk, face_sample
from nianbao.ocr.fax_drawing import (
    LONG_MARGIN,
    MARGINS,
    UNFIT_MARGIN,
    confirmed_by_drawing,
    confirmed_by_margin,
    decoded_by_drawing,
    drawing_margin,
    drawn_best_as_four,
    fits_ink,
    freely_outdrawn,
    outdrawn_by_a_digit_printed_smaller,
    outdrawn_printed_smaller,
    page_face,
)
from nianbao.ocr.fax_rivals import lookalikes_restored
from nianbao.synth.degrade import Damage, degrade

MING = "/usr/share/fonts/truetype/arphic/uming.ttc"
SANS = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
needs_fonts = pytest.mark.skipif(
    not (Path(MING).is_file() and Path(SANS).is_file()),
    reason="the CJK fonts scripts/setup.sh installs (fonts-arphic-uming, fonts-wqy-zenhei) are absent",
)
EM_AT_300_DPI = 42  # a 10 pt table, as the synth draws one
LINES = Path(__file__).parent / "fax_lines"
FOURS = Path(__file__).parent / "fax_fours"
NUMBERS = Path(__file__).parent / "fax_numbers"
FONT_FOLDERS = {"ukai.ttc": "arphic", "uming.ttc": "arphic", "wqy-zenhei.ttc": "wqy"}


def _faxed_line(text: str, font: str, offset: int = 0) -> np.ndarray:
    """``text`` printed at 300 dpi, ``offset`` pixels down, sent as a 200 dpi 2:1 fax (synth.degrade)."""
    sheet = Image.new("RGB", (420, 120), "white")
    ImageDraw.Draw(sheet).text((30, 30 + offset), text, font=ImageFont.truetype(font, EM_AT_300_DPI), fill="black")
    damage = Damage(dpi=200, blur_sigma=0.4, binarize=True, fax=True)
    return np.asarray(degrade(sheet, np.random.default_rng(0), damage).convert("L"))


def _pipeline_lines(page: int) -> tuple[list[tuple[np.ndarray, str]], dict[str, tuple[np.ndarray, str]]]:
    """Value lines of a page of a fax the synth made (seed 1601, report 000, pages 2 and 3), cut by the
    pipeline: the numbers read surely, and the unsure readings by what was printed."""
    listing = json.loads((LINES / "lines.json").read_text(encoding="utf-8"))
    sure, unsure = [], {}
    for line in (line for line in listing if line["page"] == page):
        image = np.asarray(Image.open(LINES / line["file"]).convert("L"))
        if line["sure"]:
            sure.append((image, line["read"]))
        else:
            unsure[f"{line['read']} for {line['printed']}"] = (image, line["read"])
    return sure, unsure


@needs_fonts
def test_a_fax_page_s_unsure_numbers_are_confirmed_only_where_read_right():
    drawer = FaxDrawer([SANS, MING, "/no/such/font.ttc"])
    assert drawer.fonts == (SANS, MING)
    sure, unsure = _pipeline_lines(3)
    face = page_face(drawer, sure)
    assert face is not None and face.font == MING and 26 <= face.em <= 30  # a 10 pt Ming face at 200 dpi
    assert confirmed_by_drawing(drawer, *unsure["251 for 251"], face)
    assert confirmed_by_drawing(drawer, *unsure["122 for 122"], face)
    margin = drawing_margin(drawer, *unsure["201 for 291"], face)  # a 9 that lost its loop's top
    assert margin is not None and margin < 0  # "291" explains that ink better


@needs_fonts
def test_numbers_misread_where_a_fax_broke_their_digits_are_not_confirmed():
    drawer = FaxDrawer([SANS, MING])
    sure, unsure = _pipeline_lines(2)
    face = page_face(drawer, sure)
    assert face is not None and face.font == MING
    confirmed = [text for image, text in sure if confirmed_by_drawing(drawer, image, text, face)]
    assert len(confirmed) >= 5  # of 7: 57, 27, 70, 118, 707
    wrong = ["10 for 40", "21 for 29", "188 for 0", "11 for 0"]  # 4s that lost their bars, a 9 its loop, 0s
    assert not any(confirmed_by_drawing(drawer, *unsure[key], face) for key in wrong)
    assert drawing_margin(drawer, unsure["10 for 40"][0], "1.0", face) is None


@needs_fonts
def test_a_lone_four_read_as_one_is_not_explained_by_a_one():
    drawer = FaxDrawer([MING, SANS])
    face = Face(MING, 28)
    for offset in range(3):  # wherever it falls between the scan lines
        margin = drawing_margin(drawer, _faxed_line("4", MING, offset), "1", face)
        assert margin is not None and margin < MARGINS[1]


@needs_fonts
def test_a_lone_one_is_never_confirmed():
    drawer = FaxDrawer([MING, SANS])
    one = _faxed_line("1", MING)
    assert not confirmed_by_drawing(drawer, one, "1", Face(MING, 28))  # a 4 or a 2 may leave just that stem
    assert confirmed_by_drawing(drawer, _faxed_line("7", MING), "7", Face(MING, 28))


def _broken_open(line: np.ndarray) -> np.ndarray:
    """A faxed 0 that lost its top and bottom arcs: its two sides, their full height."""
    cols = np.flatnonzero((line < 128).any(axis=0))
    sides = line.copy()
    sides[:, cols[0] + len(cols) // 3 : cols[-1] - len(cols) // 3 + 1] = 255
    return sides


@needs_fonts
def test_an_eleven_as_narrow_as_a_zero_is_no_eleven_and_no_face_is_fitted_on_ones():
    drawer = FaxDrawer([MING, SANS])
    face = Face(MING, 28)
    eleven, sides = _faxed_line("11", MING), _broken_open(_faxed_line("0", MING))
    assert fits_ink(drawer, LineInk(eleven), "11", face) and confirmed_by_drawing(drawer, eleven, "11", face)
    assert not fits_ink(drawer, LineInk(sides), "11", face) and not confirmed_by_drawing(drawer, sides, "11", face)
    assert decoded_by_drawing(drawer, sides, ["11", "()"], face) == "0"  # a 0's sides, drawn as a 0 too
    sure = [(eleven, "11"), (_faxed_line("111", MING), "111"), (_faxed_line("25", MING), "25")]
    assert [text for _, text in face_sample(sure)] == ["25"]  # stems alone fit many sizes
    assert page_face(drawer, sure[:2]) is None


@needs_fonts
def test_a_digit_broken_into_its_two_sides_read_as_1s_is_told_by_drawing():
    """A 93 whose 3 lost its bars, read "911" (fax seed 2805): its 93 is one of the reading's rivals."""
    for font in (MING, SANS):
        drawer, face = FaxDrawer([font]), Face(font, 28)
        line = _faxed_line("93", font).copy()
        cols = np.flatnonzero((line < 128).any(axis=0))
        three = cols[cols > (cols[0] + cols[-1]) // 2 + 2]
        sides = three[0] + len(three) // 3, three[-1] - len(three) // 3
        line[:, sides[0] : sides[1] + 1] = 255
        margin = drawing_margin(drawer, line, "911", face)
        assert margin is not None and margin < 0
        assert decoded_by_drawing(drawer, line, ["911"], face) == "93"


@needs_fonts
def test_ink_shorter_than_a_number_s_digits_is_not_that_number():
    drawer = FaxDrawer([MING, SANS])
    face = Face(MING, 28)
    seventeen = _faxed_line("17", MING)
    specks = seventeen.copy()
    rows = np.flatnonzero((seventeen < 128).any(axis=1))
    specks[rows[0] + len(rows) // 2 :] = 255  # the upper half of its ink left
    assert fits_ink(drawer, LineInk(seventeen), "17", face)
    assert not fits_ink(drawer, LineInk(specks), "17", face)
    assert drawing_margin(drawer, specks, "17", face) == UNFIT_MARGIN
    assert decoded_by_drawing(drawer, specks, ["17", "I7"], face) is None


@needs_fonts
def test_a_page_in_another_font_fits_that_font():
    drawer = FaxDrawer([MING, SANS])
    sure = [(_faxed_line(text, SANS), text) for text in ("4628", "317", "25")]
    face = page_face(drawer, sure)
    assert face is not None and face.font == SANS


def test_no_face_without_fonts_or_numbers_of_two_digits():
    assert page_face(FaxDrawer([]), [(np.full((20, 40), 255, np.uint8), "12")]) is None
    assert page_face(FaxDrawer([MING]), [(np.full((20, 40), 255, np.uint8), "1")]) is None


@needs_fonts
def test_a_number_read_as_its_broken_strokes_is_told_by_its_drawing():
    drawer = FaxDrawer([MING, SANS])
    face = Face(MING, 28)
    for offset in range(3):
        assert decoded_by_drawing(drawer, _faxed_line("4", MING, offset), ["1", "小"], face) == "4"
        assert decoded_by_drawing(drawer, _faxed_line("24", MING, offset), ["21"], face) == "24"


@needs_fonts
def test_a_number_no_reading_gave_must_beat_the_readings_numbers_by_the_unread_margin(monkeypatch):
    """A 24 read "21" is told so where it beats 21 far; with a bar no drawing reaches, it is not, while a 4
    that a reading gave (小, its broken strokes) still is."""
    drawer = FaxDrawer([MING, SANS])
    face = Face(MING, 28)
    monkeypatch.setattr(fax_drawing, "UNREAD_MARGIN", 1.0)
    assert decoded_by_drawing(drawer, _faxed_line("24", MING), ["21"], face) is None
    assert decoded_by_drawing(drawer, _faxed_line("4", MING), ["1", "小"], face) == "4"


@needs_fonts
def test_a_lone_one_and_a_slash_are_never_told_by_drawing_alone():
    drawer = FaxDrawer([MING, SANS])
    face = Face(MING, 28)
    for offset in range(3):
        assert decoded_by_drawing(drawer, _faxed_line("/", MING, offset), ["11", "1"], face) is None
        assert decoded_by_drawing(drawer, _faxed_line("1", MING, offset), ["1", "l"], face) is None


@needs_fonts
def test_a_zero_read_as_strokes_is_told_by_drawing_and_a_six_or_nine_broken_open_is_no_zero():
    drawer = FaxDrawer([MING, SANS])
    face = Face(MING, 28)
    for offset in range(3):
        assert decoded_by_drawing(drawer, _faxed_line("0", MING, offset), ["11", "()"], face) == "0"
        for digit in "69":  # broken open as a 0 is: their middle columns lost
            sides = _broken_open(_faxed_line(digit, MING, offset))
            assert decoded_by_drawing(drawer, sides, ["11", "()"], face) != "0"


@needs_fonts
def test_the_pipeline_s_unsure_lines_are_told_right_or_not_at_all():
    drawer = FaxDrawer([SANS, MING])
    told = {}
    for page in (2, 3):
        sure, unsure = _pipeline_lines(page)
        face = page_face(drawer, sure)
        assert face is not None
        told.update({key: decoded_by_drawing(drawer, image, [text], face) for key, (image, text) in unsure.items()})
    assert told["251 for 251"] == "251" and told["122 for 122"] == "122"
    assert all(number in (None, key.split(" for ")[1]) for key, number in told.items())


def test_a_long_number_a_reading_gave_is_confirmed_by_a_narrower_margin_than_one_told_by_drawing_alone():
    assert confirmed_by_margin("251", lambda: 0.015)  # read so: its drawing need beat its rivals by 0.0125
    assert not confirmed_by_margin("251", lambda: 0.015, LONG_MARGIN)  # told by drawing alone: by 0.025
    assert not confirmed_by_margin("25", lambda: 0.015)  # two digits: 0.03 either way
    assert not confirmed_by_margin("1", lambda: 0.5)  # a lone 1 never


def fax_fours(folder: Path = FOURS) -> dict[str, tuple[np.ndarray, Face]]:
    """Lines cut from fax pages the synth made, each with its page's face as the pipeline fitted it (by
    default tests/ocr/fax_fours: lone lines read "1", two 4s that lost their bar, a 3 broken to a stem and
    specks, two 1s)."""
    listing = json.loads((folder / "lines.json").read_text(encoding="utf-8"))
    found = {}
    for line in listing:
        font = f"/usr/share/fonts/truetype/{FONT_FOLDERS[line['font']]}/{line['font']}"
        if not Path(font).is_file():
            pytest.skip(f"the font {font} that scripts/setup.sh installs is absent")
        image = np.asarray(Image.open(folder / line["file"]).convert("L"))
        found[line["file"].removesuffix(".png")] = (image, Face(font, line["em"]))
    return found


def test_a_four_that_lost_its_bar_is_drawn_best_as_a_four_and_a_one_or_a_broken_three_is_not():
    lines = fax_fours()
    drawer = FaxDrawer({face.font for _, face in lines.values()})
    told = {name: drawn_best_as_four(drawer, image, face) for name, (image, face) in lines.items()}
    assert told == {
        "four_lost_bar_a": True,
        "four_lost_bar_b": True,
        "three_as_stem_and_specks": False,  # drawn best as a 4, but at 0.907
        "one": False,
        "one_drawn_near_a_four": False,
    }


def test_a_number_whose_4_lost_its_bar_is_not_confirmed_as_read_with_a_1():
    """Fax sets 4703 and 4706: a 413 and a 430 whose 4 kept its stem and a speck, read "113" and "130",
    were confirmed so at 0.9: by 0.024 and 0.026 over the rivals drawn at the reading's own size and
    offset, where a 4 is drawn worse than at its own. A 1 read where a 4 or a 7 may have lost strokes
    (ocr.fax_rivals.lookalikes_restored) is always fitted freely: the 413 is drawn better than the 113."""
    lines = fax_fours(NUMBERS)
    drawer = FaxDrawer({face.font for _, face in lines.values()})
    image, face = lines["four_hundred_read_113"]
    assert drawing_margin(drawer, image, "113", face) < 0 < drawing_margin(drawer, image, "413", face)
    image, face = lines["four_hundred_read_130"]
    assert not confirmed_by_drawing(drawer, image, "130", face)
    assert decoded_by_drawing(drawer, image, ["130"], face) in (None, "430")


def test_a_number_whose_drawing_leaves_a_digit_s_remains_beside_it_is_not_that_number():
    """Fax set 10303 (a JPEG at 150 dpi): a 28512 whose last 2 the fax left as four specks, read "2851:"
    and "2871", was told 2851 by drawing, the specks dropped as a stroke's remains. Beside the drawing of
    2851 they span most of the line's height: the ink is no 2851, and no number is told."""
    lines = fax_fours(NUMBERS)
    drawer = FaxDrawer({face.font for _, face in lines.values()})
    image, face = lines["digit_lost_read_2851"]
    assert drawing_margin(drawer, image, "2851", face) == UNFIT_MARGIN
    assert decoded_by_drawing(drawer, image, ["2851:", "2851", "2871", "2851:", "2871"], face) is None
    image, face = lines["page_sure_265"]
    assert drawing_margin(drawer, image, "265", face) > 0  # a whole number leaves nothing beside it


def test_a_page_s_face_is_fitted_on_its_other_numbers_where_one_was_misread():
    """Fax set 7002 (150 dpi), a first page with two numbers read surely: a 971 whose 9 lost its loop's
    top, read "471", fits every font so poorly that both together fit none, and with no face it was kept."""
    lines = fax_fours(NUMBERS)
    drawer = FaxDrawer({face.font for _, face in lines.values()})
    misread, (right, face) = lines["nine_hundred_read_471"][0], lines["page_sure_265"]
    fitted = page_face(drawer, [(right, "265"), (misread, "471")])
    assert fitted is not None and fitted.font == face.font
    assert drawing_margin(drawer, misread, "471", fitted) < 0 < drawing_margin(drawer, misread, "971", fitted)
    assert page_face(drawer, [(misread, "471")]) is None  # a lone number is never dropped


@needs_fonts
@pytest.mark.parametrize(
    ("printed", "read", "outdrawn"),
    [("40", "10", True), ("1450", "1150", True), ("16", "10", True), ("10", "10", False), ("1150", "1150", False)],
)
def test_a_number_a_lookalike_drawn_in_its_best_font_explains_better_is_freely_outdrawn(printed, read, outdrawn):
    """On a page no face explains, a number's lookalikes (a 1 as a 4 or a 7, a 0 as a 6) are each drawn
    in the font and size that fit them best (fax 9002_001: a 1450 read "1150", its page's only sure number)."""
    drawer = FaxDrawer([MING, SANS])
    image = _faxed_line(printed, MING)
    assert freely_outdrawn(drawer, image, read, lookalikes_restored(read), 0.02) is outdrawn


def test_a_number_printed_smaller_than_its_page_is_explained_best_as_read_at_its_own_size():
    """Fax 11605_001: a 138 and a 17 read at 0.9997, a few pixels smaller than their page's face (ukai at
    29), are drawn better there as 438 and 47, as fax 8803_000's 18 (ukai at 26) is as 48; drawn down to
    four ems smaller they are drawn better as read. An 811 whose 4 lost its bar (841) is drawn better as 841 so too."""
    lines = fax_fours(NUMBERS)
    drawer = FaxDrawer({face.font for _, face in lines.values()})
    for name, read, told in (
        ("one_hundred_printed_small_read_138", "138", "438"),
        ("seventeen_printed_small", "17", "47"),
        ("eighteen_printed_small", "18", "48"),
    ):
        image, face = lines[name]
        assert decoded_by_drawing(drawer, image, [read], face) == told
        assert not outdrawn_printed_smaller(drawer, image, read, told, face)
        assert outdrawn_printed_smaller(drawer, image, told, read, face)
    image, face = lines["eight_hundred_read_811"]
    assert outdrawn_printed_smaller(drawer, image, "811", "841", face)


def test_a_number_read_unsurely_that_a_digit_away_explains_better_printed_smaller_is_not_confirmed():
    """Fax 11701_002: a 54 whose 4 kept only its stem, read "51" at 0.49, drawn 0.03 better as 51 than as
    54 at its page's size (uming at 28), and 0.04 worse than 54 drawn at 25. Numbers read right, drawn
    at their own size, are explained best as read."""
    lines = fax_fours(NUMBERS)
    drawer = FaxDrawer({face.font for _, face in lines.values()})
    image, face = lines["fifty_four_read_51"]
    found = drawing_margin(drawer, image, "51", face)
    assert found is not None and found > MARGINS[2]  # confirmed at its page's size
    assert outdrawn_by_a_digit_printed_smaller(drawer, image, "51", face)
    assert not outdrawn_by_a_digit_printed_smaller(drawer, image, "54", face)
    for name, read in (("one_hundred_printed_small_read_138", "138"), ("seventeen_printed_small", "17")):
        image, face = lines[name]
        assert not outdrawn_by_a_digit_printed_smaller(drawer, image, read, face)
