"""Gold reports rendered as government web pages, in the variations real sites publish.

Each gold JSON holds every cell of one report; here those cells become the three national tables
(template 2019 or 2021) inside a whole page, marked up one of several ways (CATALOGUE). The parse of
such a page must give the gold cells back: that is what tests/test_html_pages.py asserts.

Knobs of a Variation, each taken from pages as agencies publish them:
- application: the label columns of table 三. "national" is the form itself (三、本年度办理结果 and
  the groups （三）…（六） as rowspans, a three-row header); "heading_row" writes 三、本年度办理结果
  as a full-width row above the outcomes; "first_only" writes each group label in its first row
  and leaves the label cells below it empty instead of spanning them; "flat_header" has one header
  row naming the seven applicant columns.
- cells: "plain"; "word" (every cell a styled <p><span> with <o:p> and conditional comments, as
  Word's "save as web page" writes it); "split" (labels and numbers cut into several <span>s and
  labels into several <p>s); "nbsp" (blank cells as &nbsp; variants, values padded with &nbsp;).
- page: "cms" (a TRS-style page: search box, elder-mode links, breadcrumb, the title in a <div>
  and in <meta name="ArticleTitle">, share box, 全真版/文字版 tabs, QR code, related links, footer);
  "h1" (title in <h1>, nav/aside/footer elements); "layout_tables" (an old site: the page is nested
  layout tables, navigation and footer in cells without class names); "word_export" (the article
  is a Word-exported WordSection with a spacer row under each table); "bare" (no wrapper at all:
  links, the title in <h2>, the report and a footer are all children of <body>).
- encoding: utf-8, gbk or gb2312 (declared in a meta tag), utf-16 (with a BOM), utf-16-le (without),
  "utf-8-broken" (UTF-8 with a stray invalid byte in the footer, as a CMS that cut a character in
  two writes).
- captions: the headings of sections 二–四 as the tables' <caption>s.
- stale: a commented-out old table 三 above it and a hidden (display:none) one below it, with other
  numbers.
- sloppy: tags in capitals, no </td>, </tr> or </p> (a browser closes them), spans written
  rowspan="3.0" or " 3 ", and a hidden cell (display:none) with a stray number in each row.
- cut_title: <title> cut short with "…" and no ArticleTitle meta.
- split_table: table 三 continued in a second <table> from （四） on, without a header (a page
  break of the source document), the rowspan of 三、本年度办理结果 cut at the break.
- text_tables: the tables pasted as text, a <p> per row with the cells apart by spaces (a blank
  cell written "—"): a page with no tables of figures at all.
- blank_totals: the 总计 column of table 三 left blank in most rows.
- merge_nulls: a value followed by unknown (null) cells in its column is written as one cell
  spanning those rows, as pt_8's page does for （六）.
- th: header cells as <th>.
"""
from __future__ import annotations

import html
import json
import random
import re
import zlib
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from pipeline.parsing import spec
from pipeline.parsing.formats.grid import Span

from .conftest import flatten
from .synth import (
    _APP_NOTE,
    _INFLOW_FORWARD,
    _LEGAL_PERSONS,
    _ROW_LABEL,
    GROUP_LABELS,
    VERTICAL_LABEL,
    SynthReport,
    _closing,
    _opening,
    _signed_on,
    _sub_label,
    _title,
    table_spans,
)

VALUE_COLUMNS = (*spec.APPLICANT_PARTS, "total")


@dataclass(frozen=True)
class Variation:
    application: str = "national"
    cells: str = "plain"
    page: str = "cms"
    encoding: str = "utf-8"
    blank_totals: bool = False
    merge_nulls: bool = False
    th: bool = False
    captions: bool = False
    stale: bool = False
    sloppy: bool = False
    cut_title: bool = False
    text_tables: bool = False
    split_table: bool = False


CATALOGUE = {
    "cms": Variation(),
    "cms-word-cells-gbk": Variation(cells="word", encoding="gbk", stale=True),
    "cms-broken-byte-captions": Variation(encoding="utf-8-broken", captions=True, cut_title=True),
    "sloppy-layout-tables": Variation(page="layout_tables", sloppy=True, cut_title=True, stale=True),
    "h1-split-cells": Variation(page="h1", cells="split", th=True, captions=True),
    "heading-row-gb2312": Variation(application="heading_row", page="h1", cells="nbsp", encoding="gb2312"),
    "first-only-layout-tables": Variation(application="first_only", page="layout_tables", cells="split",
                                          encoding="utf-16-le"),
    "flat-header-word-export": Variation(application="flat_header", page="word_export", cells="word"),
    "utf16": Variation(page="layout_tables", cells="nbsp", encoding="utf-16"),
    "text-tables": Variation(page="h1", text_tables=True),
    "text-tables-layout": Variation(page="layout_tables", text_tables=True, cut_title=True),
    "bare-word-cells": Variation(page="bare", cells="word", encoding="gbk"),
    "split-table-three": Variation(split_table=True, cells="split", page="h1"),
    "merged-null-runs": Variation(merge_nulls=True, cells="split"),
    "blank-totals": Variation(blank_totals=True, cells="nbsp"),
    "blank-totals-heading-row": Variation(application="heading_row", blank_totals=True, page="layout_tables",
                                          cells="word"),
}


# ---- the report -----------------------------------------------------------------------------

def _number(v, amount: bool):
    if v is None:
        return None
    return Decimal(str(v)) if amount else int(v)


def gold_report(gold: dict) -> SynthReport:
    """The gold cells as a SynthReport (amounts as exact Decimals, in yuan as gold has them)."""
    proactive = {clause: {item: {m: _number(v, spec.MEASURE_BY_CODE[m].is_amount) for m, v in cells.items()}
                          for item, cells in items.items()}
                 for clause, items in gold["proactive"].items()}
    return SynthReport(agency=gold["agency_names"][0], year=gold["report_year"], template=gold["template_version"],
                       application={row: dict(cells) for row, cells in gold["application"].items()},
                       review={p: dict(cells) for p, cells in gold["review_litigation"].items()},
                       proactive=proactive)


def blank_totals(rep: SynthReport, rng: random.Random) -> set[str]:
    """Leave the 总计 cell of most rows of table 三 blank; the rows blanked."""
    rows = {row for row in rep.application if rng.random() < 0.8}
    for row in rows:
        rep.application[row]["total"] = None
    return rows


# ---- table 三 label columns -------------------------------------------------------------------

def _values(cells: dict) -> list[Span]:
    return [("" if cells[c] is None else str(cells[c]), 1, 1) for c in VALUE_COLUMNS]


def _header(style: str, label_cols: int) -> list[list[Span]]:
    if style == "flat_header":
        return [[("项目", 1, label_cols), ("自然人", 1, 1), *((p, 1, 1) for p in _LEGAL_PERSONS), ("总计", 1, 1)]]
    return [[(_APP_NOTE, 3, label_cols), ("申请人情况", 1, 7)],
            [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
            [(p, 1, 1) for p in _LEGAL_PERSONS]]


def _group(row: str) -> str | None:
    """The group (（三）…（六）) a sub-row belongs to, None for a row of its own."""
    return _ROW_LABEL[row].split("）")[0] + "）" if _sub_label(row) != _ROW_LABEL[row] else None


def application_spans(rep: SynthReport, style: str) -> list[list[Span]]:
    """Table 三 in one of the label layouts (see the module docstring)."""
    label_cols = 2 if style == "heading_row" else 3
    rows = _header(style, label_cols)
    outcome = [r for r in rep.application if r not in _INFLOW_FORWARD]
    group_size = {g: sum(_group(r) == g for r in outcome) for g in map(_group, outcome) if g}
    for row, cells in rep.application.items():
        lead: list[Span] = []
        sub = _sub_label(row)
        if row in _INFLOW_FORWARD:
            lead = [(sub, 1, label_cols)]
        else:
            first_outcome = row == outcome[0]
            if style == "heading_row" and first_outcome:
                rows.append([(VERTICAL_LABEL, 1, label_cols + len(VALUE_COLUMNS))])
            elif style != "heading_row" and (first_outcome or style == "first_only"):
                spans = style != "first_only"
                lead.append((VERTICAL_LABEL if first_outcome else "", len(outcome) if spans else 1, 1))
            group = _group(row)
            if group and (row in GROUP_LABELS or style == "first_only"):
                label = GROUP_LABELS.get(row, "")
                lead.append((label, 1 if style == "first_only" else group_size[group], 1))
            lead.append((sub, 1, 1) if group else (sub, 1, 2))
        rows.append([*lead, *_values(cells)])
    return rows


def merge_null_runs(rows: list[list[Span]], width: int) -> list[list[Span]]:
    """A value cell above blank cells of its column becomes one cell spanning them (the value belongs
    to the first row; the rows below have no cell there). Only trailing value cells are looked at."""
    out = [list(r) for r in rows]
    for col in range(1, width + 1):
        r = 0
        while r < len(out):
            if len(out[r]) < col or not out[r][-col][0]:
                r += 1
                continue
            run = r + 1
            while run < len(out) and len(out[run]) >= col and out[run][-col] == ("", 1, 1):
                run += 1
            if run - r > 1:
                out[r][-col] = (out[r][-col][0], run - r, 1)
                for k in range(r + 1, run):
                    out[k][-col] = None
            r = run
    return [[c for c in row if c is not None] for row in out]


# ---- cells ------------------------------------------------------------------------------------

def _cut(text: str, rng: random.Random, parts: int) -> list[str]:
    if len(text) < 2:
        return [text]
    cuts = sorted(rng.sample(range(1, len(text)), min(parts - 1, len(text) - 1)))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


def cell_body(text: str, style: str, rng: random.Random) -> str:
    """A cell's inner HTML; a browser shows the text (blank cells show nothing)."""
    if not text:
        if style == "nbsp":
            return rng.choice(("&nbsp;", "<p>&nbsp;</p>", "<span>&nbsp;</span>", " &nbsp; ", "\u3000"))
        if style == "word":
            return "<p class=MsoNormal align=center><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
        return ""
    esc = html.escape
    numeric = _is_number(text)
    if style == "word":
        lead = "" if numeric or rng.random() < 0.5 else "<!--[if !supportLists]--><!--[endif]-->"
        return (f"<p class=MsoNormal align=center style='text-align:center'>{lead}<span lang=EN-US "
                f"style='font-size:10.5pt;font-family:仿宋_GB2312'>{esc(text)}<o:p></o:p></span></p>")
    if style == "split":
        pieces = _cut(text, rng, rng.randint(2, 3))
        if not numeric and rng.random() < 0.4:
            return "".join(f"<p>{esc(p)}</p>" for p in pieces)
        return "".join(f'<span style="font-size:12pt">{esc(p)}</span>' for p in pieces)
    if style == "nbsp":
        return f"&nbsp;{esc(text)}&nbsp;" if rng.random() < 0.5 else esc(text)
    return esc(text)


def _is_number(text: str) -> bool:
    return text.lstrip("+-").replace(".", "", 1).isdigit()


def split_at_group(rows: list[list[Span]], group: str) -> tuple[list[list[Span]], list[list[Span]]]:
    """The rows before the group's first row, their rowspans cut at the break, and the rest."""
    at = next(i for i, row in enumerate(rows) if row and row[0][0].startswith(group))
    head = [[(t, min(rowspan, at - i), colspan) for t, rowspan, colspan in row] for i, row in enumerate(rows[:at])]
    return head, rows[at:]


def _stale(rows: list[list[Span]]) -> list[list[Span]]:
    """An older draft of a table: every number one more."""
    return [[(str(int(t) + 1) if t.isdigit() else t, r, c) for t, r, c in row] for row in rows]


def text_table(rows: list[list[Span]], rng: random.Random) -> str:
    """A table pasted as text: a paragraph per row, its cells' texts apart by spaces."""
    gap = rng.choice(("&nbsp;&nbsp;", "\u3000", "&nbsp; "))
    return "\n".join(f"<p>{gap.join(html.escape(t) or '—' for t, _, _ in row)}</p>" for row in rows)


def table_html(rows: list[list[Span]], v: Variation, rng: random.Random, header_rows: int = 0) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">', "<tbody>"]
    for i, row in enumerate(rows):
        cells = []
        for text, rowspan, colspan in row:
            tag = "th" if v.th and i < header_rows else "td"
            attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            cells.append(f"<{tag}{attrs} valign=center>{cell_body(text, v.cells, rng)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    if v.page == "word_export":       # Word's spacer row: one empty cell per grid column
        width = sum(c[2] for c in rows[-1])
        out.append("<![if !supportMisalignedColumns]><tr height=0>"
                   + "<td width=60 style='border:none'></td>" * width + "</tr><![endif]>")
    out.append("</tbody></table>")
    return "\n".join(out)


# ---- pages ------------------------------------------------------------------------------------

def article_html(rep: SynthReport, v: Variation, rng: random.Random) -> str:
    """The report itself: narrative paragraphs and the three tables."""
    para = (lambda t: f"<p class=MsoNormal style='text-indent:2em'><span>{html.escape(t)}</span></p>") \
        if v.page == "word_export" else (lambda t: f'<p style="text-indent:2em">{html.escape(t)}</p>')
    parts = [para(line) for line in _opening(rep, rng)]
    for heading, rows in table_spans(rep):
        if heading.startswith("三"):
            rows = application_spans(rep, v.application)
            if v.merge_nulls:
                rows = merge_null_runs(rows, len(VALUE_COLUMNS))
            if v.stale:
                plain = replace(v, cells="plain")      # comments do not nest: no <!--[if]--> inside
                parts.append(f"<!-- 旧表 {table_html(_stale(rows), plain, rng)} -->")
        header_rows = {"二": 0, "三": 1 if v.application == "flat_header" else 3, "四": 3}[heading[0]]
        if v.text_tables:
            table = text_table(rows, rng)
        elif v.split_table and heading.startswith("三"):
            head, tail = split_at_group(rows, "（四）")
            table = table_html(head, v, rng, header_rows) + "\n" + table_html(tail, v, rng)
        else:
            table = table_html(rows, v, rng, header_rows)
        if v.captions and heading[0] != "二":
            table = table.replace("<tbody>", f"<caption>{heading}</caption><tbody>", 1)
        else:
            parts.append(f"<p><strong>{heading}</strong></p>")
        parts.append(table)
        if v.stale and heading.startswith("三"):
            parts.append(f'<div style="display: none">{table_html(_stale(rows), v, rng)}</div>')
    parts += [para(line) for line in _closing(rep)]
    parts += [f'<p style="text-align:right">{html.escape(rep.agency)}</p>',
              f'<p style="text-align:right">{_signed_on(rep, rng)}</p>']
    body = "\n".join(parts)
    if v.page == "word_export":
        body = f"<div class=WordSection1 style='layout-grid:15.6pt'>{body}</div>"
    return body


_NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进本地", "政策文件", "政策解读", "通知公告")
_SCRIPT = ("<script type=\"text/javascript\">var _hmt = _hmt || []; document.write('<table><tr>"
           "<td>1</td><td>2</td></tr></table>'); /* 三、收到和处理 */</script>")
_STYLE = "<style type=\"text/css\">.TRS_Editor td { border: 1px solid #000; } /* 一、总体情况 */</style>"


def _head(rep: SynthReport, v: Variation) -> str:
    charset = {"gbk": "gbk", "gb2312": "gb2312", "utf-16": "utf-16", "utf-16-le": "utf-16"}.get(v.encoding, "utf-8")
    meta = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if v.encoding == "gb2312"
            else f'<meta charset="{charset}">')
    cms = v.page == "cms" and not v.cut_title
    article_meta = f'<meta name="ArticleTitle" content="{html.escape(_title(rep))}">' if cms else ""
    title = html.escape(_title(rep)[:16] + "…" if v.cut_title else _title(rep))
    site = html.escape(rep.agency)
    title = {"cms": f"{title}_政府信息公开年报_{site}", "h1": f"{title}-{site}"}.get(
        v.page, f"{site} &gt; 政务公开 &gt; 政府信息公开年报 &gt; {title}")
    return (f"<head>{meta}<meta name=\"SiteName\" content=\"{site}门户网站\">{article_meta}"
            f"<title>{title}</title>"
            f"{_SCRIPT}{_STYLE}<!--[if lt IE 9]><script src=\"/js/html5shiv.js\"></script><![endif]--></head>")


def _links(tag: str = "li") -> str:
    return "".join(f'<{tag}><a href="/{i}/">{t}</a></{tag}>' for i, t in enumerate(_NAV))


def _info(rep: SynthReport, rng: random.Random) -> str:
    return (f"来源：{html.escape(rep.agency)} 发布时间：{rep.year + 1}-01-{rng.randint(10, 28)} 浏览次数："
            f"{rng.randint(10, 999)}")


def _footer(rep: SynthReport, rng: random.Random) -> list[str]:
    n = rng.randint(10**7, 10**8 - 1)
    return [f"主办单位：{html.escape(rep.agency)} 承办单位：{html.escape(rep.agency)}办公室",
            f"网站标识码：35{n} 闽ICP备{n}号 闽公网安备 350{n}号", f"联系电话：0591-23{n % 10**6:06d}"]


def page_html(rep: SynthReport, v: Variation, rng: random.Random) -> str:
    title, article = html.escape(_title(rep)), article_html(rep, v, rng)
    if v.page == "cms":
        body = (
            '<div class="header"><div class="search_content" style="display: none"><span>历史搜索：</span></div>'
            '<div class="search_top"><span>热门搜索：</span><a href="#">政府信息公开年报</a></div>'
            '<div class="aged_link"><a href="javascript:void(0);">长者模式</a> <a href="#">无障碍浏览</a></div></div>'
            f'<div class="nav"><ul>{_links()}</ul></div>'
            '<div class="breadcrumb"><span>当前位置：</span><ul><li><a href="/">首页</a></li><li>'
            '<a href="/zwgk/">政务公开</a></li><li><a href="/nb/">政府信息公开年报</a></li></ul></div>'
            f'<div class="article_component"><div class="article_title_group"><div class="article_title">{title}'
            f'</div></div><div class="article_extend"><span class="article_source">{_info(rep, rng)}</span>'
            '<span class="share"><div class="share_box"><a href="#">微信</a><a href="#">微博</a>'
            '<a href="#">QQ空间</a></div></span><span onclick="$printDetail()">【打印】</span></div>'
            '<div class="tabs_hd" hidden><ul class="typeBtn"><li><a href="#">全真版</a></li><li><a href="#">文字版'
            '</a></li></ul></div><div class="tabs_content"><div class="pic_con"><iframe src="/viewer.html">'
            f'</iframe></div><div class="word_con"><div class="TRS_Editor">{article}</div></div></div>'
            '<div class="article_qrcode_area"><p>扫一扫在手机上查看当前页面</p><div class="ewm-img"></div></div>'
            '<div class="related"><div class="title_name">相关阅读</div><ul>' + _links() + '</ul></div></div>'
            '<div class="footer">' + "".join(f"<p>{x}</p>" for x in _footer(rep, rng)) + "</div>")
    elif v.page == "h1":
        body = (f"<header><nav><ul>{_links()}</ul></nav></header>"
                f'<div class="crumbs">当前位置：<a href="/">首页</a> &gt; 政务公开</div>'
                f'<article><h1>{title}</h1><div class="info">{_info(rep, rng)}</div>'
                f'<div class="content">{article}</div>'
                '<div class="bdsharebuttonbox">分享到：<a href="#">微信</a> <a href="#">微博</a></div></article>'
                f"<aside><h3>热点信息</h3><ul>{_links()}</ul></aside>"
                "<footer>" + "".join(f"<p>{x}</p>" for x in _footer(rep, rng)) + "</footer>")
    elif v.page == "bare":
        body = (f'<p>{" | ".join(f"<a href=/{i}>{t}</a>" for i, t in enumerate(_NAV))}</p>'
                f"<h2 align=center>{title}</h2><p align=center>{_info(rep, rng)}</p>{article}<hr>"
                + "".join(f"<p align=center>{x}</p>" for x in _footer(rep, rng)))
    else:   # layout_tables, word_export: an old site built of tables, with no telling class names
        body = (f'<table width="1000" align="center"><tr><td><img src="/images/banner.jpg"></td></tr>'
                f'<tr><td><table width="100%"><tr>{_links("td")}</tr></table></td></tr></table>'
                f'<table width="1000" align="center"><tr><td width="200" valign="top"><table>'
                + "".join(f"<tr><td><a href='/{i}'>{t}</a></td></tr>" for i, t in enumerate(_NAV))
                + f'</table></td><td valign="top"><table width="100%"><tr><td align="center">'
                  f'<font size="5"><b>{title}</b></font></td></tr><tr><td align="center">{_info(rep, rng)}</td></tr>'
                  f'<tr><td>{article}</td></tr><tr><td align="right"><a href="javascript:window.print()">【打印本页】'
                  '</a> <a href="javascript:window.close()">【关闭窗口】</a></td></tr></table></td></tr></table>'
                  '<table width="1000" align="center"><tr><td align="center">'
                + "<br>".join(_footer(rep, rng)) + "</td></tr></table>")
    return f"<!DOCTYPE html><html>{_head(rep, v)}<body>{body}</body></html>"


_CODECS = {"utf-8": "utf-8", "utf-8-broken": "utf-8", "gbk": "gbk", "gb2312": "gb18030", "utf-16": "utf-16",
           "utf-16-le": "utf-16-le"}


def _sloppy(page: str) -> str:
    page = re.sub(r'rowspan="(\d+)"', lambda m: f'rowspan="{m.group(1)}.0"', page)
    page = re.sub(r'colspan="(\d+)"', r'colspan=" \1 "', page)
    page = page.replace("<tr><td", '<tr><td style="display:none">9</td><td')
    for tag in ("td", "tr", "p"):
        page = page.replace(f"</{tag}>", "")
    return page.replace("<td", "<TD").replace("<tr", "<TR").replace("<table", "<TABLE")


def render(gold: dict, v: Variation, rng: random.Random) -> tuple[bytes, SynthReport, set[str]]:
    """(page bytes, the report rendered, the rows of table 三 whose 总计 cell was left blank)."""
    rep = gold_report(gold)
    blanked = blank_totals(rep, rng) if v.blank_totals else set()
    page = page_html(rep, v, rng)
    raw = (_sloppy(page) if v.sloppy else page).encode(_CODECS[v.encoding])
    if v.encoding == "utf-8-broken":        # the last byte of a character in the footer is lost
        cut = raw.index("主办单位".encode()) + 2
        raw = raw[:cut] + raw[cut + 1:]
    return raw, rep, blanked



def case(path: Path, name: str) -> tuple[dict, bytes, SynthReport, set[str]]:
    """(gold, page bytes, report, blanked 总计 rows) of a gold file in a variation, always the same."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    rng = random.Random(zlib.crc32(f"{path.stem}/{name}".encode()))
    return gold, *render(gold, CATALOGUE[name], rng)


def as_decimal(v):
    return None if v is None else Decimal(str(v))


def _forced_total(row: dict) -> Decimal | None:
    """The 总计 a row's written parts force (their sum), None when a part is unknown."""
    parts = [row[c] for c in VALUE_COLUMNS[:-1]]
    return None if None in parts else sum(map(Decimal, map(str, parts)))


def assert_gold_cells(got, gold: dict, rep: SynthReport, blanked: set[str]) -> None:
    """Every cell of the parse is the gold's; a blanked 总计 is NULL, or the sum its written parts
    force, never a guess."""
    for section in ("proactive", "review_litigation"):
        assert dict(flatten(getattr(got, section))) == {k: as_decimal(v) for k, v in flatten(gold[section])}, section
    cells = dict(flatten(got.application))
    want = {k: as_decimal(v) for k, v in flatten(gold["application"])}
    for row in blanked:
        key = (row, "total")
        assert cells.pop(key) in (None, _forced_total(rep.application[row])), key
        del want[key]
    assert cells == want
