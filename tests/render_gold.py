"""Gold reports rendered back into text, under the layout variations of real reports.

A gold file holds the cells of one report; ``render`` writes them into the national form's three
tables as plain or crawled text, with a chosen variation of each kind real reports show:

- numbering of the section headings: 二、 / none / renumbered (三、…) / doubled (三三、) / （二） / 2、,
  and the review heading's wordings (…行政复议、行政诉讼情况, 因…被申请行政复议、提起行政诉讼情况, …与…);
- the separator between cells: space, TAB, NBSP, U+3000, a random mix, or none (glued cells);
- rows on lines of their own, or the whole body on one line (a crawler's page.txt);
- units: amounts in 万元 under a header that says so, or the unit written in the cell (元 or
  万元) under a header with none, or no unit anywhere (the amount is then not knowable);
  counts with 个 in the cell;
- site chrome (navigation, share buttons, footer with phone numbers) before and after the body;
- narrative with numbers of its own under a heading, before its table (pt_16), and a clause
  named in the overview (依据第二十条第（五）项…).

``expected`` gives the cells the parser must return for a rendering: the gold's, with an amount
NULL where the rendering leaves its unit unknown. Used by tests/test_variations.py.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from pipeline.parsing import spec

from .synth import GROUP_LABELS, _sub_label

NUMBERINGS = ("standard", "none", "shifted", "doubled", "paren", "arabic")
SEPARATORS = ("space", "tab", "nbsp", "ideographic", "mixed", "glued")
UNIT_STYLES = ("header", "cell_yuan", "cell_wan", "none")
REVIEW_HEADINGS = ("政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                   "政府信息公开行政复议与行政诉讼情况")
_SEPARATOR = {"space": " ", "tab": "\t", "nbsp": "\u00a0", "ideographic": "\u3000", "glued": ""}
_CN = "一二三四五六七八九十"
_CHROME_BEFORE = ("当前位置： 首页政务公开政府信息公开政府信息公开年报 {title} 来源： 时间：{year}-01-17 11:35 --> "
                  "微信 微博 QQ空间 全真版 文字版 文件下载 相关链接：")
_CHROME_AFTER = ("附件下载 【打印本页】 【关闭窗口】 主办单位：平潭综合实验区管委会办公室 网站标识码：3501280001 "
                 "闽ICP备05019536号 闽公网安备 35012802000101号 联系电话：0591-86177878")
_ITEM_LABEL = {i.code: i.label.replace("（行政）", "行政") for i in spec.DISCLOSURE_ITEMS}
_APP_HEADER = ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "自然人",
               "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


@dataclass(frozen=True)
class Variation:
    numbering: str = "standard"
    separator: str = "space"
    one_line: bool = False
    units: str = "header"
    chrome: bool = False
    review_heading: int = 0
    narrative: bool = False     # sentences with numbers of their own between headings and tables

    @property
    def glued(self) -> bool:
        return self.separator == "glued"


def _heading(index: int, words: str, v: Variation) -> str:
    """The heading of section index (1 = 二, 2 = 三, …) in the variation's numbering."""
    n = index + 1 if v.numbering != "shifted" else index + 2
    numeral = _CN[n - 1]
    return {"standard": f"{numeral}、", "none": "", "shifted": f"{numeral}、", "doubled": f"{numeral}{numeral}、",
            "paren": f"（{numeral}）", "arabic": f"{n}、"}[v.numbering] + words


def _number(value) -> str:
    d = Decimal(str(value))
    return format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))


def _amount(value, v: Variation) -> str:
    if value is None:
        return "/"
    if v.units == "cell_yuan":
        return f"{_number(value)}元"
    wan = _number(Decimal(str(value)) / 10000)
    return f"{wan}万元" if v.units == "cell_wan" else wan


def _header_unit(m: spec.Measure, v: Variation) -> str:
    return "（单位：万元）" if m.is_amount and v.units == "header" else ""


def _cell(value, m: spec.Measure, v: Variation, rng: random.Random) -> str:
    if m.is_amount:
        return _amount(value, v)
    if value is None:
        return "/"
    text = _number(value)
    if m.code == "procurement_projects" and v.units != "header":
        text += rng.choice(("个", "笔", "项"))
    elif m.signed and value > 0 and rng.random() < 0.3:
        text = "+" + text
    return text


Row = tuple[list[str], list[str]]     # label cells, value cells


def _proactive_rows(gold: dict, v: Variation, rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    for clause, items in gold["proactive"].items():
        measures = [spec.MEASURE_BY_CODE[m] for m in next(iter(items.values()))]
        rows.append(([spec.CLAUSE_LABELS[clause]], []))
        rows.append((["信息内容", *(m.label.replace("（万元）", "") + _header_unit(m, v) for m in measures)], []))
        for item, cells in items.items():
            rows.append(([_ITEM_LABEL[item]], [_cell(cells[m.code], m, v, rng) for m in measures]))
    return rows


def _application_rows(gold: dict) -> list[Row]:
    rows: list[Row] = [(list(_APP_HEADER), [])]
    for row, cells in gold["application"].items():
        lead = [GROUP_LABELS[row]] if row in GROUP_LABELS else []
        if row == "granted":
            lead = ["三、本年度办理结果", *lead]
        rows.append(([*lead, _sub_label(row)], ["/" if c is None else _number(c) for c in cells.values()]))
    return rows


def _review_rows(gold: dict) -> list[Row]:
    results = [r.label for r in spec.RESULTS]
    cells = gold["review_litigation"]
    return [(["行政复议", "行政诉讼", *results, "未经复议直接起诉", "复议后起诉", *results, *results], []),
            ([], ["/" if cells[p.code][r.code] is None else _number(cells[p.code][r.code])
                  for p in spec.PROCEEDINGS for r in spec.RESULTS])]


def _join(row: Row, v: Variation, rng: random.Random) -> str:
    """A row: its labels, then its values with the variation's separator between them."""
    labels, values = row
    lead = " ".join(labels)
    if not values:
        return lead
    if v.separator == "mixed":
        seps = [rng.choice((" ", "\t", "\u00a0", "\u3000", "  ")) for _ in values[1:]]
    else:
        seps = [_SEPARATOR[v.separator]] * (len(values) - 1)
    return lead + rng.choice(("", " ")) + values[0] + "".join(s + x for s, x in zip(seps, values[1:]))


def render(gold: dict, v: Variation, rng: random.Random) -> str:
    agency, year = gold["agency_names"][0], gold["report_year"]
    title = f"{agency}{year}年政府信息公开工作年度报告"
    body = [title,
            f"本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、{REVIEW_HEADINGS[0]}、"
            "存在的主要问题及改进情况和其他需要报告的事项等六个部分。"
            f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
            _heading(0, "总体情况", v),
            f"{year}年，本机关主动公开政府信息{rng.randint(10, 3000)}条，办理依申请公开{rng.randint(0, 99)}件。"]
    sections = ((1, "主动公开政府信息情况", _proactive_rows(gold, v, rng)),
                (2, "收到和处理政府信息公开申请情况", _application_rows(gold)),
                (3, REVIEW_HEADINGS[v.review_heading], _review_rows(gold)))
    notes = (f"依据《条例》第二十条第（五）项，本年办理行政许可{rng.randint(1, 99)}件。",
             f"{year}年，共收到政府信息公开申请{rng.randint(1, 99)}件，予以公开{rng.randint(1, 9)}件。",
             f"{year}年，发生政府信息公开行政复议{rng.randint(1, 9)}件，结果维持{rng.randint(1, 9)}件。")
    if v.narrative:
        body.insert(3, notes[0])
    for (index, words, rows), note in zip(sections, ("", *notes[1:])):
        body.append(_heading(index, words, v))
        if v.narrative and note:
            body.append(note)
        body.extend(_join(row, v, rng) for row in rows)
    body += [_heading(4, "存在的主要问题及改进情况", v), f"{year}年，公开内容仍需进一步规范。",
             _heading(5, "其他需要报告的事项", v), "本年度未收取信息处理费。", agency, f"{year + 1}年1月15日"]
    if v.chrome:
        body = [_CHROME_BEFORE.format(title=title, year=year + 1), *body, _CHROME_AFTER]
    if v.one_line:
        return "".join(line + rng.choice(("", " ")) for line in body)
    return "\n".join(body) + "\n"


def expected(gold: dict, v: Variation) -> dict:
    """The cells the parser must return for this rendering (gold JSON numbers)."""
    want = {k: gold[k] for k in ("application", "review_litigation", "proactive")}
    if v.units == "none":   # no unit in the cell or the header: only the form's own (2021 fee: 万元)
        unknown = lambda m, value: spec.MEASURE_BY_CODE[m].is_amount and spec.MEASURE_BY_CODE[m].unit is None  # noqa: E731
        want["proactive"] = {clause: {item: {m: None if value and unknown(m, value) else value
                                             for m, value in cells.items()} for item, cells in items.items()}
                             for clause, items in gold["proactive"].items()}
    return want
