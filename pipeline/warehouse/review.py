"""What the warehouse made of the review decisions: counts by outcome and one readable line per
decision that did not apply and per line that is no decision (for a run's notes and ogi status)."""
from __future__ import annotations

import duckdb

from .db import run


def has_review_tables(con: duckdb.DuckDBPyConnection) -> bool:
    """False on a warehouse no load of this version has written yet (nothing reviewed there)."""
    return run(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'review_decision'")[0][0] > 0


def review_outcomes(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Decisions per outcome (applied, report_missing, …) and 'malformed' lines, the non-zero ones."""
    counts = dict(run(con, "SELECT outcome, count(*) FROM review_decision GROUP BY outcome ORDER BY outcome <> 'applied', outcome"))
    malformed = run(con, "SELECT count(*) FROM review_problem")[0][0]
    return {**counts, **({"malformed": malformed} if malformed else {})}


def review_lines(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The stale decisions and the malformed lines, each as file:line, what, why."""
    stale = run(con, """SELECT file || ':' || line || ' ' || outcome || ': ' || outcome_detail FROM review_decision
                        WHERE outcome <> 'applied' ORDER BY file, line""")
    bad = run(con, "SELECT file || ':' || line || ' malformed: ' || reason FROM review_problem ORDER BY file, line")
    return [f"review {text}" for (text,) in stale + bad]


def describe_outcomes(outcomes: dict[str, int]) -> str:
    """'3 applied, 1 report_missing, 2 malformed', or 'none'."""
    return ", ".join(f"{n} {outcome}" for outcome, n in outcomes.items()) or "none"
