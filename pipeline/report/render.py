"""The report page: plotly figures (interactive, numbers on hover) in a jinja2 template.

Self-contained by default: plotly.js is inlined, so the file opens offline and can be mailed. A
directory of many reports can share one plotly.min.js beside them instead (js="directory").
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import plotly.graph_objects as go
import plotly.offline
from jinja2 import Environment, PackageLoader, select_autoescape

from .data import ReportData

OUTCOMES = {"granted": "（一）予以公开 granted", "partially_granted": "（二）部分公开 partially granted",
            "denied": "（三）不予公开 denied", "unavailable": "（四）无法提供 unavailable",
            "not_processed": "（五）不予处理 not processed", "other_processing": "（六）其他处理 other"}
RESULTS = {"upheld": "结果维持 upheld", "corrected": "结果纠正 corrected", "other": "其他结果 other",
           "pending": "尚未审结 pending"}
PROCEEDINGS = {"review": "行政复议 administrative review", "litigation_direct": "行政诉讼 · 未经复议直接起诉",
               "litigation_after_review": "行政诉讼 · 复议后起诉"}
PLOT_CONFIG = {"displaylogo": False, "responsive": True}
MAX_FLAGS = 500       # a province can have thousands; the page lists the first ones

_env = Environment(loader=PackageLoader("pipeline.report", "templates"), autoescape=select_autoescape(["j2"]))
_env.globals.update(num=lambda v: "—" if v is None else f"{v:,}",
                    pct=lambda v: "—" if v is None else f"{v:.1%}")


def _layout(fig: go.Figure, title: str, yaxis: dict | None = None) -> go.Figure:
    fig.update_layout(title=title, template="plotly_white", height=360, margin={"l": 50, "r": 20, "t": 50, "b": 40},
                      legend={"orientation": "h", "y": -0.12}, xaxis={"type": "category"},
                      yaxis=yaxis or {"title": "applications", "rangemode": "tozero"})
    return fig


def _column(rows: list[dict], name: str) -> list:
    return [row[name] for row in rows]


def applications_figure(data: ReportData) -> go.Figure:
    years = _column(data.summary, "report_year")
    fig = go.Figure([go.Bar(name=label, x=years, y=_column(data.summary, code)) for code, label in OUTCOMES.items()])
    fig.add_trace(go.Scatter(name="一、本年新收 received", x=years, y=_column(data.summary, "received_new"),
                             mode="lines+markers"))
    fig.add_trace(go.Scatter(name="（七）总计 answered (stated)", x=years, y=_column(data.summary, "outcome_total"),
                             mode="markers", marker={"symbol": "diamond-open", "size": 11}))
    fig.update_layout(barmode="stack")
    return _layout(fig, "Applications and their outcomes (section 三, total column)")


def rates_figure(data: ReportData) -> go.Figure:
    years = _column(data.summary, "report_year")
    fig = go.Figure([go.Scatter(name=label, x=years, y=_column(data.summary, rate), mode="lines+markers")
                     for rate, label in (("denial_rate", "denial rate"), ("grant_rate", "grant rate (full or part)"))])
    if data.peer_rates:
        peer_years = _column(data.peer_rates, "report_year")
        for rate, label in (("denial_rate", "peers: denial rate"), ("grant_rate", "peers: grant rate")):
            fig.add_trace(go.Scatter(name=label, x=peer_years, y=_column(data.peer_rates, rate), mode="lines",
                                     line={"dash": "dot"}))
    return _layout(fig, "Denial and grant rates (of answered applications)",
                   {"title": "share", "tickformat": ".0%", "rangemode": "tozero"})


def review_figure(data: ReportData) -> go.Figure:
    """One bar group per proceeding and year, the four results stacked; the stated total as a marker
    (it is what the report says, so a report whose total breaks its parts shows the gap)."""
    fig = go.Figure()
    for code, label in RESULTS.items():
        x, y = _review_axis(data, lambda row, c=code: row.get(c))
        fig.add_trace(go.Bar(name=label, x=x, y=y))
    x, y = _review_axis(data, lambda row: row.get("total"))
    fig.add_trace(go.Scatter(name="总计 total (stated)", x=x, y=y, mode="markers",
                             marker={"symbol": "diamond-open", "size": 11, "color": "black"}))
    fig.update_layout(barmode="stack")
    _layout(fig, "Administrative review and litigation (section 四)", {"title": "cases", "rangemode": "tozero"})
    return fig.update_layout(xaxis={"type": "multicategory"}, legend={"y": -0.25})


def _review_axis(data: ReportData, value) -> tuple[list[list], list]:
    years, proceedings, values = [], [], []
    for proceeding, rows in data.review.items():
        for row in rows:
            years.append(str(row["report_year"]))
            proceedings.append(PROCEEDINGS.get(proceeding, proceeding))
            values.append(value(row))
    return [proceedings, years], values


def render_report(data: ReportData, js: str = "inline") -> str:
    """The HTML page; js="inline" embeds plotly.js, js="directory" loads plotly.min.js beside the page."""
    figures = {"applications": applications_figure(data), "rates": rates_figure(data)}
    if any(data.review.values()):
        figures["review"] = review_figure(data)
    divs = {name: fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{name}", config=PLOT_CONFIG)
            for name, fig in figures.items()}
    plotly_js = plotly.offline.get_plotlyjs() if js == "inline" else None
    return _env.get_template("report.html.j2").render(
        data=data, scope=data.scope, charts=divs, plotly_js=plotly_js, max_flags=MAX_FLAGS,
        outcomes=OUTCOMES, generated=datetime.now().replace(microsecond=0).isoformat(sep=" "))


def write_plotly_js(directory: Path) -> Path:
    """Rewritten every time: the pages beside it were made with this plotly version."""
    path = directory / "plotly.min.js"
    path.write_text(plotly.offline.get_plotlyjs(), encoding="utf-8")
    return path
