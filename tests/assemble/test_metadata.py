from nianbao.assemble.metadata import find_date, find_signature_agency, find_title


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
