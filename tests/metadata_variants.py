"""Generator: the visible gold reports re-dressed in the title, header, signature and period forms
that published reports use, each with the metadata the parser must read from it.

A variant keeps the report's own sections (from 一、总体情况 to the section before 其他需要报告的
事项), so that the tables, the region evidence and any period the body states stay real, and
renders around them: header fields (none, a crawler archive's 9 lines, a CMS page's 索引号/发布机构/
成文日期 block, an HTML page's title fields and breadcrumbs), a title (the year before or after
the body, inside the report's name, on a line of its own, broken over two lines, no body at all),
year digits (ASCII, spaced, full-width, Chinese numerals, a letter-spaced heading), an intro with
or without a statistics period, and a signature (none, digits, Chinese numerals, month only, on
the last line of a one-line page, date only, followed by site links).

The expected values follow the contract: the body named in the title, else in the signature,
else in the 发布机构/来源 field; the statistics period's year beats the title year; published_on
is the signature date, else the page's date field.
"""
from __future__ import annotations

import json
import re
from dataclasses import astuple, dataclass
from datetime import date
from pathlib import Path

from pipeline.parsing.decode import decode, normalise
from pipeline.parsing.formats import to_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD_SETS = ("seeds", "real", "real2")

_BODY_START = re.compile(r"一、\s*(?:总体情况|概述|基本情况)")
_BODY_END = re.compile(r"[五六七八]、\s*(?:其他需要报告的事项|需要说明的其他事项)")
_CN_DIGITS = "〇一二三四五六七八九"
SITE = "平潭综合实验区党工委管委会"       # a site's name above its column heading: a body, but not the report's


@dataclass(frozen=True)
class Gold:
    stem: str
    path: Path
    gold: dict
    text: str             # the decoded, normalised text the parser reads

    @property
    def body(self) -> str:
        """The report's sections from 一、总体情况 up to its last one (其他需要报告的事项)."""
        start = _BODY_START.search(self.text)
        ends = list(_BODY_END.finditer(self.text))
        return self.text[start.start() if start else 0:ends[-1].start() if ends else len(self.text)].strip()


def gold_reports() -> list[Gold]:
    out = []
    for name in GOLD_SETS:
        for gold_file in sorted((SHARED / "gold" / name).glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            path = SHARED / name / gold["source"]
            raw = path.read_bytes()
            text = to_text(raw)
            out.append(Gold(gold_file.stem, path, gold, decode(raw) if text is None else normalise(text)))
    return out


# ---- the catalogue ---------------------------------------------------------------------------

# {n}: the body's name, {y}: the year as the year style writes it, "\n" between lines
TITLES = {
    "year_after": "{n}{y}年政府信息公开工作年度报告",
    "year_after_niandu": "{n}{y}年度政府信息公开工作年度报告",
    "year_before": "{y}年{n}政府信息公开工作年度报告",
    "year_before_niandu": "{y}年度{n}政府信息公开工作年度报告",
    "guanyu": "{n}关于{y}年度政府信息公开工作年度报告",
    "year_inside": "{n}政府信息公开工作{y}年度报告",
    "nianbao": "{n}{y}年政府信息公开年报",
    "name_line_above": "{n}\n{y}年政府信息公开工作年度报告",
    "year_line_below": "{n}政府信息公开工作年度报告\n({y}年度)",
    "broken_in_two": "{n}{y}年政府信息公开\n工作年度报告",
    "broken_in_a_word": "{n}{y}年政\n府信息公开工作年度报告",     # a print's line break: 政 / 府
    "shared_zhengfu": "{y}年{n-政府}政府信息公开工作年度报告",     # XX镇人民政府信息公开…: one 政府
    "no_name": "{y}年政府信息公开工作年度报告",
    "notice": "{n}办公室关于印发{n}{y}年政府信息公开工作年度报告的通知",
}
YEAR_STYLES = ("ascii", "spaced", "fullwidth", "chinese", "letter_spaced")
HEADERS = ("none", "crawler", "crawler_title_only", "cms", "html_page", "one_line_page")
FIELD_HEADERS = ("crawler", "crawler_title_only", "cms", "html_page")       # those with a 发布机构/来源 field
SIGNATURES = ("none", "digits", "chinese", "month_only", "one_line_page", "date_only", "site_links")
PERIODS = ("none", "full", "end_without_year", "part_year", "chinese", "year_only", "title_year_differs",
           "intro_names_its_year")


@dataclass(frozen=True)
class Variant:
    title: str
    name: str
    year_style: str
    header: str
    signature: str
    period: str

    @property
    def id(self) -> str:
        return "-".join((self.title, self.year_style, self.header, self.signature, self.period))


@dataclass(frozen=True)
class Expected:
    agency_name: str | None
    title_year: int
    report_year: int
    admin_level: str
    published_on: date | None


def _cn_year(year: int) -> str:
    return "".join(_CN_DIGITS[int(d)] for d in str(year))


def _cn_small(n: int) -> str:
    """1..31 in Chinese numerals: 十二, 二十三, 三十一."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _CN_DIGITS[tens]) + "十" if tens else "") + (_CN_DIGITS[ones] if ones else "")


def _cn_date(d: date, day: bool = True) -> str:
    return f"{_cn_year(d.year)}年{_cn_small(d.month)}月" + (f"{_cn_small(d.day)}日" if day else "")


def _year_text(year: int, style: str) -> str:
    if style == "spaced":
        return f" {year} "
    if style == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(year))
    if style == "chinese":
        return _cn_year(year)
    return str(year)


def _letter_spaced(line: str) -> str:
    """政 府 信 息 公 开…, digits kept together (a PDF heading set with letter spacing)."""
    return re.sub(r"(?<=\D)(?=.)|(?<=\d)(?=\D)", " ", line)


def _title_lines(v: Variant, year: int) -> list[str]:
    n = v.name
    template = TITLES[v.title].replace("{n-政府}", n[:-2])
    lines = template.format(n=n, y=_year_text(year, v.year_style)).split("\n")
    return [_letter_spaced(line) for line in lines] if v.year_style == "letter_spaced" else lines


def _short_name(gold: dict, name: str) -> str:
    """The other name the gold accepts (社会事业局 for 平潭综合实验区社会事业局), as a site's 发布机构."""
    others = [n for n in gold["agency_names"] if n != name]
    return min(others, key=len) if others else name


def _header(v: Variant, gold: dict, title: str, published: date) -> tuple[list[str], bool]:
    """(header lines, whether the article repeats the title); `published` is the page's date field."""
    field = _short_name(gold, v.name) if v.title != "no_name" else v.name
    if v.header in ("crawler", "crawler_title_only"):
        return [f"标题: {title}", f"发布时间: {published.isoformat()} 11:35", "文号: ", f"发布机构: {field}",
                "栏目: 政府信息公开年报", "原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/t20200117_80573.htm",
                f"本地目录: zwgk/zfxxgknb/80573_{title}", "页面链接与图片详见 links.tsv(同目录)",
                "==================== 正文 ===================="], v.header == "crawler"
    if v.header == "cms":
        return [f"索引号: 13566001/{published.year}-00330 主题分类: 综合政务 发布机构: {field}",
                f"成文日期: {published.isoformat()} 文件编号: 有  效  性: 有效"], True
    if v.header == "one_line_page":      # a crawler's page text: breadcrumbs, title, site links, body
        return [f"当前位置: 首页政务公开政府信息公开{field}政府信息公开年报 {title} 来源: 时间:"
                f"{published.isoformat()} 11:35 --> 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接:"], False
    if v.header == "html_page":
        return [f"标题: {title}_政府信息公开年报_{SITE}", f"发布日期: {published.isoformat()} 22:43",
                f"来源: {v.name}", "历史搜索:", SITE, "政府信息公开年报",       # the site's name, a column heading
                "当前位置: 首页 > 政务公开 > 政府信息公开年报"], True
    return [], True


def _intro(v: Variant, year: int) -> str:
    full = f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    period = {
        "none": "",
        "full": full,
        "title_year_differs": full,
        "end_without_year": f"本报告中有关情况的统计期限为{year}年1月1日至12月31日。",
        "part_year": f"本报告中所列数据的统计期限自{year}年9月1日起至12月31日止。",
        "chinese": f"本报告所列数据统计期限自{_cn_date(date(year, 1, 1))}起至{_cn_date(date(year, 12, 31))}止。",
        "year_only": f"本报告所列数据统计期限为{year}年度。",
        "intro_names_its_year": f"特向社会公布{v.name}{year}年度政府信息公开工作年度报告。",
    }[v.period]
    return ("根据《中华人民共和国政府信息公开条例》(以下简称《条例》)规定,编制本报告。" + period
            + "本报告电子版可在政府门户网站下载。如对本报告有疑问,请与本机关办公室联系。")


def _closing(v: Variant, signed: date) -> tuple[list[str], date | None, str | None]:
    """(closing lines, the date the signature states, the body it names)."""
    n, digits = v.name, f"{signed.year}年{signed.month}月{signed.day}日"
    head = "六、其他需要报告的事项"
    return {
        "none": ([head, "无。"], None, None),
        "digits": ([head, "无。", n, digits], signed, n),
        "chinese": ([head, "无。", n, _cn_date(signed)], signed, n),
        "month_only": ([head, "无。", n, _cn_date(signed, day=False)], None, n),
        "one_line_page": ([f"{head}无其他需要报告的事项。 {n} {digits} 附件下载"], signed, n),
        "date_only": ([head, "无。", digits], signed, None),
        "site_links": ([head, "无。", n, digits, "附件下载", "扫一扫在手机上查看当前页面"], signed, n),
    }[v.signature]


def render(report: Gold, v: Variant) -> tuple[str, Expected]:
    year = report.gold["report_year"]
    title_year = year + 1 if v.period in ("title_year_differs", "intro_names_its_year") else year
    published, signed = date(year + 1, 1, 17), date(year + 1, 2, 14)
    title_lines = _title_lines(v, title_year)
    header, body_has_title = _header(v, report.gold, "".join(title_lines), published)
    closing, signature_date, signer = _closing(v, signed)
    lines = header + (title_lines if body_has_title else []) + [_intro(v, year), report.body] + closing
    if v.header == "one_line_page":
        lines[:2] = [" ".join(lines[:2])]
    field_body = v.name if v.header in FIELD_HEADERS else None        # 发布机构/来源 of a title without a body
    name = v.name if v.title != "no_name" else (signer or field_body)
    expected = Expected(
        agency_name=name, title_year=title_year, report_year=year, admin_level=report.gold["admin_level"],
        published_on=signature_date or (published if v.header != "none" else None))
    return "\n".join(lines) + "\n", expected


def fits(v: Variant) -> bool:
    """Whether the forms go together (a title that shares 政府 needs a name with 人民政府, …)."""
    if v.title == "shared_zhengfu" and not v.name.endswith("人民政府"):
        return False
    if v.title == "broken_in_two" and len(v.name) > 24:
        return False
    if v.title == "no_name" and v.signature in ("none", "date_only") and v.header not in FIELD_HEADERS:
        return False          # nothing would name the body
    return True


def variants(reports: list[Gold]) -> list[tuple[Gold, Variant]]:
    """Every option of every dimension for every report, the options of different dimensions
    rotated against each other from report to report, so that the combinations differ."""
    dims = (tuple(TITLES), YEAR_STYLES, HEADERS, SIGNATURES, PERIODS)
    width = max(map(len, dims))
    out = []
    for r, report in enumerate(reports):
        names = report.gold["agency_names"]
        for k in range(width):
            title, style, header, signature, period = (d[(k + r * (i + 1)) % len(d)] for i, d in enumerate(dims))
            v = Variant(title, names[k % len(names)], style, header, signature, period)
            out.append((report, v if fits(v) else Variant("year_after", *astuple(v)[1:])))
    return out
