"""`ogi status`: an operator's view of the published warehouse (read-only, never blocks a load)."""
from __future__ import annotations

from pathlib import Path

from tabulate import tabulate

from .. import parser_version
from ..names import printable
from .db import has_column, run
from .review import describe_outcomes, has_review_tables, review_lines, review_outcomes
from .sql import run_file
from .stats import connect_readonly

MAX_REVIEW_LINES = 50


def status_report(warehouse: Path) -> str:
    con = connect_readonly(warehouse)
    try:
        reviewed = has_review_tables(con)
        if not reviewed:      # no load of this version yet: nothing reviewed, every flag stands
            run(con, "CREATE TEMP VIEW v_issue AS SELECT * FROM report_issue")
        years, rules, reasons = (run_file(con, f"queries/status_{q}") for q in ("years", "flags", "quarantine"))
        files = run(con, "SELECT count(*), max(last_seen_at) FROM source_file")[0]
        has_view = run(con, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'v_removed_source'")[0][0]
        removed = run(con, "SELECT count(*) FROM v_removed_source")[0][0] if has_view else 0
        several = (run(con, "SELECT count(*) FROM v_report WHERE files > 1")[0][0]
                   if has_column(con, "v_report", "files") else 0)
        older = (run(con, "SELECT count(*) FROM dim_report WHERE parser_version IS DISTINCT FROM $v",
                     {"v": parser_version.current()})[0][0] if has_column(con, "dim_report", "parser_version")
                 else run(con, "SELECT count(*) FROM dim_report")[0][0])
        outcomes, stale = (review_outcomes(con), review_lines(con)) if reviewed else ({}, [])
    finally:
        con.close()
    parts = [f"{warehouse}: {files[0]} raw files known, last load {files[1]}",
             tabulate(years, headers=["year", "current", "superseded", "flagged", "merged", "conflicting"], tablefmt="simple"),
             "flags (current reports with a warning, by rule; not the flags a review dismissed):",
             tabulate(rules, headers=["rule", "reports"], tablefmt="simple") if rules else "  none",
             "quarantine (files not loaded, by reason):",
             tabulate(reasons, headers=["reason", "files"], tablefmt="simple") if reasons else "  none",
             f"current reports read from several files (v_report.files, v_report_source): {several}",
             f"reports whose raw files were all removed (kept, see v_removed_source): {removed}",
             f"reports read by an older parser than this one ({parser_version.current()}): {older} "
             "(re-read by the next run where their file is still there; report_reparse says what changed)",
             f"review decisions (review_decision): {describe_outcomes(outcomes)}"]
    parts += [f"  {printable(line)}" for line in stale[:MAX_REVIEW_LINES]]
    if len(stale) > MAX_REVIEW_LINES:
        parts.append(f"  … {len(stale) - MAX_REVIEW_LINES} more (review_decision WHERE outcome <> 'applied', review_problem)")
    return "\n".join(parts)
