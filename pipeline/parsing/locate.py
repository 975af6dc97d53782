"""Find sections by their headings and rows by their labels in a token stream."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from operator import itemgetter

from . import spec
from .tokens import Stream


def _keys_pattern(keys: tuple[str, ...]) -> re.Pattern:
    """A label's keys as one alternation: a match hides another key starting inside it."""
    return re.compile("|".join(f"(?:{k})" for k in keys))


def _plain(keys: tuple[str, ...]) -> bool:
    """Every key is a word, with nothing a regex would read as syntax."""
    return all(k and re.escape(k) == k for k in keys)


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


@dataclass(frozen=True)
class Sections:
    """Offsets into Stream.text; None when a section's heading was not found."""
    proactive: int | None
    applications: int | None
    review: int | None
    problems: int | None
    end: int

    def span(self, name: str) -> tuple[int, int] | None:
        order = ["proactive", "applications", "review", "problems"]
        start = getattr(self, name)
        if start is None:
            return None
        later = [getattr(self, n) for n in order[order.index(name) + 1:]]
        later = [p for p in later if p is not None and p > start]
        return start, (min(later) if later else self.end)


def _heading_forms(numeral: str, pattern: str) -> tuple[re.Pattern, re.Pattern]:
    return re.compile(f"{numeral}[、.,]?(?:{pattern})"), re.compile(f"(?<!“)(?:{pattern})")


_HEADINGS = {
    "proactive": _heading_forms("二", spec.HEADING_PROACTIVE),
    "applications": _heading_forms("三", spec.HEADING_APPLICATIONS),
    "review": _heading_forms("四", spec.HEADING_REVIEW),
    "problems": _heading_forms("五", spec.HEADING_PROBLEMS),
}


def _heading(text: str, name: str, after: int | None) -> int | None:
    for form in _HEADINGS[name]:
        m = form.search(text, after or 0)
        if m:
            return m.start()
    return None


def find_sections(stream: Stream) -> Sections:
    """Headings are found numbered first ("二、主动公开政府信息情况"): the same words also occur
    in the introduction ("本报告由“主动公开政府信息情况”…组成"), which is not the section."""
    text = stream.text
    proactive = _heading(text, "proactive", None)
    applications = _heading(text, "applications", proactive)
    review = _heading(text, "review", applications or proactive)
    problems = _heading(text, "problems", review or applications or proactive)
    return Sections(proactive, applications, review, problems, len(text))


def chain_labels(text: str, labels: LabelSet, start: int, end: int) -> dict[str, int]:
    """Locate labels that must appear in the given order: the longest in-order chain of matches.

    A generic key (e.g. 总计, also a column header) can occur several times; choosing the longest
    chain with increasing offsets picks the occurrence that fits the table's row order, and an
    absent row simply drops out instead of pulling its neighbours out of place.

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
    chain: dict[str, int] = {}
    while node is not None:
        chain[labels.labels[node[1]].code] = node[0]
        node = node[2]
    return dict(reversed(chain.items()))
