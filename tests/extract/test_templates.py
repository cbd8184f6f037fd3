from nianbao.extract import detect_templates


def test_each_table_says_its_own_version():
    seen = {"requests": {"result.other.unsplit", "new_received"}, "proactive": {"issued", "in_force"}, "appeals": set()}
    assert detect_templates(seen, 2023) == {"requests": "2019", "proactive": "2021", "appeals": "2021"}


def test_undecided_tables_follow_the_year_then_the_others():
    assert detect_templates({"appeals": set()}, 2020) == {"appeals": "2019"}
    assert detect_templates({"appeals": set(), "proactive": {"new_made"}}, None) == {"appeals": "2019", "proactive": "2019"}
    assert detect_templates({"appeals": set()}, None) == {"appeals": "2021"}
