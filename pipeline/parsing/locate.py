"""Find sections by their headings and rows by their labels in a token stream."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import spec
from .spec import Label
from .tokens import Stream


@lru_cache(maxsize=None)
def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@lru_cache(maxsize=None)
def _alternation(keys: tuple[str, ...]) -> re.Pattern:
    return _compile("|".join(f"(?:{k})" for k in keys))


def find_all(text: str, keys: tuple[str, ...], start: int = 0, end: int | None = None) -> list[int]:
    """Start offsets of the keys' matches (one pass; a match hides another key starting inside it)."""
    end = len(text) if end is None else end
    return [m.start() for m in _alternation(keys).finditer(text, start, end)]


def find_first(text: str, keys: tuple[str, ...], start: int = 0, end: int | None = None) -> int | None:
    m = _alternation(keys).search(text, start, len(text) if end is None else end)
    return m.start() if m else None


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


def find_sections(stream: Stream) -> Sections:
    """Headings are found numbered first ("二、主动公开政府信息情况"): the same words also occur
    in the introduction ("本报告由“主动公开政府信息情况”…组成"), which is not the section."""
    text = stream.text

    def heading(numeral: str, pattern: str, after: int | None) -> int | None:
        for form in (f"{numeral}[、.,]?(?:{pattern})", f"(?<!“)(?:{pattern})"):
            hits = find_all(text, (form,), after or 0)
            if hits:
                return hits[0]
        return None

    proactive = heading("二", spec.HEADING_PROACTIVE, None)
    applications = heading("三", spec.HEADING_APPLICATIONS, proactive)
    review = heading("四", spec.HEADING_REVIEW, applications or proactive)
    problems = heading("五", spec.HEADING_PROBLEMS, review or applications or proactive)
    return Sections(proactive, applications, review, problems, len(text))


def chain_labels(text: str, labels: tuple[Label, ...], start: int, end: int) -> dict[str, int]:
    """Locate labels that must appear in the given order: the longest in-order chain of matches.

    A generic key (e.g. 总计, also a column header) can occur several times; choosing the longest
    chain with increasing offsets picks the occurrence that fits the table's row order, and an
    absent row simply drops out instead of pulling its neighbours out of place.
    """
    cands = [find_all(text, lab.keys, start, end) for lab in labels]
    # best[(i, pos)] = (chain length ending at label i placed at pos, predecessor)
    best: dict[tuple[int, int], tuple[int, tuple[int, int] | None]] = {}
    for i, positions in enumerate(cands):
        for pos in positions:
            length, prev = 1, None
            for (j, pj), (lj, _) in best.items():
                if j < i and pj < pos and (lj + 1 > length or (lj + 1 == length and prev and pj < prev[1])):
                    length, prev = lj + 1, (j, pj)
            best[(i, pos)] = (length, prev)
    if not best:
        return {}
    node = min(best, key=lambda k: (-best[k][0], k[1]))
    found: dict[str, int] = {}
    while node is not None:
        found[labels[node[0]].code] = node[1]
        node = best[node][1]
    return found
