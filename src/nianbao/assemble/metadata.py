"""Agency, report year and publication date from the title and the closing signature. Pure functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
DATE_DIGITS = set("0123456789二〇○零一三四五六七八九十")
DATE_MARKS = set("年月日.-/")


@dataclass(frozen=True)
class TextLine:
    """A printed line: its text and each character's probability as read by OCR (aligned with ``text``);
    none for text read exactly (a text layer, markup), which is sure."""

    text: str
    char_confidences: tuple[float, ...] = ()

    def weakest(self, counts: Callable[[str], bool]) -> float:
        """The lowest probability among the characters that ``counts``; 1.0 when there are none."""
        if not self.char_confidences:
            return 1.0
        chosen = [p for c, p in zip(self.text, self.char_confidences) if counts(unicodedata.normalize("NFKC", c))]
        return min(chosen, default=1.0)


def _is_date_digit(char: str) -> bool:
    return char in DATE_DIGITS


def _is_date_mark(char: str) -> bool:
    return char in DATE_MARKS


def _is_name_character(char: str) -> bool:
    return char.isalnum()


def find_title(lines: Sequence[str]) -> tuple[str | None, int | None]:
    """(agency, year) from the first lines of page 1; the title may wrap over two or three lines."""
    agency, year, _ = _title(lines)
    return agency, year


def _title(lines: Sequence[str]) -> tuple[str | None, int | None, range]:
    """(agency, year, the indices of the lines the agency was read from)."""
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
        used = range(index, index + _lines_spanned(cleaned[index:], len(before)))
        if not agency and index > 0:
            agency, used = clean_agency(cleaned[index - 1]), range(index - 1, index)
        return agency, year, used
    return None, None, range(0)


def _lines_spanned(lines: Sequence[str], length: int) -> int:
    """How many of ``lines``, joined, the first ``length`` characters reach into (at least one)."""
    total = 0
    for count, line in enumerate(lines, start=1):
        total += len(line)
        if total >= length:
            return count
    return max(1, len(lines))


@dataclass(frozen=True)
class Metadata:
    agency: str | None
    year: int | None
    published: str | None
    warnings: tuple[str, ...] = ()


def read_metadata(
    title: Sequence[TextLine], closing: Sequence[TextLine], min_confidence: float, min_date_confidence: float
) -> Metadata:
    """Agency and year from the title, the publication date (and the agency, where the title has none)
    from the closing lines. An agency or a date with a character not read at least ``min_confidence``
    surely, or a date with a digit not read at least ``min_date_confidence`` surely, is null with a
    warning that says so: a digit half under a seal, or one that lost a stroke, reads as its neighbour
    (3月1日 for 3月11日, 2081 for 2021), and a near miss is worse than no value.
    A date's digits need the higher cut: under a seal a 3 was read 8 at 0.71, 0.84 and 0.85 (hard
    11311_000 and 10408_000, fax 10416_002), a 2 read 3 at 0.75 (hard 10307_000), a 6 read 5 at 0.78
    (mixed 9112_002), a 31 read 1 beside a year's digit read at 0.71 (faint 9307_000), while of the 368
    dates read right with every character at 0.7 or more on 149 sets (every hard, faint and photographed
    one in store, 20 fax sets and 20 noisy, folded and mixed ones) six had a digit read below 0.9 (at
    0.80-0.87); the 年, 月 and 日 of the wrong dates were read at 0.96 or more, those of two right ones at
    0.84 and 0.86."""
    warnings: list[str] = []
    agency, year, used = _title([line.text for line in title])
    agency_conf = min((title[i].weakest(_is_name_character) for i in used), default=1.0)
    if agency is None:
        agency, agency_conf = _signature_agency(closing)
    if agency is not None and agency_conf < min_confidence:
        warnings.append(f"agency read as {agency!r} with confidence {agency_conf:.2f}: left null")
        agency = None
    published, line = _dated_line(closing)
    digits_conf, marks_conf = line.weakest(_is_date_digit), line.weakest(_is_date_mark)
    if published is not None and (digits_conf < min_date_confidence or marks_conf < min_confidence):
        warnings.append(
            f"publication date read as {published} with confidence {min(digits_conf, marks_conf):.2f} "
            "(a digit under a seal or broken?): left null"
        )
        published = None
    return Metadata(agency, year, published, tuple(warnings))


def _dated_line(lines: Sequence[TextLine]) -> tuple[str | None, TextLine]:
    """The date find_date reads from ``lines`` (the last line that holds one) and that line; no date and
    an empty line, read surely, where none holds one."""
    found: tuple[str | None, TextLine] = (None, TextLine(""))
    for line in lines:
        date = find_date([line.text])
        if date is not None:
            found = (date, line)
    return found


def _signature_agency(lines: Sequence[TextLine]) -> tuple[str | None, float]:
    agency = find_signature_agency([line.text for line in lines])
    if agency is None:
        return None, 1.0
    signature = [line for line in lines if NOISE.sub("", line.text) == agency]
    return agency, min((line.weakest(_is_name_character) for line in signature), default=1.0)


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
