"""Synthetic reports: random tables that satisfy the identities, rendered in every plain-text layout,
as crawled text with glued cells, as an HTML page and as a DOCX file.

Used by the generated-layout tests (exact round trip: render known numbers, parse them back) and by
bench/corpus.py for the benchmark. Seeded and deterministic: the same seed gives the same bytes.
"""
from __future__ import annotations

import html
import io
import random
from dataclasses import dataclass, field
from decimal import Decimal

import docx

from pipeline.parsing import spec
from pipeline.parsing.formats.grid import Span, span_origins

LAYOUTS = ("cells", "tabs", "columns", "oneline")
GLUED = "glued"     # crawled text: a row's cells written without separators (not in LAYOUTS: it
                    # can be ambiguous, see tests/test_glued.py)
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_PLACES = ("秦安县", "温县", "洪泽区", "宽城满族自治县", "浑江区", "卫辉市", "清河县", "安宁区", "永定区", "东湖区")
_TOWNS = ("郭嘉", "祥云", "上乐村", "三道沟", "柳林", "龙泉", "白水", "高桥", "新集", "石门", "黄土", "青山")
_DEPARTMENTS = ("人民政府办公室", "发展和改革局", "自然资源局", "市场监督管理局", "卫生健康委员会", "财政局")

OUTCOME_CODES = tuple(r.code for r in spec.APPLICATION_ROWS if r.group == "outcome"
                      and r.code not in ("other_processing", *spec.OTHER_SUBROWS))
GROUP_LABELS = {"denied_state_secret": "（三）不予公开", "unavailable_not_held": "（四）无法提供",
                "not_processed_complaint": "（五）不予处理", "other_no_correction": "（六）其他处理"}
PROACTIVE_LAYOUT = {   # template -> clause -> (items, measures)
    "2021": {"art20_1": (("rules", "normative_documents"), ("issued", "repealed", "in_force")),
             "art20_5": (("administrative_license",), ("decisions",)),
             "art20_6": (("administrative_penalty", "administrative_enforcement"), ("decisions",)),
             "art20_8": (("administrative_fees",), ("fee_amount",))},
    "2019": {"art20_1": (("rules", "normative_documents"), ("produced", "published", "total_published")),
             "art20_5": (("administrative_license", "other_external_services"),
                         ("prior_year_items", "change", "decisions")),
             "art20_6": (("administrative_penalty", "administrative_enforcement"),
                         ("prior_year_items", "change", "decisions")),
             "art20_8": (("administrative_fees",), ("prior_year_items", "change")),
             "art20_9": (("government_procurement",), ("procurement_projects", "procurement_amount"))},
}
_ITEM_LABEL = {i.code: i.label.replace("（行政）", "行政") for i in spec.DISCLOSURE_ITEMS}
_ROW_LABEL = {r.code: r.label for r in spec.APPLICATION_ROWS}


@dataclass
class SynthReport:
    agency: str
    year: int
    template: str
    application: dict = field(default_factory=dict)
    review: dict = field(default_factory=dict)
    proactive: dict = field(default_factory=dict)
    broken: bool = False


def _count(rng: random.Random, scale: int) -> int:
    return 0 if rng.random() < 0.55 else int(rng.paretovariate(1.3) * scale) - scale + rng.randint(0, scale)


def random_agency(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return f"{rng.choice(_PLACES)}{rng.choice(_TOWNS)}镇人民政府"
    if kind < 0.8:
        return f"{rng.choice(_PLACES)}人民政府"
    return f"{rng.choice(_PLACES)}{rng.choice(_DEPARTMENTS)}"


def random_report(rng: random.Random, template: str | None = None, year: int | None = None,
                  agency: str | None = None, broken: bool = False) -> SynthReport:
    template = template or rng.choice(spec.TEMPLATES)
    year = year or (rng.randint(2019, 2020) if template == "2019" else rng.randint(2021, 2025))
    rep = SynthReport(agency or random_agency(rng), year, template, broken=broken)
    other = ("other_processing",) if template == "2019" or rng.random() < 0.2 else spec.OTHER_SUBROWS
    outcome_rows = (*OUTCOME_CODES, *other)
    scale = rng.choice((1, 3, 20, 200))
    cols: dict[str, dict[str, int]] = {}
    for col in spec.APPLICANT_PARTS:
        s = scale if col in ("natural_person", "commercial_enterprise") or rng.random() < 0.2 else 0
        outcome = {r: _count(rng, s) if s else 0 for r in outcome_rows}
        total = sum(outcome.values())
        forward = _count(rng, s) if s else 0
        carried = rng.randint(0, total + forward) if rng.random() < 0.4 else 0
        cols[col] = {"received_new": total + forward - carried, "carried_over": carried, **outcome,
                     "outcome_total": total, "carried_forward": forward}
    for row in ("received_new", "carried_over", *outcome_rows, "outcome_total", "carried_forward"):
        rep.application[row] = {c: cols[c][row] for c in spec.APPLICANT_PARTS}
        rep.application[row]["total"] = sum(rep.application[row].values())
    if broken:
        rep.application["outcome_total"]["total"] += 1
    if rng.random() < 0.15:     # a cell the source leaves blank ("/"): NULL, never 0
        row = rng.choice([r for r in outcome_rows if rep.application[r]["research_institution"] == 0])
        rep.application[row]["research_institution"] = None
    for proc in spec.PROCEEDINGS:
        parts = {r: _count(rng, 2) if rng.random() < 0.3 else 0 for r in ("upheld", "corrected", "other", "pending")}
        rep.review[proc.code] = {**parts, "total": sum(parts.values())}
    for clause, (items, measures) in PROACTIVE_LAYOUT[template].items():
        for item in items:
            row = rep.proactive.setdefault(clause, {}).setdefault(item, {})
            for m in measures:
                if spec.MEASURE_BY_CODE[m].is_amount:
                    row[m] = Decimal(rng.randint(0, 10**7)) / 100 * 10000 if rng.random() < 0.6 else Decimal(0)
                elif m == "change":
                    row[m] = rng.randint(-50, 50)
                else:
                    row[m] = _count(rng, 50)
    return rep


# ---- rendering ----------------------------------------------------------------------------

def _fmt(value, m: str | None = None) -> str:
    if m and spec.MEASURE_BY_CODE[m].is_amount:
        text = format((Decimal(value) / 10000).normalize(), "f")
        return text
    if m == "change" and value > 0:
        return f"+{value}"
    return str(value)


VERTICAL_LABEL = "三、本年度办理结果"
HEADINGS = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")
_APP_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_LEGAL_PERSONS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
_INFLOW_FORWARD = ("received_new", "carried_over", "carried_forward")


def _measure_label(m: str) -> str:
    """The form's header; amounts are rendered in 万元, so their header says so."""
    measure = spec.MEASURE_BY_CODE[m]
    label = measure.label.replace("（万元）", "")
    return f"{label}（单位：万元）" if measure.is_amount else label


def _sub_label(row: str) -> str:
    """The label within its group ("（三）1.属于国家秘密" -> "1.属于国家秘密"); else the whole label."""
    label = _ROW_LABEL[row]
    tail = label.split("）", 1)[-1]
    return tail if tail[:1].isdigit() else label


def _table_rows(rep: SynthReport, vertical: bool) -> list[tuple[str, list[list[str]]]]:
    """(section heading, rows of cells) in reading order; label cells first."""
    pro: list[list[str]] = []
    for clause, (items, measures) in PROACTIVE_LAYOUT[rep.template].items():
        pro.append([spec.CLAUSE_LABELS[clause]])
        pro.append(["信息内容", *(_measure_label(m) for m in measures)])
        for item in items:
            pro.append([_ITEM_LABEL[item], *(_fmt(rep.proactive[clause][item][m], m) for m in measures)])
    app: list[list[str]] = [[_APP_NOTE, "申请人情况"], ["自然人", "法人或其他组织", "总计"], list(_LEGAL_PERSONS)]
    for row, cells in rep.application.items():
        sub = _sub_label(row)
        lead = [GROUP_LABELS[row]] if row in GROUP_LABELS and row in rep.application else []
        if row == "granted" and not vertical:
            lead = [VERTICAL_LABEL]
        app.append([*lead, sub, *(str(v) if v is not None else "/" for v in cells.values())])
    rev = [["行政复议", "行政诉讼"], ["未经复议直接起诉", "复议后起诉"],
           [r.label for r in spec.RESULTS] * 3,
           [str(rep.review[p.code][r.code]) for p in spec.PROCEEDINGS for r in spec.RESULTS]]
    return list(zip(HEADINGS, (pro, app, rev)))


def _is_value(cell: str) -> bool:
    return cell.lstrip("+-").replace(".", "", 1).isdigit() or cell == "/"


def _render_row(cells: list[str], layout: str, rng: random.Random, noise: bool) -> list[str]:
    labels = [c for c in cells if not _is_value(c)]
    values = [c for c in cells if _is_value(c)]
    if layout == "cells":
        pad = (lambda: rng.choice(("", "\t", "　　", " "))) if noise else (lambda: "")
        out = [pad() + c + (" " if noise and rng.random() < 0.2 else "") for c in cells]
        if noise and rng.random() < 0.3:
            out.append("")
        return out
    if layout == "tabs":
        return ["\t".join(cells)]
    if layout == GLUED:
        return ["".join(cells)]
    if layout == "oneline":
        return [" ".join(cells)]
    # columns: pdftotext -layout; a long row label wraps after its first dozen characters, its
    # values on the first line or on a line of their own between the two halves
    lead = "    ".join(labels[:-1]) + ("    " if len(labels) > 1 else "")
    label = labels[-1] if labels else ""
    vals = "   ".join(v.rjust(5) for v in values)
    if noise and values and len(label) > 16 and rng.random() < 0.5:
        cut = rng.randint(12, len(label) - 2)
        if rng.random() < 0.5:
            return [f"{lead + label[:cut]:<40}{vals}", f"      {label[cut:]}"]
        return [f"      {lead + label[:cut]}", f"{'':<40}{vals}", f"      {label[cut:]}"]
    return [f"{lead + label:<40}{vals}" if values else f"      {lead + label}"]


def _title(rep: SynthReport) -> str:
    return f"{rep.agency}{rep.year}年政府信息公开工作年度报告"


def _opening(rep: SynthReport, rng: random.Random) -> list[str]:
    return [f"本报告中所列数据的统计期限自{rep.year}年1月1日起至{rep.year}年12月31日止。",
            "一、总体情况",
            f"{rep.year}年，本机关主动公开政府信息{rng.randint(10, 3000)}条，办理依申请公开{rng.randint(0, 99)}件。"]


def _closing(rep: SynthReport) -> list[str]:
    return ["五、存在的主要问题及改进情况", f"{rep.year}年，公开内容仍需进一步规范。",
            "六、其他需要报告的事项", "本年度未收取信息处理费。"]


def _signed_on(rep: SynthReport, rng: random.Random) -> str:
    return f"{rep.year + 1}年1月{rng.randint(10, 31)}日"


def render(rep: SynthReport, layout: str, rng: random.Random, noise: bool = True) -> str:
    """Plain text in one of LAYOUTS, or GLUED."""
    lines = [_title(rep), *_opening(rep, rng)]
    # pdftotext writes a vertical label one character per line, between the rows it spans
    vertical = noise and layout == "columns" and rng.random() < 0.5
    for heading, rows in _table_rows(rep, vertical):
        lines.append(heading)
        for i, row in enumerate(rows):
            lines.extend(_render_row(row, layout, rng, noise))
            if noise and layout == "columns" and rng.random() < 0.05:
                lines.append(f"{'':>30}-{rng.randint(1, 9)}-")
            if vertical and heading.startswith("三") and 4 <= i < 4 + len(VERTICAL_LABEL):
                lines.append(VERTICAL_LABEL[i - 4])
    lines += [*_closing(rep), rep.agency, _signed_on(rep, rng)]
    text = " ".join(lines) if layout == "oneline" else "\n".join(lines)
    if noise and rng.random() < 0.5:
        text = text.translate(_FULLWIDTH)
    if noise and rng.random() < 0.3:
        text = text.replace("，", "\u00a0，")
    return text + "\n"


# ---- tables with merged cells (HTML, DOCX) -------------------------------------------------

def _cell(value, m: str | None = None) -> str:
    return "" if value is None else _fmt(value, m)


def _spanned_row(texts: list[str], width: int) -> list[Span]:
    """One cell per text, the last widened to the table's width."""
    return [*((t, 1, 1) for t in texts[:-1]), (texts[-1], 1, width - len(texts) + 1)]


def _proactive_spans(rep: SynthReport) -> list[list[Span]]:
    """The clauses and rows the report has (a table may leave out a row, as pt_5 leaves out 规章)."""
    width = 1 + max(len(cells) for items in rep.proactive.values() for cells in items.values())
    rows: list[list[Span]] = []
    for clause, items in rep.proactive.items():
        measures = list(next(iter(items.values())))
        rows.append([(spec.CLAUSE_LABELS[clause], 1, width)])
        rows.append(_spanned_row(["信息内容", *map(_measure_label, measures)], width))
        for item, cells in items.items():
            rows.append(_spanned_row([_ITEM_LABEL[item], *(_cell(cells[m], m) for m in measures)], width))
    return rows


def _application_spans(rep: SynthReport) -> list[list[Span]]:
    """The national layout: three label columns (vertical 三、本年度办理结果, group, row) and seven
    value columns under a two-level header."""
    rows: list[list[Span]] = [[(_APP_NOTE, 3, 3), ("申请人情况", 1, 7)],
                              [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
                              [(p, 1, 1) for p in _LEGAL_PERSONS]]
    outcome = [r for r in rep.application if r not in _INFLOW_FORWARD]
    for row, cells in rep.application.items():
        sub = _sub_label(row)
        if row in _INFLOW_FORWARD:
            lead = [(sub, 1, 3)]
        else:
            lead = [(VERTICAL_LABEL, len(outcome), 1)] if row == outcome[0] else []
            if row in GROUP_LABELS:
                group = _ROW_LABEL[row].split("）")[0]
                size = sum(_ROW_LABEL[r].startswith(group) and _sub_label(r) != _ROW_LABEL[r] for r in outcome)
                lead.append((GROUP_LABELS[row], size, 1))
            lead.append((sub, 1, 1) if sub != _ROW_LABEL[row] else (sub, 1, 2))
        rows.append([*lead, *((_cell(v), 1, 1) for v in cells.values())])
    return rows


def _review_spans(rep: SynthReport) -> list[list[Span]]:
    results = [r.label for r in spec.RESULTS]
    return [[("行政复议", 1, 5), ("行政诉讼", 1, 10)],
            [*((r, 2, 1) for r in results), ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
            [(r, 1, 1) for r in results * 2],
            [(_cell(rep.review[p.code][r.code]), 1, 1) for p in spec.PROCEEDINGS for r in spec.RESULTS]]


def table_spans(rep: SynthReport) -> list[tuple[str, list[list[Span]]]]:
    """(section heading, rows of (text, rowspan, colspan)); "" is a blank cell."""
    return list(zip(HEADINGS, (_proactive_spans(rep), _application_spans(rep), _review_spans(rep))))


_CHROME_TOP = """<div class="nav"><ul>{links}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/nb">政府信息公开年报</a></div>"""
_CHROME_BOTTOM = """<div class="fj">附件下载：<a href="/f/{year}.pdf">{title}.pdf</a></div>
<div class="bdsharebuttonbox">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
</div><div class="footer"><p>主办单位：{agency} 联系电话：0371-6{n:06d}</p>
<p>网站标识码：41{n:08d} 豫ICP备{n:08d}号</p></div>"""
_NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进本地", "政策文件", "政策解读", "通知公告",
        "人事信息", "财政资金", "重点领域", "专题专栏")


def _html_cell(text: str, rowspan: int, colspan: int, rng: random.Random, noise: bool) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    body = html.escape(text)
    if not text:
        body = rng.choice(("&nbsp;", "", " &nbsp; ")) if noise else "&nbsp;"
    elif noise and rng.random() < 0.3:       # Word-exported pages wrap every cell in a styled span
        body = f'<p style="text-align:center"><span style="font-size:12pt">{body}</span></p>'
    return f"<td{attrs}>{body}</td>"


def render_html(rep: SynthReport, rng: random.Random, noise: bool = True) -> bytes:
    """A whole page: site navigation, breadcrumbs, the report with real tables, share buttons,
    attachments and footer. With noise: GBK, a layout table around the article, tables in varied
    markup."""
    gbk = noise and rng.random() < 0.4
    paragraphs = lambda lines: "\n".join(f"<p>{html.escape(x)}</p>" for x in lines)   # noqa: E731
    parts = [f'<!DOCTYPE html><html><head><meta charset="{"gb2312" if gbk else "utf-8"}">'
             f"<title>{html.escape(_title(rep))}_{html.escape(rep.agency)}</title>"
             "<script>var _hmt = _hmt || []; document.write('<table><tr><td>1</td></tr></table>');</script>"
             "<style>td { border: 1px solid #000; }</style></head><body>",
             _CHROME_TOP.format(links="".join(f'<li><a href="/{i}">{t}</a></li>' for i, t in enumerate(_NAV))),
             f'<div class="article"><h1>{html.escape(_title(rep))}</h1>',
             f'<div class="info">发布时间：{rep.year + 1}-01-{rng.randint(10, 28)} 来源：{html.escape(rep.agency)} '
             "【字体：大 中 小】</div>",
             '<div class="content">', paragraphs(_opening(rep, rng))]
    for heading, rows in table_spans(rep):
        parts.append(f"<p><strong>{heading}</strong></p>")
        parts.append('<table border="1" cellspacing="0">')
        for row in rows:
            parts.append("<tr>" + "".join(_html_cell(*cell, rng, noise) for cell in row) + "</tr>")
        parts.append("</table>")
    parts += [paragraphs(_closing(rep)), f'<p style="text-align:right">{html.escape(rep.agency)}</p>',
              f'<p style="text-align:right">{_signed_on(rep, rng)}</p></div>',
              _CHROME_BOTTOM.format(year=rep.year, title=html.escape(_title(rep)),
                                    agency=html.escape(rep.agency), n=rng.randint(0, 99999999))]
    page = "\n".join(parts)
    if noise and rng.random() < 0.3:         # an old-style page: the article inside a layout table
        start, end = page.index('<div class="article">'), page.index('<div class="footer">')
        page = f"{page[:start]}<table><tr><td>{page[start:end]}</td></tr></table>{page[end:]}"
    return (page + "</body></html>").encode("gb18030" if gbk else "utf-8")


def add_docx_table(document, rows: list[list[Span]]) -> None:
    """A table of spans at the end of a Word document, spans as merged cells."""
    placed = span_origins(rows)
    width = max(c + span[2] for _, c, span in placed)
    table = document.add_table(rows=len(rows), cols=width)
    cells = [list(row.cells) for row in table.rows]     # once: table.cell() rebuilds them all
    for r, c, (text, rowspan, colspan) in placed:
        cell = cells[r][c]
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(cells[r + rowspan - 1][c + colspan - 1])
        cell.text = text


def render_docx(rep: SynthReport, rng: random.Random) -> bytes:
    """A Word file as agencies write it: paragraphs and the three tables, spans as merged cells."""
    document = docx.Document()
    for line in (_title(rep), *_opening(rep, rng)):
        document.add_paragraph(line)
    for heading, rows in table_spans(rep):
        document.add_paragraph(heading)
        add_docx_table(document, rows)
    for line in (*_closing(rep), rep.agency, _signed_on(rep, rng)):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def expected_json(rep: SynthReport) -> dict:
    """The parser's JSON cells for this report (amounts in yuan)."""
    def plain(node):
        if isinstance(node, dict):
            return {k: plain(v) for k, v in node.items()}
        if node is None:
            return None
        d = Decimal(node)
        return int(d) if d == d.to_integral_value() else float(d)
    return {"application": plain(rep.application), "review_litigation": plain(rep.review),
            "proactive": plain(rep.proactive)}
