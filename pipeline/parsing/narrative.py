"""Numbers the narrative states against the table cells they name: a mismatch is flagged, never fixed.

Only sentence shapes that name one table quantity are read (共收到政府信息公开申请N件 is the
received total, 结转下年度N件 the carried-forward total, …), and only when nothing in the
sentence suggests another scope or another year: a 全市/全县 total may cover bodies the table does
not, a sentence that names another year or compares with last year may state last year's number.
A sentence that is skipped raises nothing; only a clear disagreement is a `narrative_mismatch`.

The check is linear in the text, however long a "sentence" runs (a page without full stops): a
number is matched only from the start of its run of digits, and what precedes each number is
looked up in marks found in one pass over its sentence (_Before).
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from . import spec
from .flags import Flag

Cells = dict[str, dict[str, Decimal | None]]
# a number starts where its run of digits starts: tried from inside the run, each position would
# rescan the rest of it (quadratic in a long run)
_NUMBER = r"(?<![\d,])(\d[\d,]*)"
_N = _NUMBER + r"\s*件"
_COUNT = _NUMBER + r"\s*[件条]"            # an application count: 件, sometimes 条
_CASES = _NUMBER + r"\s*[件起]"            # a review or lawsuit count: 件 or 起
_APPLICATION = r"(?:(?:政府信息公开|信息公开|公开)申请|依申请公开(?:申请)?)"
_SCOPE = re.compile(r"全[省市州盟县区旗镇乡委局]|各级|各部门|各单位|系统|下属|所属|直属")
_OTHER_TIME = re.compile(r"上年|去年|上一年|同比|较|比|累计|以来|历年|其中")
_YEAR = re.compile(r"(\d{4})年")
_SENTENCES = re.compile(r"[。；;!?！？]")
_STATED = re.compile(r"\d[件条起]")       # a sentence worth reading states a count
_COMMA = re.compile(r"[，,]")
_SCOPE_AT, _OTHER_TIME_AT = (re.compile(f"(?=({words.pattern}))") for words in (_SCOPE, _OTHER_TIME))   # _words_at


@dataclass(frozen=True)
class Claim:
    """A sentence shape and the table quantity it names (one or more readings that all count as agreement)."""
    name: str
    pattern: re.Pattern
    readings: Callable[[Cells, Cells], list[Decimal | None]]
    about_last_year: bool = False      # the claim itself names last year (上年结转): no time guard


def _total(cells: Cells, row: str) -> Decimal | None:
    return cells.get(row, {}).get("total")


def _sum(values) -> Decimal | None:
    values = list(values)
    return None if not values or None in values else sum(values)


def _received(app: Cells, _: Cells) -> list[Decimal | None]:
    """收到申请N件 may or may not count last year's carried-over applications: either reading agrees."""
    new, old = _total(app, "received_new"), _total(app, "carried_over")
    return [new, _sum([new, old]) if old else None]


def _group(prefix: str) -> Callable[[Cells, Cells], list[Decimal | None]]:
    """A group of outcome rows (（三）不予公开 = the denied_* rows): their total-column sum, known only
    when the table has every row of the group (an absent row is unknown, not 0)."""
    rows = [r.code for r in spec.APPLICATION_ROWS if r.code.startswith(prefix)]
    return lambda app, _: [_sum(_total(app, r) for r in rows) if all(r in app for r in rows) else None]


def _litigation(_: Cells, review: Cells) -> list[Decimal | None]:
    parts = [review.get(p, {}).get("total") for p in ("litigation_direct", "litigation_after_review")]
    return [_sum(parts)] if review else [None]


def _row(row: str) -> Callable[[Cells, Cells], list[Decimal | None]]:
    return lambda app, _: [_total(app, row)]


CLAIMS: tuple[Claim, ...] = (
    Claim("received", re.compile(r"(?:收到|受理|接收|接到|新收)[^，,。；;、：:（）()]{0,16}?" + _APPLICATION
                                 + r"(?:共计|共|合计|总计)?[:：]?" + _COUNT), _received),
    Claim("carried_over", re.compile(r"上一?年度?结转(?:的)?(?:政府信息公开)?(?:申请)?[:：]?" + _N),
          _row("carried_over"), about_last_year=True),
    Claim("carried_forward", re.compile(r"结转(?:至|到)?下一?年度?(?:继续办理|办理)?(?:的)?(?:申请)?[:：]?" + _N
                                        + r"|" + _N + r"(?:申请)?(?:结转|顺延)(?:至|到)下一?年度?"),
          _row("carried_forward")),
    Claim("answered", re.compile(r"(?:办结|答复|办理完毕)(?:申请)?(?:共计|共)?[:：]?" + _N), _row("outcome_total")),
    Claim("granted", re.compile(r"(?<![不分])(?:予以|同意)公开(?:的)?[:：]?" + _N), _row("granted")),
    Claim("partially_granted", re.compile(r"(?:部分公开|区分处理后公开)(?:的)?[:：]?" + _N),
          _row("partially_granted")),
    Claim("denied", re.compile(r"不予公开(?:的)?[:：]?" + _N), _group("denied_")),
    Claim("unavailable", re.compile(r"无法提供(?:的)?[:：]?" + _N), _group("unavailable_")),
    Claim("review", re.compile(r"行政复议(?:案件|申请)?(?:共计|共)?[:：]?" + _CASES),
          lambda _, review: [review.get("review", {}).get("total")]),
    Claim("litigation", re.compile(r"行政诉讼(?:案件)?(?:共计|共)?[:：]?" + _CASES), _litigation),
)


def _sentences(text: str) -> list[str]:
    """Narrative sentences that state a count, whitespace removed (a PDF wraps lines mid-word).
    A table row (TAB-separated cells, or columns aligned with runs of spaces) is a break."""
    lines = ["。" if "\t" in line or "  " in line.strip() else line for line in text.split("\n")]
    # str.split() and the regex \s split on the same (Unicode) whitespace; split is faster.
    return [s for s in _SENTENCES.split("".join("".join(lines).split())) if _STATED.search(s)]


def _words_at(words_at: re.Pattern, sentence: str) -> tuple[list[int], list[int]]:
    """(start, end) of the word found at each position, as two lists (no two words start alike);
    words_at: the words' pattern as a lookahead, (?=(words))."""
    found = [(m.start(), m.start() + len(m.group(1))) for m in words_at.finditer(sentence)]
    return [a for a, _ in found], [b for _, b in found]


class _Before:
    """Whether the words before a number suggest another scope or another year, from marks found in
    one pass over the sentence (searching each number's prefix again was quadratic in its length)."""

    def __init__(self, sentence: str, year: int | None):
        self.scope_end = min(_words_at(_SCOPE_AT, sentence)[1], default=math.inf)
        self.year_end = next((m.end() for m in _YEAR.finditer(sentence) if int(m.group(1)) != year), math.inf)
        self.commas = [m.start() for m in _COMMA.finditer(sentence)]
        self.time_starts, ends = _words_at(_OTHER_TIME_AT, sentence)
        self.time_end_from = list(accumulate(reversed(ends), min))[::-1]   # the first end of a word from here on

    def guarded(self, start: int, claim: Claim) -> bool:
        """True when the words before `start` suggest another scope or another year; for a claim not
        about last year, also a word of another time in its clause (after the last comma)."""
        if self.scope_end <= start or self.year_end <= start:
            return True
        if claim.about_last_year:
            return False
        comma = bisect_left(self.commas, start)
        clause = self.commas[comma - 1] + 1 if comma else 0
        k = bisect_left(self.time_starts, clause)
        return k < len(self.time_starts) and self.time_end_from[k] <= start


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f")


def check_narrative(text: str, application: Cells, review: Cells, year: int | None) -> list[Flag]:
    """One `narrative_mismatch` warning per stated number that agrees with no reading of its cell."""
    if not application and not review:
        return []
    flags = []
    for sentence in _sentences(text):
        before = None       # its marks, found once a stated number disagrees (most agree)
        for claim in CLAIMS:
            for m in claim.pattern.finditer(sentence):
                stated = Decimal(next(g for g in m.groups() if g).replace(",", ""))
                readings = [r for r in claim.readings(application, review) if r is not None]
                if not readings or stated in readings:
                    continue
                before = before or _Before(sentence, year)
                if before.guarded(m.start(), claim):
                    continue
                table = " or ".join(_fmt(r) for r in readings)
                flags.append(Flag("narrative_mismatch", f"the text states {claim.name} {_fmt(stated)} but the "
                                  f"table says {table}: “{sentence[:160]}”"))
    return flags
