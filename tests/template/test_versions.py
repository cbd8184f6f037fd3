"""Template versions: detection per table, and a third version added through data alone."""

import shutil
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from nianbao.checks import run_checks
from nianbao.errors import ConfigError
from nianbao.synth.profile import SynthProfile
from nianbao.synth.render import render_report, report_grids
from nianbao.synth.spec import make_report_spec
from nianbao.template import default_template, load_template

SHIPPED = Path(str(resources.files("nianbao.template")))
COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)


def detect(seen, year):
    return default_template().detect_versions(seen, year)


def test_each_table_says_its_own_version():
    seen = {"requests": {"result.other.unsplit", "new_received"}, "proactive": {"issued", "in_force"}, "appeals": set()}
    assert detect(seen, 2023) == {"requests": "2019", "proactive": "2021", "appeals": "2021"}


def test_undecided_tables_follow_the_year_then_the_others():
    assert detect({"appeals": set()}, 2020) == {"appeals": "2019"}
    assert detect({"appeals": set(), "proactive": {"new_made"}}, None) == {"appeals": "2019", "proactive": "2019"}
    assert detect({"appeals": set()}, None) == {"appeals": "2021"}
    assert detect({"requests": {"new_received"}}, 2018) == {"requests": "2019"}


AI_ROW = "result.other.ai_generated"
AI_LABEL = "申请人要求以生成式人工智能答复的申请"
REFUND_HEADER = "本年退费件数"
TABLE_TWO_2025 = f"""  "2025":
    - section: 第二十条第（一）项
      columns: {{issued: 本年制发件数, repealed: 本年废止件数, in_force: 现行有效件数}}
      rows: {{regulations: 规章, normative_documents: 行政规范性文件}}
    - section: 第二十条第（五）项
      columns: {{decisions: 本年处理决定数量}}
      rows: {{licensing: 行政许可}}
    - section: 第二十条第（六）项
      columns: {{decisions: 本年处理决定数量}}
      rows: {{penalty: 行政处罚, coercion: 行政强制}}
    - section: 第二十条第（八）项
      columns: {{amount_10k_yuan: 本年收费金额（单位：万元）, refunded: {REFUND_HEADER}}}
      rows: {{fees: 行政事业性收费}}
"""


def _with_a_third_version(folder: Path) -> Path:
    """The shipped data plus a 2025 version: table 三 gains a row, table 二 a column (data files only)."""
    for name in ("fields.tsv", "template.yaml", "labels.tsv"):
        shutil.copy(SHIPPED / name, folder / name)
    yaml_text = (folder / "template.yaml").read_text(encoding="utf-8")
    yaml_text = yaml_text.replace(
        '  - {name: "2021", first_year: 2021}\n',
        '  - {name: "2021", first_year: 2021}\n  - {name: "2025", first_year: 2025}\n',
    )
    (folder / "template.yaml").write_text(yaml_text + TABLE_TWO_2025, encoding="utf-8")
    with open(folder / "labels.tsv", "a", encoding="utf-8") as labels:
        labels.write(f"requests\trow\t三、本年度办理结果 / （六）其他处理\t4. {AI_LABEL}\t{AI_ROW}\n")
        labels.write(f"proactive\tcolumn\t第二十条第（八）项\t{REFUND_HEADER}\trefunded\n")
    lines = (folder / "fields.tsv").read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        field_id, table, version, *rest = line.split("\t")
        if version == "2021":
            version = "2021,2025"
        out.append("\t".join([field_id, table, version, *rest]))
        if field_id == "requests.result.other.other.total":
            for column in COLUMNS:
                out.append(f"requests.{AI_ROW}.{column}\trequests\t2025\tinteger\t(六) 4.AI")
    out.append("proactive.fees.refunded\tproactive\t2025\tinteger\t第二十条第（八）项 / 退费")
    (folder / "fields.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def test_a_third_version_is_data_only(tmp_path):
    template = load_template(_with_a_third_version(tmp_path))
    assert template.version_names == ("2019", "2021", "2025")
    rows = template.rows("requests", "2025")
    assert [row for row in rows if row != "result.other.ai_generated"] == template.rows("requests", "2021")
    assert rows[rows.index("result.other.ai_generated") + 1] == "result.total"  # printed order kept
    assert "requests.result.other.ai_generated.total" in template.field_ids("requests", "2025")
    assert "requests.result.other.ai_generated.total" not in template.field_ids("requests", "2021")
    assert len(template.field_ids("appeals", "2025")) == 15  # "both" means every version
    seen = {"requests": {"new_received", "result.other.ai_generated"}, "proactive": {"refunded"}, "appeals": set()}
    assert template.detect_versions(seen, 2024) == {"requests": "2025", "proactive": "2025", "appeals": "2021"}
    assert template.detect_versions({"appeals": set()}, 2026) == {"appeals": "2025"}
    # a 2021 table holds nothing foreign to 2025 either: the year decides between them
    assert template.detect_versions({"requests": {"result.other.fee_unpaid"}}, 2022) == {"requests": "2021"}
    assert template.detect_versions({"requests": {"result.other.unsplit"}}, 2026) == {"requests": "2019"}
    assert "ai_generated" in " ".join(template.label_spaces()["requests", "row"])


def test_identities_run_on_the_third_versions_rows(tmp_path):
    template = load_template(_with_a_third_version(tmp_path))
    fields = dict.fromkeys(template.field_ids("requests", "2025"), 0)
    fields["requests.result.other.ai_generated.natural_person"] = 4
    failed = {(c.rule, c.scope) for c in run_checks(fields, template=template) if not c.ok}
    assert failed == {("I2", "natural_person"), ("I3", "result.other.ai_generated")}


def test_the_generator_prints_a_third_version_from_its_data_alone(tmp_path):
    template = load_template(_with_a_third_version(tmp_path))
    profile = SynthProfile("t", template_mode="2025", break_probability=0.0, render_dpi=60, dpi=60, rotate=False)
    spec = make_report_spec(np.random.default_rng(3), profile, template=template)
    assert spec.templates == dict.fromkeys(template.tables, "2025") and spec.year >= 2025
    assert list(spec.fields) == template.report_field_ids(spec.templates)
    assert spec.broken_identities == []
    proactive, requests, _ = (grid.cells for grid in report_grids(spec))
    assert f"4{spec.labels.item_sep}{AI_LABEL}" in {cell.text for cell in requests}  # after 3.其他
    assert REFUND_HEADER in {cell.text for cell in proactive}
    assert spec.printed["proactive.fees.refunded"] in {cell.text for cell in proactive}
    assert len(render_report(spec)) >= 2
    # and a report of it says its version: the keys printed in its tables are the 2025 ones
    seen = {"requests": set(template.rows("requests", "2025")), "proactive": set(template.columns("proactive", "2025"))}
    assert template.detect_versions(seen | {"appeals": set()}, spec.year) == spec.templates


def test_every_key_needs_a_printed_label(tmp_path):
    _with_a_third_version(tmp_path)
    *lines, refunded = (tmp_path / "labels.tsv").read_text(encoding="utf-8").splitlines()
    assert refunded.endswith("\trefunded")
    (tmp_path / "labels.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"labels.tsv prints no label for proactive/column refunded"):
        load_template(tmp_path)


def test_broken_template_data_is_a_config_error(tmp_path):
    _with_a_third_version(tmp_path)
    with open(tmp_path / "fields.tsv", "a", encoding="utf-8") as handle:
        handle.write("requests.x.total\trequests\t2030\tinteger\tx\n")
    with pytest.raises(ConfigError, match="unknown versions"):
        load_template(tmp_path)


def test_a_printed_table_two_must_hold_exactly_its_versions_fields(tmp_path):
    _with_a_third_version(tmp_path)
    text = (tmp_path / "template.yaml").read_text(encoding="utf-8")
    (tmp_path / "template.yaml").write_text(text.replace(", in_force: 现行有效件数}", "}"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"proactive_layout of 2021 .* misses \['proactive.normative_documents"):
        load_template(tmp_path)
    shipped = default_template().proactive_layout
    assert [s.section[-4:] for s in shipped["2019"]] == ["（一）项", "（五）项", "（六）项", "（八）项", "（九）项"]
