"""Cut glued digit runs back into cells.

A crawler that drops the tags of a table row leaves ``本年新收政府信息公开申请数量640020470``:
seven cells in one run of digits. Every way to cut the runs into exactly as many numbers as the
row has columns is tried (no leading zeros, a sign only at the start of a run and only in a signed
column; a crawl may also have dropped an empty cell without a trace, so a few cells may be left
blank without a character of their own) and a cut is kept only when it satisfies the row's own
sums, a blank adding nothing, and bounds. The caller narrows the cuts further with the identities
between rows and loads a cell only where every surviving cut agrees.

The search runs from the right: in both national templates a total stands right of its parts, so
a group's total is cut first and its parts are then cut within what is left of it. It stops after
MAX_NODES pieces tried and then reports the row as capped (ambiguous), never as solved.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .solve import RowResult, SumGroup, agree

MAX_NODES = 50_000
MAX_VANISHED = 2      # blank cells a crawl may have dropped from one row without a trace
SHOWN_CUTS = 3        # cuts quoted in an ambiguous_cells flag
_PIECE = re.compile(r"[+-]?(?:0|[1-9]\d*)(?:\.\d+)?")
_RUN = re.compile(r"[+-]?\d+(?:\.\d+)?")
_LEADING_ZERO = re.compile(r"[+-]?0\d")

Cells = tuple[Decimal | None, ...]


@dataclass
class Splits:
    candidates: list[Cells]
    capped: bool = False


def _digits(raw: str | None) -> int:
    return sum(ch.isdigit() for ch in raw) if raw and _RUN.fullmatch(raw) else 0


def leading_zero(raws: list[str | None]) -> bool:
    """A run such as ``0000000`` or ``0120`` is no single number: cells were glued."""
    return any(r and _LEADING_ZERO.match(r) for r in raws)


def looks_glued(raws: list[str | None], width: int) -> bool:
    """Evidence that a short row of sections 三/四 is glued rather than missing cells: a leading
    zero, or one run with a digit for every column and at least seven (no count in these tables
    reaches a million, so such a run is several cells)."""
    if len(raws) >= width:
        return False
    return leading_zero(raws) or len(raws) == 1 and _digits(raws[0]) >= max(width, 7)


Piece = tuple[int, Decimal, bool]     # where a number starts in its run, its value, whether signed


@lru_cache(maxsize=4096)
def _pieces(raw: str) -> tuple[int, tuple[tuple[Piece, ...], ...]] | None:
    """A run of digits: its digit count, and per end offset the numbers that end there, the
    longest last. None for an atom (a blank, a formatted number). Cached: the same runs (0, 00,
    0000000) recur in every glued report."""
    if not _RUN.fullmatch(raw):
        return None
    by_end: list[tuple[Piece, ...]] = []
    for end in range(len(raw) + 1):
        ending = []
        for start in range(end - 1, -1, -1):
            if _PIECE.fullmatch(piece := raw[start:end]):
                value = Decimal(piece)
                ending.append((start, value, piece[0] in "+-" or value < 0))
        by_end.append(tuple(ending))
    return _digits(raw), tuple(by_end)


@lru_cache(maxsize=256)
def _checks(groups: tuple[SumGroup, ...], width: int) -> tuple[tuple[tuple[int, tuple[int, ...], bool], ...], ...]:
    """Per cell c, the sums to check once cells >= c are filled: (total, parts >= c, all filled)."""
    return tuple(tuple((g.total, tuple(i for i in g.parts if i >= c), min(g.total, *g.parts) >= c)
                       for g in groups if c in (g.total, *g.parts) and g.total >= c)
                 for c in range(width))


class _Stop(Exception):
    """The search has tried MAX_NODES pieces, or found as many cuts as it was asked for."""


class _Search:
    def __init__(self, raws: list[str | None], values: list[Decimal | None], width: int,
                 groups: tuple[SumGroup, ...], bounds: list[Decimal | None], signed: frozenset[int],
                 vanished: int, enough: int | None = None):
        # A blank ("/") or a formatted number ("1,234") is one cell; a run may be cut.
        runs = [_pieces(r) if r else None for r in raws]
        self.pieces = [run and run[1] for run in runs]
        self.values = values
        self.width = width
        self.bounds = bounds
        self.signed = signed
        self.vanished = vanished
        self.checks = _checks(tuple(groups), width)
        self.room = [0]                       # room[t]: most cells tokens 0..t-1 can fill
        for run in runs:
            self.room.append(self.room[-1] + (run[0] if run else 1))
        self.cells: list[Decimal | None] = [None] * width
        self.found: list[Cells] = []
        self.nodes = 0
        self.enough = enough or -1    # stop once this many cuts are found
        # With no sums and no bounds, whether cells 0..c can be filled from a point of the text
        # does not depend on the cells right of c: a point that gave no cut once gives none again.
        self.dead: set[tuple] | None = set() if not groups and all(b is None for b in bounds) else None

    def run(self) -> Splits:
        try:
            self._cut(len(self.pieces) - 1, None, self.width - 1, self.vanished)
        except _Stop:
            pass
        return Splits(list(dict.fromkeys(self.found)), self.nodes > MAX_NODES)

    def _cut(self, t: int, end: int | None, c: int, vanished: int) -> None:
        """Fill cell c (and those left of it) from token t, whose text ends at `end` (None: whole),
        with at most `vanished` cells left blank without a character of their own."""
        if self.nodes > MAX_NODES:
            raise _Stop
        if c < 0:
            if t < 0:
                self.found.append(tuple(self.cells))
                if len(self.found) == self.enough:
                    raise _Stop
            return
        dead = self.dead
        if dead is not None:
            point = (t, end, c, vanished)
            if point in dead:
                return
            found = len(self.found)
        cells, signed, bound = self.cells, self.signed, self.bounds[c]
        for value, sign, t_left, end_left, vanished_left in self._fillings(t, end, c, vanished):
            self.nodes += 1
            if value is not None and (sign and c not in signed or bound is not None and value > bound):
                continue
            cells[c] = value
            for total, parts, done in self.checks[c]:
                # With cells >= c filled: parts never exceed a known total; a full group must add
                # up. A blank adds nothing: unchecked, a cut could hide a wrong sum in a blank.
                have = sum(cells[i] or 0 for i in parts)
                if have != (cells[total] or 0) if done else have > (cells[total] or 0):
                    break
            else:
                self._cut(t_left, end_left, c - 1, vanished_left)
            cells[c] = None
        if dead is not None and len(self.found) == found:
            dead.add(point)

    def _fillings(self, t: int, end: int | None, c: int, vanished: int) -> list[tuple]:
        """Every way to fill cell c from this point of the text: (value, signed, and the point
        the cells left of it start from)."""
        fillings: list[tuple] = [(None, False, t, end, vanished - 1)] if vanished else []
        if t < 0:
            return fillings
        pieces = self.pieces[t]
        if pieces is None:                    # an atom fills one cell whole
            value = self.values[t]
            fillings.append((value, value is not None and value < 0, t - 1, None, vanished))
            return fillings
        # Every token left needs a cell of its own, and fills at most one per character.
        least = c - vanished - self.room[t]
        for start, value, sign in pieces[-1 if end is None else end]:
            if start < least:
                break
            if start:
                if t < c:
                    fillings.append((value, sign, t, start, vanished))
            elif t <= c:
                fillings.append((value, sign, t - 1, None, vanished))
        return fillings


def split_row(raws: list[str | None], values: list[Decimal | None], width: int,
              groups: tuple[SumGroup, ...] = (), bounds: list[Decimal | None] | None = None,
              signed: frozenset[int] = frozenset(), vanished: int = MAX_VANISHED) -> Splits:
    """All cuts of the row's tokens (raw text, parsed value; None for a blank) into `width` cells,
    up to `vanished` of them blank cells that the crawler dropped without a trace."""
    splits = _split_row(tuple(raws), tuple(values), width, groups, tuple(bounds or [None] * width), signed, vanished)
    return Splits(list(splits.candidates), splits.capped)


@lru_cache(maxsize=4096)
def _split_row(raws: tuple, values: tuple, width: int, groups: tuple[SumGroup, ...], bounds: tuple,
               signed: frozenset[int], vanished: int) -> Splits:
    """split_row, cached: glued rows (0000000, 1000001) recur from report to report."""
    return _Search(raws, values, width, groups, bounds, signed, vanished).run()


def written_cut(raws: list[str | None], values: list[Decimal | None], width: int,
                groups: tuple[SumGroup, ...] = (), signed: frozenset[int] = frozenset()) -> Cells | None:
    """The row's cells when its writing fixes them, whatever the other rows say: a run with one
    cut only (``0000000``, ``00 0 0 00 0``), or one character per cell (``2000002``) that keeps the
    row's own sums. A crawl that dropped a blank leaves a digit that belongs to no cell of its own
    there, and no such reading adds up (the dropped blank's digit would have to be worth both its
    tens and its units). Such a row is what the report wrote, which no identity between rows may
    overrule. None when the writing allows more than one reading."""
    return _written_cut(tuple(raws), tuple(values), width, groups, signed)


@lru_cache(maxsize=4096)
def _written_cut(raws: tuple, values: tuple, width: int, groups: tuple[SumGroup, ...],
                 signed: frozenset[int]) -> Cells | None:
    """written_cut, cached as split_row is."""
    search = _Search(raws, values, width, (), (None,) * width, signed, MAX_VANISHED, enough=2)
    splits = search.run()
    if len(search.found) == 1 and not splits.capped:
        return search.found[0]
    if sum(_digits(r) if r and _RUN.fullmatch(r) else 1 for r in raws) == width:
        splits = split_row(raws, values, width, groups, signed=signed, vanished=0)
        if len(splits.candidates) == 1:
            return splits.candidates[0]
    return None


def resolve(splits: Splits, width: int) -> RowResult:
    """The row's cells from its surviving cuts: a cell is known only where all cuts agree."""
    found = splits.candidates
    if splits.capped:       # cuts not yet tried may disagree with every one found
        return RowResult([None] * width, "capped", len(found), tuple(found[:SHOWN_CUTS]))
    if not found:
        return RowResult([None] * width, "mismatch", 0)
    status = "split" if len(found) == 1 else "ambiguous"
    return RowResult(agree(found, width), status, len(found), tuple(found[:SHOWN_CUTS]))


def distrust(res: RowResult, cols: list[int]) -> RowResult:
    """The row's cells in `cols` break a column identity with every cut: NULL, not the cut's."""
    values = [None if c in cols else v for c, v in enumerate(res.values)]
    return RowResult(values, "contradicted", res.candidates, res.cuts)
