"""Running headers and footers out of a PDF's text: a page style's line (the report's title atop
every page, 第 N 页 共 M 页 or the office's name below) would otherwise stand between a table's
rows where a page breaks it, and its digits (the title's year) join the row above."""
from __future__ import annotations

import re
from collections import Counter

EDGE = 2                # lines at the top and at the bottom of a page where a page style draws
_DIGITS = re.compile(r"\d+")
_VALUES = re.compile(r"\s*\d[\d.,]*(?:\s+\d[\d.,]*)+\s*")     # a table's row of values, no page number


def _key(line: str) -> str:
    return _DIGITS.sub("#", "".join(line.split()))


def _edges(lines: list[str]) -> set[int]:
    """Indexes of the page's prose lines (a TAB marks a table row, and so do numbers alone: 0 0 3 …)
    among its first and last EDGE."""
    near = {*range(min(EDGE, len(lines))), *range(max(len(lines) - EDGE, 0), len(lines))}
    return {i for i in near if "\t" not in lines[i] and not _VALUES.fullmatch(lines[i])}


def without_running(pages: list[list[str]]) -> list[str]:
    """The pages' lines in order, less the lines that a page style repeats: a prose line at a page's
    top or bottom that recurs there, its digits aside (page numbers), on at least two pages and on
    at least half of them. The first page's top is kept: it holds the report's own title."""
    counts = Counter(key for lines in pages for key in {_key(lines[i]) for i in _edges(lines)})
    running = {key for key, n in counts.items() if n >= max(2, len(pages) / 2)}
    out: list[str] = []
    for page, lines in enumerate(pages):
        kept = range(EDGE) if page == 0 else ()
        edges = _edges(lines)
        out += [line for i, line in enumerate(lines) if i in kept or i not in edges or _key(line) not in running]
    return out
