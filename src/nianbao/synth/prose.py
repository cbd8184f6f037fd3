"""Agency names and the prose of sections 一, 五 and 六, in the voice of real reports."""

from __future__ import annotations

import numpy as np

REGIONS = (
    "攀枝花市东区",
    "盐边县",
    "米易县",
    "色达县",
    "赣县区",
    "成都市武侯区",
    "绵阳市涪城区",
    "宜宾市叙州区",
    "南充市顺庆区",
    "乐山市市中区",
    "泸州市江阳区",
    "德阳市旌阳区",
    "达州市通川区",
    "雅安市雨城区",
    "眉山市东坡区",
    "遂宁市船山区",
    "广元市利州区",
    "内江市市中区",
    "自贡市自流井区",
    "资阳市雁江区",
)
DEPARTMENTS = (
    "民政局",
    "行政审批局",
    "人民政府办公室",
    "自然资源和规划局",
    "卫生健康局",
    "住房和城乡建设局",
    "交通运输局",
    "教育局",
    "市场监督管理局",
    "人力资源和社会保障局",
    "财政局",
    "司法局",
    "农业农村局",
    "生态环境局",
    "应急管理局",
    "退役军人事务局",
    "文化广播电视和旅游局",
    "水利局",
    "人民政府",
)
_OVERVIEW = (
    "（一）主动公开情况。{year}年，{short}严格贯彻执行《中华人民共和国政府信息公开条例》，坚持“公开为常态、"
    "不公开为例外”原则，通过政府门户网站、政务新媒体等渠道主动公开政府信息{active}条，其中机构职能、"
    "政策文件、财政预决算、重点领域信息等均按要求及时更新。",
    "（二）依申请公开情况。{year}年，{short}共收到政府信息公开申请{received}件，上年结转{over}件，"
    "已全部按照法定时限和程序办理答复，结转下年度继续办理{forward}件。",
    "（三）政府信息管理情况。严格落实信息发布“三审”制度，遵循“先审查后公开”原则，对拟公开的政府信息"
    "进行保密审查，确保公开内容准确规范，全年未发生泄密事件。",
    "（四）政府信息公开平台建设情况。持续加强政府网站和政务新媒体建设，规范栏目设置，及时更新内容，"
    "对网民留言及时回复，确保平台安全稳定运行。",
    "（五）监督保障情况。成立政务公开工作领导小组，明确分管领导和专职人员，将政务公开纳入年度目标考核，"
    "组织开展业务培训{training}次，不断提升工作人员业务能力。",
)
_PROBLEMS = (
    "{year}年，{short}政府信息公开工作取得了一定成效，但仍存在主动公开时效性、规范性有待提高，公开内容"
    "不够丰富，政策解读形式较为单一等问题。",
    "下一步，我们将重点做好以下工作：一是加强组织领导，配齐配强工作人员；二是加大重点领域信息公开力度，"
    "及时回应社会关切；三是加强业务培训，提升政务公开工作质量和水平。",
)
_OTHER = (
    "{year}年，{short}未收取政府信息公开信息处理费，无其他需要报告的事项。",
    "本年度无其他需要报告事项；未产生信息处理费收取情况。",
)


def agency_name(rng: np.random.Generator) -> str:
    return str(rng.choice(REGIONS)) + str(rng.choice(DEPARTMENTS))


def short_name(agency: str) -> str:
    return "本机关" if agency.endswith("人民政府") else "我局" if agency.endswith("局") else "我单位"


def intro(year: int) -> str:
    return (
        "本报告依据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于政府信息"
        f"公开工作年度报告有关事项的通知》要求编制。本报告中所列数据的统计期限自{year}年1月1日起至"
        f"{year}年12月31日止。"
    )


def overview(rng: np.random.Generator, year: int, agency: str, numbers: dict[str, int]) -> list[str]:
    keys = dict(
        year=year,
        short=short_name(agency),
        active=int(rng.integers(20, 900)),
        training=int(rng.integers(1, 6)),
        **numbers,
    )
    count = int(rng.integers(2, len(_OVERVIEW) + 1))
    return [text.format(**keys) for text in _OVERVIEW[:count]]


def problems(year: int, agency: str) -> list[str]:
    return [text.format(year=year, short=short_name(agency)) for text in _PROBLEMS]


def other_matters(rng: np.random.Generator, year: int, agency: str) -> list[str]:
    return [str(rng.choice(_OTHER)).format(year=year, short=short_name(agency))]
