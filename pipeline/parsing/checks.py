"""The accounting identities of CONTRACT.md, evaluated on what was read. They flag; they never fix."""
from __future__ import annotations

from decimal import Decimal

from . import spec
from .tables import Flag

def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral() else str(v)


def _known(*values) -> bool:
    return all(v is not None for v in values)


def check_application(app: dict[str, dict[str, Decimal | None]]) -> list[Flag]:
    flags: list[Flag] = []
    columns = list(next(iter(app.values())).keys()) if app else []
    outcomes = spec.outcome_rows(app)
    for col in columns:
        get = lambda row: app.get(row, {}).get(col)   # noqa: E731
        new, old, total, fwd = get("received_new"), get("carried_over"), get("outcome_total"), get("carried_forward")
        if _known(new, old, total, fwd) and new + old != total + fwd:
            flags.append(Flag("column_balance", f"application {col}: received_new {_fmt(new)} + carried_over "
                              f"{_fmt(old)} = {_fmt(new + old)}, but outcome_total {_fmt(total)} + "
                              f"carried_forward {_fmt(fwd)} = {_fmt(total + fwd)}"))
        parts = [get(r) for r in outcomes]
        if total is not None and parts and _known(*parts) and sum(parts) != total:
            listed = " + ".join(f"{r} {_fmt(v)}" for r, v in zip(outcomes, parts) if v)
            flags.append(Flag("outcome_sum", f"application {col}: outcome_total is {_fmt(total)} but the "
                              f"outcome rows sum to {_fmt(sum(parts))} ({listed or 'all 0'})"))
    if "total" in columns and all(p in columns for p in spec.APPLICANT_PARTS):
        for row, cells in app.items():
            parts = [cells[p] for p in spec.APPLICANT_PARTS]
            if _known(cells["total"], *parts) and sum(parts) != cells["total"]:
                flags.append(Flag("row_total", f"application {row}: total is {_fmt(cells['total'])} but the "
                                  f"applicant columns sum to {_fmt(sum(parts))}"))
    return flags


def check_review(review: dict[str, dict[str, Decimal | None]]) -> list[Flag]:
    flags: list[Flag] = []
    for proc, cells in review.items():
        parts = [cells.get(r) for r in ("upheld", "corrected", "other", "pending")]
        total = cells.get("total")
        if _known(total, *parts) and sum(parts) != total:
            flags.append(Flag("review_total", f"{proc}: upheld {_fmt(parts[0])} + corrected {_fmt(parts[1])} + "
                              f"other {_fmt(parts[2])} + pending {_fmt(parts[3])} = {_fmt(sum(parts))}, "
                              f"but the stated total is {_fmt(total)}"))
    return flags
