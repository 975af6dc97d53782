"""Positioned words and the lines they make: the units words.py reads tables from.

A word is text with a box on its page (an OCR box, a PDF glyph run, a fixed-width text's column
range); words whose y ranges overlap form a line, and a line's values are the run of numbers (or
blank marks) that ends it.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect
from statistics import median
from typing import NamedTuple

from ..tokens import BLANK_PIECES

_VALUE = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")
_SYMBOL_BLANKS = frozenset(b for b in BLANK_PIECES if not b.isalpha())
TALL = 1.5              # a word this many times the usual height spans lines
LINE_OVERLAP = 0.5      # share of the shorter word's height two words of one line overlap by

Rule = tuple[float, float, float]                   # a vertical rule: x, y0, y1
Cells = dict[int, list[tuple[float, float]]]        # a ruled table's value columns, by id() of each data line


class Word(NamedTuple):
    """A word's text and box: x grows rightwards, y downwards (y0 top, y1 bottom), in any unit
    shared by one page (points, pixels, character cells). A named tuple: a page holds thousands,
    and a frozen dataclass costs three times as much to make."""
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    page: int = 0
    confidence: float | None = None

    @property
    def mid_y(self) -> float:
        return (self.y0 + self.y1) / 2


@functools.lru_cache(maxsize=4096)
def is_value(text: str) -> bool:
    """A number, or a blank mark drawn as a symbol ("/", "—"); 无 and 空 are also label text."""
    return _VALUE.fullmatch(text) is not None or text in _SYMBOL_BLANKS


class Line:
    """A whole line's words, left to right, and the y range they cover."""
    __slots__ = ("words", "y0", "y1", "mid_y", "_values")

    def __init__(self, words: list[Word]) -> None:
        self.words = words
        self.y0 = min(w.y0 for w in words)
        self.y1 = max(w.y1 for w in words)
        self.mid_y = (self.y0 + self.y1) / 2
        self._values: list[Word] | None = None

    def values(self) -> list[Word]:
        """The cells written after a row's label: the run of values (or blank marks, 无 too) that
        ends the line, or the whole line when it holds values only (a value line centred between
        a label's lines). A number with text after it is no cell: a header's stray digit, or a
        label's numbering (1 .属于…)."""
        if self._values is None:
            self._values = self._run()
        return list(self._values)

    def _run(self) -> list[Word]:
        if all(is_value(w.text) for w in self.words):
            return list(self.words)
        run: list[Word] = []
        for w in reversed(self.words[1:]):
            if not (is_value(w.text) or w.text in BLANK_PIECES):
                break
            run.insert(0, w)
        return run

    def text(self, sep: str = " ") -> str:
        return sep.join(w.text for w in self.words)


def page_lines(words: list[Word], rulings: list[float] = ()) -> list[Line]:
    """Words of one page grouped into lines by overlapping y ranges, top to bottom, left to right.
    A word over TALL times the page's usual height (a box around two wrapped lines) joins a line
    but does not widen it: it would pull the next line's words into this one. Given the page's
    horizontal rules, a line crosses none: two rows set close, bridged by a label between them in
    a cell spanning both (本年度 / （三）), are two lines."""
    usual = median([w.y1 - w.y0 for w in words]) if words else 0
    lines: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    ruled: list[int] = []
    for w in sorted(words, key=lambda w: (w.mid_y, w.x0)):
        height = max(w.y1 - w.y0, 1e-9)
        band = bisect(rulings, w.mid_y)
        for k in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            top, bottom = bands[k]
            if min(bottom, w.y1) - max(top, w.y0) >= LINE_OVERLAP * min(height, bottom - top) and ruled[k] == band:
                lines[k].append(w)
                if height <= TALL * usual:
                    bands[k] = (min(top, w.y0), max(bottom, w.y1))
                break
        else:
            lines.append([w])
            bands.append((w.y0, w.y1))
            ruled.append(band)
    return [Line(sorted(line, key=lambda w: w.x0)) for line in lines]


def merge_ranges(ranges: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for x0, x1 in sorted(ranges):
        if merged and x0 < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


def overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])
