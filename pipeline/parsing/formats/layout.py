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
from decimal import Decimal

from ..tokens import PAGE_LINE
from .running import without_running
from .word_lines import Word, is_value
from .words import read_lines

_WORD = re.compile(r"\S+")
_COUNT = re.compile(r"0|[1-9]\d*")      # a count as a cell holds it (no leading zero)
_ENUMERATOR = re.compile(r"[1-9]\d?")
NEAR_DOT = 4            # lines from an item's number down to its dot
_LABEL_END = re.compile(r"(.*[^\d.,+\-/])(0|[1-9]\d*)")    # label text, and a count run into it
NEAR = 6                # lines to the data lines whose widths show a row one value short
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
    return _unglued(_side_by_side(_label_ends(_enumerators([[Word(m.group(), m.start(), m.end(), y, y + 1) for m in _WORD.finditer(line)]
                     for y, line in enumerate(without_running(pages) if len(pages) > 1 else pages[0])
                     if not PAGE_LINE.fullmatch(line)]))))


def _enumerators(lines: list[list[Word]]) -> list[list[Word]]:
    """The lines with an item's number that pdftotext set apart from its dot put back before the
    dot: a number that ends its line (1, 2; alone, or after its group's label: （五）不予处理 2),
    the dot starting a word a few lines below at its x (.本机关…, or a lone .). Centred in its
    cell, the label's lines around it, the number would read as a row's value."""
    out = [list(line) for line in lines]
    for y, line in enumerate(out):
        if not line or not _ENUMERATOR.fullmatch(line[-1].text) or len(_values(line)) > 1:
            continue
        number = line[-1]
        for below in out[y + 1:y + 1 + NEAR_DOT]:
            dot = next((w for w in below if w.text.startswith(".") and abs(w.x0 - number.x0) <= 1), None)
            if dot is not None:
                below[below.index(dot)] = dot._replace(text=number.text + dot.text, x0=dot.x0 - len(number.text))
                out[y] = line[:-1]
                break
    return out


def _values(line: list[Word]) -> list[Word]:
    """The counts that end a line (a row's cells after its label)."""
    run: list[Word] = []
    for w in reversed(line):
        if not _COUNT.fullmatch(w.text):
            break
        run.insert(0, w)
    return run


def _side_by_side(lines: list[list[Word]]) -> list[list[Word]]:
    """Each line holding two rows, label and values each (7.属于行政执法案卷 0 0 0 0 0 0 0
    8.属于行政查询事项 1 0 0 0 0 0 1: PyMuPDF's sorted text sets rows whose tops lie close on one
    line), as two lines at its place: read as one, the first row's values would be the second's
    label text (and the second's values the first row's)."""
    out: list[list[Word]] = []
    for line in lines:
        width = len(_values(line))
        at = next((k for k in range(1, len(line) - 2 * width) if width >= 2 and not is_value(line[-width - 1].text)
                   and len(_values(line[:k + width])) == width and not is_value(line[k + width].text)
                   and not is_value(line[k - 1].text)), None)
        out += [line[:at + width], line[at + width:]] if at is not None else [line]
    return out


def _label_ends(lines: list[list[Word]]) -> list[list[Word]]:
    """The lines whose first value the converter ran into its label (出具0 0 0 0 0 0 0, 事项58 0 869)
    with it cut off: a data line one value short of a data line near it, whose word before its
    values is label text ending in a count. Another line as short near it has such a count too
    (two rows so written a line apart), or the table is that wide: the line lost a blank, not a
    space, and is kept as written (its row is read short: NULL)."""
    widths = [len(_values(line)) for line in lines]
    ends = [_LABEL_END.fullmatch(line[-widths[y] - 1].text) if 0 < widths[y] < len(line) else None
            for y, line in enumerate(lines)]
    out = list(lines)
    for y, line in enumerate(lines):
        near = [i for i in range(max(0, y - NEAR), min(len(lines), y + NEAR + 1)) if i != y and widths[i]]
        if ends[y] is None or not any(widths[i] == widths[y] + 1 for i in near) \
                or any(widths[i] == widths[y] and ends[i] is None for i in near):
            continue
        w, (label, count) = line[-widths[y] - 1], ends[y].groups()
        out[y] = [*line[:-widths[y] - 1], w._replace(text=label, x1=w.x1 - len(count)),
                  w._replace(text=count, x0=w.x1 - len(count)), *line[-widths[y]:]]
    return out


def _unglued(lines: list[list[Word]]) -> list[list[Word]]:
    """The lines with two cells pdftotext ran together cut apart. Two values closer than a space
    are one word (14 and 0 as 140, beside a narrow 自然人 column): the row is one value short of
    the data lines near it (those as short each cut one way too: glued rows a line apart, 950 and
    500 for 95 | 0 and 50 | 0). A row that totals its cells in its last one (section 三's) says where
    to cut: the word is cut where exactly one cut of one of the row's words makes the last value
    the sum of the others (a row short of a blank cell instead, its sum holding as written, has
    no such cut: a part cut in two adds less than it did, a total cut in two leaves less). A row
    with a gap where the nearest full row has a value lost a cell, not a space: a cut there would
    make the sum hold with numbers the row does not have (1 _ 0 0 0 0 12 as 1 0 0 0 0 1 2), so it
    is kept as written too (its row is read short: NULL)."""
    widths = [len(_values(line)) for line in lines]
    cuts = [_cuts(_values(line)) for line in lines]
    out = list(lines)
    for y, line in enumerate(lines):
        near = [i for i in range(max(0, y - NEAR), min(len(lines), y + NEAR + 1)) if i != y and widths[i]]
        full_rows = [i for i in near if widths[i] == widths[y] + 1]
        # a row as short beside it is a row as wide as the table, unless it too is cut one way only
        if widths[y] < 2 or not full_rows or any(widths[i] == widths[y] and len(cuts[i]) != 1 for i in near):
            continue
        values = _values(line)
        full = _values(lines[min(full_rows, key=lambda i: abs(i - y))])
        if any(not any(w.x0 <= v.x1 and v.x0 <= w.x1 for w in values) for v in full):
            continue
        if len(cuts[y]) == 1:
            k, i = cuts[y][0]
            w = values[k]
            at = line.index(w)
            out[y] = [*line[:at], w._replace(text=w.text[:i], x1=w.x0 + i),
                      w._replace(text=w.text[i:], x0=w.x0 + i), *line[at + 1:]]
    return out


def _cuts(values: list[Word]) -> list[tuple[int, int]]:
    """The (word, index) cuts of one of the values in two that make the last value the others' sum."""
    return [(k, i) for k, w in enumerate(values) for i in range(1, len(w.text))
            if _COUNT.fullmatch(w.text[:i]) and _COUNT.fullmatch(w.text[i:])
            and _totals([*values[:k], w.text[:i], w.text[i:], *values[k + 1:]])]


def _totals(cells: list) -> bool:
    numbers = [Decimal(c if isinstance(c, str) else c.text) for c in cells]
    return numbers[-1] == sum(numbers[:-1])


def to_text(text: str) -> str:
    """The text with its tables as TAB rows (words.py), its prose as lines."""
    return "\n".join(read_lines(lines(text)).lines)
