"""HTML page -> text: the report's title, then the article from below its title to the end of its
body, with each real <table> as a grid (rowspan/colspan expanded) and the prose around it.

Government pages wrap the report in site chrome (search boxes, navigation, breadcrumbs, share
buttons, QR codes, related links, footers), often as layout tables without telling class names.
The article is found from the report itself: its body is the smallest shown element holding every
table of figures, and it starts below its title (the last line above the body that is the title the
page names in <meta name="ArticleTitle">, <title> or <h1>, or begins it when <title> is cut short
with "…"), so that the source and date line under the title is kept. The title is written first,
once, so metadata.py finds it among the first lines and the signature among the last.

Text is read as a browser shows it: scripts, styles, comments and hidden elements are not shown;
block elements end a line, inline elements do not (``<span>1</span><span>2</span>`` is 12).
A table that holds other tables, or has one column, is layout and is read as blocks; only the
innermost tables are grids.
"""
from __future__ import annotations

import functools
import itertools
import re

import lxml.etree

from ..decode import as_marker, decode, normalise
from ..errors import ParseError
from .grid import Grid, expand, grid_lines, join_lines
from .titles import TITLE_PARTS, names_report, squash

_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "select", "button", "svg",
         "nav", "aside", "textarea", "object", "embed", "canvas", "video", "audio", "map"}
_CHROME = {"nav", "navbar", "menu", "crumb", "crumbs", "breadcrumb", "share", "bdsharebuttonbox",
           "footer"}
# A link to a page of the file itself (pdftohtml names a PDF's pages <a name="3">; its links `out.html#3`)
_PAGE_LINK = re.compile(r"[^#/]*#\d+")
_BLOCKS = {"address", "article", "blockquote", "br", "caption", "center", "dd", "details", "div", "dl",
           "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
           "footer", "hgroup", "hr", "legend", "li", "main", "ol", "p", "pre", "section", "summary",
           "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
_WALKED = _SKIP | {"sup", "sub", "table"}       # elements a cell's text needs the walk for (_plain_text)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPAN = re.compile(r"\s*(\d+)")                           # a browser reads "2.0" and " 2 " as 2
_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")
_FIGURES = 5                    # numeric cells that make a table one of the report's tables
_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w-]+)", re.IGNORECASE)
_GB = {"gb2312", "gbk", "x-gbk", "gb18030", "cp936", "euc-cn"}   # browsers read all of these as GB18030
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# lxml.etree's parser, not lxml.html's: the same tree, without lxml.html's Python class lookup for each
# element the walk touches (a tenth of the reader's time)
_PARSER = lxml.etree.HTMLParser(encoding="utf-8")
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


class _ArticleEnd(Exception):
    """The walk is past the article: nothing after it is read."""


class _Page(_Lines):
    """The body's lines up to the article's end, and which of them are the article's."""

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
            raise _ArticleEnd


@functools.lru_cache(maxsize=4096)
def _names_chrome(names: str) -> bool:
    return not _CHROME.isdisjoint(re.split(r"[\s_-]+", names.lower()))


def _is_chrome(el) -> bool:
    names = f"{el.get('class', '')} {el.get('id', '')}"
    return (names != " " and _names_chrome(names)) or (el.tag == "ul" and _is_outline(el))


def _is_outline(ul) -> bool:
    """A list of links to the file's own pages: pdftohtml's `Document Outline` (a PDF's bookmarks) after
    the pages, whose entry naming the report read as the title line the article starts below."""
    links = [a.get("href", "") for a in ul.iter("a")]
    return bool(links) and all(_PAGE_LINK.fullmatch(link) for link in links)


@functools.lru_cache(maxsize=4096)
def _hides(style: str) -> bool:
    """Cached: a page repeats a few styles on thousands of elements, and the case-blind search costs
    ~50 times a lookup."""
    return _HIDDEN.search(style) is not None


def _is_hidden(el) -> bool:
    style = el.get("style")
    return el.get("hidden") is not None or (style is not None and _hides(style))


def _span(cell, name: str) -> int:
    value = cell.get(name)
    if value is None:               # most cells
        return 1
    m = _SPAN.match(value)
    n = int(m.group(1)) if m else 1
    if n == 0:                  # rowspan="0": to the table's end; colspan="0" is 1
        return _MAX_SPAN if name == "rowspan" else 1
    return min(n, _MAX_SPAN)


def _cell_text(cell) -> str:
    if not len(cell):               # text only (most cells): its one line
        return "" if _is_chrome(cell) else " ".join((cell.text or "").split())
    if _is_chrome(cell):
        return ""
    plain = _plain_text(cell)
    if plain is not None:
        return plain
    lines = _Lines()
    _read(cell, lines)
    lines.end()
    return join_lines(lines.lines)


def _plain_text(cell) -> str | None:
    """The text _read would give of a cell whose markup is inline elements, or blocks side by side
    each holding inline ones (<p><span>0</span></p>, most cells with markup), read with lxml's
    itertext instead of a walk; None when the cell needs the walk (an element not shown, a marker,
    a block in a block, text between its blocks)."""
    blocks = 0
    for el in cell.iterdescendants():
        tag = el.tag
        if not isinstance(tag, str):        # a comment: not shown, its tail is (as itertext reads it)
            continue
        if tag in _WALKED or _is_chrome(el) or _is_hidden(el):
            return None
        if tag in _BLOCKS:
            if el.getparent() is not cell:
                return None
            blocks += 1
    if not blocks:
        return " ".join("".join(cell.itertext()).split())
    if len(cell) != blocks or (cell.text or "").strip() or any((child.tail or "").strip() for child in cell):
        return None
    return join_lines([line for child in cell if (line := " ".join("".join(child.itertext()).split()))])


def _cells(tr) -> list:
    """The row's cells a browser lays out (a hidden cell takes no column)."""
    return [cell for cell in tr if cell.tag in ("td", "th") and not _is_hidden(cell)]


def _is_grid(table) -> bool:
    return table.find(".//table") is None and any(len(_cells(tr)) > 1 for tr in table.iter("tr"))


def _grid(table) -> Grid:
    return expand([[(_cell_text(cell), _span(cell, "rowspan"), _span(cell, "colspan")) for cell in _cells(tr)]
                   for tr in table.iter("tr")])


def _read(top, out: _Lines) -> None:
    """What a browser shows of top (its tail aside), into out. lxml's iterwalk hands over the
    elements in order, their start and their end, with no Python function call per element (the
    recursive walk this replaced made two); a subtree
    not shown, and a grid table once read, are skipped, their tails still shown."""
    walk = lxml.etree.iterwalk(top, events=("start", "end", "comment", "pi"))
    skipped = None
    for event, el in walk:
        if event == "start":
            tag = el.tag
            if tag in _SKIP or _is_chrome(el) or _is_hidden(el):
                skipped = el
                walk.skip_subtree()
            elif tag == "table" and _is_grid(el):
                out.enter(el)
                for caption in el.iter("caption"):      # a grid's caption is often the section heading
                    _read(caption, out)
                out.extend(grid_lines(_grid(el)))
                out.leave(el)
                skipped = el
                walk.skip_subtree()
            else:
                out.enter(el)
                if tag in _BLOCKS:
                    out.end()
                out.text(as_marker(el.text) if tag in ("sup", "sub") and el.text else el.text)
            continue
        if event == "end" and el is not skipped:
            if el.tag in _BLOCKS:
                out.end()
            out.leave(el)
        if el is not top:
            out.text(el.tail)           # the text after the element, up to its next sibling


def _title_candidates(root) -> list[str]:
    """What the page calls itself: the standard <meta name="ArticleTitle"> of government sites,
    the parts of <title>, the <h1>s; in that order, whitespace removed."""
    names = [m.get("content", "") for m in root.iter("meta") if m.get("name", "").lower() == "articletitle"]
    title = root.find(".//title")
    if title is not None and title.text:
        names += TITLE_PARTS.split(title.text)
    names += ["".join(h.itertext()) for h in root.iter("h1")]
    return [squashed for squashed in map(squash, names) if squashed]


def _is_title(line: str, candidates: list[str]) -> bool:
    """The line is one of the names, or begins a name cut short with an ellipsis (标题…)."""
    line = squash(line)
    for name in candidates:
        cut = name.rstrip(".…")
        if line == name or (cut != name and len(cut) >= 8 and line.startswith(cut)):
            return True
    return False


def _title_line(page: _Page, names: list[str]) -> int | None:
    """The line the article starts below: the last title line above its body, else the first one in
    it (a Word document's own title; the body of a page without tables of figures is the page)."""
    titles = [i for i, line in enumerate(page.lines[:page.stop]) if names_report(line) and _is_title(line, names)]
    above = [i for i in titles if i < page.start]
    return above[-1] if above else next(iter(titles), None)


def _has_figures(table) -> bool:
    """The table has _FIGURES numeric cells (counted until there are: a report's table has hundreds)."""
    figures = (cell for cell in table.iter("td", "th") if _NUMBER.fullmatch("".join(cell.itertext()).strip()))
    return next(itertools.islice(figures, _FIGURES - 1, None), None) is not None


def _shown(el) -> bool:
    return not any(a.tag in _SKIP or _is_chrome(a) or _is_hidden(a) for a in (el, *el.iterancestors()))


def _article(body):
    """The smallest element (not a table) that holds every shown table of the report's figures."""
    tables = [t for t in body.iter("table") if _is_grid(t) and _has_figures(t) and _shown(t)]
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


def decode_page(raw: bytes) -> str:
    """The page's text. A page that declares its charset (<meta charset>, http-equiv) is read in it
    when nearly all of it decodes so, a stray broken byte shown as U+FFFD as a browser shows it
    (a guess would misread the whole page); else, and for a BOM or UTF-16, decode() guesses."""
    declared = _CHARSET.search(raw[:4096])
    if declared is None or raw.startswith(_BOMS):
        return decode(raw)
    name = declared.group(1).decode("ascii").lower()
    name = "gb18030" if name in _GB else name
    try:
        text = raw.decode(name, errors="replace")
    except LookupError:
        return decode(raw)
    if "utf-16" in name or text.count("\ufffd") > len(text) // 10000:     # a wrong declaration
        return decode(raw)
    return normalise(text)


def to_text(markup: str) -> str:
    try:
        root = lxml.etree.fromstring(markup.encode("utf-8"), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ParseError("empty", f"the HTML page has no content: {exc}") from None
    if root is None:
        raise ParseError("empty", "the HTML page has no content: Document is empty")
    body = root.find("body")
    body = root if body is None else body
    page = _Page(_article(body))
    try:
        _read(body, page)
    except _ArticleEnd:
        pass
    page.end()
    names = _title_candidates(root)
    at = _title_line(page, names)
    if at is None:
        title = next((name for name in names if names_report(name) and not name.endswith(("…", "..."))), None)
    else:
        title = page.lines[at]
    lines = page.lines[page.start if at is None else at + 1:page.stop]
    squashed = title and squash(title)
    return "\n".join([*([title] if title else []), *(x for x in lines if squash(x) != squashed)])
