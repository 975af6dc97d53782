"""A PDF page's glyphs -> positioned words for words.py, where its ruled tables cannot be read cell
by cell (pdf_fast.py).

Browsers and Writer draw tables that the cell reading cannot place: a table wider than the page
(its last column's text past the page's edge), a header row cut by a page break with its cells'
text below the last rule, a ragged table whose rows leave holes in the ruling. Their glyphs still
stand where the columns are, so they are read by position instead, as OCR boxes are: words.py
finds the columns from the values and the header cells, a row from its y-band (the horizontal rules
given as bands), and a blank cell stays blank.

A word is a run of glyphs on one line, parted by a drawn space, a gap wider than TOLERANCE, or a
vertical rule between two glyphs (a cell without padding sets its text against the rule: `件` and
the `2` of the next cell stand less than a point apart, but apart). Digits that abut across a rule
are a value drawn over it (a cramped export): which cell it is in would be a guess, so it is read
as a blank (NULL), never split into two numbers.
"""
from __future__ import annotations

from bisect import bisect_right
from math import inf

from .words import Word, is_value

TOLERANCE = 3           # pt: a gap wider than this parts words (pdfplumber's word gap, as pdf_fast's)
JOINED = 0.5            # pt: glyphs closer than this across a rule are one run drawn over it (pdf_fast's)


def _ruled_between(a, b, verticals: list[tuple[float, float, float]]) -> bool:
    """A vertical rule (x, top, bottom) between glyph a's centre and glyph b's, across their line."""
    left, right, mid = (a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2, (a.top + a.bottom) / 2
    for x, top, bottom in verticals[bisect_right(verticals, (left, inf, inf)):]:
        if x >= right:
            return False
        if top <= mid <= bottom:
            return True
    return False


def words(lines: list[list], verticals: list[tuple[float, float, float]], page: int,
          borderless: bool = False) -> tuple[list[Word], set[int]]:
    """The words of a page's glyph lines (each left to right), and the ids of those drawn across a
    rule. verticals: (x, top, bottom), sorted. Glyphs on either side of a rule are two words when a
    gap parts them; glyphs that abut across it (closer than JOINED) are one run of text drawn over
    the rule, one word whose cell would be a guess: the caller leaves it blank. borderless: a table
    printed without rules and padding sets a row's first value against its label's end (`禁止公开0`
    before `0 0 0`): a run that ends in digits after other text, followed by values, is cut there."""
    out: list[Word] = []
    across: set[int] = set()
    for line in lines:
        runs: list[tuple[list, bool]] = []
        run: list = []
        ruled = False
        for g in line:
            if run and g.text != " " and _ruled_between(run[-1], g, verticals):
                if g.x0 - run[-1].x1 >= JOINED:
                    runs.append((run, ruled))
                    run, ruled = [], False
                else:
                    ruled = True
            if run and (g.text == " " or g.x0 > run[-1].x1 + TOLERANCE):
                runs.append((run, ruled))
                run, ruled = [], False
            if g.text != " ":
                run.append(g)
        if run:
            runs.append((run, ruled))
        for k, (run, ruled) in enumerate(runs):
            texts = ["".join(g.text for g in r) for r, _ in runs[k + 1:]]
            cut = _label_end(run) if borderless and len(texts) >= 2 and all(map(is_value, texts)) else len(run)
            for part in (run[:cut], run[cut:]):
                if part:
                    word = Word("".join(g.text for g in part), min(g.x0 for g in part), max(g.x1 for g in part),
                                min(g.top for g in part), max(g.bottom for g in part), page)
                    out.append(word)
                    if ruled:
                        across.add(id(word))
    return out, across


def _label_end(run: list) -> int:
    """Where a run's trailing digits start, after an ideograph or a closing bracket (a label's end);
    the run's length if it has none."""
    cut = len(run)
    while cut and run[cut - 1].text.isdigit():
        cut -= 1
    return cut if 0 < cut < len(run) and (run[cut - 1].text >= "\u3000" or run[cut - 1].text in ")）") else len(run)
