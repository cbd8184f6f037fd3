from nianbao.assemble.metadata import Metadata, TextLine, find_date, find_signature_agency, find_title, read_metadata


def test_title_on_one_line_or_two():
    assert find_title(["淮安市洪泽区人民政府2023年政府信息公开工作年度报告"]) == ("淮安市洪泽区人民政府", 2023)
    assert find_title(["攀枝花市盐边县行政审批局", "2023 年政府信息公开工作年度报告", "一、总体情况"]) == (
        "攀枝花市盐边县行政审批局",
        2023,
    )
    assert find_title(["关于印发的通知", "无关文字"]) == (None, None)


def test_dates_in_digits_and_chinese_numerals():
    assert find_date(["某某局", "2024年1月17日"]) == "2024-01-17"
    assert find_date(["二〇二四年一月二十六日"]) == "2024-01-26"
    assert find_date(["2023年工作", "没有日期"]) is None
    assert find_date(["2024年3月5日印发", "2024年1月17日"]) == "2024-01-17"


def test_a_date_cut_short_under_a_seal_is_no_date():
    assert find_date(["2024年3月1"]) is None  # printed 2024年3月11日, the seal hides "1日"
    assert find_date(["2024.3.11"]) == "2024-03-11"
    assert find_date(["2024年3月11"]) is None


def test_signature_agency_is_the_line_above_the_date():
    assert find_signature_agency(["正文", "淮安市洪泽区人民政府", "2024年1月17日"]) == "淮安市洪泽区人民政府"


def _read(text: str, weak: str = "", p: float = 0.99) -> TextLine:
    """A line read by OCR: each character at 0.99, those in ``weak`` at ``p``."""
    return TextLine(text, tuple(p if c in weak else 0.99 for c in text))


CUT = 0.7
CUTS = (CUT, 0.9)  # any character's (a name's, a date's 年月日), a date digit's
TITLE = [_read("乐山市市中区市场监督管理局"), _read("2023年政府信息公开工作年度报告")]
AGENCY = "乐山市市中区市场监督管理局"


def test_metadata_read_surely_is_kept():
    closing = [_read(AGENCY), _read("2024年3月11日")]
    assert read_metadata(TITLE, closing, *CUTS) == Metadata(AGENCY, 2023, "2024-03-11")


def test_a_date_with_a_doubtful_character_is_null_with_a_warning():
    # printed 2024年3月11日: a seal hides a 1, and the recogniser is unsure of the 日 beside it
    metadata = read_metadata(TITLE, [_read(AGENCY), _read("2024年3月1日", weak="日", p=0.54)], *CUTS)
    assert metadata.published is None and metadata.agency == AGENCY
    assert len(metadata.warnings) == 1 and "2024-03-01" in metadata.warnings[0] and "0.54" in metadata.warnings[0]
    assert read_metadata(TITLE, [_read("2081年2月10日", weak="8", p=0.36)], *CUTS).published is None


def test_a_date_digit_needs_the_higher_cut_its_marks_and_a_name_the_lower():
    # printed 2023年3月22日 with a seal's star over the 3 (hard 11311_000): read 8 at 0.71
    metadata = read_metadata(TITLE, [_read(AGENCY), _read("2023年8月22日", weak="8", p=0.71)], *CUTS)
    assert metadata.published is None and "2023-08-22" in metadata.warnings[0] and "0.71" in metadata.warnings[0]
    signed = [_read(AGENCY, weak="监", p=0.71), _read("2023年3月22日", weak="3日", p=0.91)]
    assert read_metadata([TITLE[1]], signed, *CUTS) == Metadata(AGENCY, 2023, "2023-03-22")
    assert read_metadata(TITLE, [_read("2022年2月10日", weak="日", p=0.87)], *CUTS).published == "2022-02-10"


def test_only_the_characters_of_the_date_decide():
    # a seal's fragment read as a stray character on the date's line, and a doubtful line above it
    closing = [_read("下一步工作", weak="下", p=0.3), _read(AGENCY), _read("2021年2月10日印", weak="印", p=0.09)]
    assert read_metadata(TITLE, closing, *CUTS).published == "2021-02-10"


def test_an_agency_read_doubtfully_is_null_from_the_title_or_the_signature():
    doubtful = [_read(AGENCY, weak="监", p=0.41), TITLE[1]]
    metadata = read_metadata(doubtful, [_read("2024年3月11日")], *CUTS)
    assert metadata.agency is None and metadata.year == 2023 and metadata.published == "2024-03-11"
    assert "agency" in metadata.warnings[0]
    no_title = [_read("2023年政府信息公开工作年度报告")]
    signed = [_read("某某市财政局"), _read("2024年3月11日")]
    assert read_metadata(no_title, signed, *CUTS).agency == "某某市财政局"
    assert read_metadata(no_title, [_read("某某市财政局", weak="财", p=0.5), signed[1]], *CUTS).agency is None


def test_punctuation_read_doubtfully_does_not_make_an_agency_doubtful():
    title = [_read("《某某市财政局2023年政府信息公开工作年度报告》", weak="《》", p=0.2)]
    assert read_metadata(title, [], *CUTS).agency == "某某市财政局"


def test_text_read_exactly_is_sure():
    assert read_metadata([TextLine("某某市财政局2023年政府信息公开工作年度报告")], [], *CUTS).agency == "某某市财政局"
