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


TITLE = [TextLine("乐山市市中区市场监督管理局", 0.99), TextLine("2023年政府信息公开工作年度报告", 0.99)]


def test_metadata_read_surely_is_kept():
    closing = [TextLine("乐山市市中区市场监督管理局", 0.99), TextLine("2024年3月11日", 0.97)]
    assert read_metadata(TITLE, closing) == Metadata("乐山市市中区市场监督管理局", 2023, "2024-03-11")


def test_a_date_with_a_doubtful_character_is_null_with_a_warning():
    # printed 2024年3月11日: a seal hides a 1, and the recogniser's least sure character says so
    metadata = read_metadata(TITLE, [TextLine("乐山市市中区市场监督管理局", 0.99), TextLine("2024年3月1日", 0.54)])
    assert metadata.published is None and metadata.agency == "乐山市市中区市场监督管理局"
    assert len(metadata.warnings) == 1 and "2024-03-01" in metadata.warnings[0] and "0.54" in metadata.warnings[0]


def test_only_the_line_holding_the_date_decides():
    closing = [TextLine("下一步工作", 0.3), TextLine("某某局", 0.99), TextLine("2021年2月10日", 0.99)]
    assert read_metadata(TITLE, closing).published == "2021-02-10"


def test_an_agency_read_doubtfully_is_null_from_the_title_or_the_signature():
    doubtful = [TextLine("乐山市市中区市场监督管理局", 0.41), TextLine("2023年政府信息公开工作年度报告", 0.99)]
    metadata = read_metadata(doubtful, [TextLine("2024年3月11日", 0.99)])
    assert metadata.agency is None and metadata.year == 2023 and metadata.published == "2024-03-11"
    assert "agency" in metadata.warnings[0]
    no_title = [TextLine("2023年政府信息公开工作年度报告", 0.99)]
    signed = [TextLine("某某市财政局", 0.99), TextLine("2024年3月11日", 0.99)]
    assert read_metadata(no_title, signed).agency == "某某市财政局"
    assert read_metadata(no_title, [TextLine("某某市财政局", 0.5), signed[1]]).agency is None


def test_text_read_exactly_is_sure():
    assert read_metadata([TextLine("某某市财政局2023年政府信息公开工作年度报告")], []).agency == "某某市财政局"
