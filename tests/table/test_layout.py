from nianbao.table.layout import has_cjk, starts_with_enumerator


def test_label_text_against_numbers_and_dashes():
    assert has_cjk("1.属于国家秘密") and has_cjk("总计") and has_cjk("其他")
    assert not has_cjk("0") and not has_cjk("一") and not has_cjk("——") and not has_cjk("0面")


def test_enumerators_mark_where_a_label_starts():
    assert starts_with_enumerator("（四）无法提供") and starts_with_enumerator("3.其他") and starts_with_enumerator("四、结转")
    assert not starts_with_enumerator("法提供") and not starts_with_enumerator("理结果")
