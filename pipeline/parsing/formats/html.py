"""HTML page -> text: the real <table> grid (rowspan/colspan expanded) and the prose around it.

Whole pages come with site chrome; scripts, styles, forms, <nav>/<aside> and elements whose class
or id names them navigation, breadcrumbs, share buttons or footer are dropped, so that the report's
title is among the first lines and its signature among the last (metadata.py looks there). Other
text is kept: block elements end a line, inline elements do not (``<span>1</span><span>2</span>``
is 12, as a browser shows it). A table that holds other tables is page layout and is read as
blocks; only the innermost tables are grids.
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

from ..errors import ParseError
from .grid import Grid, expand, grid_lines

_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "select", "button", "svg",
         "nav", "aside"}
_CHROME = {"nav", "navbar", "menu", "crumb", "crumbs", "breadcrumb", "share", "bdsharebuttonbox",
           "footer"}
_BLOCKS = {"address", "article", "blockquote", "br", "caption", "center", "dd", "div", "dl", "dt",
           "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "hr", "li", "main",
           "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
_PARSER = lxml.html.HTMLParser(encoding="utf-8")
_MAX_SPAN = 1000
_HEAD_META = {"articletitle": "标题", "contentsource": "来源", "pubdate": "发布日期"}


class _Lines:
    """Inline text gathers into the current line; a block boundary ends it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._current: list[str] = []

    def text(self, s: str | None) -> None:
        if s:
            self._current.append(s)

    def end(self) -> None:
        line = " ".join("".join(self._current).split())
        if line:
            self.lines.append(line)
        self._current = []

    def extend(self, lines: list[str]) -> None:
        self.end()
        self.lines += [line for line in lines if line]


def _is_chrome(el) -> bool:
    names = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return not _CHROME.isdisjoint(re.split(r"[\s_-]+", names))


def _span(cell, name: str) -> int:
    try:
        n = int(cell.get(name, "1"))
    except ValueError:
        return 1
    return _MAX_SPAN if n == 0 else max(1, min(n, _MAX_SPAN))     # rowspan="0": to the table's end


def _cell_text(cell) -> str:
    lines = _Lines()
    _content(cell, lines)
    lines.end()
    return "\n".join(lines.lines)


def _grid(table) -> Grid:
    return expand([[(_cell_text(cell), _span(cell, "rowspan"), _span(cell, "colspan"))
                    for cell in tr if cell.tag in ("td", "th")] for tr in table.iter("tr")])


def _walk(el, out: _Lines) -> None:
    _content(el, out)
    out.text(el.tail)           # the text after the element, up to its next sibling


def _content(el, out: _Lines) -> None:
    tag = el.tag if isinstance(el.tag, str) else None      # comments and PIs have no tag name
    if tag is None or tag in _SKIP or _is_chrome(el):
        return
    if tag == "table" and el.find(".//table") is None:
        out.extend(grid_lines(_grid(el)))
        return
    if tag in _BLOCKS:
        out.end()
    out.text(el.text)
    for child in el:
        _walk(child, out)
    if tag in _BLOCKS:
        out.end()


def _head_fields(root) -> list[str]:
    """The page's own title, source and date (CMS <meta> tags, else <title>) as header field lines
    `标题: …`, which metadata.py reads as it reads a crawler's or CMS page's header."""
    head = root.find("head")
    fields: dict[str, str] = {}
    for meta in head.iter("meta") if head is not None else ():
        label = _HEAD_META.get((meta.get("name") or "").lower())
        if label and (value := " ".join((meta.get("content") or "").split())):
            fields.setdefault(label, value)
    if head is not None and (title := " ".join((head.findtext("title") or "").split())):
        fields.setdefault("标题", title)
    return [f"{label}: {value}" for label, value in fields.items()]


def to_text(markup: str) -> str:
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8"), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ParseError("empty", f"the HTML page has no content: {exc}") from None
    body = root.find("body")
    lines = _Lines()
    lines.extend(_head_fields(root))
    _content(root if body is None else body, lines)
    lines.end()
    return "\n".join(lines.lines)
