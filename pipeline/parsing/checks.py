"""The accounting identities of CONTRACT.md, evaluated on what was read. They flag; they never fix."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from operator import itemgetter

from . import spec
from .flags import Flag

_applicant_parts = itemgetter(*spec.APPLICANT_PARTS)
_REVIEW_PARTS = ("upheld", "corrected", "other", "pending")


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral() else str(v)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    """The values' sum; None when one is missing (None does not add). Not ``None in values``
    first: comparing a Decimal with None takes Decimal's slow path for foreign types."""
    try:
        return sum(values)
    except TypeError:
        return None


def _app(rows, columns) -> tuple[tuple[str, str, str], ...]:
    return tuple(("application", row, col) for row in rows for col in columns)


def check_application(app: dict[str, dict[str, Decimal | None]]) -> list[Flag]:
    """Every row has the table's columns (tables.read_applications), so cells are indexed."""
    if not app:
        return []
    flags: list[Flag] = []
    columns = list(next(iter(app.values())))
    outcomes = spec.outcome_rows(app)
    outcome_cells = [app[r] for r in outcomes]
    blank = dict.fromkeys(columns)      # a row the table lacks: all NULL
    new_row, old_row = app.get("received_new", blank), app.get("carried_over", blank)
    total_row, fwd_row = app.get("outcome_total", blank), app.get("carried_forward", blank)
    for col in columns:
        total = total_row[col]
        if total is None:
            continue        # both column identities need the outcome total
        new, old, fwd = new_row[col], old_row[col], fwd_row[col]
        if new is not None and old is not None and fwd is not None and new + old != total + fwd:
            flags.append(Flag("column_balance", f"application {col}: received_new {_fmt(new)} + carried_over "
                              f"{_fmt(old)} = {_fmt(new + old)}, but outcome_total {_fmt(total)} + "
                              f"carried_forward {_fmt(fwd)} = {_fmt(total + fwd)}",
                              cells=_app(("received_new", "carried_over", "outcome_total", "carried_forward"), [col])))
        if not outcome_cells:
            continue
        parts = [cells[col] for cells in outcome_cells]
        parts_sum = _sum(parts)
        if parts_sum is not None and parts_sum != total:
            listed = " + ".join(f"{r} {_fmt(v)}" for r, v in zip(outcomes, parts) if v)
            flags.append(Flag("outcome_sum", f"application {col}: outcome_total is {_fmt(total)} but the "
                              f"outcome rows sum to {_fmt(parts_sum)} ({listed or 'all 0'})",
                              cells=_app(("outcome_total", *outcomes), [col])))
    if "total" in columns and all(p in columns for p in spec.APPLICANT_PARTS):
        for row, cells in app.items():
            total, parts_sum = cells["total"], _sum(_applicant_parts(cells))
            if total is not None and parts_sum is not None and parts_sum != total:
                flags.append(Flag("row_total", f"application {row}: total is {_fmt(total)} but the "
                                  f"applicant columns sum to {_fmt(parts_sum)}",
                                  cells=_app([row], ["total", *spec.APPLICANT_PARTS])))
    return flags


def check_review(review: dict[str, dict[str, Decimal | None]]) -> list[Flag]:
    flags: list[Flag] = []
    for proc, cells in review.items():
        parts = [cells.get(r) for r in _REVIEW_PARTS]
        total, parts_sum = cells.get("total"), _sum(parts)
        if total is not None and parts_sum is not None and parts_sum != total:
            flags.append(Flag("review_total", f"{proc}: upheld {_fmt(parts[0])} + corrected {_fmt(parts[1])} + "
                              f"other {_fmt(parts[2])} + pending {_fmt(parts[3])} = {_fmt(parts_sum)}, "
                              f"but the stated total is {_fmt(total)}",
                              cells=tuple(("review_litigation", proc, r) for r in ("total", *_REVIEW_PARTS))))
    return flags
