import pytest

from nianbao.classify.normalize import fold_characters, normalize_context, normalize_label, strip_numbering


@pytest.mark.parametrize(
    "printed",
    [
        "3.危及“三安全一稳定”",
        '3.危及"三安全一稳定"',
        "危及三安全一稳定",
        "3.危及“三安全—稳定”",
        "危及“三安全-稳定”",
        "（3）危及「三安全－稳定」",
        "３、危及 “三安全一稳定”",
    ],
)
def test_security_stability_spellings_share_one_form(printed):
    assert normalize_label(printed) == "危及三安全一稳定"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("（七）总计", "总计"),
        ("七、总计", "总计"),
        ("(七) 总 计", "总计"),
        ("三、（六）3.其他", "其他"),
        ("1、本机关不掌握", "本机关不掌握"),
        ("(1)属于国家秘密", "属于国家秘密"),
        ("１．属于国家秘密", "属于国家秘密"),
        ("1属于国家秘密", "属于国家秘密"),
        ("商业\n企业", "商业企业"),
        ("自 然 人", "自然人"),
    ],
)
def test_numbering_and_whitespace_are_removed(printed, expected):
    assert normalize_label(printed) == expected


@pytest.mark.parametrize("number", ["0", "1110", "38.09533", "2021年", "25"])
def test_numbers_are_not_taken_for_numbering(number):
    assert normalize_label(number) == number


def test_full_width_punctuation_folds_to_ascii():
    assert fold_characters("本年收费金额（单位：万元）") == "本年收费金额(单位:万元)"
    assert fold_characters("本年增／减") == "本年增/减"


def test_numbering_inside_a_label_is_kept():
    assert normalize_label("第二十条第（一）项") == "第二十条第(一)项"
    assert strip_numbering("属于三类内部事务信息") == "属于三类内部事务信息"


def test_context_parts_are_normalised_and_joined():
    assert normalize_context("三、本年度办理结果 / （六）其他处理") == "本年度办理结果/其他处理"
    assert normalize_context("") == ""
    assert normalize_context(" / 行政复议 / ") == "行政复议"
