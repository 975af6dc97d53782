"""`ogi report`: one agency or one region as a self-contained HTML page with charts."""
from __future__ import annotations

from pathlib import Path

from ..warehouse.console import ConsoleError, open_snapshot
from .data import ReportData, agency_scope, freeze_views, pages_by_region, read_report, region_scope
from .render import render_index, render_report, write_plotly_js

__all__ = ["ConsoleError", "ReportData", "report_html", "write_reports"]


def report_html(warehouse: Path, agency_id: str | None = None, region: str | None = None, js: str = "inline") -> str:
    """The page for one agency (agency_id) or one region (a place name, or a path 江苏省/淮安市)."""
    con = open_snapshot(warehouse)
    try:
        scope = agency_scope(con, agency_id) if agency_id else region_scope(con, region)
        return render_report(read_report(con, scope), js)
    finally:
        con.close()


def write_reports(warehouse: Path, out_dir: Path, agency_ids: list[str]) -> list[Path]:
    """One page per agency in out_dir (AGENCY_ID.html), sharing one plotly.min.js beside them, and
    index.html listing every page in out_dir (this call's and earlier ones') by region and name."""
    out_dir.mkdir(parents=True, exist_ok=True)
    write_plotly_js(out_dir)
    con = open_snapshot(warehouse)
    written = []
    try:
        freeze_views(con)
        for agency_id in agency_ids:
            path = out_dir / f"{agency_id}.html"
            path.write_text(render_report(read_report(con, agency_scope(con, agency_id)), js="directory"),
                            encoding="utf-8")
            written.append(path)
        pages = sorted(p.stem for p in out_dir.glob("*.html") if p.name != "index.html")
        (out_dir / "index.html").write_text(render_index(pages_by_region(con, pages)), encoding="utf-8")
    finally:
        con.close()
    return written
