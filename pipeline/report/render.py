"""The report page: plotly figures (interactive, numbers on hover) in a jinja2 template.

Self-contained by default: plotly.js is inlined, so the file opens offline and can be mailed. A
directory of many reports can share one plotly.min.js beside them instead (js="directory").
The figures are plotly figure dicts rendered without validation: building them as
plotly.graph_objects costs ~100 ms per figure, which an asset writing a page per agency of a
national load cannot afford (the dicts are checked by the browser test instead).
"""
from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path

import plotly.io
import plotly.offline
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .data import ADMIN_LEVELS, ReportData

# Chinese first, English after: (zh, en) pairs, one line in a chart's legend, two on the page.
OUTCOMES = {"granted": ("（一）予以公开", "granted"), "partially_granted": ("（二）部分公开", "partially granted"),
            "denied": ("（三）不予公开", "denied"), "unavailable": ("（四）无法提供", "unavailable"),
            "not_processed": ("（五）不予处理", "not processed"), "other_processing": ("（六）其他处理", "other")}
RESULTS = {"upheld": ("结果维持", "upheld"), "corrected": ("结果纠正", "corrected"), "other": ("其他结果", "other"),
           "pending": ("尚未审结", "pending")}
PROCEEDINGS = {"review": "行政复议 administrative review", "litigation_direct": "行政诉讼 · 未经复议直接起诉",
               "litigation_after_review": "行政诉讼 · 复议后起诉"}
PLOT_CONFIG = {"displaylogo": False, "responsive": True}
MAX_FLAGS = 500       # a province can have thousands; the page lists the first ones
STATED_MARKER = {"symbol": "diamond-open", "size": 11, "color": "black"}

RATE_LABELS = {"denial_rate": ("不予公开率", "denial rate"), "grant_rate": ("予以公开率", "grant rate (in full)"),
               "disclosure_rate": ("公开率（含部分公开）", "disclosure rate (in full or in part)")}   # the metric dictionary's


def one_line(label: tuple[str, str]) -> str:
    """A (zh, en) label in a chart, where a legend entry has one line."""
    return " ".join(label)


def two_lines(label: tuple[str, str]) -> Markup:
    """A (zh, en) label on the page: the Chinese, then the English in a smaller line."""
    return Markup('{}<span class="en">{}</span>').format(*label)


def rate_cell(row: dict, rate: str) -> Markup:
    """A rate as a percentage, or, below its metric's minimum sample, a grey `n<10` saying why."""
    if rate in row.get("hidden", {}):
        floor = row["hidden"][rate]
        return Markup('<span class="small" title="办结 {} 件，少于 {} 件，不计比率 · {} answered: fewer than {}, '
                      'too few for a rate">n&lt;{}</span>').format(row["outcome_total"], floor, row["outcome_total"],
                                                                   floor, floor)
    return Markup("—") if row[rate] is None else Markup(f"{row[rate]:.1%}")


_env = Environment(loader=PackageLoader("pipeline.report", "templates"), autoescape=select_autoescape(["j2"]))
_env.globals.update(num=lambda v: "—" if v is None else f"{v:,}", rate=rate_cell, rate_labels=RATE_LABELS,
                    bi=two_lines, level=lambda code: ADMIN_LEVELS.get(code, code))


@cache
def _template() -> dict:
    return plotly.io.templates["plotly_white"].to_plotly_json()


def _figure(traces: list[dict], title: str, yaxis: dict, **layout) -> dict:
    return {"data": traces, "layout": {
        "title": {"text": title}, "template": _template(), "height": 360, "barmode": "stack",
        "margin": {"l": 50, "r": 20, "t": 50, "b": 40}, "legend": {"orientation": "h", "y": -0.12},
        "xaxis": {"type": "category"}, "yaxis": {"rangemode": "tozero", **yaxis}, **layout}}


def _column(rows: list[dict], name: str) -> list:
    return [row[name] for row in rows]


def applications_figure(data: ReportData) -> dict:
    years = _column(data.summary, "report_year")
    traces = [{"type": "bar", "name": one_line(label), "x": years, "y": _column(data.summary, code)}
              for code, label in OUTCOMES.items()]
    traces += [{"type": "scatter", "mode": "lines+markers", "name": "一、本年新收 received", "x": years,
                "y": _column(data.summary, "received_new")},
               {"type": "scatter", "mode": "markers", "name": "（七）总计 answered (stated)", "x": years,
                "y": _column(data.summary, "outcome_total"), "marker": STATED_MARKER}]
    return _figure(traces, "申请及办理结果（第三部分，总计列） Applications and outcomes",
                   {"title": {"text": "件 applications"}})


def rates_figure(data: ReportData) -> dict:
    """A rate below its minimum sample is None in the data, a gap in its line."""
    years = _column(data.summary, "report_year")
    traces = [{"type": "scatter", "mode": "lines+markers", "name": one_line(label), "x": years,
               "y": _column(data.summary, rate)} for rate, label in RATE_LABELS.items()]
    if data.peer_rates:
        peer_years = _column(data.peer_rates, "report_year")
        traces += [{"type": "scatter", "mode": "lines", "line": {"dash": "dot"}, "name": f"同级 peers: {one_line(label)}",
                    "x": peer_years, "y": _column(data.peer_rates, rate)}
                   for rate, label in RATE_LABELS.items()]
    return _figure(traces, "不予公开率、予以公开率、公开率（占办结申请） Rates of answered applications",
                   {"title": {"text": "占比 share"}, "tickformat": ".0%"})


def review_figure(data: ReportData) -> dict:
    """One bar group per proceeding and year, the four results stacked; the stated total as a marker
    (it is what the report says, so a report whose total breaks its parts shows the gap)."""
    traces = [{"type": "bar", "name": one_line(label), **_review_axis(data, code)} for code, label in RESULTS.items()]
    traces.append({"type": "scatter", "mode": "markers", "name": "总计 total (stated)", "marker": STATED_MARKER,
                   **_review_axis(data, "total")})
    return _figure(traces, "行政复议和行政诉讼（第四部分） Review and litigation", {"title": {"text": "件 cases"}},
                   xaxis={"type": "multicategory"}, legend={"orientation": "h", "y": -0.25})


def _review_axis(data: ReportData, result: str) -> dict:
    """x: (proceeding, year) pairs as plotly's two-level axis; y: the result's count."""
    pairs = [(PROCEEDINGS.get(proceeding, proceeding), str(row["report_year"]), row.get(result))
             for proceeding, rows in data.review.items() for row in rows]
    return {"x": [[p for p, _, _ in pairs], [y for _, y, _ in pairs]], "y": [v for _, _, v in pairs]}


def render_report(data: ReportData, js: str = "inline") -> str:
    """The HTML page; js="inline" embeds plotly.js, js="directory" loads plotly.min.js beside the page."""
    figures = {"applications": applications_figure(data), "rates": rates_figure(data)}
    if any(data.review.values()):
        figures["review"] = review_figure(data)
    divs = {name: plotly.io.to_html(fig, validate=False, full_html=False, include_plotlyjs=False,
                                    div_id=f"chart-{name}", config=PLOT_CONFIG)
            for name, fig in figures.items()}
    plotly_js = plotly.offline.get_plotlyjs() if js == "inline" else None
    return _env.get_template("report.html.j2").render(
        data=data, scope=data.scope, charts=divs, plotly_js=plotly_js, in_folder=js == "directory", max_flags=MAX_FLAGS,
        outcomes=OUTCOMES, generated=datetime.now().replace(microsecond=0).isoformat(sep=" "))


def render_index(regions: dict[str, list[dict]]) -> str:
    """The folder's index.html: region -> its pages' agencies (agency_id, agency_name, admin_level)."""
    return _env.get_template("index.html.j2").render(
        regions=regions, pages=sum(map(len, regions.values())),
        generated=datetime.now().replace(microsecond=0).isoformat(sep=" "))


def write_plotly_js(directory: Path) -> Path:
    """Rewritten every time: the pages beside it were made with this plotly version."""
    path = directory / "plotly.min.js"
    path.write_text(plotly.offline.get_plotlyjs(), encoding="utf-8")
    return path
