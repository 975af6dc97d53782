"""The accounting identities of CONTRACT.md, evaluated on what was read. They flag; they never fix.

Each identity is evaluated where every cell of it was read, and is returned either way (Identity):
the flags are the ones that broke; vouch.py also needs the ones that held, to load OCR'd cells."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from operator import itemgetter
from typing import NamedTuple

from . import spec
from .flags import Flag

_applicant_parts = itemgetter(*spec.APPLICANT_PARTS)
_REVIEW_PARTS = ("upheld", "corrected", "other", "pending")
_REVIEW_COLUMNS = ("total", *_REVIEW_PARTS)
_ROW_COLUMNS = ("total", *spec.APPLICANT_PARTS)
_BALANCE_ROWS = ("received_new", "carried_over", "outcome_total", "carried_forward")
CellKey = tuple[str, str, str]      # (section, row, column), as ParsedReport names them


class Identity(NamedTuple):
    """An identity over the cells rows x columns of a section; a named tuple, as every report
    evaluates dozens of them (their cells are listed only when asked)."""
    rule: str
    section: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    held: bool | None       # None: a cell is missing, so the identity was not evaluated
    detail: str = ""        # how it broke

    @property
    def cells(self) -> tuple[CellKey, ...]:
        return tuple((self.section, row, col) for row in self.rows for col in self.columns)

    def flag(self) -> Flag:
        return Flag(self.rule, self.detail, cells=self.cells)


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral() else str(v)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    """The values' sum; None when one is missing (None does not add). Not ``None in values``
    first: comparing a Decimal with None takes Decimal's slow path for foreign types."""
    try:
        return sum(values)
    except TypeError:
        return None


def _held(left: Decimal | None, right: Decimal | None) -> bool | None:
    """left == right, where both sides were read (None: not evaluated)."""
    return None if left is None or right is None else left == right


def application_identities(app: dict[str, dict[str, Decimal | None]]) -> Iterator[Identity]:
    """Every row has the table's columns (tables.read_applications), so cells are indexed.
    A broken identity's detail is written only then: most hold."""
    if not app:
        return
    columns = list(next(iter(app.values())))
    outcomes = spec.outcome_rows(app)
    outcome_cells = [app[r] for r in outcomes]
    sum_rows = ("outcome_total", *outcomes)
    blank = dict.fromkeys(columns)      # a row the table lacks: all NULL
    new_row, old_row = app.get("received_new", blank), app.get("carried_over", blank)
    total_row, fwd_row = app.get("outcome_total", blank), app.get("carried_forward", blank)
    for col in columns:
        total, new, old, fwd = total_row[col], new_row[col], old_row[col], fwd_row[col]
        held = _held(_sum((new, old)), _sum((total, fwd)))
        yield Identity("column_balance", "application", _BALANCE_ROWS, (col,), held,
                       f"application {col}: received_new {_fmt(new)} + carried_over {_fmt(old)} = "
                       f"{_fmt(new + old)}, but outcome_total {_fmt(total)} + carried_forward {_fmt(fwd)} = "
                       f"{_fmt(total + fwd)}" if held is False else "")
        if not outcome_cells:
            continue
        parts = [cells[col] for cells in outcome_cells]
        parts_sum = _sum(parts)
        held = _held(parts_sum, total)
        listed = " + ".join(f"{r} {_fmt(v)}" for r, v in zip(outcomes, parts) if v) if held is False else ""
        yield Identity("outcome_sum", "application", sum_rows, (col,), held,
                       f"application {col}: outcome_total is {_fmt(total)} but the outcome rows sum to "
                       f"{_fmt(parts_sum)} ({listed or 'all 0'})" if held is False else "")
    if "total" in columns and all(p in columns for p in spec.APPLICANT_PARTS):
        for row, cells in app.items():
            total, parts_sum = cells["total"], _sum(_applicant_parts(cells))
            held = _held(parts_sum, total)
            yield Identity("row_total", "application", (row,), _ROW_COLUMNS, held,
                           f"application {row}: total is {_fmt(total)} but the applicant columns sum to "
                           f"{_fmt(parts_sum)}" if held is False else "")


def review_identities(review: dict[str, dict[str, Decimal | None]]) -> Iterator[Identity]:
    for proc, cells in review.items():
        parts = [cells.get(r) for r in _REVIEW_PARTS]
        total, parts_sum = cells.get("total"), _sum(parts)
        held = _held(parts_sum, total)
        yield Identity("review_total", "review_litigation", (proc,), _REVIEW_COLUMNS, held,
                       f"{proc}: upheld {_fmt(parts[0])} + corrected {_fmt(parts[1])} + other {_fmt(parts[2])} + "
                       f"pending {_fmt(parts[3])} = {_fmt(parts_sum)}, but the stated total is {_fmt(total)}"
                       if held is False else "")


def check_application(app: dict[str, dict[str, Decimal | None]]) -> list[Flag]:
    return [i.flag() for i in application_identities(app) if i.held is False]


def check_review(review: dict[str, dict[str, Decimal | None]]) -> list[Flag]:
    return [i.flag() for i in review_identities(review) if i.held is False]


def missing_columns(app: dict[str, dict[str, Decimal | None]],
                    review: dict[str, dict[str, Decimal | None]]) -> list[Flag]:
    """The form's columns that a table read has not at all (its header names fewer: a page printed on
    paper narrower than it, its last columns cut off at the margin, or a report that leaves one out):
    their cells are NULL, and this says so, naming them."""
    flags = []
    for section, label, table, columns in (("application", "三", app, [c.code for c in spec.APPLICANT_COLUMNS]),
                                           ("review_litigation", "四", review, [r.code for r in spec.RESULTS])):
        absent = [col for col in columns if table and not any(col in cells for cells in table.values())]
        if absent:
            flags.append(Flag("columns_missing", f"section {label}: the table has {len(columns) - len(absent)} of the "
                              f"form's {len(columns)} columns; {', '.join(absent)} are not in it (cut off at the "
                              "page's edge, or left out), so their cells are NULL",
                              cells=tuple((section, row, col) for row in table for col in absent)))
    return flags
