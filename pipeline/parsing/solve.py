"""Put a row's value tokens into its cells, using the table's own arithmetic when tokens are missing.

A row with exactly as many tokens as columns is read as written. A row with fewer tokens (a blank
cell lost by the layout) is solved: every placement of the tokens into the columns, in order, is
tried; a missing cell is derived only where the identities force it (an upper bound of 0 from the
column's inflow, or a row total with one unknown part). A cell is filled only when every feasible
placement gives it the same value; otherwise it stays NULL and the row is flagged. Never a guess.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

MAX_PLACEMENTS = 5000
_UNKNOWN = object()


@dataclass(frozen=True)
class SumGroup:
    """cells[total] == sum(cells[p] for p in parts)"""
    total: int
    parts: tuple[int, ...]


@dataclass
class RowResult:
    values: list[Decimal | None]
    status: str = "read"   # read | recovered | split | ambiguous | capped | contradicted | mismatch
    candidates: int = 1
    cuts: tuple[tuple, ...] = ()  # glued rows: some of the cuts that fit, for the flag


def _complete(cells: list, groups: tuple[SumGroup, ...], bounds: list[Decimal | None]) -> list | None:
    """Derive what the identities force; None when the placement contradicts them."""
    for i, v in enumerate(cells):
        if v is _UNKNOWN and bounds[i] == 0:
            cells[i] = Decimal(0)
    changed = True
    while changed:
        changed = False
        for g in groups:
            members = (g.total, *g.parts)
            unknown = [i for i in members if cells[i] is _UNKNOWN]
            if len(unknown) != 1 or any(cells[i] is None for i in members):
                continue
            i = unknown[0]
            parts_sum = sum(cells[p] for p in g.parts if p != i)
            cells[i] = parts_sum if i == g.total else cells[g.total] - parts_sum
            changed = True
    for i, v in enumerate(cells):
        if v is _UNKNOWN or v is None:
            continue
        if v < 0 or (bounds[i] is not None and v > bounds[i]):
            return None
    for g in groups:
        vals = [cells[i] for i in (g.total, *g.parts)]
        if all(isinstance(v, Decimal) for v in vals) and vals[0] != sum(vals[1:]):
            return None
    return cells


def place_row(tokens: list[Decimal | None], width: int, groups: tuple[SumGroup, ...] = (),
              bounds: list[Decimal | None] | None = None) -> RowResult:
    """Assign tokens (None = explicit blank) to `width` cells."""
    if len(tokens) == width:
        return RowResult(list(tokens))
    if len(tokens) > width or not tokens and not bounds:
        return RowResult([None] * width, "mismatch", 0)
    bounds = bounds or [None] * width
    feasible: list[list] = []
    for n, positions in enumerate(combinations(range(width), len(tokens))):
        if n >= MAX_PLACEMENTS:
            return RowResult([None] * width, "ambiguous", n)
        cells: list = [_UNKNOWN] * width
        for pos, tok in zip(positions, tokens):
            cells[pos] = tok
        done = _complete(cells, groups, bounds)
        if done is not None:
            feasible.append(done)
    if not feasible:
        return RowResult([None] * width, "mismatch", 0)
    values = agree(feasible, width)
    status = "recovered" if all(v is not None for v in values) else "ambiguous"
    return RowResult(values, status, len(feasible))


def agree(fillings: list, width: int) -> list[Decimal | None]:
    """Per cell, the value that every feasible filling gives it; None where they differ."""
    values: list[Decimal | None] = []
    for i in range(width):
        seen = {f[i] for f in fillings}
        v = seen.pop() if len(seen) == 1 else None
        values.append(v if isinstance(v, Decimal) else None)
    return values
