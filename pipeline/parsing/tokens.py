"""Text -> a label stream with value tokens pinned into it.

Every plain-text layout (one cell per line, TAB rows, ``pdftotext -layout`` columns, crawler
text on one line) reduces to the same thing: the label text of the document with all whitespace
removed, and the value tokens (numbers, or explicit blanks such as ``/`` and ``—``) each pinned
at the character offset of the label text where it occurred. A row's values are then simply the
tokens between its label and the next row's label, however the row was wrapped or split.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache, partial
from typing import NamedTuple

from .decode import MARKER_DIGITS

# A line that is only a page number: "-3-", "— 3 —", "第 3 页", "第3页 共8页".
PAGE_LINE = re.compile(r"^[ \t]*(?:[-—–][ \t]*\d{1,3}[ \t]*[-—–]|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,/]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?)[ \t]*$",
                        re.MULTILINE)
# "1. 属于国家秘密": numbering separated from its label by a space (unless the digits end a
# longer number, checked in _join_numbering: a leading look-behind would make the regex slow).
# \d\d? rather than \d{1,2}: a pattern that starts with a character class lets the regex engine
# skip ahead to the next digit.
_SPACED_NUMBERING = re.compile(r"(\d\d?[.、])\s+(?=[\u3400-\u9fff(“\"])")
# Markdown pipe tables (a converter's text of a PDF): a row's cells are apart by "|", which would
# otherwise read as label text between values (and part a row's run of values); the rule under
# the header row is no text.
_PIPE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)
_PIPE_RULE = re.compile(r"^[ \t]*\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*$", re.MULTILINE)
# An item's number whose digit a converter set on a line of its own, its dot starting a later line
# or cell (markitdown: `4` / `| （三）不 | .保护第三 |`, `3` / a row's values / `.要求提供…`): the
# digit is the enumerator's, not a cell. Up to three lines apart, no other lone digit between.
_SPLIT_ENUMERATOR = re.compile(r"^[ \t]*([1-9])[ \t]*\n((?:(?![ \t]*\d[ \t]*\n)[^\n]*\n){0,3}?[^\n]*?)"
                               r"(?<!\S)\.(?=[\u3400-\u9fff]|[ \t]*$)", re.MULTILINE)
# An item's number alone on a line (`3.`; pdftotext's raw text, markitdown), or ending its group's
# label's line (`（三） 1.`), its label on later lines: no cell.
_ENUMERATOR_LINE = re.compile(r"^([ \t]*(?:[(（][一二三四五六七][)）][^\n\d]*)?)[1-9][.、][ \t]*$", re.MULTILINE)
# Digits that belong to labels, never to cells.
_LABEL_DIGITS = re.compile(r"(?:保留)?\d+位小数")
# Units a report writes beside a number in a cell: money (a factor to yuan) and counts.
MONEY_UNITS = {"亿元": 100_000_000, "万元": 10_000, "元": 1}
COUNT_UNITS = ("个", "件", "项", "笔", "家")
UNITS = (*MONEY_UNITS, *COUNT_UNITS)
# Written by a reader of positions beside a table row that runs past the paper's left or right edge
# (Writer clips a page laid out wider than the paper, and what lies past the edge is not in the
# file), on that side of its cells: the row's cells the form has and the text lacks are there, not
# between its values. The tokenizer keeps them out of the label text (a label a page break cut,
# 予以公 / 开, still reads whole) and on the values beside them (Token.past).
PAST_LEFT, PAST_RIGHT = "[past_left_edge]", "[past_right_edge]"
# A table row of values whose label a reader of a PDF's ruled cells sets on the next line, alone (the
# label's lines below the row's band): no label cell (上年结转… below `0 | 0 …`), or one holding only
# the item's number, its stop on either line (`2 | 0 …` / `.重复申请`, `2. | 0 …` / `重复申请`); a
# table row with a label of its own follows (a row without one may own the line above its values).
# The line is the row's label: its values are not the row's above, and the digit is no cell. A line
# that starts a section (五、…) or a clause (第二十条第（六）项) or holds a number is no label.
_VALUES_ROW = re.compile(r"((?:" + re.escape(PAST_LEFT) + r"\t)?)(?:([1-9][.、]?)\t)?"
                         r"((?:[\d.,+-]+|/)(?:\t(?:[\d.,+-]+|/))*(?:\t" + re.escape(PAST_RIGHT) + r")?)")
_LABEL_LINE = re.compile(r"(?![一二三四五六七八九十]+、)(?!.*第[二⼆][十⼗]条)[.、]?[\u3400-\u9fff“(（][^\t\d]{0,40}")


def _labels_below(text: str) -> str:
    """The rows of values whose label stands alone on the next line (_VALUES_ROW) with that label."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        row = _VALUES_ROW.fullmatch(lines[i]) if "\t" in lines[i] else None
        labelled = i + 2 < len(lines) and "\t" in lines[i + 2] and not _VALUES_ROW.fullmatch(lines[i + 2])
        label = lines[i + 1] if labelled else ""
        if row and _LABEL_LINE.fullmatch(label):
            number, values, stop = row.group(2) or "", row.group(3), label.startswith((".", "、"))
            if number and number.endswith((".", "、")) == stop:     # a digit without a stop is a value
                number, values = "", f"{number}\t{values}"
            if number or not stop:
                out.append(f"{row.group(1)}{number}{label}\t{values}")
                i += 2
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def beside_edges(cells: list[str], left: bool, right: bool) -> str:
    """A table row's TAB line, marked on the sides where it runs past the paper's edge."""
    return "\t".join([PAST_LEFT] * left + cells + [PAST_RIGHT] * right)


# A cell written as one of these is blank: NULL, never 0.
BLANK_PIECES = ("/", "\\", "-", "—", "——", "–", "−", "…", "……", "空", "无")
_SYMBOL_BLANKS = sorted((b for b in BLANK_PIECES if not b.isalpha()), key=len, reverse=True)
# One pass over the text. Each match swallows the whitespace before it (possessively: trying
# every alternative at every blank position was half the tokenizer's time). Alternatives that
# must be a whole whitespace-separated piece are fenced by (?<!\S) … (?!\S). A match starts only
# where whitespace does not precede it: where a run of whitespace leads to no token (the end of
# the text), the engine would otherwise retry from each of its positions, quadratic in its length
# (120,000 trailing blank lines: minutes).
_PIECE = r"(?<!\S){}(?!\S)"
# what makes a piece with digits in it a garbled cell: letters, footnote markers, 1_000, ½ (NFKC: 1⁄2)
_NOT_DIGIT = f"A-Za-z{MARKER_DIGITS}_\u2044"
_CELL = r"(?<![^\s\u3400-\u9fff]){}(?![^\s\u3400-\u9fff])"    # a piece, or one glued to Chinese text
_LABEL_START = r"\s*[\u3400-\u9fff“\"(]"     # what follows a row's enumerator: its label
_SCANNER = re.compile(r"(?<!\s)(?P<space>\s*+)(?:" + "|".join((
    _PIECE.format(r"(?P<page>[-—–]\d{1,3}[-—–])"),
    # Latin letters mixed with digits ("l2O", "12a", "1E3", "0x1F") or a footnote marker touching
    # them ("5¹": 5 or 51?): a garbled cell, never read as a number, also where a crawl glued it to
    # the labels around it ("行政许可1E3行政处罚").
    _CELL.format(rf"(?P<garbled>(?=[{_NOT_DIGIT}.,+-]*\d)(?=[\d.,+-]*[{_NOT_DIGIT}])[{_NOT_DIGIT}\d.,+-]+)"),
    _PIECE.format("(?P<blank>{})".format("|".join(map(re.escape, sorted(BLANK_PIECES, key=len, reverse=True))))),
    # Row numbering like "1." / "2、" / "3," / "(4)" in front of a label is text, not a value;
    # so is the enumerator glued to the previous row's digits ("…信息00000002.没有现成信息":
    # the row's run is 0000000, the next label's "2."). The forms number rows 1-8 within a
    # group: an enumerator is one digit, and "12.其他" is a cell 1 and the label "2.其他".
    # Two items' numbers run together before one label (2.1.没有现成…: a converter set both rows'
    # numbers on one line) are text too, not the number 2.1.
    r"(?P<numbering>(?<![\d.])\d[.、]\d[.、](?=" + _LABEL_START + r")|(?<![\d.])\d[.、,](?=[^\d\s.,])|\(\d{1,2}\)"
    r"|(?<=\d)\d[.、](?=" + _LABEL_START + "))",
    r"(?P<number>[+-]?\d+(?=\d[.、]" + _LABEL_START + ")"
    r"|[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|[+-]?\d+(?:\.(?:\d+(?=\d[.、]" + _LABEL_START + r")|\d+))?)"
    # A unit written in the cell (251000元, 547.9659万元, 3个) is part of the value, not label text.
    r"(?P<unit>" + "|".join(UNITS) + ")?",
    # A "/" touching a digit (or a cell's unit) is a blank cell that a crawler glued to its
    # neighbours ("1215/030057"); a "/" between label characters (本年增/减) stays label text.
    # ... or to the next row's label ("/三、收到和处理…"); a "/" inside a label (本年增/减) has
    # no blank before it.
    r"(?P<glued_blank>(?<=[\d" + "".join(COUNT_UNITS) + r"元])/|/(?=\d)|(?<!\S)(?:" + "|".join(map(re.escape, _SYMBOL_BLANKS)) + r")(?=" + _LABEL_START + "))",
    r"(?P<text>(?:[^\s\d+/-]+|/(?!\d))+|[+-])",
)) + ")")


class Token(NamedTuple):
    offset: int          # position in Stream.text where the token occurred
    raw: str             # the text as written
    value: Decimal | None  # None: an explicit blank cell ("/", "—", …) or a garbled one
    garbled: bool = False
    unit: str = ""         # written right after the number ("元", "万元", "个", …)
    # "left": the first value after PAST_LEFT (no label between); "right": the last before PAST_RIGHT
    past: frozenset[str] = frozenset()
    line: int = -1         # the text's lines before it (Stream.line_at: a label's on the same line); -1: none

    @property
    def digits(self) -> str:
        return self.raw.lstrip("+-").replace(",", "")


@dataclass
class Stream:
    text: str = ""
    tokens: list[Token] = field(default_factory=list)
    # where a row's label text begins right after PAST_LEFT: its head may lie past the paper's edge
    cut_left: list[int] = field(default_factory=list)
    # the offsets in text where a line begins: a label's line, to tell a row written on one line
    breaks: list[int] = field(default_factory=list)
    # the lines with a TAB before a value: TAB rows, a positional reader's (words.py)
    tabbed: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._offsets = [t.offset for t in self.tokens]

    def between(self, start: int, end: int) -> list[Token]:
        """Tokens after the label starting at `start`, up to and including those right before
        the label starting at `end` (a token's offset is where the following label begins)."""
        return self.tokens[bisect_right(self._offsets, start):bisect_right(self._offsets, end)]

    def line_at(self, offset: int) -> int:
        """The line of the label text at `offset`, counted as Token.line counts."""
        return bisect_right(self.breaks, offset)


def _join_numbering(m: re.Match) -> str:
    before = m.string[m.start() - 1] if m.start() else ""
    return m.group() if before and before in "0123456789.," else m.group(1)


# Pipe rows one after another (blank lines between), none with a digit: a header row that a
# converter wrote as several, a cell wrapped over lines standing in one column.
_WORD_ROWS = re.compile(r"(?:^[ \t]*\|[^\n\d]*\|[ \t]*\n(?:[ \t]*\n)*){2,}", re.MULTILINE)


def _by_columns(text: str) -> str:
    """Each run of pipe rows of words only, and as many cells each, written column by column: markitdown
    writes a header whose cells wrap over lines as several pipe rows (| 信息 | 上一 | 本年 | / | 内容 |
    年项目数量 | 增/减 |), each cell's lines in its column; read row by row, the cells' words interleave."""
    def columns(m: re.Match) -> str:
        rows = [line.strip()[1:-1].split("|") for line in m.group().splitlines() if line.strip()]
        if len({len(r) for r in rows}) != 1:
            return m.group()
        cells = [" ".join(r[c].strip() for r in rows if r[c].strip()) for c in range(len(rows[0]))]
        return "| " + " | ".join(cells) + " |\n"
    return _WORD_ROWS.sub(columns, text)


def _drop_label_noise(text: str) -> str:
    """Page-number lines, markdown's pipes (and an enumerator's digit set apart from its dot), a
    row's item digit with its label below it, item numbers alone on a line, digits inside labels (保留2位小数), and the space in "1. 属于…"."""
    if "|" in text:     # first: a page number set in a pipe row's cells (| - | 3 - |) is a page line
        text = _PIPE_ROW.sub(lambda m: m.group().replace("|", "\t"), _by_columns(_PIPE_RULE.sub("", text)))
        text = _SPLIT_ENUMERATOR.sub(r"\2\1.", text)
    if "\t" in text:
        text = _labels_below(text)
    text = _ENUMERATOR_LINE.sub(r"\1", PAGE_LINE.sub("", text))
    if "位小数" in text:
        text = _LABEL_DIGITS.sub("", text)
    return _SPACED_NUMBERING.sub(_join_numbering, text)


@lru_cache(maxsize=4096)
def _number(raw: str) -> Decimal:
    """A number token's value; cached, as most cells are the same few numbers (0, 1, 2, …)."""
    return Decimal(raw.replace(",", "") if "," in raw else raw)


def tokenize(text: str) -> Stream:
    parts: list[str] = []
    tokens: list[Token] = []
    offset = 0
    token = partial(tuple.__new__, Token)       # Token(...) without its Python-level __new__
    # findall hands back each match's groups as a plain tuple: no match objects, twice as fast.
    left = _NOWHERE       # the next value's Token.past: PAST_LEFT was the last thing read
    cut_left: list[int] = []
    breaks: list[int] = []
    tabbed: set[int] = set()
    for space, _page, garbled, blank, numbering, number, unit, glued_blank, words in _SCANNER.findall(
            _drop_label_noise(text)):
        if "\n" in space:
            breaks.append(offset)
        if words in _EDGES:
            if words == PAST_LEFT:
                left = _LEFT
            elif tokens:
                tokens[-1] = tokens[-1]._replace(past=tokens[-1].past | _RIGHT)
            continue
        if words:
            if left:
                cut_left.append(offset)
            parts.append(words)
            offset += len(words)
        elif number:
            if "\t" in space:
                tabbed.add(len(breaks))
            tokens.append(token((offset, number, _number(number), False, unit, left, len(breaks))))
        elif numbering:
            parts.append(numbering)
            offset += len(numbering)
        elif garbled:
            tokens.append(token((offset, garbled, None, True, "", left, len(breaks))))
        elif blank or glued_blank:
            tokens.append(token((offset, blank or glued_blank, None, False, "", left, len(breaks))))
        left = _NOWHERE
    return Stream("".join(parts), tokens, cut_left, breaks, tabbed)


_EDGES = (PAST_LEFT, PAST_RIGHT)
_NOWHERE, _LEFT, _RIGHT = frozenset(), frozenset({"left"}), frozenset({"right"})


_VALUE_GROUPS = ("number", "garbled", "blank", "glued_blank")


def value_positions(text: str) -> tuple[str, list[int]]:
    """The text as tokenize reads it (page-number lines and label digits dropped, lines kept) and
    where in it each of tokenize(text)'s tokens starts, in the same order. For `ogi explain`, off
    the parse's path: finditer is half as fast as the findall that tokenize uses."""
    read = _drop_label_noise(text)
    starts = []
    for m in _SCANNER.finditer(read):
        group = next((g for g in _VALUE_GROUPS if m.group(g)), None)
        if group:
            starts.append(m.start(group))
    return read, starts
