"""Markdown that converters write of a report (pandoc's gfm, markdown and plain text; markitdown)
-> the plain text the parser reads.

Markup is no text, and some of it holds numbers that would pass for cells: the inline HTML pandoc
keeps of a page's spans (`<span style="font-size:10.5pt;font-family:仿宋_GB2312">`), pandoc's
attributes (`[0]{style="font-size:12pt"}`), a link's address (`[首页](../../0/)`). Headings (`# XX局…`),
emphasis, fenced divs (`::: article_title`) and escapes (`1\\.`) are no text either. Pandoc's grid
tables (`+----+----+` rules, a row's cells wrapped over several `| … |` lines) become one pipe row
per table row, each cell its lines run on, as a web page's cell is (html.py); a grid table of one
column is a page's layout table, its text read as lines. Pipe rows are then read as tokens.py reads
markitdown's. A table Markdown cannot write (cells over several rows or columns) pandoc writes as
HTML in the Markdown; such a file is Markdown, not a web page: its HTML tables are read by the HTML
reader (`with_html_tables`), the rest as Markdown."""
from __future__ import annotations

import re
from collections.abc import Callable

# Cheap test for markup worth rewriting; plain text and the other readers' text have none.
_MARKDOWN = r"^(?:[ \t]*#{1,6}[ \t]*(?=[^\s#\d<])|[ \t]*\+-{3,}|:::|[ \t]*\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*$)|\]\(|\]\{"
_MARKUP = re.compile(_MARKDOWN + r"|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>\n]*)?/?>", re.MULTILINE)
_MARKDOWN_ONLY = re.compile(_MARKDOWN, re.MULTILINE)
_PAGE = re.compile(r"<(?:!doctype|html|head|body|meta)\b", re.IGNORECASE)
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>\n]*)?/?>")
# bounded: a line of brackets never closed is not tried to its end from each one
_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)")
_LINK = re.compile(r"\[([^\]\n]{0,300})\](?:\([^)\n]{0,500}\)|\{[^}\n]{0,500}\})")
_ATTRIBUTES = re.compile(r"\{[#.][^}\n]{0,500}\}")         # {.article_source}, {#id}: pandoc's attributes alone
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]*(?=[^\s#\d<])", re.MULTILINE)      # `#XX局`: the HTML reader runs it on
_FENCE = re.compile(r"^[ \t]*:::.*$", re.MULTILINE)
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(?=[^\d\s-])", re.MULTILINE)     # not a page number's dash (- 3 -)
_DASHES = re.compile(r"^[ \t]*-{3,}(?:[ \t]+-{3,})*[ \t]*$", re.MULTILINE)  # a simple table's rules
_EMPHASIS = re.compile(r"\*\*|__")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_GRID_RULE = re.compile(r"[ \t]*\+(?:[-=:]+\+)+[ \t]*")
_GRID_LINE = re.compile(r"[ \t]*\|.*\|[ \t]*")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
MAX_NESTING = 6


def is_markdown(text: str) -> bool:
    return _MARKUP.search(text) is not None


def is_markdown_page(page: str) -> bool:
    """A file sniffed as HTML that is Markdown around HTML tables (and pandoc's `<div>`s): no page's
    head or body, and Markdown's own marks (a heading, a rule of a pipe or grid table, a link)."""
    return _PAGE.search(page, 0, 4096) is None and _MARKDOWN_ONLY.search(page) is not None


def with_html_tables(page: str, read_table: Callable[[str], str]) -> str:
    """`page` with each outermost `<table>…</table>` replaced by `read_table`'s text of it."""
    out, at = [], 0
    for start, end in _outer_tables(page):
        out += [page[at:start], "\n", read_table(page[start:end]), "\n"]
        at = end
    return "".join([*out, page[at:]])


def _outer_tables(page: str):
    """(start, end) of each outermost table element, nested ones inside it; an unclosed one runs to the end."""
    depth, start = 0, 0
    for m in _TABLE_TAG.finditer(page):
        if m.group(1):
            depth -= 1
            if depth == 0:
                yield start, m.end()
            depth = max(depth, 0)
        else:
            start = m.start() if depth == 0 else start
            depth += 1
    if depth:
        yield start, len(page)


def to_text(text: str) -> str:
    """`text` without its Markdown: the words as a reader sees them, tables as pipe rows."""
    if not is_markdown(text):
        return text
    for _ in range(MAX_NESTING):        # a layout grid table's lines may hold grid tables in turn
        unnested = _grid_tables(text)
        if unnested == text:
            break
        text = unnested
    text = _IMAGE.sub("", _TAG.sub("", text))
    text = _ATTRIBUTES.sub("", _LINK.sub(r"\1", _LINK.sub(r"\1", text)))     # a link may hold a span
    text = _DASHES.sub("", _BULLET.sub("", _FENCE.sub("", _HEADING.sub("", text))))
    return _ESCAPE.sub(r"\1", _EMPHASIS.sub("", text))


def _run_on(parts: list[str]) -> str:
    """A cell's lines as one text: words of ideographs run on, Latin words keep a space."""
    out = ""
    for part in filter(None, (p.strip() for p in parts)):
        gap = "" if not out or _CJK.match(part) or _CJK.match(out[-1]) else " "
        out += gap + part
    return out


def _grid_row(lines: list[str], columns: int) -> list[str]:
    """The lines between two rules of a grid table of `columns` -> their text (one column: layout, its
    lines may hold tables) or one pipe row; the lines as they are where they part into other counts."""
    if columns == 1:
        return [line.strip()[1:-1].rstrip() for line in lines]
    split = [line.strip()[1:-1].split("|") for line in lines]
    if any(len(cells) != columns for cells in split):
        return lines
    return ["| " + " | ".join(_run_on([cells[c] for cells in split]) for c in range(columns)) + " |"]


def _grid_tables(text: str) -> str:
    """Each grid table's rows (_grid_row) in place of its rules and wrapped lines."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _GRID_RULE.fullmatch(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        columns = lines[i].count("+") - 1
        i += 1
        row: list[str] = []
        while i < len(lines) and (_GRID_LINE.fullmatch(lines[i]) or _GRID_RULE.fullmatch(lines[i])):
            if _GRID_RULE.fullmatch(lines[i]):
                out += _grid_row(row, columns) if row else []
                columns = lines[i].count("+") - 1
                row = []
            else:
                row.append(lines[i])
            i += 1
        out += row
    return "\n".join(out)
