"""Narrow the cuts of glued section 三 rows with the identities between rows.

Per applicant column: received_new + carried_over = outcome_total + carried_forward, and
outcome_total = the sum of the outcome rows. A row's cut survives only if, in every column, its
value can be completed to a true identity by some cut of each other row in it. Columns are checked
one at a time, a relaxation of the joint problem: it never drops a cut that belongs to a table
that keeps its identities, so whatever single cut remains is the table's own.

Then every identity is verified: where no choice of cuts satisfies a column's identity, the cuts
are not the table's (a blank cell the crawler dropped shifts a row's digits, and a shifted cut can
still add up to the row total: 12|15 and 1|21|5 both make 27), or the source breaks the identity.
Either way the glued cells of that column are reported as doubtful, and left NULL by the caller.
What this cannot catch: a source that breaks an identity by exactly what a wrong cut makes up.
"""
from __future__ import annotations

from decimal import Decimal

from . import spec

MAX_SUMS = 4096     # a column whose reachable sums grow past this is not used to narrow
Equation = tuple[tuple[str, int], ...]   # (row code, coefficient); the signed sum is 0


def column_equations(present) -> list[Equation]:
    eqs: list[Equation] = []
    balance = (("received_new", 1), ("carried_over", 1), ("outcome_total", -1), ("carried_forward", -1))
    if all(code in present for code, _ in balance):
        eqs.append(balance)
    outcomes = spec.outcome_rows(present)
    if "outcome_total" in present and outcomes:
        eqs.append((("outcome_total", 1), *((r, -1) for r in outcomes)))
    return eqs


def _sums(values: dict[str, list[set]], terms: list[tuple[str, int]], col: int) -> set[Decimal] | None:
    """Every value the terms can add up to in this column (values: per row, per column the
    values its cuts give the cell); None when unknown (a blank, a row not read) or too many.
    A row with one value in the column only shifts the sums: those are added up apart from
    the rows with several (the number of sums is the same)."""
    shift = Decimal(0)
    sums: set[Decimal] | None = None
    for code, coef in terms:
        if code not in values:
            return None
        column = values[code][col]
        if len(column) == 1:
            (v,) = column
            if v is None:
                return None
            shift += v if coef == 1 else coef * v
            continue
        if None in column:
            return None
        sums = {coef * v for v in column} if sums is None else {s + coef * v for s in sums for v in column}
        if len(sums) > MAX_SUMS:
            return None
    return {shift} if sums is None else {s + shift for s in sums}


def _columns(cuts: list[tuple], width: int) -> list[set]:
    """Per column, the values the cuts give the cell."""
    if len(cuts) == 1:
        return [{v} for v in cuts[0]]
    return [{cut[col] for cut in cuts} for col in range(width)]


def narrow(rows: dict[str, list[tuple]], width: int,
           table_rows) -> tuple[dict[str, list[tuple]], set[tuple[str, int]]]:
    """rows: code -> its candidate cells (one tuple for a row read as written), for the rows of
    the table (`table_rows`) whose cells are known up to the choice of a cut. Returns the narrowed
    cuts and the doubtful (row, column) cells: those in a column identity no choice satisfies."""
    cands = {code: list(cuts) for code, cuts in rows.items()}
    values = {code: _columns(cuts, width) for code, cuts in cands.items()}
    equations = column_equations(table_rows)
    changed = True
    while changed:
        changed = False
        for eq in equations:
            for col in range(width):
                for code, coef in eq:
                    # cuts that agree on the column are all kept or all dropped: nothing to narrow
                    if len(cands.get(code, ())) < 2 or len(values[code][col]) < 2:
                        continue
                    sums = _sums(values, [t for t in eq if t[0] != code], col)
                    if sums is None:
                        continue
                    kept = [cut for cut in cands[code] if cut[col] is None or -coef * cut[col] in sums]
                    if kept and len(kept) < len(cands[code]):    # none kept: doubtful, below
                        cands[code], values[code], changed = kept, _columns(kept, width), True
    doubtful = set()
    for eq in equations:
        for col in range(width):
            sums = _sums(values, list(eq), col)
            if sums is not None and Decimal(0) not in sums:
                doubtful.update((code, col) for code, _ in eq)
    return cands, doubtful
