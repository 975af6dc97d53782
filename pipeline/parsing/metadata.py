"""Report metadata: issuing body, years, publication date, admin level.

Where each piece is found, in order of trust:
- title: a ``标题:`` header field (CMS pages, crawler archives, the HTML <title>), else the first
  heading-like line of the opening lines that names the report (…政府信息公开工作年度报告). The year
  stands before or after the body (2023年长源乡…, XX局2021年…) or inside the report name
  (…政府信息公开工作2019年度报告); a two-line title has the body or the year on a line of its own.
- body: named in the title, else in the signature above the closing date, else in a header field
  (发布机构, 来源). Never with a field label, a breadcrumb or a sentence around it.
- report year: a stated statistics period (统计期限自…至…) or the year the intro says it reports
  on beats the title year; with neither, the title year.
- published on: the signature date (digits or Chinese numerals), else a header date field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import chain

from ..regions import Region, resolve_region
from .numerals import arabic_dates

OPENING, CLOSING = 25, 12      # the nonempty lines searched for the title, and for the signature
# a page printed with its site's chrome (a browser's PDF, its pdftotext) holds the title further
# down: the opening goes on, up to this many lines, until the report's body begins
MAX_OPENING = 60
_BODY_START = re.compile(r"(?:根据|按照|依据|依照|本报告)|[一二]\s*[、.]")
# a one-line page (crawler text) holds its header fields and title at the start of the line and its
# signature at the end: only that much of a long line is read
LINE_START, LINE_END = 300, 200
MAX_NAME = 40                  # a body's name, in characters
FIRST_YEAR, LAST_YEAR = 2000, 2099

# --- the report's name in a title: 政府信息公开工作年度报告, 政务公开年报, …工作2019年度报告; PDF headings
# may space their characters out (政 府 信 息 公 开). Every gap is possessive (\s*+): each part after one starts
# with a word, so no gap ever gives spaces back, and a line of 政务公开 and a wide table's padding (pandoc's
# plain text) is not tried in every split of its spaces among the gaps (hours on a line of 200 spaces).
def _spaced(words: str) -> str:
    return r"\s*+".join(words)


_REPORT = re.compile(rf"(?:{_spaced('政府信息公开')}|{_spaced('政务公开')}|{_spaced('信息公开')})\s*+(?:{_spaced('工作')})?\s*+"
                     rf"(?:(\d{{4}})\s*+年\s*+度?)?\s*+的?\s*+(?:{_spaced('年度')})?\s*+(?:{_spaced('工作')})?\s*+"
                     rf"(?:{_spaced('年度报告')}|{_spaced('年报')}|{_spaced('报告')})")
_YEAR = re.compile(r"(\d{4})\s*年\s*度?")
_BARE_YEAR = re.compile(r"^[(（\[]?\s*(\d{4})\s*年\s*度?\s*[)）\]]?$")      # (2021年度) under a title
_YEAR_AFTER = re.compile(r"\s*[(（\[]\s*(\d{4})\s*年\s*度?\s*[)）\]]")          # …年度报告(2021年度)
_LABEL_OR_SEPARATOR = re.compile(r".*(?:[:_|>»]|\s[-–—]\s)")   # 标题:XX局…, 首页>…, 站名 - XX局…
_GAP = re.compile(r"\s+")
_COLUMN_GAP = re.compile(r"\s{3,}")
# what may follow a title's report name: the line's end, a gap, a bracket, the intro's first word, or a
# header field glued on (…年度报告来源:XX镇发布时间:…, OCR of a page whose gaps it did not keep)
_TITLE_END = re.compile(r"$|\s|[(\[_|\-–—]|的(?:通知|公告)|根据|本报告|按照|依据|[\u4e00-\u9fff]{2,6}:")
_NOT_A_NAME = re.compile(r"[。，,；;！!？?、《》<>“”()（）\[\]【】\d:]|政府信息公开|政务公开|条例|通知|根据|报告")
# 首页 (a site's home link) beside the title in a printed page's text is never part of a name
_WORD = re.compile(r"[\u4e00-\u9fff]")     # a name is words: a menu's bullet (•, ·) before a link is not one
_NAME_NOISE = re.compile(r"^(?:关于|《|首页)+|(?:关于|的)+$")
# XX局 年政府信息公开…: the year's digits, set in a Latin font, fell on a line of their own
_LOST_YEAR = re.compile(r"\s+年\s*度?\s*$")
_ABOUT = re.compile(r"关于(?:印发|公布|发布)?")       # XX县政府办公室关于印发XX县2021年…报告的通知

# --- header fields of CMS pages and crawler archives: 标题: …  发布机构: …  成文日期: 2022-01-31
MAX_LABEL = 12
TITLE_FIELDS = ("标题", "题名", "文章标题", "名称")
BODY_FIELDS = ("发布机构", "发文机关", "发文单位", "发布单位", "所属机构", "来源", "信息来源", "文章来源")
DATE_FIELDS = ("成文日期", "印发日期", "发布日期", "公开日期", "发布时间", "时间", "日期")
# a label after a space or at the line's start; or one of these, run on from the field before it (a
# PDF's text drops the space: 来源:XX局发布时间:2020-01-15; too short a label, 时间, would cut 发布时间)
_GLUED_FIELDS = "|".join(f for f in (*BODY_FIELDS, *DATE_FIELDS) if len(f) == 4)
_FIELD = re.compile(rf"(?<!\S)([\u4e00-\u9fff][\u4e00-\u9fff ]{{0,7}}?)\s*:|(?<=\S)({_GLUED_FIELDS})\s*:")

_SIGNATURE_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")     # 二〇二〇年一月: no day
_FIELD_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_SENTENCE_END = re.compile(r"[。；;，,:!！?？]")
MAX_AFTER_SIGNATURE = 30       # site text after the signature date (附件下载, 扫一扫…)

# --- stated statistics period: 统计期限自2019年9月1日起至2019年12月31日止, 统计期限为2024年1月1日至12月31日
_PERIOD_RANGE = re.compile(r"统计[^。；;，,]{0,20}?(\d{4})\s*年\s*(?:度\s*)?(?:\d{1,2}\s*月\s*(?:份\s*)?(?:\d{1,2}\s*日\s*)?)?"
                           r"(?:起\s*)?(?:至|到|~|-|—|－|―)\s*(?:(\d{4})\s*年\s*)?\d{1,2}\s*月")
_PERIOD_YEAR = re.compile(r"统计(?:期限|时限|时间|区间|周期|范围|时段)\s*(?:为|是|:)?\s*(\d{4})\s*年\s*(?:度|全年)")
PERIOD_WINDOW = 80
# 特向社会公布XX2021年度政府信息公开工作年度报告: the intro names the report it publishes, and its year.
_STATED_YEAR = re.compile(r"(?:公布|发布|编制|形成)[^。，,；;]{0,40}?(\d{4})\s*年\s*度?\s*(?:政府信息公开|政务公开|信息公开)"
                          r"\s*(?:工作)?\s*(?:年度)?\s*(?:工作)?\s*(?:年度报告|年报|报告)")

# --- admin level from the name (CONTRACT.md): the suffix of the body, 人民政府 aside
_DEPARTMENTS = "办公室|办公厅|办事处|局|委员会|委|办|厅|中心|院|署|部|所|站|队|馆|会|处|室"
_DEPARTMENT_SUFFIX = re.compile(rf"(?:{_DEPARTMENTS})$")
_PROVINCE_NAMES = ("北京市", "天津市", "上海市", "重庆市")
_LEVEL_SUFFIXES = (
    ("township", re.compile(r"(?:镇|乡|苏木|街道(?:办事处|办)?)$")),     # 街道办事处 governs a township
    ("county", re.compile(r"(?:县|旗|县级市|自治县|特区|林区|(?<!自治)区)$")),
    ("province", re.compile(r"(?:省|自治区)$")),
    ("prefecture", re.compile(r"(?:市|州|盟|地区)$")),
)
# a signature or a header field names a body only when it ends as one: a government, a department, a place
_BODY_END = re.compile(rf"(?:政府|管委会|{_DEPARTMENTS}|街道|苏木|镇|乡|县|旗|区|市|州|盟|省)$")

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


def _opening(lines: list[str]) -> list[str]:
    """The first OPENING nonempty lines, or up to MAX_OPENING when the body has not begun in them."""
    opening = _nonempty_lines(lines, MAX_OPENING)
    start = next((i for i, line in enumerate(opening) if _BODY_START.match(line)), len(opening))
    return opening[:max(OPENING, start)]


def _year(value: str | None) -> int | None:
    year = int(value) if value else None
    return year if year and FIRST_YEAR <= year <= LAST_YEAR else None


def body_name(text: str | None) -> str | None:
    """`text` as a body's name (whitespace and 关于/的 around it removed; of XX办公室关于印发YY, YY),
    or None when it is not one: empty, one character (府 of a title broken after 年政), too long, a
    sentence, digits, or words that no name holds."""
    before, *after = _ABOUT.split("".join((text or "").split()))
    name = _NAME_NOISE.sub("", after[-1] if after and after[-1] else before)
    if len(name) < 2 or len(name) > MAX_NAME or _NOT_A_NAME.search(name) or not _WORD.search(name):
        return None
    return name


def _signing_body(text: str | None) -> str | None:
    """A signature line or header field names a body only when it ends as a body's name does."""
    name = body_name(text)
    return name if name and _BODY_END.search(name) else None


def header_fields(lines: list[str]) -> dict[str, str]:
    """`label: value` pairs of the header lines (those that start with a label), several to a line
    (索引号: … 发布机构: …); the first of a label wins."""
    fields: dict[str, str] = {}
    for line in lines:
        found = list(_FIELD.finditer(line)) if ":" in line[:MAX_LABEL] else ()
        for m, nxt in zip(found, [*found[1:], None]):
            label = "".join((m.group(1) or m.group(2)).split())
            fields.setdefault(label, line[m.end():nxt.start() if nxt else None].strip())
    return fields


def _suffixes(words: str):
    """`words`, then what follows each run of whitespace in it, longest first: the title in a
    breadcrumb line (首页政务公开…年报 XX局 2019年) is the part after the site's words."""
    yield words
    for m in _GAP.finditer(words):
        yield words[m.end():]


def parse_title(segment: str) -> tuple[str | None, int | None] | None:
    """(body, year) of a title, or None when `segment` holds no report title. The report's name
    must end the heading (line end, a space, a bracket or separator, the intro's first word) and
    the words before it must read as a body and the year, not as a sentence or a breadcrumb."""
    for m in _REPORT.finditer(segment):
        if not _TITLE_END.match(segment, m.end()):
            continue
        pre = _LABEL_OR_SEPARATOR.sub("", segment[:m.start()])
        if pre.rstrip().endswith(("人民", "人 民")):     # XX市人民政府信息公开…: 政府 is the body's
            pre += "政府"
        after = _YEAR_AFTER.match(segment, m.end())
        for words in _suffixes(pre):
            years = list(_YEAR.finditer(words))
            year = _year(m.group(1)) or (_year(years[-1].group(1)) if years else None) or \
                (_year(after.group(1)) if after else None)
            rest = words[:years[-1].start()] + words[years[-1].end():] if years and not m.group(1) else words
            rest = _LOST_YEAR.sub("", rest)
            name = body_name(rest)
            if name or not "".join(rest.split()):
                # a yearless title is a line of its own, its body in one column of fixed-width text
                # (政务服务           府信息公开…: a page's navigation beside a title broken after 年政)
                if year or m.end() == len(segment.rstrip()) and not _COLUMN_GAP.search(rest.strip()):
                    return name, year
    return None


def _short(line: str) -> bool:
    return len(line) <= MAX_NAME or len("".join(line.split())) <= MAX_NAME


def _opening_title(lines: list[str], i: int) -> tuple[str | None, int | None] | None:
    """The title on opening line i, or on lines i and i+1 when a title is broken in two
    (XX县人民政府2021年政府信息公开 / 工作年度报告) and neither line is one alone; or broken inside
    a word (XX局2025年政 / 府信息公开工作年度报告), the second line a title without body or year
    and the two a dated one (never a site's name above a yearless heading)."""
    found = parse_title(lines[i])
    if found is None and i + 1 < len(lines) and _short(lines[i]) and _short(lines[i + 1]):
        alone = parse_title(lines[i + 1])
        if alone is None or alone == (None, None):
            joined = parse_title(lines[i] + lines[i + 1])
            found = joined if alone is None or (joined and joined[1]) else None
    return found


def find_title(lines: list[str], fields: dict[str, str]) -> tuple[str | None, int | None]:
    """(body, title year): a title field first, then the heading lines; a title without its body
    takes it from the line above (淮安市人民政府 / 2024年…报告), one without its year from the line
    below ((2021年度)). A title with no year at all names the body only when no dated title does,
    and never by the line above it (a column heading 政府信息公开年报 under the site's name)."""
    name = year = undated_name = None
    titles = ((None, parse_title(fields[f])) for f in TITLE_FIELDS if f in fields)
    for i, found in chain(titles, ((i, _opening_title(lines, i)) for i in range(len(lines)))):
        if found is None:
            continue
        n, y = found
        if y is None and i is not None and i + 1 < len(lines) and (bare := _BARE_YEAR.match(lines[i + 1])):
            y = _year(bare.group(1))
        if y is None:
            undated_name = undated_name or n
            continue
        if n is None and i:
            n = _signing_body(lines[i - 1])
        name, year = name or n, year or y
        if name:
            break
    return name or undated_name, year


def find_stated_year(text: str) -> int | None:
    """The year of a stated statistics period (its end, when it gives one), else the year the intro
    says it reports on."""
    start = text.find("统计")
    while start != -1:
        window = arabic_dates(text[start:start + PERIOD_WINDOW])
        if m := _PERIOD_RANGE.match(window):
            return _year(m.group(2)) or _year(m.group(1))
        if m := _PERIOD_YEAR.match(window):
            return _year(m.group(1))
        start = text.find("统计", start + 2)
    m = _STATED_YEAR.search(text[:3000])
    return _year(m.group(1)) if m else None


def _to_date(y: str, m: str, d: str | None) -> date | None:
    try:
        return date(int(y), int(m), int(d)) if _year(y) and d else None
    except ValueError:
        return None


def find_signature(lines: list[str]) -> tuple[date | None, str | None]:
    """The closing date (the last date on the last lines with at most site text after it; None when
    it gives no day) and the body signing above it: the words right before the date, or the line
    above a date of its own."""
    for i in range(len(lines) - 1, -1, -1):
        line = arabic_dates(lines[i][-LINE_END:])
        dates = list(_SIGNATURE_DATE.finditer(line))
        if not dates:
            continue
        m = dates[-1]
        after = line[m.end():].strip()
        if len(after) > MAX_AFTER_SIGNATURE or _SENTENCE_END.search(after):
            continue
        before = _SENTENCE_END.split(line[:m.start()])[-1].split()
        if before:
            signer = _signing_body(before[-1])
        else:
            signer = _signing_body(lines[i - 1]) if i else None
        return _to_date(*m.groups()), signer
    return None, None


def _field_date(fields: dict[str, str]) -> date | None:
    for label in DATE_FIELDS:
        if m := _FIELD_DATE.search(fields.get(label, "")):
            return _to_date(*m.groups())
    return None


def admin_level(name: str | None) -> str:
    if not name:
        return "unknown"
    if name.startswith(_PROVINCE_NAMES) and re.sub(r"(?:人民)?政府$", "", name) in _PROVINCE_NAMES:
        return "province"
    base = re.sub(r"(?:人民)?政府$", "", name)
    if base != name and not base:
        return "unknown"
    township = _LEVEL_SUFFIXES[0][1]
    if _DEPARTMENT_SUFFIX.search(base) and not township.search(base):
        return "department"
    for level, pattern in _LEVEL_SUFFIXES:
        if pattern.search(base):
            return level
    return "unknown"


def read_metadata(text: str) -> Metadata:
    lines = text.split("\n")
    opening = [arabic_dates(line[:LINE_START]) for line in _opening(lines)]
    fields = header_fields(opening)
    name, title_year = find_title(opening, fields)
    published, signer = find_signature(_nonempty_lines(reversed(lines), CLOSING)[::-1])
    name = name or signer or next(filter(None, (_signing_body(fields.get(f)) for f in BODY_FIELDS)), None)
    stated = find_stated_year(text)
    report_year = stated or title_year
    region = resolve_region(name, text)
    # the dataset knows a 市 that is county-level (卫辉市): the place's own level beats the suffix
    level = region.unit_level or admin_level(name)
    return Metadata(name, title_year, report_year, stated, published or _field_date(fields), level, region)
