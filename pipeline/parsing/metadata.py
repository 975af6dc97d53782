"""Report metadata from the narrative: issuing body, years, publication date, admin level."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..regions import Region, resolve_region

_TITLE = re.compile(r"(\d{4})\s*年\s*(?:度)?\s*(?:的)?\s*(?:政府信息公开|政务公开|信息公开)[^。，,]{0,12}?报告")
_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
# 统计期限自2023年1月1日起至2023年12月31日止 (and variants)
_PERIOD = re.compile(r"统计(?:期限|时限|时间|区间|周期|范围|时段)?[^。]{0,20}?" + _DATE
                     + r"\s*(?:起)?\s*(?:至|到|~|-|—)\s*" + _DATE)
# 特向社会公布XX2021年度政府信息公开工作年度报告: the intro states which year the report covers.
_STATED_YEAR = re.compile(r"(?:公布|发布|编制|形成)[^。]{0,40}?(\d{4})\s*年度?\s*(?:政府信息公开|政务公开)")
_DATE_LINE = re.compile(r"^\s*" + _DATE + r"\s*$")
_DATE_FIELD = re.compile(r"(?:成文日期|发布日期|发布时间|印发日期)\s*:?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_NAME_NOISE = re.compile(r"^(?:关于|《)|(?:关于|的)$")
OPENING, CLOSING = 25, 12      # the nonempty lines searched for the title, and for the signature

_DEPARTMENT_SUFFIX = re.compile(r"(?:办公室|办公厅|办事处|局|委员会|委|办|厅|中心|院|署|部|所|站|队|馆|会|处|室)$")
_PROVINCE_NAMES = ("北京市", "天津市", "上海市", "重庆市")
_LEVEL_SUFFIXES = (
    ("township", re.compile(r"(?:镇|乡|街道|苏木)$")),
    ("county", re.compile(r"(?:县|旗|县级市|自治县|特区|林区|(?<!自治)区)$")),
    ("province", re.compile(r"(?:省|自治区)$")),
    ("prefecture", re.compile(r"(?:市|州|盟|地区)$")),
)


@dataclass
class Metadata:
    agency_name: str | None
    title_year: int | None
    report_year: int | None
    stated_year: int | None
    published_on: date | None
    admin_level: str
    region: Region      # where the agency is (pipeline/regions), with a flag when not placed


def _nonempty_lines(lines, count: int) -> list[str]:
    """The first `count` nonempty lines, stripped: stops there rather than strip every line."""
    out = []
    for line in lines:
        if line := line.strip():
            out.append(line)
            if len(out) == count:
                break
    return out


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", "", name)
    return _NAME_NOISE.sub("", name).strip(":：,，、")


def find_title(lines: list[str]) -> tuple[str | None, int | None]:
    """(agency name, title year) from the first title-like line among the opening lines."""
    for i, line in enumerate(lines[:OPENING]):
        m = _TITLE.search(line)
        if not m or "条例" in line[:m.start()]:
            continue
        name = _clean_name(line[:m.start()])
        if not name and i > 0 and len(lines[i - 1]) <= 40 and "。" not in lines[i - 1]:
            name = _clean_name(lines[i - 1])
        return name or None, int(m.group(1))
    return None, None


def find_stated_year(text: str) -> int | None:
    m = _PERIOD.search(text)
    if m:
        return int(m.group(4))
    m = _STATED_YEAR.search(text[:3000])
    return int(m.group(1)) if m else None


def _to_date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def find_published(lines: list[str], text: str) -> tuple[date | None, str | None]:
    """The signature date (a date alone on one of the last lines) and the signing body above it."""
    tail = lines[-CLOSING:]
    for i in range(len(tail) - 1, -1, -1):
        m = _DATE_LINE.match(tail[i])
        if m:
            signer = tail[i - 1] if i > 0 and len(tail[i - 1]) <= 30 and "。" not in tail[i - 1] else None
            return _to_date(*m.groups()), signer
    m = _DATE_FIELD.search(text[:2000])
    return (_to_date(*m.groups()) if m else None), None


def admin_level(name: str | None) -> str:
    if not name:
        return "unknown"
    if name.startswith(_PROVINCE_NAMES) and re.sub(r"(?:人民)?政府$", "", name) in _PROVINCE_NAMES:
        return "province"
    base = re.sub(r"(?:人民)?政府$", "", name)
    if base != name and not base:
        return "unknown"
    if _DEPARTMENT_SUFFIX.search(base):
        return "department"
    for level, pattern in _LEVEL_SUFFIXES:
        if pattern.search(base):
            return level
    return "unknown"


def read_metadata(text: str) -> Metadata:
    lines = text.split("\n")
    name, title_year = find_title(_nonempty_lines(lines, OPENING))
    published, signer = find_published(_nonempty_lines(reversed(lines), CLOSING)[::-1], text)
    if not name and signer:
        name = _clean_name(signer)
    stated = find_stated_year(text)
    report_year = stated or title_year
    region = resolve_region(name, text)
    # the dataset knows a 市 that is county-level (卫辉市): the place's own level beats the suffix
    level = region.unit_level or admin_level(name)
    return Metadata(name, title_year, report_year, stated, published, level, region)
