"""Find sections by their headings and rows by their labels in a token stream."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from itertools import product
from operator import itemgetter

from . import spec
from .tokens import Stream


def _keys_pattern(keys: tuple[str, ...]) -> re.Pattern:
    """A label's keys as one alternation: a match hides another key starting inside it."""
    return re.compile("|".join(f"(?:{k})" for k in keys))


def _plain(keys: tuple[str, ...]) -> bool:
    """Every key is a word, with nothing a regex would read as syntax."""
    return all(k and re.escape(k) == k for k in keys)


_PARENTHESISED = re.compile(r"(\([^()]*\))")


def _written_forms(label: str) -> set[str]:
    """A form label as reports write it (NFKC, as the text is): each parenthesised part, an
    optional word (（行政）规范性文件) or an enumerator ((七)总计), written, left out, or written
    without its brackets."""
    parts = _PARENTHESISED.split(unicodedata.normalize("NFKC", label))
    choices = [(p,) if i % 2 == 0 else (p, p[1:-1], "") for i, p in enumerate(parts)]
    return {"".join(pick) for pick in product(*choices)}


def _heads(label) -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    """Per key of the label: what its written forms put before the key, longest first."""
    heads = []
    for key in label.keys:
        found = (re.search(key, form) for form in _written_forms(label.label))
        before = {m.string[:m.start()] for m in found if m and m.start()}
        heads.append((re.compile(key), tuple(sorted(before, key=len, reverse=True))))
    return tuple(heads)


def _overlap(a: str, b: str) -> bool:
    """Whether matches of the words a and b could start at the same offset or b start inside a."""
    return a.startswith(b) or b.startswith(a) or any(
        a[q:].startswith(b) or b.startswith(a[q:]) for q in range(1, len(a)))


class LabelSet:
    """Labels (anything with regex ``keys``) compiled once, to find where each one matches.

    Each label's matches are those of a pass of its own (an alternation of its keys) over the
    span. Most keys are plain words, and one alternation of the words of many labels finds them
    in a single pass, several times faster than a pass per label: the regex engine skips ahead
    on the words' first characters. Such a shared pass gives each label the matches of its own
    pass as long as no word of one label can match where another label's word starts or inside
    its match; a label whose words could (上年结转 / 结转下年度) goes to another shared pass, and
    a label with a pattern key gets a pass of its own.
    """

    def __init__(self, labels: tuple) -> None:
        self.labels = labels
        shared_passes: list[dict[str, int]] = []    # per shared pass: word -> label index
        self._own: list[tuple[int, re.Pattern]] = []
        for i, label in enumerate(labels):
            if not _plain(label.keys):
                self._own.append((i, _keys_pattern(label.keys)))
                continue
            fits = (p for p in shared_passes if not any(_overlap(a, b) or _overlap(b, a)
                                                        for a in label.keys for b in p))
            shared = next(fits, None)
            if shared is None:
                shared = {}
                shared_passes.append(shared)
            shared.update(dict.fromkeys(label.keys, i))
        self._passes = [(re.compile("|".join(words)), words) for words in shared_passes]
        self._heads = [_heads(label) for label in labels]
        self._index = {label: i for i, label in enumerate(labels)}

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[list[int]]:
        """Per label, the start offsets of its matches in text[start:end], in order."""
        end = len(text) if end is None else end
        found: list[list[int]] = [[] for _ in self.labels]
        for pattern, label_of in self._passes:
            for m in pattern.finditer(text, start, end):
                found[label_of[m[0]]].append(m.start())
        for i, pattern in self._own:
            found[i] = [m.start() for m in pattern.finditer(text, start, end)]
        return found

    def first(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, object]]:
        """(offset, label) of each label found in text[start:end], at its first match, in text order."""
        found = [(hits[0], label) for hits, label in zip(self.find(text, start, end), self.labels) if hits]
        found.sort(key=itemgetter(0))
        return found

    def starts(self, text: str, found: list[tuple[int, object]], floor: int) -> list[tuple[int, object]]:
        """(offset, label) found in text order, each offset moved back from its key to where the
        label's text begins: a row whose label a line or page break cut holds its values between
        the label's first characters and its key (``行 0 0 0`` / ``政规范性文件``, ``(七) 69 …`` /
        ``总计``), and those values are the row's, not the row's above. The text before a key is
        taken as the label's only where it is the whole of what a written form of the label puts
        there, after the previous label's key (``floor`` for the first): the values of a row of
        its own stand before its next row's first character, and stay with it."""
        moved = []
        for pos, label in found:
            start = end = pos
            for key, heads in self._heads[self._index[label]]:
                if m := key.match(text, pos):
                    end = max(end, m.end())
                    # heads run longest first: the first written before the key begins the label
                    start = min(start, next((pos - len(h) for h in heads
                                             if pos - len(h) >= floor and text.startswith(h, pos - len(h))), pos))
            moved.append((start, label))
            floor = end
        return moved


@dataclass(frozen=True)
class Sections:
    """Offsets into Stream.text where each table starts; None when a table was not found.
    Section 四's value row is read from ``review_values`` (after its column headers) to
    ``review_end`` (the next heading: 五、存在的主要问题, or a table such as 五、信息处理费收取情况)."""
    proactive: int | None
    applications: int | None
    review: int | None
    problems: int | None
    end: int
    review_values: int | None = None
    review_end: int | None = None
    problems_drawn_early: bool = False      # a numbered 五 heading after 三, drawn before 四's

    @property
    def closed(self) -> bool:
        """Section 五 follows the tables: found after 四, or drawn before 四's heading (Chromium's
        PDFs of web pages: pdftotext's raw text keeps the drawing order, not the reading order)."""
        return self.problems is not None or self.problems_drawn_early

    def span(self, name: str) -> tuple[int, int] | None:
        if name == "review" and self.review_values is not None:
            return self.review_values, self.review_end
        order = ["proactive", "applications", "review", "problems"]
        start = getattr(self, name)
        if start is None:
            return None
        later = [getattr(self, n) for n in order[order.index(name) + 1:]]
        later = [p for p in later if p is not None and p > start]
        return start, (min(later) if later else self.end)


# Any numbering: reports renumber sections (三、主动公开…), repeat a numeral (三三、) or drop it.
_NUMERAL = "[一二三四五六七八九十]{1,3}[、.,]?"
_NUMBERED = {name: re.compile(f"{_NUMERAL}(?:{pattern})") for name, pattern in (
    ("applications", spec.HEADING_APPLICATIONS), ("review", spec.HEADING_REVIEW_NUMBERED),
    ("problems", spec.HEADING_PROBLEMS))}
_UNNUMBERED = {name: re.compile(f"(?<!“)(?:{pattern})") for name, pattern in (
    ("applications", spec.HEADING_APPLICATIONS), ("review", spec.HEADING_REVIEW),
    ("problems", spec.HEADING_PROBLEMS))}
_PROACTIVE_HEADING = re.compile(f"{_NUMERAL}(?:{spec.HEADING_PROACTIVE})")
_CLAUSE = re.compile(spec.CLAUSE_HEADER)
_APPLICANT_HEADER = re.compile(spec.APPLICANT_HEADER)
_REVIEW_HEADER = re.compile(spec.REVIEW_HEADER)
_NEXT_HEADING = re.compile(_NUMERAL.replace("?", ""))


def _at(pattern: re.Pattern, text: str, after: int | None, before: int | None = None) -> int | None:
    m = pattern.search(text, after or 0, len(text) if before is None else before)
    return m.start() if m else None


def _earliest(*offsets: int | None) -> int | None:
    found = [p for p in offsets if p is not None]
    return min(found) if found else None


def _review_header(stream: Stream, after: int) -> re.Match | None:
    """Section 四's column headers: label text only, so narrative with counts in it
    ("行政复议1件，结果维持1件") is not taken for them."""
    m = _REVIEW_HEADER.search(stream.text, after)
    while m and stream.between(m.start(), m.end() - 1):
        m = _REVIEW_HEADER.search(stream.text, m.start() + 1)
    return m


def review_heading_end(text: str, at: int) -> int | None:
    """Where section 四's numbered heading that starts at `at` ends, its line's 情况 with it; None
    where no such heading starts there."""
    m = _NUMBERED["review"].match(text, at)
    return m.end() + 2 if m and text.startswith("情况", m.end()) else m and m.end()


def find_sections(stream: Stream) -> Sections:
    """Each table is found by what it holds: section 二 by its clause headers (第二十条第（一）项),
    section 三 by its applicant column headers, section 四 by its result column headers. A
    heading is a hint only: the numbering varies (二、 三、 三三、 or none), reports renumber and
    reword sections, and an unknown heading must not hide the table under it. A numbered heading
    that is found starts its section (narrative under it, with its own numbers, is then not read
    as the previous table's cells); an unnumbered one only when the table itself is not found:
    the same words also occur in the introduction ("本报告由“主动公开政府信息情况”…组成")."""
    text = stream.text
    proactive = _at(_CLAUSE, text, None)
    if proactive is None:
        proactive = _at(_PROACTIVE_HEADING, text, None)
    applications = _at(_NUMBERED["applications"], text, proactive)
    if applications is None:
        applications = _earliest(_at(_APPLICANT_HEADER, text, proactive),
                                 _at(_UNNUMBERED["applications"], text, proactive))
    after = (applications if applications is not None else proactive) or 0
    header = _review_header(stream, after)
    before = header.start() if header else len(text)
    heading = _NUMBERED["review"].search(text, after, before) or _UNNUMBERED["review"].search(text, after, before)
    review = _earliest(heading and heading.start(), header and header.start())
    values = header.end() if header else heading and heading.end()
    problems = _at(_NUMBERED["problems"], text, values if values is not None else after)
    if problems is None:
        problems = _at(_UNNUMBERED["problems"], text, values if values is not None else after)
    review_end = _earliest(_at(_NEXT_HEADING, text, values), problems) if values is not None else None
    early = problems is None and review is not None and _at(_NUMBERED["problems"], text, after, review) is not None
    return Sections(proactive, applications, review, problems, len(text), values,
                    review_end if review_end is not None else len(text), early)


def chain_labels(text: str, labels: LabelSet, start: int, end: int) -> dict[str, int]:
    """Locate labels that must appear in the given order: the longest in-order chain of matches.

    A generic key (e.g. 总计, also a column header) can occur several times; choosing the longest
    chain with increasing offsets picks the occurrence that fits the table's row order, and an
    absent row simply drops out instead of pulling its neighbours out of place.

    Each offset is where the label's text begins (LabelSet.starts), which may be before its key.

    Ties go to the earliest offsets: a match extends, among the chains of earlier labels that
    end before it, a longest one ending earliest (the earlier label on equal offsets), and the
    chain returned is a longest one ending earliest. For that, ``tails[k]`` keeps the chain of
    k+1 labels ending earliest; their end offsets increase with k, so a match extends the chain
    found by bisection (the patience method for a longest increasing subsequence), in
    O(n log n) for n matches. Returns code -> offset, in offset order.
    """
    # A chain has a label at most once. ends[k] past every match: no chain of k+1 labels yet.
    none_yet = end + 1
    tails: list[tuple | None] = [None] * len(labels.labels)   # (offset, label index, previous node)
    ends = [none_yet] * len(labels.labels)
    for i, offsets in enumerate(labels.find(text, start, end)):
        # A label's matches from the last: the tail a match sets ends after the label's earlier
        # matches, so those still extend earlier labels' chains only.
        for pos in reversed(offsets):
            k = bisect_left(ends, pos)
            if pos < ends[k]:
                tails[k] = (pos, i, tails[k - 1] if k else None)
                ends[k] = pos
    longest = bisect_left(ends, none_yet)
    node = tails[longest - 1] if longest else None
    chain: list[tuple[int, object]] = []
    while node is not None:
        chain.append((node[0], labels.labels[node[1]]))
        node = node[2]
    return {label.code: pos for pos, label in labels.starts(text, chain[::-1], start)}
