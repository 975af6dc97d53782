"""What a document calls itself (an HTML page's <title>, a PDF's /Title or its heading), written as
the first line of its text so that metadata.py finds the report's title ahead of any page chrome
(a browser's or Writer's PDF of a web page starts with the site's navigation)."""
from __future__ import annotations

import re

from ..decode import normalise

TITLE_PARTS = re.compile(r"[_|>»]|\s*[-–—]+\s*")       # 标题_栏目_网站, 首页 > 栏目 > 标题, 标题-网站
# a letter-spaced heading (政 府 信 息 公 开): the spaces between its ideographs are layout
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff\d])\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+(?=\d)")
HEADING_LINES = 3       # a title set over more lines is not one
SEARCHED = 5000         # characters of the text in which a PDF's /Title must be found
_YEAR = re.compile(r"\d{4}")


def squash(text: str) -> str:
    return "".join(text.split())


def _held(head: str, title: str) -> bool:
    """Whether the text's opening holds the title: as written, or with its year on a line of its own
    just above or below the rest (a browser's or Writer's PDF sets the digits in a Latin font whose
    boxes sort them out of the heading's line: 洪泽区人民政府 年政府信息公开工作年度报告 / 2023)."""
    if title in head:
        return True
    year = _YEAR.search(title)
    if year is None:
        return False
    rest = title[:year.start()] + title[year.end():]
    return year.group() + rest in head or rest + year.group() in head


def names_report(text: str) -> bool:
    """A report's title: a year and 报告/年报 (a column name such as 政府信息公开年报 has no year)."""
    return ("报告" in text or "年报" in text) and any(c.isdigit() for c in text)


def joined(heading: str) -> str:
    """A heading with the spaces between its characters taken out: 政 府 信 息 公 开 -> 政府信息公开."""
    return _SPACED.sub("", heading.strip())


def with_title(text: str, document_title: str | None, heading: str | None = None) -> str:
    """The text with the report's title as its first line: the part of the document's title (a PDF's
    /Title, often the web page's <title>: 标题_栏目_网站) that names a report and that the text
    itself holds (a Word file's /Title may be left over from last year's report), else the first
    page's heading when it names a report. Unchanged when neither does, or the text starts with it.
    Both are compared normalised: a PDF font's glyphs may read as radicals (⼈⺠ for 人民)."""
    head = squash(normalise(text[:SEARCHED]))
    parts = (squash(normalise(p)) for p in TITLE_PARTS.split(document_title or ""))
    title = next((p for p in parts if names_report(p) and _held(head, p)), None)
    if title is None and heading and names_report(joined(heading)):
        title = joined(heading)
    if title is None or _starts_with(text, title):
        return text
    return f"{title}\n{text}"


def _starts_with(text: str, title: str) -> bool:
    """Whether the text's first lines are the title (set over one line or several)."""
    start = ""
    for line in text.split("\n", HEADING_LINES)[:HEADING_LINES]:
        start += squash(line)
        if len(start) >= len(title):
            break
    return start == title
