"""Fixed-width text (``pdftotext -layout`` of a PDF, as crawlers store attachments) -> the TAB rows
of words.py.

Such text keeps a table's columns as runs of spaces, and a header wrapped in its narrow cells
(自然 / 人, 商业 / 企业) as words stacked on several lines: read as text, the header's words
interleave (自然总人商业科研…) and no column is named. As positioned words (x: the character's
index in its line, y: the line's number) the header's columns and a
label wrapped around its values come back (words.py, drifting: pdftotext places each word by
counting characters from the words left of it, so a position holds only within a line and a
block of lines). The index, not the display width: pdftotext counts a CJK character as one column
(a row's values stand at the same index below labels of different lengths).
"""
from __future__ import annotations

import re

from ..tokens import PAGE_LINE
from .running import without_running
from .words import Word, read_lines

_WORD = re.compile(r"\S+")
# A data line of fixed-width text: label text, a run of two or more spaces, then three or more
# numbers (or blank marks) apart by spaces to the line's end.
_COLUMNS = re.compile(r"^[^\S\n]*\S[^\n]*?\S {2,}[\d/.,+-]+(?: +[\d/.,+-]+){2,} *$", re.MULTILINE)
LAYOUT_ROWS = 3         # data lines that make a text fixed-width


def has_columns(text: str) -> bool:
    """Fixed-width text: no TAB (a TAB row is another reader's), and LAYOUT_ROWS lines whose values
    stand in runs of spaces after their labels."""
    if "\t" in text or "   " not in text:
        return False
    found = 0
    for _ in _COLUMNS.finditer(text):
        found += 1
        if found == LAYOUT_ROWS:
            return True
    return False


def lines(text: str) -> list[list[Word]]:
    """Each text line's runs of non-blanks as words one line high, one column wide a character. The
    pages (form feeds) are one: a row's label may start on the page after its values, which no
    position says (no x holds across a page's blocks). A page's running header and footer and
    page-number lines (-1-, 第 1 页) are left out: between a table's rows they would read as a label."""
    pages = [chunk.split("\n") for chunk in text.split("\f")]
    return [[Word(m.group(), m.start(), m.end(), y, y + 1) for m in _WORD.finditer(line)]
            for y, line in enumerate(without_running(pages) if len(pages) > 1 else pages[0])
            if not PAGE_LINE.fullmatch(line)]


def to_text(text: str) -> str:
    """The text with its tables as TAB rows (words.py), its prose as lines."""
    return "\n".join(read_lines(lines(text)).lines)
