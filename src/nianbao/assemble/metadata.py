"""Agency, report year and publication date from the title and the closing signature. Pure functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from nianbao.assemble.values import chinese_digits, chinese_integer

TITLE_MARK = re.compile(r"(政府)?信息公开.{0,4}年度?报告|年度报告")
YEAR = re.compile(r"(20\d{2})\s*年")
# A date written with 年 and 月 ends with 日: without it the day may be cut short (a seal stamped over
# "11日" leaves "1"), and a near miss is worse than no date.
DATE = re.compile(r"(20\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([.\-/])\s*(\d{1,2})\s*\4\s*(\d{1,2})(?!\d))")
CN_DATE = re.compile(r"([二〇○零一三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
AGENCY_SUFFIXES = (
    "人民政府",
    "办公室",
    "委员会",
    "局",
    "厅",
    "院",
    "部",
    "中心",
    "委",
    "办",
    "署",
    "府",
    "所",
    "会",
    "处",
    "馆",
)
NOISE = re.compile(r"[\s《》“”\"'（）()]")


def find_title(lines: Sequence[str]) -> tuple[str | None, int | None]:
    """(agency, year) from the first lines of page 1; the title may wrap over two or three lines."""
    cleaned = [NOISE.sub("", unicodedata.normalize("NFKC", line)) for line in lines[:15]]
    for index in range(len(cleaned)):
        joined = "".join(cleaned[index : index + 3])
        mark = TITLE_MARK.search(joined)
        if not mark or mark.start() > len(cleaned[index]):
            continue
        head = joined[: mark.end()]
        years = list(YEAR.finditer(head))
        year = int(years[-1].group(1)) if years else None
        before = head[: years[-1].start()] if years else head[: mark.start()]
        agency = clean_agency(before)
        if not agency and index > 0:
            agency = clean_agency(cleaned[index - 1])
        return agency, year
    return None, None


def clean_agency(text: str) -> str | None:
    text = re.sub(r"^关于", "", text).strip("：:，,。. ")
    text = re.sub(r"(20\d{2}年度?|政府信息公开.*)$", "", text)
    return text if len(text) >= 2 and text.endswith(AGENCY_SUFFIXES) else (text or None)


def find_date(lines: Sequence[str]) -> str | None:
    """The last full date printed in ``lines`` (the signature comes last), as YYYY-MM-DD."""
    found = None
    for line in lines:
        text = unicodedata.normalize("NFKC", line).replace(" ", "")
        for match in DATE.finditer(text):
            month, day = (match.group(2), match.group(3)) if match.group(2) else (match.group(5), match.group(6))
            found = _iso(int(match.group(1)), int(month), int(day)) or found
        for match in CN_DATE.finditer(text):
            year = chinese_digits(match.group(1))
            month, day = chinese_integer(match.group(2)), chinese_integer(match.group(3))
            if year is not None and month is not None and day is not None:
                found = _iso(year, month, day) or found
    return found


def _iso(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def find_signature_agency(lines: Sequence[str]) -> str | None:
    """The agency name printed just above the closing date."""
    for index in range(len(lines) - 1, 0, -1):
        if DATE.search(lines[index].replace(" ", "")) or CN_DATE.search(lines[index].replace(" ", "")):
            candidate = NOISE.sub("", lines[index - 1])
            return candidate if candidate.endswith(AGENCY_SUFFIXES) else None
    return None
