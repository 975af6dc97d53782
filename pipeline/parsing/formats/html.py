"""HTML page -> text: the report's title, then the article from below its title to the end of its
body, with each real <table> as a grid (rowspan/colspan expanded) and the prose around it.

Government pages wrap the report in site chrome (search boxes, navigation, breadcrumbs, share
buttons, QR codes, related links, footers), often as layout tables without telling class names.
The article is found from the report itself: it is the smallest element holding every table of
figures, and it runs from the page's title (the element whose text is the title that the page
names in <meta name="ArticleTitle">, <title> or <h1>) to that element's end. The title is written
first, once, so metadata.py finds it among the first lines and the signature among the last.

Text is read as a browser shows it: scripts, styles, comments and hidden elements are not shown;
block elements end a line, inline elements do not (``<span>1</span><span>2</span>`` is 12).
A table that holds other tables, or has one column, is layout and is read as blocks; only the
innermost tables are grids.
"""
from __future__ import annotations

import functools
import re

import lxml.etree
import lxml.html

from ..errors import ParseError
from .grid import Grid, expand, grid_lines

_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "select", "button", "svg",
         "nav", "aside", "textarea", "object", "embed", "canvas", "video", "audio", "map"}
_CHROME = {"nav", "navbar", "menu", "crumb", "crumbs", "breadcrumb", "share", "bdsharebuttonbox",
           "footer"}
_BLOCKS = {"address", "article", "blockquote", "br", "caption", "center", "dd", "details", "div", "dl",
           "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
           "footer", "hgroup", "hr", "legend", "li", "main", "ol", "p", "pre", "section", "summary",
           "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TITLE_PARTS = re.compile(r"\s*[_|｜]\s*|\s+[-–—]+\s+")     # 标题_栏目_网站, 标题 - 网站
_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")
_FIGURES = 5                    # numeric cells that make a table one of the report's tables
_PARSER = lxml.html.HTMLParser(encoding="utf-8")
_MAX_SPAN = 1000


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

    def enter(self, el) -> None:
        pass

    def leave(self, el) -> None:
        pass


class _Page(_Lines):
    """The whole body's lines, and which of them are the article's."""

    def __init__(self, article) -> None:
        super().__init__()
        self.article = article
        self.start = 0                  # the first line of the article
        self.stop: int | None = None    # the line after it

    def enter(self, el) -> None:
        if el is self.article:
            self.end()
            self.start = len(self.lines)

    def leave(self, el) -> None:
        if el is self.article:
            self.end()
            self.stop = len(self.lines)


@functools.lru_cache(maxsize=4096)
def _names_chrome(names: str) -> bool:
    return not _CHROME.isdisjoint(re.split(r"[\s_-]+", names.lower()))


def _is_chrome(el) -> bool:
    names = f"{el.get('class', '')} {el.get('id', '')}"
    return names != " " and _names_chrome(names)


def _is_hidden(el) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN.search(el.get("style", "")))


def _span(cell, name: str) -> int:
    try:
        n = int(cell.get(name, "1"))
    except ValueError:
        return 1
    return _MAX_SPAN if n == 0 else max(1, min(n, _MAX_SPAN))     # rowspan="0": to the table's end


def _joined(lines: list[str]) -> str:
    """A cell's lines as one text: a browser wraps a cell's <p>s and <br>s, but the text is one label
    or one number, so Chinese, digits and punctuation run on; only two Latin words keep a space."""
    text = ""
    for line in lines:
        seam = text[-1:] + line[:1]
        text += (" " if len(seam) == 2 and seam.isascii() and seam.isalpha() else "") + line
    return text


def _cell_text(cell) -> str:
    lines = _Lines()
    _content(cell, lines)
    lines.end()
    return _joined(lines.lines)


def _cells(tr) -> list:
    return [cell for cell in tr if cell.tag in ("td", "th")]


def _is_grid(table) -> bool:
    return table.find(".//table") is None and any(len(_cells(tr)) > 1 for tr in table.iter("tr"))


def _grid(table) -> Grid:
    return expand([[(_cell_text(cell), _span(cell, "rowspan"), _span(cell, "colspan")) for cell in _cells(tr)]
                   for tr in table.iter("tr")])


def _walk(el, out: _Lines) -> None:
    _content(el, out)
    out.text(el.tail)           # the text after the element, up to its next sibling


def _content(el, out: _Lines) -> None:
    tag = el.tag if isinstance(el.tag, str) else None      # comments and PIs have no tag name
    if tag is None or tag in _SKIP or _is_chrome(el) or _is_hidden(el):
        return
    out.enter(el)
    if tag == "table" and _is_grid(el):
        out.extend(grid_lines(_grid(el)))
    else:
        if tag in _BLOCKS:
            out.end()
        out.text(el.text)
        for child in el:
            _walk(child, out)
        if tag in _BLOCKS:
            out.end()
    out.leave(el)


def _squash(text: str) -> str:
    return "".join(text.split())


def page_title(root) -> str | None:
    """The report's title as the page names it: the standard <meta name="ArticleTitle"> of
    government sites, the first part of <title>, or an <h1>; the first that names a report."""
    candidates = [m.get("content", "") for m in root.iter("meta") if m.get("name", "").lower() == "articletitle"]
    title = root.find(".//title")
    if title is not None and title.text:
        candidates.append(_TITLE_PARTS.split(title.text.strip())[0])
    candidates += [h.text_content() for h in root.iter("h1")]
    for text in candidates:
        text = " ".join(text.split())
        if "报告" in text or "年报" in text:
            return text
    return None


def _figures(table) -> int:
    return sum(bool(_NUMBER.fullmatch(cell.text_content().strip())) for cell in table.iter("td", "th"))


def _article(body):
    """The smallest element (not a table) that holds every table of the report's figures."""
    tables = [t for t in body.iter("table") if _is_grid(t) and _figures(t) >= _FIGURES]
    if not tables:
        return None
    common = list(tables[0].iterancestors())[::-1] + [tables[0]]
    for table in tables[1:]:
        path = list(table.iterancestors())[::-1] + [table]
        n = next((i for i, (a, b) in enumerate(zip(common, path)) if a is not b), min(len(common), len(path)))
        common = common[:n]
    while common and common[-1].tag in ("table", "tbody", "thead", "tfoot", "tr"):
        common.pop()
    return common[-1] if common else None


def to_text(markup: str) -> str:
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8"), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ParseError("empty", f"the HTML page has no content: {exc}") from None
    body = root.find("body")
    body = root if body is None else body
    title = page_title(root)
    page = _Page(_article(body))
    _content(body, page)
    page.end()
    squashed = _squash(title or "")
    # the article runs from below the last line that is its title (a heading above the body) on
    above = [i for i, line in enumerate(page.lines[:page.start]) if _squash(line) == squashed]
    lines = page.lines[above[-1] + 1 if above else page.start:page.stop]
    return "\n".join([*([title] if title else []), *(x for x in lines if _squash(x) != squashed)])
